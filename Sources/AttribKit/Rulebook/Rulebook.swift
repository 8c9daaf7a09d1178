import Foundation
import Yams

/// The rulebook: every group from Rules/*.yml, each compiled once into one PCRE2 pattern.
public final class Rulebook: Sendable {
    public let groups: [CompiledRule]
    /// Literal words of every group, for the per-token lexicon look-up.
    let literals: LiteralIndex
    /// Groups with raw patterns, which the lexicon still matches with PCRE2.
    let patternRules: [CompiledRule]
    /// Those of them the paragraph lexicon runs.
    let lexiconPatternRules: [CompiledRule]
    /// Groups by category, as an array: looked up for every sentence.
    private let byCategoryIndex: [[CompiledRule]]
    /// Lower-cased alias or name → canonical name, for outlets and organisations.
    let canonicalNames: [String: String]
    /// Rule id → the gender its titles or roles give the person they introduce.
    let genderByRule: [String: RuleGroup.Gender]

    public init(groups: [RuleGroup]) throws(RulebookError) {
        var compiled: [CompiledRule] = []
        var seen = Set<String>()
        for g in groups {
            guard seen.insert(g.id).inserted else { throw RulebookError(file: "", message: "duplicate rule id '\(g.id)'") }
            do { compiled.append(try CompiledRule(g)) } catch {
                throw RulebookError(file: "", message: "rule '\(g.id)': \(error.message) at offset \(error.offset)", ruleID: g.id)
            }
        }
        self.groups = compiled
        literals = LiteralIndex(groups: compiled)
        patternRules = compiled.filter { !$0.group.patterns.isEmpty }
        lexiconPatternRules = patternRules.filter { Lexicon.categories.contains($0.group.category) && !Lexicon.literalOnly.contains($0.group.category) }
        byCategoryIndex = RuleCategory.allCases.map { c in compiled.filter { $0.group.category == c } }
        var names: [String: String] = [:]
        for c in compiled {
            for e in c.group.entities {
                names[e.name.lowercased()] = e.name
                for a in e.aliases { names[a.lowercased()] = e.name }
            }
        }
        canonicalNames = names
        genderByRule = Dictionary(uniqueKeysWithValues: compiled.compactMap { c in c.group.gender.map { (c.group.id, $0) } })
    }

    public func rules(_ category: RuleCategory) -> [CompiledRule] { byCategoryIndex[category.index] }

    func canonicalName(for phrase: String) -> String? { canonicalNames[phrase.lowercased()] }

    /// Loads every `*.yml` in `directory` in name order, then each extra file.
    public static func load(directory: String, extraFiles: [String] = []) throws(RulebookError) -> Rulebook {
        let fm = FileManager.default
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted() } catch {
            throw RulebookError(file: directory, message: "cannot read the rules folder")
        }
        if names.isEmpty { throw RulebookError(file: directory, message: "no .yml rule files") }
        var all: [RuleGroup] = []
        var marks: [String: (file: String, patterns: [Mark])] = [:]
        for path in names.map({ directory + "/" + $0 }) + extraFiles {
            let (groups, patternMarks) = try parseWithMarks(file: path)
            all += groups
            for (id, m) in patternMarks { marks[id] = (path, m) }
        }
        do { return try Rulebook(groups: all) } catch {
            // Point a pattern that does not compile at its line in its file.
            if let id = error.ruleID, let (file, patternMarks) = marks[id],
               let group = all.first(where: { $0.id == id }),
               let bad = group.patterns.indices.first(where: { i in (try? Regex(group.patterns[i])) == nil }), bad < patternMarks.count {
                let mark = patternMarks[bad]
                throw RulebookError(file: "\(file):\(mark.line):\(mark.column)", message: error.message)
            }
            throw RulebookError(file: directory, message: error.message)
        }
    }

    static func parse(file: String) throws(RulebookError) -> [RuleGroup] { try parseWithMarks(file: file).0 }

    static func parseWithMarks(file: String) throws(RulebookError) -> ([RuleGroup], [String: [Mark]]) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RulebookError(file: file, message: "cannot read the file")
        }
        let yaml = String(decoding: data, as: UTF8.self)
        var validator = RuleFileValidator(file: file)
        try validator.validate(yaml)
        guard let node = validator.document else { return (try parse(yaml: yaml, file: file), validator.patternMarks) }
        return (try decode(file: file) { try YAMLDecoder().decode(RuleFile.self, from: node).rules }, validator.patternMarks)
    }

    private struct RuleFile: Decodable { let rules: [RuleGroup] }

    static func parse(yaml: String, file: String) throws(RulebookError) -> [RuleGroup] {
        try decode(file: file) { try YAMLDecoder().decode(RuleFile.self, from: yaml).rules }
    }

    private static func decode(file: String, _ body: () throws -> [RuleGroup]) throws(RulebookError) -> [RuleGroup] {
        do {
            return try body()
        } catch let error as YamlError {
            throw RuleFileValidator.syntaxError(error, file: file)
        } catch let error as DecodingError {
            throw RulebookError(file: file, message: describe(error))
        } catch {
            throw RulebookError(file: file, message: "\(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let ctx): return "missing key '\(key.stringValue)' at \(path(ctx.codingPath))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
            return "\(ctx.debugDescription) at \(path(ctx.codingPath))"
        @unknown default: return "\(error)"
        }
    }
}

