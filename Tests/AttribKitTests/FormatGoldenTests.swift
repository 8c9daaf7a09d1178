import AttribKit
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every `attrib check --format` writer against golden files in Tests/AttribKitTests/Goldens/, on
/// the Corpus article, on a text with multi-byte characters before findings on the same line (the
/// columns count code points), and on both together. `ATTRIB_UPDATE_GOLDENS=1 swift test`
/// rewrites them; review the diff by hand (columns included) before committing.
struct FormatGoldenTests {
    /// Multi-byte characters (é, “ ”, —, ü, ç, ï) before findings on lines 3 and 5, inside the
    /// findings on lines 7 and 9, and `%`, `&`, `:`, `,`, `<` for the escaping of each format.
    static let multibyte = """
        Café “déjà vu” — rents & <prices> up

        Café owners in Montréal feel “déjà vu” — prices rose 40% this year, officials said.

        The café “Zürich” — a fixture since 1952 — is the oldest in the city. Rents in Zürich rose 12% last year.

        Crème brûlée is a dessert made with custard.

        “Naïve plans, façade: encore & encore, the rents go up and up.”

        """

    typealias Input = (analysis: Analysis, path: String, doc: String)

    static func corpusArticle() throws -> Input {
        let path = "Corpus/ain-al-asad-troops.txt"
        let bytes = try #require(FileManager.default.contents(atPath: Support.root + "/" + path))
        return (try Support.analyzer.analyze(path: path, bytes: [UInt8](bytes)), path, "ain-al-asad-troops")
    }

    static func multibyteArticle() throws -> Input {
        (try Support.analyze(multibyte, path: "multibyte.txt"), "multibyte.txt", "multibyte")
    }

    static func fixture(_ name: String) throws -> [Input] {
        switch name {
        case "ain-al-asad-troops": [try corpusArticle()]
        case "multibyte": [try multibyteArticle()]
        default: [try corpusArticle(), try multibyteArticle()]
        }
    }

    static let fixtures = ["ain-al-asad-troops", "multibyte", "two-files"]

    static func goldenExtension(_ format: CheckFormat) -> String {
        switch format {
        case .text: "text.txt"
        case .json: "json"
        case .jsonl: "jsonl"
        case .sarif: "sarif"
        case .github: "github.txt"
        case .junit: "junit.xml"
        case .markdown: "md"
        }
    }

    static func render(_ format: CheckFormat, _ inputs: [Input], _ options: CheckOptions = CheckOptions()) -> String {
        var writer = format.makeWriter(options)
        return writer.render(inputs)
    }

    @Test(arguments: CheckFormat.allCases, fixtures)
    func matchesGolden(_ format: CheckFormat, _ fixture: String) throws {
        let actual = Self.render(format, try Self.fixture(fixture))
        try Support.expectGolden(actual, "Tests/AttribKitTests/Goldens/\(fixture).\(Self.goldenExtension(format))")
    }

    @Test func columnsCountCodePointsNotBytes() throws {
        let a = try Self.multibyteArticle().analysis
        let spans = a.findings.map { FindingSpan($0, in: a) }
        let lines = Self.multibyte.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (f, s) in zip(a.findings, spans) {
            // The finding's text sits at exactly those code-point columns of its line.
            let scalars = Array(lines[s.line - 1].unicodeScalars)
            let found = String(String.UnicodeScalarView(scalars[(s.column - 1)..<(s.endColumn - 1)]))
            #expect(found == a.text.string(f.range))
        }
        #expect(spans.contains { $0.line == 3 && $0.column == 69 && $0.endColumn == 78 })   // "officials" (byte column 79)
        #expect(spans.contains { $0.line == 5 && $0.column == 92 && $0.endColumn == 95 })   // "12%" (byte column 103)
    }

