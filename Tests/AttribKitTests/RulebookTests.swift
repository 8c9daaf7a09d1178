@testable import AttribKit
import Foundation
import Testing

/// Rule files that are wrong, or that try to be more than data, fail at load with file:line:column.
struct RulebookTests {
    /// A copy of Rules/ plus one extra file, in a temporary folder.
    func rules(with extra: String) throws -> String {
        let dir = NSTemporaryDirectory() + "attrib-rules-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Support.root + "/Rules") {
            try FileManager.default.copyItem(atPath: Support.root + "/Rules/" + name, toPath: dir + "/" + name)
        }
        try extra.write(toFile: dir + "/zz-extra.yml", atomically: true, encoding: .utf8)
        return dir
    }

    /// An analyzer over Rules/ plus one extra file (the folder is gone once the rules are read).
    func analyzer(with extra: String) throws -> Analyzer {
        let dir = try rules(with: extra)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return Analyzer(rulebook: try Rulebook.load(directory: dir))
    }

    func loadError(_ extra: String) throws -> String {
        let dir = try rules(with: extra)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try Rulebook.load(directory: dir)
            return "loaded"
        } catch {
            return error.description.replacingOccurrences(of: dir + "/", with: "")
        }
    }

    @Test func malformedYAMLNamesLineAndColumn() throws {
        let message = try loadError("rules:\n  - id: x\n    words: [a, b\n")
        #expect(message.hasPrefix("zz-extra.yml:4:1: malformed YAML"), "\(message)")
    }

    @Test func unknownCategoryIsRefusedWhereItStands() throws {
        let message = try loadError("rules:\n  - id: odd\n    category: gossip\n    words: [x]\n")
        #expect(message.hasPrefix("zz-extra.yml:3:15: rule 'odd': unknown category 'gossip'"), "\(message)")
    }

    @Test(arguments: ["include: ../../etc/passwd", "url: https://example.com/rules.yml", "command: rm -rf /"])
    func rulesCannotReferenceFilesURLsOrPrograms(_ line: String) throws {
        let message = try loadError("rules:\n  - id: sneaky\n    category: cue-verb\n    words: [said]\n    \(line)\n")
        #expect(message.hasPrefix("zz-extra.yml:5:5: unknown key"), "\(message)")
        #expect(message.contains("rules cannot include files or URLs"))
    }

    @Test func patternThatDoesNotCompileNamesItsLineAndPCRE2sMessage() throws {
        let message = try loadError("rules:\n  - id: broken\n    category: claim-figure\n    patterns:\n      - 'fine'\n      - '(unclosed'\n")
        #expect(message.hasPrefix("zz-extra.yml:6:9: rule 'broken': missing closing parenthesis"), "\(message)")
    }

    @Test func calloutsAreRefused() throws {
        let message = try loadError("rules:\n  - id: callout\n    category: claim-figure\n    patterns: ['a(?C1)b']\n")
        #expect(message.hasPrefix("zz-extra.yml:4:16: rule 'callout': PCRE2 callouts"), "\(message)")
    }

    @Test func aPrefilterGatesItsGroupsPatterns() throws {
        let analyzer = try analyzer(with: "rules:\n  - id: convoys\n    category: claim-figure\n    prefilter: '\\d'\n    patterns: ['convoys?']\n")
        func fired(_ text: String) throws -> Bool {
            try analyzer.analyze(path: "x.txt", bytes: Array(text.utf8)).firedRules.contains("convoys")
        }
        #expect(try fired("Two convoys left the port at dawn, carrying 40 trucks."))
        #expect(try !fired("Two convoys left the port at dawn, carrying trucks."))
    }

    /// The words of `text` that one lexicon pattern group hits, as the sieve sees them.
    func patternHits(_ group: RuleGroup, in text: String) throws -> [String] {
        let rulebook = try Rulebook(groups: [group])
        let bytes = Array(text.utf8)
        let document = try Document.read(path: "x.txt", bytes: bytes, rulebook: rulebook)
        return bytes.withUnsafeBufferPointer { b in
            let scratch = MatchScratch()
            let paragraphs = Segmenter(rulebook: rulebook, scratch: scratch, trace: RuleTrace()).paragraphs(of: document, bytes: b)
            return paragraphs.flatMap { p in
                p.tokens.withUnsafeBufferPointer { tokens in
                    Lexicon.hits(tokens: tokens, range: p.range, bytes: b, rulebook: rulebook, scratch: scratch).map { hit in
                        String(decoding: b[tokens[hit.tokens.lowerBound].start..<tokens[hit.tokens.upperBound - 1].end], as: UTF8.self)
                    }
                }
            }
        }
    }

    func frames(startingWith words: [String]) -> RuleGroup {
        RuleGroup(id: "frames", category: .cueFrame, description: "", words: [], lemmas: [],
                  patterns: ["(?:under|in)\\s+the\\s+(?:deal|plan)"], prefilter: nil, startsWith: words, gender: nil,
                  entities: [], caseSensitive: false, severity: nil, examples: RuleGroup.Examples())
    }

    @Test func patternsWithStartsWithAreTriedAtThoseWordsOnly() throws {
        let text = "Under the deal, troops leave. In the plan, they stay.\n\nWithin the deal, nothing under the plan changed.\n"
        let scanned = try patternHits(frames(startingWith: []), in: text)
        #expect(scanned == ["Under the deal", "In the plan", "under the plan"])
        // Listed words in any case give the same hits as the scan of every paragraph.
        #expect(try patternHits(frames(startingWith: ["under", "IN"]), in: text) == scanned)
        // A word left off the list is never tried: the list is a promise about the patterns.
        #expect(try patternHits(frames(startingWith: ["under"]), in: text) == ["Under the deal", "under the plan"])
    }

    @Test(arguments: [
        ("    category: cue-frame\n    starts-with: [under]\n    words: [under]\n", "4:18: rule 'frames': 'starts-with' needs 'patterns' to start"),
        ("    category: cue-frame\n    patterns: ['under\\s+the']\n    starts-with: [under the]\n",
         "5:18: rule 'frames': 'starts-with' lists single words, not 'under the'"),
        ("    category: claim-figure\n    patterns: ['under\\s+\\d+']\n    starts-with: [under]\n",
         "5:18: rule 'frames': 'starts-with' applies only to the patterns of cue, source and adverbial groups"),
    ])
    func startsWithIsRefusedWhereItCannotWork(_ body: String, _ expected: String) throws {
        let message = try loadError("rules:\n  - id: frames\n" + body)
        #expect(message.hasPrefix("zz-extra.yml:" + expected), "\(message)")
    }

    /// Rule files that are plainly well formed skip Yams' Node tree (RuleEvents): the groups and
    /// pattern places must be exactly those the composer gives, for every shipped file and for
    /// the spellings YAML allows (quoted, block and flow lists, a yes/no boolean).
    @Test func theEventReaderReadsRuleFilesAsTheComposerDoes() throws {
        var files: [(String, String)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: Support.root + "/Rules").sorted() where name.hasSuffix(".yml") {
            files.append((name, try String(contentsOfFile: Support.root + "/Rules/" + name, encoding: .utf8)))
        }
        files.append(("spellings.yml", """
            rules:
              - id: "quoted-id"
                category: cue-verb
                case-sensitive: yes
                description: >-
                  Folded
                  text.
                words:
                  - 'single'
                  - "double \\" quote"
                  - plain words
                patterns: ['a\\s+b', 'c\\d']
                starts-with: [a, c]
                severity: warning
                examples: {trigger: ["a b"], ignore: []}
              - id: outlets-x
                category: outlet
                entities:
                  - {name: The Times, aliases: [Times, NYT]}
                  - name: Reuters
            """))
        for (name, yaml) in files {
            var fast = RuleFileValidator(file: name), full = RuleFileValidator(file: name)
            try fast.validate(yaml)
            try full.validate(yaml, eventReader: false)
            #expect(RuleEvents.read(yaml) != nil, "\(name) should take the event reader")
            var a = "", b = ""
            dump((fast.groups, fast.patternMarks.sorted { $0.key < $1.key }), to: &a)
            dump((full.groups, full.patternMarks.sorted { $0.key < $1.key }), to: &b)
            #expect(a == b, "\(name)")
        }
    }

    @Test func anUnknownGenderIsRefusedWhereItStands() throws {
        let message = try loadError("rules:\n  - id: odd-titles\n    category: title\n    gender: plural\n    words: [Mx.]\n")
        #expect(message.hasPrefix("zz-extra.yml:4:13: rule 'odd-titles': expected a gender: male or female"), "\(message)")
    }

    @Test func aPrefilterThatDoesNotCompileNamesItsRule() throws {
        let message = try loadError("rules:\n  - id: gate\n    category: claim-figure\n    prefilter: '(unclosed'\n    patterns: ['x']\n")
        #expect(message.contains("rule 'gate': missing closing parenthesis"), "\(message)")
    }

    @Test func catastrophicBacktrackingStopsAtTheMatchLimitAndIsAnErrorFinding() throws {
        let analyzer = try analyzer(with: "rules:\n  - id: slow\n    category: claim-figure\n    patterns: ['(a+)+$']\n")
        let text = "Storm hits the coast\n" + String(repeating: "a", count: 40) + "b ran."
        let started = Date()
        let analysis = try analyzer.analyze(path: "x.txt", bytes: Array(text.utf8))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(analysis.findings.contains { $0.rule == "rule-limit" && $0.severity == .error })
    }
}
