import Foundation
import Testing

/// Configuration that extends the rulebook (`sources`, `cues`, `vague`, `rule-files`),
/// `--stdin-filename`, `--changed-since` and progress, end to end on the built binary.
struct ExtrasTests {
    let cli = CommandLineTests()
    let config = ConfigTests()

    /// Line 3: an alias; line 5: an unlisted verb; line 7: an unlisted collective source.
    static let story = "Storm hits the coast\n\nThe port will close on Monday, HSB said.\n\n"
        + "The ferry will stop on Sunday, the mayor grumbled.\n\nThe bridge will reopen in June, boatmen said.\n"

    func speakers(_ jsonl: String) throws -> [(speaker: String?, cue: String)] {
        let line = try #require(jsonl.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let attributions = try #require(object["attributions"] as? [[String: Any]])
        return attributions.map { ($0["speaker"] as? String, $0["cue_text"] as? String ?? "") }
    }

    // MARK: sources, cues, vague

    @Test func aliasFromConfigurationResolvesToItsCanonicalName() throws {
        let dir = try config.folder(["a.txt": Self.story])
        let before = try speakers(try cli.run(["extract", "a.txt"], cwd: dir).stdout)
        #expect(!before.contains { $0.speaker == "Harbour Safety Board" })
        try "sources:\n  \"Harbour Safety Board\": [HSB, Harbour Board]\n".write(toFile: dir + "/.attrib.yml", atomically: true, encoding: .utf8)
        let r = try cli.run(["extract", "a.txt"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(try speakers(r.stdout).contains { $0.speaker == "Harbour Safety Board" && $0.cue == "said" })
    }

    @Test func extraCueVerbProducesAnAttribution() throws {
        let dir = try config.folder(["a.txt": Self.story])
        let before = try cli.run(["check", "a.txt"], cwd: dir)
        #expect(before.stdout.contains("a.txt:5:21: warning: recent event \"on Sunday\" has no source [unattributed-claim]"))
        try "cues: [grumble]\n".write(toFile: dir + "/.attrib.yml", atomically: true, encoding: .utf8)
        let after = try cli.run(["check", "a.txt"], cwd: dir)
        #expect(after.status == 0)
        #expect(!after.stdout.contains("unattributed-claim"))
        #expect(try speakers(try cli.run(["extract", "a.txt"], cwd: dir).stdout).contains { $0.speaker == "the mayor" && $0.cue == "grumbled" })
    }

    @Test func extraVagueTermProducesAVagueSourceFinding() throws {
        let dir = try config.folder(["a.txt": Self.story, ".attrib.yml": "vague: [boatmen]\n"])
        let r = try cli.run(["check", "--fail-on", "warning", "a.txt"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("a.txt:7:33: warning: vague source \"boatmen\" [vague-source]"))
        let without = try cli.run(["check", "--config", "/dev/null", "a.txt"], cwd: dir)
        #expect(!without.stdout.contains("vague-source"))
    }

    @Test func badExtraKeysAreErrorsWithLineAndColumn() throws {
        let cases: [(String, String)] = [
            ("cues: grumble\n", ".attrib.yml:1:7: cues must be a list of verb lemmas"),
            ("vague: {a: b}\n", ".attrib.yml:1:8: vague must be a list of terms"),
            ("sources: [HSB]\n", ".attrib.yml:1:10: sources must be a mapping of canonical names to lists of aliases"),
        ]
        for (yaml, message) in cases {
            let dir = try config.folder([".attrib.yml": yaml, "a.txt": Self.story])
            let r = try cli.run(["check", "a.txt"], cwd: dir)
            #expect(r.status == 2)
            #expect(r.stderr == "attrib: \(message)\n")
        }
    }

    @Test func configPrintNamesTheAddedRuleGroups() throws {
        let dir = try config.folder([".attrib.yml": "cues: [grumble]\nvague: [boatmen]\n", "a.txt": Self.story])
        let r = try cli.run(["config", "--print", "a.txt"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("# adds rule groups: config-cues, config-vague\n"))
    }

    // MARK: rule-files

    @Test func ruleFilesExtendTheRulebook() throws {
        let dir = try config.folder([
            "a.txt": Self.story,
            "house/cues.yml": "rules:\n  - id: house-cues\n    category: cue-verb\n    lemmas: [grumble]\n",
            ".attrib.yml": "rule-files: [house/cues.yml]\n",
        ])
        let r = try cli.run(["check", "a.txt"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(!r.stdout.contains("unattributed-claim"))
        // A folder with one configuration: every file uses the extended rulebook.
        try Self.story.write(toFile: dir + "/b.txt", atomically: true, encoding: .utf8)
        let both = try cli.run(["check", "--jobs", "2", "."], cwd: dir)
        #expect(both.status == 0)
        #expect(!both.stdout.contains("unattributed-claim"))
        #expect(both.stdout.contains("2 files checked"))
    }

    @Test func ruleFilesOutsideTheFolderOrURLsAreRefused() throws {
        let outside = try cli.tempDir()
        try "rules: []\n".write(toFile: outside + "/r.yml", atomically: true, encoding: .utf8)
        let cases: [(String, String)] = [
            ("rule-files: [../../etc/passwd]\n", ".attrib.yml:1:14: rule file '../../etc/passwd' is outside the configuration's folder"),
            ("rule-files:\n  - https://rules.invalid/house.yml\n",
             ".attrib.yml:2:5: rule-files cannot be URLs ('https://rules.invalid/house.yml'); give a path inside the configuration's folder"),
            ("rule-files: [/etc/passwd]\n", ".attrib.yml:1:14: rule-files must be relative to the configuration's folder, not '/etc/passwd'"),
            ("rule-files: [link.yml]\n", ".attrib.yml:1:14: rule file 'link.yml' leads outside the configuration's folder (a symbolic link); not read"),
            ("rule-files: [missing.yml]\n", ".attrib.yml:1:14: rule file 'missing.yml' does not exist or is not a file"),
        ]
        for (yaml, message) in cases {
            let dir = try config.folder([".attrib.yml": yaml, "a.txt": Self.story])
            try FileManager.default.createSymbolicLink(atPath: dir + "/link.yml", withDestinationPath: outside + "/r.yml")
            let r = try cli.run(["check", "a.txt"], cwd: dir)
            #expect(r.status == 2)
            #expect(r.stdout == "")
            #expect(r.stderr == "attrib: \(message)\n")
        }
    }

    @Test func malformedRuleFileIsReportedAtItsLineAndColumn() throws {
        let dir = try config.folder([
            "a.txt": Self.story,
            "house.yml": "rules:\n  - id: house\n    category: cue-verb\n    include: other.yml\n",
            ".attrib.yml": "rule-files: [house.yml]\n",
        ])
        let r = try cli.run(["check", "a.txt"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("attrib: house.yml:4:5: unknown key 'include'"))
        try "rules:\n  - id: speech-verbs\n    category: cue-verb\n".write(toFile: dir + "/house.yml", atomically: true, encoding: .utf8)
        let duplicate = try cli.run(["check", "a.txt"], cwd: dir)
        #expect(duplicate.status == 2)
        #expect(duplicate.stderr == "attrib: .attrib.yml: duplicate rule id 'speech-verbs'\n")
    }

    // MARK: --stdin-filename

    static let markdown = "Storm\n\nThe port handled 9,000 ships in March.\n\n```\nThe port handled 7,000 ships in May.\n```\n"

    @Test func stdinFilenameNamesTheInputAndPicksTheFormat() throws {
        let dir = try config.folder(["x.txt": "x"])
        let md = try cli.run(["check", "--stdin-filename", "story.md", "-"], stdin: Self.markdown, cwd: dir)
        #expect(md.status == 0)
        #expect(config.lines(md.stdout) == ["story.md:3:18: warning: figure \"9,000\" has no source [unattributed-claim]",
                                             "1 file checked: 0 errors, 1 warning, 0 info; 1 statements, 0% attributed"])
        // As plain text the code block is prose too.
        let txt = try cli.run(["check", "--stdin-filename", "story.txt", "-"], stdin: Self.markdown, cwd: dir)
        #expect(txt.stdout.contains("story.txt:6:18: warning: figure \"7,000\" has no source [unattributed-claim]"))
        let jsonl = try cli.run(["extract", "--stdin-filename", "drafts/story.md", "-"], stdin: Self.markdown, cwd: dir)
        #expect(jsonl.status == 0)
        #expect(jsonl.stdout.hasPrefix("{\"path\":\"drafts/story.md\",\"doc\":\"story\""))
    }

    @Test func stdinFilenameUsesTheNearestConfigurationAboveTheName() throws {
        let dir = try config.folder(["news/.attrib.yml": "rules:\n  unattributed-claim: off\n", "x.txt": "x"])
        let inNews = try cli.run(["check", "--stdin-filename", "news/story.md", "-"], stdin: Self.markdown, cwd: dir)
        #expect(inNews.status == 0)
        #expect(!inNews.stdout.contains("unattributed-claim"))
        let elsewhere = try cli.run(["check", "--stdin-filename", "story.md", "-"], stdin: Self.markdown, cwd: dir)
        #expect(elsewhere.stdout.contains("unattributed-claim"))
        let noDash = try cli.run(["check", "--stdin-filename", "story.md", "x.txt"], cwd: dir)
        #expect(noDash.status == 2)
        #expect(noDash.stderr.contains("--stdin-filename needs - among the paths"))
    }

    // MARK: --changed-since

    @discardableResult
    func git(_ args: [String], in dir: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-c", "user.name=attrib", "-c", "user.email=attrib@localhost", "-c", "init.defaultBranch=main"] + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test func changedSinceChecksOnlyChangedAndUntrackedFiles() throws {
        let dir = try config.folder(["a.txt": Self.story, "b.txt": Self.story, "sub/c.txt": Self.story])
        try git(["init", "-q", "."], in: dir)
        try git(["add", "."], in: dir)
        #expect(try git(["commit", "-q", "-m", "start"], in: dir) == 0)
        try (Self.story + "\nThe harbour will be dredged next year.\n").write(toFile: dir + "/b.txt", atomically: true, encoding: .utf8)
        try Self.story.write(toFile: dir + "/sub/new.txt", atomically: true, encoding: .utf8)
        try Self.story.write(toFile: dir + "/skipped.txt", atomically: true, encoding: .utf8)
        try "skipped.txt\n".write(toFile: dir + "/.gitignore", atomically: true, encoding: .utf8)
        let r = try cli.run(["check", "--changed-since", "HEAD", "."], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let files = Set(config.lines(r.stdout).dropLast().map { String($0.prefix { $0 != ":" }) })
        #expect(files == ["./b.txt", "./sub/new.txt"])
        #expect(r.stdout.contains("2 files checked"))
        // From a subfolder, with explicit files.
        let sub = try cli.run(["check", "--changed-since", "HEAD", "c.txt", "new.txt", "../a.txt"], cwd: dir + "/sub")
        #expect(sub.stdout.contains("1 file checked"))
        #expect(sub.stdout.contains("new.txt:5:21"))
    }

    @Test func changedSinceUnknownRefOrNoRepositoryIsAnError() throws {
        let dir = try config.folder(["a.txt": Self.story])
        try git(["init", "-q", "."], in: dir)
        try git(["add", "."], in: dir)
        try git(["commit", "-q", "-m", "start"], in: dir)
        let bad = try cli.run(["check", "--changed-since", "no-such-ref", "."], cwd: dir)
        #expect(bad.status == 2)
        #expect(bad.stdout == "")
        #expect(bad.stderr == "attrib: --changed-since: unknown git ref 'no-such-ref'\n")
        let plain = try config.folder(["a.txt": Self.story])
        let none = try cli.run(["check", "--changed-since", "HEAD", "."], cwd: plain)
        #expect(none.status == 2)
        #expect(none.stderr.hasPrefix("attrib: --changed-since: not in a git repository"))
    }

    // MARK: progress

    @Test func noProgressWhenStandardErrorIsNotATerminal() throws {
        var files: [String: String] = [:]
        for i in 1...12 { files["news/\(i).txt"] = Self.story }
        let dir = try config.folder(files)
        let r = try cli.run(["check", "news"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.contains("12 files checked"))
    }

    /// Under a pseudo-terminal (util-linux `script`), progress is drawn with \r and cleared;
    /// `--quiet` silences it. Skipped where `script` is missing.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressOnATerminalIsDrawnInPlaceAndCleared() throws {
        var files: [String: String] = [:]
        for i in 1...12 { files["news/\(i).txt"] = Self.story }
        let dir = try config.folder(files)
        let rules = CommandLineTests.root + "/Rules"
        func underTerminal(_ flags: String) throws -> String {
            let command = "ATTRIB_RULES='\(rules)' '\(CommandLineTests.binary)' check \(flags) news > /dev/null"
            return try cli.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], cwd: dir)
        }
        let shown = try underTerminal("")
        #expect(shown.contains("\rfiles") || shown.contains("\u{1B}[Kfiles 1 / 12"))
        #expect(shown.contains("files 12 / 12, "))
        #expect(shown.contains("MB/s"))
        #expect(shown.hasSuffix("\r\u{1B}[K"))
        #expect(try underTerminal("--quiet").isEmpty)
    }
}

extension CommandLineTests {
    /// Runs any program and returns its standard output.
    func runProgram(_ path: String, _ args: [String], cwd: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