    @Test func sarifHasTheRequiredStructure() throws {
        let out = Self.render(.sarif, try Self.fixture("two-files"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        #expect((root["$schema"] as? String)?.hasPrefix("https://") == true)
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = runs[0]
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "attrib")
        #expect(driver["informationUri"] == nil)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == FindingRule.allCases.map(\.rawValue))
        for rule in rules {
            for key in ["shortDescription", "fullDescription", "help"] {
                let text = (rule[key] as? [String: Any])?["text"] as? String
                #expect(text?.isEmpty == false, "rule \(rule["id"] ?? "?") lacks \(key).text")
            }
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(["error", "warning", "note"].contains(level ?? ""))
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 16)
        for r in results {
            let ruleId = try #require(r["ruleId"] as? String)
            if let i = r["ruleIndex"] as? Int { #expect(rules[i]["id"] as? String == ruleId) }
            #expect(["error", "warning", "note"].contains(r["level"] as? String ?? ""))
            #expect(((r["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let locations = try #require(r["locations"] as? [[String: Any]])
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String
            #expect(uri == "Corpus/ain-al-asad-troops.txt" || uri == "multibyte.txt")
            let region = try #require(physical["region"] as? [String: Int])
            let (startLine, startColumn) = (region["startLine"] ?? 0, region["startColumn"] ?? 0)
            let (endLine, endColumn) = (region["endLine"] ?? 0, region["endColumn"] ?? 0)
            #expect(startLine >= 1 && startColumn >= 1)
            #expect(endLine > startLine || (endLine == startLine && endColumn >= startColumn))
        }
        #expect(results.contains { ($0["level"] as? String) == "note" })
        #expect(results.contains { ($0["level"] as? String) == "error" })
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
    }

    @Test func sarifURIsArePercentEncoded() {
        #expect(SARIFWriter.uri("Corpus/ain-al-asad-troops.txt") == "Corpus/ain-al-asad-troops.txt")
        #expect(SARIFWriter.uri("news/Café 1.md") == "news/Caf%C3%A9%201.md")
        #expect(SARIFWriter.uri("<stdin>") == "%3Cstdin%3E")
    }

    @Test func jsonHasTheDocumentedSchema() throws {
        let out = Self.render(.json, try Self.fixture("two-files"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(root["version"] as? Int == 1)
        #expect(root["tool"] as? String == "attrib")
        let files = try #require(root["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["Corpus/ain-al-asad-troops.txt", "multibyte.txt"])
        #expect(Set(files[0].keys) == ["path", "findings", "statements", "attributed"])
        let finding = try #require((files[1]["findings"] as? [[String: Any]])?.first)
        #expect(Set(finding.keys) == ["rule", "severity", "message", "line", "column", "end_line", "end_column", "start", "end"])
        let summary = try #require(root["summary"] as? [String: Int])
        #expect(summary == ["files": 2, "unreadable": 0, "errors": 1, "warnings": 7, "info": 8,
                            "statements": 24, "attributed": 11, "attributed_percent": 46])
    }

    @Test func jsonStatsOnlyHasNoFiles() throws {
        let out = Self.render(.json, try Self.fixture("multibyte"), CheckOptions(statsOnly: true))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(root["files"] == nil)
        #expect((root["summary"] as? [String: Int])?["errors"] == 1)
    }

    @Test func jsonWithNoFilesIsStillADocument() throws {
        var writer = JSONWriter()
        var summary = CheckSummary()
        summary.unreadable = 1
        let out = writer.finish(summary)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect((root["files"] as? [Any])?.isEmpty == true)
        var sarif = SARIFWriter()
        #expect(try JSONSerialization.jsonObject(with: Data(sarif.finish(summary).utf8)) is [String: Any])
    }

    @Test func githubEscapesDataAndProperties() throws {
        #expect(GitHubWriter.escapeData("40% up\r\nnext: a, b") == "40%25 up%0D%0Anext: a, b")
        #expect(GitHubWriter.escapeProperty("dir,x/a:b%.txt\n") == "dir%2Cx/a%3Ab%25.txt%0A")
        let a = try Self.multibyteArticle().analysis
        var writer = GitHubWriter()
        let out = writer.render([(a, "news, draft: 1.txt", "x")])
        #expect(out.contains("::warning file=news%2C draft%3A 1.txt,line=5,col=92,endLine=5,endColumn=95,title=unattributed-claim::figure \"12%25\" has no source\n"))
        #expect(out.contains("::notice file="))
        #expect(out.contains("::error file="))
    }

    @Test func findingAcrossLinesHasNoGitHubColumns() throws {
        let a = try Support.analyze("Title here\n\nCrème brûlée is a dessert\nmade with custard and caramel.\n", path: "ml.txt")
        var github = GitHubWriter()
        #expect(github.render([(a, "ml.txt", "ml")]).hasPrefix("::notice file=ml.txt,line=3,endLine=4,title=unattributed-background::"))
        let span = try #require(a.findings.first.map { FindingSpan($0, in: a) })
        #expect((span.line, span.column, span.endLine, span.endColumn) == (3, 1, 4, 31))
    }

    @Test func junitIsWellFormedXMLWithEscapedPathsAndMessages() throws {
        let a = try Self.multibyteArticle().analysis
        let path = "a&b <\"c\"> 'd'.txt"
        var writer = JUnitWriter(CheckOptions(failOn: .warning))
        let out = writer.render([(a, path, "x")])
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(out.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.attributes["testcase"]?["name"] == path)
        #expect(collector.attributes["testcase"]?["classname"] == "attrib")
        #expect(collector.attributes["failure"]?["message"] == "4 findings at or above warning")
        #expect(collector.text["failure"]?.contains("encore & encore") == true)
        #expect(collector.text["failure"]?.split(separator: "\n").count == 4)
        #expect(collector.text["system-out"]?.contains("info: statement") == true)
        #expect(JUnitWriter.escape("a\u{01}b\tc\nd", attribute: true) == "a\u{FFFD}b&#9;c&#10;d")
    }

    @Test func junitFileWithoutFindingsAtFailOnPasses() throws {
        let a = try Self.corpusArticle()
        var writer = JUnitWriter(CheckOptions(minimumSeverity: .error))
        let out = writer.render([a])
        #expect(out.contains("<testcase classname=\"attrib\" name=\"Corpus/ain-al-asad-troops.txt\"/>"))
        #expect(out.contains("tests=\"1\" failures=\"0\""))
    }

    @Test func quietListsErrorsOnlyAndNoSummary() throws {
        let inputs = try Self.fixture("two-files")
        let out = Self.render(.text, inputs, CheckOptions(quiet: true))
        #expect(out == "multibyte.txt:9:1: error: quotation \"“Naïve plans, façade: encore & encore,…\" has no speaker [quote-without-speaker]\n")
        let sarif = Self.render(.sarif, inputs, CheckOptions(quiet: true))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let results = try #require((root["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["error"])
    }

    @Test func statsPrintsTheSummaryOnly() throws {
        let inputs = try Self.fixture("two-files")
        #expect(Self.render(.text, inputs, CheckOptions(statsOnly: true)) == "2 files checked: 1 error, 7 warnings, 8 info; 24 statements, 46% attributed\n")
        let md = Self.render(.markdown, inputs, CheckOptions(statsOnly: true))
        #expect(md.hasPrefix("# Attribution summary\n"))
        #expect(!md.contains("# Attribution report"))
        #expect(Self.render(.github, inputs, CheckOptions(statsOnly: true))
            == "::notice title=attrib::2 files checked: 1 error, 7 warnings, 8 info; 24 statements, 46%25 attributed\n")
    }

    @Test func markdownForOneFileIsTheReport() throws {
        let a = try Self.corpusArticle()
        #expect(Self.render(.markdown, [a]) == MarkdownWriter().write(a.analysis, displayPath: a.path))
    }

    @Test func jsonlIsTheExtractOutput() throws {
        let a = try Self.corpusArticle()
        #expect(Self.render(.jsonl, [a]) == JSONLinesWriter().write(a.analysis, path: a.path, doc: a.doc))
    }

    @Test func colorPaintsTheSeverityWordOnly() throws {
        let a = try Self.multibyteArticle().analysis
        let plain = TextWriter().write(a, displayPath: "m.txt")
        let colored = TextWriter(color: true).write(a, displayPath: "m.txt")
        #expect(!plain.contains("\u{1B}"))
        #expect(colored.contains("m.txt:9:1: \u{1B}[1;31merror\u{1B}[0m: quotation"))
        #expect(colored.contains("m.txt:3:69: \u{1B}[1;33mwarning\u{1B}[0m: vague source"))
        #expect(colored.contains("m.txt:7:1: \u{1B}[1;36minfo\u{1B}[0m: statement"))
        #expect(colored.replacingOccurrences(of: "\u{1B}[1;31m", with: "").replacingOccurrences(of: "\u{1B}[1;33m", with: "")
            .replacingOccurrences(of: "\u{1B}[1;36m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") == plain)
    }
}

/// Attributes and text of the last element of each name, for the JUnit test.
final class XMLCollector: NSObject, XMLParserDelegate {
    var attributes: [String: [String: String]] = [:]
    var text: [String: String] = [:]
    private var current: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        self.attributes[name] = attributes
        current = name
        text[name] = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current { text[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current = nil
    }
}