/// A rule group with its words and patterns compiled into one alternation.
public final class CompiledRule: Sendable {
    public let group: RuleGroup
    /// The group's raw patterns as one PCRE2 alternation; its literal words are looked up by
    /// hash (LiteralIndex), so a group without patterns compiles nothing.
    public let patternRegex: Regex?
    /// The group's `prefilter`, compiled as written.
    public let prefilterRegex: Regex?

    /// Unanchored patterns match whole words; a pattern that starts with `^` is left anchored
    /// so PCRE2 tries it at the subject's start only.
    init(_ group: RuleGroup) throws(RegexError) {
        self.group = group
        // One word-boundary test around the whole alternation rather than one per pattern: the
        // look-behind then runs once per candidate position (a fifth less time on claim rules).
        let anchored = group.patterns.filter { $0.hasPrefix("^") }.map { "(?:\($0))" }
        let free = group.patterns.filter { !$0.hasPrefix("^") }.map { "(?:\($0))" }
        let wrapped = free.isEmpty ? [] : ["(?<![\\w-])(?:" + free.joined(separator: "|") + ")(?![\\w])"]
        let all = anchored + wrapped
        patternRegex = all.isEmpty ? nil : try Regex(all.joined(separator: "|"), options: group.caseSensitive ? [] : [.caseless])
        prefilterRegex = try group.prefilter.map { p throws(RegexError) in try Regex(p, options: group.caseSensitive ? [] : [.caseless]) }
    }

    /// Whether the group matches all of `bytes`: a listed one-word literal, or one of its patterns.
    func matchesWhole(_ bytes: UnsafeBufferPointer<UInt8>, literals: LiteralIndex, scratch: MatchScratch) -> Bool {
        if bytes.count <= literals.longestWord {
            let h = WordHash.both(bytes, 0..<bytes.count)
            let (exact, caseless) = literals.entries(exact: h.exact, lower: h.lower)
            for run in [exact, caseless] {
                for i in run where literals.entries[i].wordCount == 1 && group.id == literals.ruleID(literals.entries[i]) { return true }
            }
        }
        return patternRegex?.firstMatch(in: bytes, from: 0, scratch: scratch) == 0..<bytes.count
    }

    /// A literal phrase as a pattern: metacharacters escaped, any run of spaces matches any
    /// white space, and straight and curly apostrophes match each other.
    static func literal(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case " ": out += "\\s+"
            case "'", "’": out += "['’]"
            case "\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}", "/", "-", "#":
                out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }
}

/// A rule file that cannot be loaded, naming the file and what is wrong.
public struct RulebookError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String
    /// The rule group at fault, when one is.
    public var ruleID: String? = nil
    public var description: String { file.isEmpty ? message : "\(file): \(message)" }
}
