import Foundation
import Testing

/// `.attrib.yml`, `--config`, `attrib config --print`, inline suppressions and baselines, end to
/// end on the built binary in temporary folders: stdout, stderr and exit codes.
struct ConfigTests {
    let cli = CommandLineTests()

    /// Headline, a vague source (line 3, warning) and an unattributed figure (line 5:18, warning).
    static let story = "Storm hits the coast\n\nOfficials said the bridge would close on Monday.\n\nThe port handled 9,000 ships in March.\n"

    func folder(_ files: [String: String]) throws -> String {
        let dir = try cli.tempDir()
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    func lines(_ s: String) -> [String] { s.split(separator: "\n").map(String.init) }

    // MARK: Configuration

    @Test func nearestConfigurationWinsPerFileNotTheWorkingFolder() throws {
        let dir = try folder([
            ".attrib.yml": "rules:\n  unattributed-claim:\n    severity: error\n",
            "a.txt": Self.story,
            "local/.attrib.yml": "rules:\n  unattributed-claim:\n    severity: info\n",
            "local/b.txt": Self.story,
            // The working folder's configuration must not apply to files elsewhere.
            "cwd/.attrib.yml": "rules:\n  unattributed-claim:\n    severity: off\n  vague-source:\n    severity: off\n",
        ])
        let r = try cli.run(["check", dir + "/a.txt", dir + "/local/b.txt"], cwd: dir + "/cwd")
        #expect(r.status == 1)
        #expect(r.stderr == "")
        let out = lines(r.stdout)
        #expect(out.contains(dir + "/a.txt:5:18: error: figure \"9,000\" has no source [unattributed-claim]"))
        #expect(out.contains(dir + "/local/b.txt:5:18: info: figure \"9,000\" has no source [unattributed-claim]"))
        #expect(out.contains(dir + "/a.txt:3:1: warning: vague source \"Officials\" [vague-source]"))
        #expect(out.last == "2 files checked: 1 error, 2 warnings, 1 info; 4 statements, 50% attributed")
    }

    @Test func unknownKeyIsAnErrorWithLineAndColumn() throws {
        let dir = try folder([".attrib.yml": "fail-on: warning\nbogus: 1\n", "a.txt": Self.story])
        let r = try cli.run(["check", "a.txt"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "attrib: .attrib.yml:2:1: unknown key 'bogus'; expected rules, fail-on, ignore, overrides, sources, cues, vague or rule-files\n")
    }

    @Test func malformedConfigurationsNameFileLineColumnAndWhatWasExpected() throws {
        let cases: [(String, String)] = [
            ("rules:\n  unattributed-claim:\n    severity: loud\n", ".attrib.yml:3:15: severity must be off, info, warning or error, not 'loud'"),
            ("rules:\n  no-such-rule: off\n", ".attrib.yml:2:3: unknown rule 'no-such-rule'; expected one of quote-without-speaker"),
            ("ignore: drafts\n", ".attrib.yml:1:9: ignore must be a list of globs"),
            ("fail-on: never\n", ".attrib.yml:1:10: fail-on must be info, warning or error, not 'never'"),
            ("rules: [unclosed\n", ".attrib.yml:2:1: malformed YAML: did not find expected ',' or ']'"),
            ("rules:\n  vague-source:\n    level: off\n", ".attrib.yml:3:5: unknown key 'level' for rule 'vague-source'; expected severity"),
        ]
        for (yaml, message) in cases {
            let dir = try folder([".attrib.yml": yaml, "a.txt": Self.story])
            let r = try cli.run(["check", "a.txt"], cwd: dir)
            #expect(r.status == 2, "\(yaml)")
            #expect(r.stdout == "")
            #expect(r.stderr.hasPrefix("attrib: " + message), "\(r.stderr)")
        }
    }

    /// The inputs are searched on a thread of their own while the rules load, except with one
    /// worker: both ways give the same files, errors and exit status.
    @Test(arguments: ["1", "2", "4"])
    func inputSearchIsTheSameAtAnyJobs(_ jobs: String) throws {
        let bad = try folder([".attrib.yml": "fail-on: never\n", "a.txt": Self.story])
        let r = try cli.run(["check", "--jobs", jobs, "a.txt"], cwd: bad)
        #expect(r.status == 2)
        #expect(r.stderr == "attrib: .attrib.yml:1:10: fail-on must be info, warning or error, not 'never'\n")
        let good = try folder([".attrib.yml": "ignore: [\"drafts/**\"]\n", "a.txt": Self.story, "drafts/b.txt": Self.story])
        let ok = try cli.run(["check", "--jobs", jobs, ".", "missing.txt"], cwd: good)
        #expect(ok.status == 2)
        #expect(ok.stderr == "attrib: missing.txt: no such file or folder\n")
        // The ignored draft is not read; the missing file is counted.
        #expect(ok.stdout == """
            ./a.txt:3:1: warning: vague source "Officials" [vague-source]
            ./a.txt:5:18: warning: figure "9,000" has no source [unattributed-claim]
            1 file checked: 0 errors, 2 warnings, 0 info; 2 statements, 50% attributed; 1 file could not be read

            """)
        // A broken rules folder is reported, not the search's findings.
        let r2 = try cli.run(["check", "--jobs", jobs, "--rules", good, "a.txt"], cwd: bad)
        #expect(r2.status == 2)
        #expect(r2.stderr == "attrib: \(good): not a rules folder (no cues.yml)\n")
    }

    @Test func offDropsARuleAndSeverityChangesIt() throws {
        let dir = try folder([
            ".attrib.yml": "rules:\n  vague-source:\n    severity: off\n  unattributed-claim:\n    severity: error\n",
            "a.txt": Self.story,
        ])
        let r = try cli.run(["check", "a.txt"], cwd: dir)
        #expect(r.status == 1)
        #expect(lines(r.stdout) == [
            "a.txt:5:18: error: figure \"9,000\" has no source [unattributed-claim]",
            "1 file checked: 1 error, 0 warnings, 0 info; 2 statements, 50% attributed",
        ])
    }

    @Test func failOnFromConfigurationAndTheCommandLineOverrides() throws {
        let dir = try folder([".attrib.yml": "fail-on: warning\n", "a.txt": Self.story])
        let fromConfig = try cli.run(["check", "a.txt"], cwd: dir)
        #expect(fromConfig.status == 1)
        #expect(fromConfig.stdout.contains("a.txt:5:18: warning: figure \"9,000\" has no source [unattributed-claim]"))
        let overridden = try cli.run(["check", "--fail-on", "error", "a.txt"], cwd: dir)
        #expect(overridden.status == 0)
        #expect(overridden.stderr == "")
    }

    @Test func ignoreGlobsSkipFilesSilently() throws {
        let dir = try folder([
            ".attrib.yml": "ignore:\n  - \"drafts/**\"\n  - \"*.tmp.txt\"\n",
            "a.txt": Self.story,
            "drafts/b.txt": Self.story,
            "notes/c.tmp.txt": Self.story,
        ])
        let r = try cli.run(["check", "."], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(!r.stdout.contains("drafts"))
        #expect(!r.stdout.contains("tmp"))
        #expect(lines(r.stdout).last == "1 file checked: 0 errors, 2 warnings, 0 info; 2 statements, 50% attributed")
    }

    @Test func overridesApplyToMatchingFilesAndLaterEntriesWin() throws {
        let dir = try folder([
            ".attrib.yml": """
            overrides:
              - files: "opinion/**"
                rules:
                  unattributed-claim: off
                  vague-source: error
              - files: "opinion/keep.txt"
                rules:
                  unattributed-claim: info
            """,
            "news/a.txt": Self.story,
            "opinion/b.txt": Self.story,
            "opinion/keep.txt": Self.story,
        ])
        let r = try cli.run(["check", "."], cwd: dir)
        #expect(r.status == 1)
        #expect(lines(r.stdout).dropLast() == [
            "./news/a.txt:3:1: warning: vague source \"Officials\" [vague-source]",
            "./news/a.txt:5:18: warning: figure \"9,000\" has no source [unattributed-claim]",
            "./opinion/b.txt:3:1: error: vague source \"Officials\" [vague-source]",
            "./opinion/keep.txt:3:1: error: vague source \"Officials\" [vague-source]",
            "./opinion/keep.txt:5:18: info: figure \"9,000\" has no source [unattributed-claim]",
        ])
    }

    @Test func explicitConfigAppliesToEveryInputIncludingStandardInput() throws {
        let dir = try folder([
            "team.yml": "rules:\n  vague-source: {severity: off}\n",
            "sub/.attrib.yml": "rules:\n  vague-source: {severity: error}\n",
            "sub/a.txt": Self.story,
        ])
        let r = try cli.run(["check", "--config", "team.yml", "sub/a.txt", "-"], stdin: Self.story, cwd: dir)
        #expect(r.status == 0)
        #expect(!r.stdout.contains("vague-source"))
        #expect(r.stdout.contains("<stdin>:5:18: warning: figure"))
        let missing = try cli.run(["check", "--config", "nope.yml", "sub/a.txt"], cwd: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr == "attrib: nope.yml: cannot read the configuration file\n")
    }

    @Test func configPrintShowsTheEffectiveConfigurationAndItsFile() throws {
        let dir = try folder([
            ".attrib.yml": "fail-on: warning\nignore: [\"drafts/**\"]\nrules:\n  vague-source: error\noverrides:\n  - files: \"opinion/**\"\n    rules: {unattributed-claim: off}\n",
            "opinion/b.txt": Self.story,
        ])
        let r = try cli.run(["config", "--print", "opinion/b.txt"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let out = lines(r.stdout)
        #expect(out.prefix(3) == ["# effective configuration for opinion/b.txt", "# from: .attrib.yml", "fail-on: warning"])
        #expect(r.stdout.contains("  unattributed-claim:\n    severity: off\n"))
        #expect(r.stdout.contains("  vague-source:\n    severity: error\n"))
        #expect(r.stdout.contains("  quote-without-speaker:\n    severity: error\n"))
        #expect(r.stdout.hasSuffix("ignore:\n  - \"drafts/**\"\n"))
        let ignored = try cli.run(["config", "--print", "drafts/x.txt"], cwd: dir)
        #expect(ignored.stdout.contains("# drafts/x.txt is ignored (matches \"drafts/**\")"))
        let none = try cli.run(["config", "--print", "."], cwd: try cli.tempDir())
        #expect(none.stdout.contains("# from: no .attrib.yml found (defaults)"))
    }

    // MARK: Suppressions

    @Test func plainTextDisableNextLine() throws {
        let dir = try folder(["a.txt": "Storm hits the coast\n\nOfficials said the bridge would close on Monday.\n\nattrib-disable-next-line unattributed-claim\nThe port handled 9,000 ships in March.\n"])
        let r = try cli.run(["check", "a.txt"], cwd: dir)
        #expect(r.status == 0)
        #expect(lines(r.stdout) == [
            "a.txt:3:1: warning: vague source \"Officials\" [vague-source]",
            "1 file checked: 0 errors, 1 warning, 0 info; 2 statements, 50% attributed",
        ])
    }

    @Test func markdownDisableEnableRegion() throws {
        let dir = try folder(["a.md": """
            # Storm hits the coast

            <!-- attrib-disable unattributed-claim vague-source -->
            Officials said the bridge would close on Monday.

            The port handled 9,000 ships in March.
            <!-- attrib-enable -->

            The airport handled 7,000 flights in April.

            """])
        let r = try cli.run(["check", "a.md"], cwd: dir)
        #expect(r.status == 0)
        #expect(lines(r.stdout) == [
            "a.md:9:21: warning: figure \"7,000\" has no source [unattributed-claim]",
            "1 file checked: 0 errors, 1 warning, 0 info; 3 statements, 33% attributed",
        ])
    }

    @Test func markdownDisableFileWithAndWithoutRules() throws {
        let body = "# Storm hits the coast\n\nOfficials said the bridge would close on Monday.\n\nThe port handled 9,000 ships in March.\n"
        let dir = try folder([
            "all.md": "<!-- attrib-disable-file -->\n" + body,
            "one.md": body + "\n<!-- attrib-disable-file vague-source -->\n",
        ])
        let all = try cli.run(["check", "all.md"], cwd: dir)
        #expect(lines(all.stdout) == ["1 file checked: 0 errors, 0 warnings, 0 info; 2 statements, 50% attributed"])
        let one = try cli.run(["check", "one.md"], cwd: dir)
        #expect(lines(one.stdout) == [
            "one.md:5:18: warning: figure \"9,000\" has no source [unattributed-claim]",
            "1 file checked: 0 errors, 1 warning, 0 info; 2 statements, 50% attributed",
        ])
    }

    @Test func htmlDisableNextLine() throws {
        let dir = try folder(["a.html": """
            <html><body><article>
            <p>Officials said the bridge would close on Monday.</p>
            <!-- attrib-disable-next-line -->
            <p>The port handled 9,000 ships in March.</p>
            </article></body></html>

            """])
        let r = try cli.run(["check", "a.html"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("a.html:2:4: warning: vague source \"Officials\" [vague-source]"))
        #expect(!r.stdout.contains("unattributed-claim"))
        #expect(!r.stdout.contains("superfluous"))
    }

    @Test func aSuppressionThatSuppressesNothingIsAnInfoFinding() throws {
        let dir = try folder([
            "a.txt": "Storm hits the coast\n\nattrib-disable-next-line unattributed-claim\nOfficials said the bridge would close on Monday.\n",
            "b.md": "# Storm\n\n<!-- attrib-disable quote-without-speaker -->\nThe port handled 9,000 ships in March.\n<!-- attrib-enable -->\n",
        ])
        let r = try cli.run(["check", "a.txt", "b.md"], cwd: dir)
        #expect(r.status == 0)
        let out = lines(r.stdout)
        #expect(out.contains("a.txt:3:1: info: attrib-disable-next-line unattributed-claim suppresses nothing [superfluous-suppression]"))
        #expect(out.contains("a.txt:4:1: warning: vague source \"Officials\" [vague-source]"))
        #expect(out.contains("b.md:3:1: info: attrib-disable quote-without-speaker suppresses nothing [superfluous-suppression]"))
        // Configurable like any rule.
        try "rules:\n  superfluous-suppression: off\n".write(toFile: dir + "/.attrib.yml", atomically: true, encoding: .utf8)
        let off = try cli.run(["check", "a.txt", "b.md"], cwd: dir)
        #expect(!off.stdout.contains("superfluous"))
    }

    // MARK: Baselines

    @Test func baselineRecordsFindingsAndThenReportsOnlyNewOnesAfterAnUnrelatedEdit() throws {
        let dir = try folder(["news/a.txt": Self.story])
        let write = try cli.run(["check", "--write-baseline", "baseline.json", "news"], cwd: dir)
        #expect(write.status == 0)
        #expect(write.stderr == "")
        #expect(write.stdout == "baseline: 2 findings written to baseline.json\n")
        let json = try String(contentsOfFile: dir + "/baseline.json", encoding: .utf8)
        #expect(json.contains("\"sentence\" : \"The port handled 9,000 ships in March.\""))
        #expect(json.contains("\"path\" : \"news/a.txt\""))
        #expect(json.contains("\"rule\" : \"vague-source\""))
        #expect(json.contains("\"count\" : 1"))

        let same = try cli.run(["check", "--fail-on", "warning", "--baseline", "baseline.json", "news"], cwd: dir)
        #expect(same.status == 0)
        #expect(lines(same.stdout) == ["1 file checked: 0 errors, 0 warnings, 0 info; 2 statements, 50% attributed"])

        // Lines move (a new paragraph on top) and a new finding appears: only it is reported.
        let edited = "Storm hits the coast\n\nThe mayor said the schools would stay closed.\n\n" + Self.story.dropFirst("Storm hits the coast\n\n".count)
            + "\nThe airport handled 7,000 flights in April.\n"
        try edited.write(toFile: dir + "/news/a.txt", atomically: true, encoding: .utf8)
        let r = try cli.run(["check", "--fail-on", "warning", "--baseline", "baseline.json", "news"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "")
        #expect(lines(r.stdout) == [
            "news/a.txt:9:21: warning: figure \"7,000\" has no source [unattributed-claim]",
            "1 file checked: 0 errors, 1 warning, 0 info; 4 statements, 50% attributed",
        ])

        let bad = try cli.run(["check", "--baseline", "news/a.txt", "news"], cwd: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("attrib: news/a.txt: not an attrib baseline"))
        let both = try cli.run(["check", "--baseline", "baseline.json", "--write-baseline", "x.json", "news"], cwd: dir)
        #expect(both.status == 2)
    }
}
