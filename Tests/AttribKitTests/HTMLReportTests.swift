@testable import AttribKit
import Foundation
import Testing

/// `attrib report --format html` (HTMLWriter) against golden pages in Tests/AttribKitTests/Goldens/
/// (`ATTRIB_UPDATE_GOLDENS=1 swift test` rewrites them; review the diff by hand), plus what every
/// page must hold whatever the goldens say: nothing fetched from the network, every source, the
/// findings escaped, the article text intact.
struct HTMLReportTests {
    typealias Input = FormatGoldenTests.Input

    static func render(_ inputs: [Input]) -> String {
        var writer = HTMLWriter()
        return writer.render(inputs)
    }

    @Test(arguments: FormatGoldenTests.fixtures)
    func matchesGolden(_ fixture: String) throws {
        let actual = Self.render(try FormatGoldenTests.fixture(fixture))
        try Support.expectGolden(actual, "Tests/AttribKitTests/Goldens/\(fixture).html")
    }

    @Test(arguments: FormatGoldenTests.fixtures)
    func pageIsSelfContained(_ fixture: String) throws {
        let page = Self.render(try FormatGoldenTests.fixture(fixture))
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("http://"))
        #expect(!page.contains("https://"))
        #expect(!page.contains("src="))
        #expect(!page.contains("<link"))
        #expect(!page.contains("@import"))
        #expect(!page.contains("url("))
        // Inline style and script only, once each for the whole run.
        #expect(page.components(separatedBy: "<style>").count == 2)
        #expect(page.components(separatedBy: "<script>").count == 2)
        #expect(page.components(separatedBy: "<html").count == 2)
    }

    @Test(arguments: FormatGoldenTests.fixtures)
    func everySourceAndEscapedFindingAppears(_ fixture: String) throws {
        let inputs = try FormatGoldenTests.fixture(fixture)
        let page = Self.render(inputs)
        for input in inputs {
            let a = input.analysis
            for s in a.sources { #expect(page.contains(">\(HTMLWriter.escape(s.name))</span></button>"), "source \(s.name)") }
            for f in a.findings {
                let pos = a.text.position(of: f.range.lowerBound)
                #expect(page.contains("line \(pos.line), column \(pos.column)</span> <span class=\"sev \(f.severity.rawValue)\">"
                    + "\(f.severity.rawValue)</span> \(HTMLWriter.escape(f.message)) <code>[\(f.rule)]</code>"))
            }
        }
    }

    @Test func sectionPerFileInOnePage() throws {
        let page = Self.render(try FormatGoldenTests.fixture("two-files"))
        #expect(page.components(separatedBy: "<section class=\"doc\"").count == 3)
        #expect(page.contains("<section class=\"doc\" id=\"doc-1\">"))
        #expect(page.contains("<section class=\"doc\" id=\"doc-2\">"))
        #expect(page.contains("<a href=\"#doc-2\">multibyte.txt</a>"))
        #expect(page.contains("<td>All 2 files</td><td>24</td><td>46%</td><td>1</td><td>7</td><td>8</td>"))
    }

    /// Strips the tags and unescapes: the article element must give back the text byte for byte.
    static func articleText(_ page: String) -> [String] {
        page.components(separatedBy: "<article class=\"text\" aria-label=\"Article text\">").dropFirst().map { part in
            var body = part.components(separatedBy: "</article>")[0]
            while let open = body.range(of: "<") {
                let close = body.range(of: ">", range: open.upperBound..<body.endIndex)!
                body.removeSubrange(open.lowerBound..<close.upperBound)
            }
            return body.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    @Test func articleTextIsKeptWholeAndEscaped() throws {
        let inputs = try FormatGoldenTests.fixture("two-files")
        let page = Self.render(inputs)
        #expect(Self.articleText(page) == inputs.map { $0.analysis.text.string(0..<$0.analysis.text.count) })
        #expect(page.contains("rents &amp; &lt;prices&gt; up"))
        #expect(!page.contains("<prices>"))
        #expect(!page.contains("\u{FFFD}"))
    }

    @Test func marksNeverSplitACharacterAndOverlapsNest() throws {
        // “ is bytes 0–2, Z byte 3, ü bytes 4–5. A content span ending inside “ü” (cut back to
        // before it), a flag starting inside “ü” (moved back to it) and a source on “Z” inside the
        // content: every piece is whole characters, overlaps become separate spans.
        let text = "“Zürich” — 40% & <up>"
        let bytes = Array(text.utf8)
        typealias Mark = HTMLWriter.Mark
        let marks = [Mark(range: 0..<5, role: .content, color: 1, keys: [1]),
                     Mark(range: 5..<17, role: .flag, message: "figure \"40%\" has <no> source"),
                     Mark(range: 3..<4, role: .source, color: 2, keys: [2])]
        let html = HTMLWriter.markup(bytes, marks)
        #expect(html == "<span class=\"t p1 k1\">“</span><span class=\"t p1 src u2 k1 k2\">Z</span>"
            + "<span class=\"flag\" title=\"figure &quot;40%&quot; has &lt;no&gt; source\">ürich” —</span> 40% &amp; &lt;up&gt;")
        #expect(HTMLWriter.snap(2, Array("è".utf8)) == 2)
        #expect(HTMLWriter.snap(1, Array("è".utf8)) == 0)
        #expect(HTMLWriter.snap(3, Array("a“".utf8)) == 1)
        // On a real analysis: balanced spans, no replacement characters, flags and attributions.
        let a = try FormatGoldenTests.multibyteArticle().analysis
        let page = HTMLWriter.articleHTML(a)
        #expect(page.components(separatedBy: "<span").count == page.components(separatedBy: "</span>").count)
        #expect(!page.contains("\u{FFFD}"))
        #expect(page.contains("class=\"t p"))
        #expect(page.contains("class=\"flag\" title=\"quotation"))
    }

    @Test func frontMatterIsInTheHeader() throws {
        let text = "---\ntitle: Rents & <rates>\nauthor: Zoë Brontë\ndate: 2025-01-02\n---\n\n# Rents rise\n\nRents rose 12% last year, the mayor said.\n"
        let a = try Support.analyze(text, path: "fm.md")
        let page = HTMLWriter.page(a, displayPath: "fm.md")
        #expect(page.contains("<dt>Title</dt><dd>Rents &amp; &lt;rates&gt;</dd>"))
        #expect(page.contains("<dt>Author</dt><dd>Zoë Brontë</dd>"))
        #expect(page.contains("<dt>Date</dt><dd>2025-01-02</dd>"))
    }

    @Test func escapeCoversMarkupAndControls() {
        #expect(HTMLWriter.escape("a<b>&\"c\" 'd'\u{01}\n") == "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39;\u{FFFD}\n")
    }
}
