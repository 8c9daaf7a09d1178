import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `attrib check --format …`, `--quiet` and `--stats` through the built binary (the writers' exact
/// output is pinned by the goldens in Tests/AttribKitTests/Goldens/).
struct FormatTests {
    let cli = CommandLineTests()
    let article = "Corpus/ain-al-asad-troops.txt"

    /// A folder with multibyte.txt: multi-byte characters before findings on the same line, one error.
    func multibyteDir() throws -> String {
        let dir = try cli.tempDir()
        let text = "Café “déjà vu” — rents up\n\nCafé owners in Montréal feel “déjà vu” — prices rose 40% this year, officials said.\n\n"
            + "Crème brûlée is a dessert made with custard.\n\n“Naïve plans, façade: encore & encore, the rents go up and up.”\n"
        try text.write(toFile: dir + "/multibyte.txt", atomically: true, encoding: .utf8)
        return dir
    }

    func check(_ args: [String], cwd: String = CommandLineTests.root) throws -> CommandLineTests.Result {
        try cli.run(["check"] + args, cwd: cwd)
    }

    func json(_ s: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
    }

    @Test func textIsTheDefaultAndUncolouredInAPipe() throws {
        let plain = try check([article])
        let text = try check(["--format", "text", article])
        #expect(text.stdout == plain.stdout)
        #expect(text.status == 0)
        #expect(!text.stdout.contains("\u{1B}"))
        #expect(text.stdout.hasSuffix("1 file checked: 0 errors, 4 warnings, 7 info; 19 statements, 53% attributed\n"))
    }

    @Test func textColumnsCountCodePoints() throws {
        let r = try check(["multibyte.txt"], cwd: try multibyteDir())
        #expect(r.status == 1)
        #expect(r.stdout.contains("multibyte.txt:3:69: warning: vague source \"officials\" [vague-source]\n"))
    }

    @Test func jsonIsOneVersionedDocument() throws {
        let r = try check(["--format", "json", "--fail-on", "warning", article])
        #expect(r.status == 1)
        let root = try json(r.stdout)
        #expect(root["version"] as? Int == 1)
        #expect(root["tool"] as? String == "attrib")
        let files = try #require(root["files"] as? [[String: Any]])
        #expect(files.first?["path"] as? String == article)
        #expect((files.first?["findings"] as? [Any])?.count == 11)
        #expect((root["summary"] as? [String: Int])?["attributed_percent"] == 53)
    }

    @Test func jsonlIsTheExtractOutput() throws {
        let r = try check(["--format", "jsonl", article])
        #expect(r.status == 0)
        #expect(r.stdout == (try cli.run(["extract", article], cwd: CommandLineTests.root)).stdout)
    }

    @Test func sarifDecodesWithRulesAndResults() throws {
        let r = try check(["--format", "sarif", "multibyte.txt"], cwd: try multibyteDir())
        #expect(r.status == 1)
        let root = try json(r.stdout)
        #expect(root["version"] as? String == "2.1.0")
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        #expect(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["name"] as? String == "attrib")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["warning", "note", "error"])
        let location = try #require((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "multibyte.txt")
        #expect(location["region"] as? [String: Int] == ["startLine": 3, "startColumn": 69, "endLine": 3, "endColumn": 78])
    }

    @Test func githubPrintsWorkflowCommands() throws {
        let r = try check(["--format", "github", "--min-severity", "warning", article])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first == "::warning file=Corpus/ain-al-asad-troops.txt,line=6,col=95,endLine=6,endColumn=110,title=vague-source::vague source \"Iraqi officials\"")
    }

    @Test func junitIsWellFormedWithOneTestcasePerFile() throws {
        let dir = try multibyteDir()
        try FileManager.default.copyItem(atPath: CommandLineTests.root + "/" + article, toPath: dir + "/article.txt")
        let r = try check(["--format", "junit", "."], cwd: dir)
        #expect(r.status == 1)
        #expect(XMLParser(data: Data(r.stdout.utf8)).parse())
        #expect(r.stdout.contains("<testsuites name=\"attrib\" tests=\"2\" failures=\"1\" errors=\"0\">"))
        #expect(r.stdout.contains("<testcase classname=\"attrib\" name=\"./multibyte.txt\">"))
        #expect(r.stdout.contains("<failure message=\"1 finding at or above error\" type=\"error\">./multibyte.txt:7:1: error: quotation"))
        #expect(r.stdout.contains("encore &amp; encore"))
    }

    @Test func markdownHeadsSeveralFilesWithASummaryTable() throws {
        let r = try check(["--format", "markdown", article, "Corpus/budget-unattributed.txt"])
        #expect(r.stdout.hasPrefix("# Attribution summary\n\n| File | Statements | Attributed | Errors | Warnings | Info |\n"))
        #expect(r.stdout.contains("| Corpus/ain-al-asad-troops.txt | 19 | 53% | 0 | 4 | 7 |\n"))
        #expect(r.stdout.contains("\n# Attribution report: Corpus/budget-unattributed.txt\n"))
        let one = try check(["--format", "markdown", article])
        #expect(one.stdout == (try cli.run(["report", article], cwd: CommandLineTests.root)).stdout)
    }

    @Test func reportOfSeveralFilesHasTheSummaryTable() throws {
        let r = try cli.run(["report", article, "Corpus/budget-unattributed.txt"], cwd: CommandLineTests.root)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("# Attribution summary\n"))
    }

    @Test func quietPrintsErrorsOnly() throws {
        let dir = try multibyteDir()
        let r = try check(["--quiet", "multibyte.txt"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stdout == "multibyte.txt:7:1: error: quotation \"“Naïve plans, façade: encore & encore,…\" has no speaker [quote-without-speaker]\n")
        let clean = try check(["--quiet", article])
        #expect(clean.stdout.isEmpty)
        #expect(clean.status == 0)
        #expect(try check(["--quiet", "--fail-on", "warning", article]).status == 1)
    }

    @Test func statsPrintsTheSummaryOnly() throws {
        let r = try check(["--stats", article])
        #expect(r.stdout == "1 file checked: 0 errors, 4 warnings, 7 info; 19 statements, 53% attributed\n")
        let j = try json(try check(["--stats", "--format", "json", article]).stdout)
        #expect(j["files"] == nil)
        #expect((j["summary"] as? [String: Int])?["warnings"] == 4)
    }

    @Test func badFormatAndOptionCombinationsExitTwo() throws {
        #expect(try check(["--format", "xml", article]).status == 2)
        #expect(try check(["--quiet", "--stats", article]).status == 2)
        #expect(try check(["--stats", "--format", "sarif", article]).status == 2)
    }

    @Test func unreadableInputStillGivesAValidDocumentAndExitsTwo() throws {
        let r = try check(["--format", "json", article, "/no/such/file.txt"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/no/such/file.txt: no such file or folder"))
        #expect((try json(r.stdout)["summary"] as? [String: Int])?["unreadable"] == 1)
    }
}
