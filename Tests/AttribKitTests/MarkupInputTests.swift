import AttribKit
import Testing

/// Markdown through cmark-gfm and HTML through libxml2: what is read as prose, what is skipped,
/// and that every finding's line:column points at its characters in the source file.
@Suite struct MarkupInputTests {
    static let markdown = """
    ---
    title: "Council votes"
    author: Jane Roe
    date: 2024-05-01
    ---
    # Council backs harbor plan

    The mayor said the plan "will bring 500 jobs to the harbor district."

    Run `grep "this is a fake quotation of many words"` to check, and see [the plan](https://example.com/said-the-mayor "said").

    - Officials expect record visitors next year.
    - The harbor "has never been busier than it is today," Smith said.

    > "We will not let this plan fail the people of the harbor district,"
    > Jones told reporters.

    | Year | Visitors |
    |---|---|
    | 2023 | Visits rose by 40 percent, the highest ever recorded. |

    ```
    "This fenced code is not prose at all and never was," nobody said.
    ```

    <div>
    "This HTML block is not prose either, whatever it looks like."
    </div>

    """

    static let html = """
    <!DOCTYPE html>
    <html><head><title>Harbor</title>
    <script>var s = "Nothing in this script is a quotation of anyone at all";</script>
    <style>p { color: red; }</style></head>
    <body>
    <header><h1>Site name</h1><p>Officials say the world is round and rising fast.</p></header>
    <nav><ul><li>Home</li><li>"A navigation link that looks like a quote," it said</li></ul></nav>
    <article>
    <h1>Council backs harbor plan</h1>
    <p>The mayor said the plan &ldquo;will bring 500 jobs to the harbor district.&rdquo;</p>
    <p>Visits rose by 40 percent &mdash; the highest ever recorded.</p>
    <p class="q"
       id="jones">&#8220;We will not let this plan fail the people of the harbor,&#8221; Jones told reporters.</p>
    <ul><li>Officials expect record crowds next year.<li>The harbor &ldquo;has never been busier than it is today,&rdquo; Smith said.</ul>
    <aside><p>Officials expect record crowds next year and more after that.</p></aside>
    <figure><figcaption>"A caption quoting nobody in particular at all here"</figcaption></figure>
    </article>
    <footer><p>Copyright shows the best newspaper ever made.</p></footer>
    </body></html>

    """

    /// The text in the source at a finding's line and column (columns count code points).
    static func at(_ source: String, line: Int, column: Int, count: Int) -> String {
        let l = source.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        return String(l.unicodeScalars.dropFirst(column - 1).prefix(count))
    }

    @Test func markdownCheckLines() throws {
        let a = try Support.analyze(Self.markdown, path: "story.md")
        let lines = a.findings.map { TextWriter().line($0, in: a, displayPath: "story.md").trimmingSuffixNewline }
        #expect(lines == [
            #"story.md:10:1: info: statement "Run `grep "this is a fake quotation of many words…" has no source [unattributed-background]"#,
            #"story.md:12:3: warning: vague source "Officials" [vague-source]"#,
            // Table cells of one or two words ("Year", "2023") are no statements to source.
            #"story.md:20:25: warning: figure "40 percent" has no source [unattributed-claim]"#,
        ])
        #expect(Self.at(Self.markdown, line: 12, column: 3, count: 9) == "Officials")
        #expect(Self.at(Self.markdown, line: 20, column: 25, count: 10) == "40 percent")
    }

    @Test func markdownProseAndSkips() throws {
        let a = try Support.analyze(Self.markdown, path: "story.md")
        #expect(a.document.frontMatter["title"] == "Council votes")
        #expect(a.document.frontMatter["author"] == "Jane Roe")
        let headline = a.document.blocks.first { $0.kind == .headline }
        #expect(headline.map { a.text.string($0.range) } == "Council backs harbor plan")
        let triples = Support.triples(a)
        #expect(triples.map(\.source) == ["The mayor", "Officials", "Smith", "Jones"])
        // The block quote's second-line marker is not part of the quotation or its source.
        #expect(triples[3].content == #""We will not let this plan fail the people of the harbor district,""#)
        // Nothing from the inline code, the link destination, the fenced code or the HTML block.
        for at in a.attributions {
            let line = a.text.position(of: at.content[0].lowerBound).line
            #expect(line != 10 && line < 22)
        }
        #expect(!a.findings.contains { $0.rule == "quote-without-speaker" })
        let skipped = a.document.skips.map { a.text.string($0) }
        #expect(skipped.contains(#"`grep "this is a fake quotation of many words"`"#))
        #expect(skipped.contains(#"(https://example.com/said-the-mayor "said")"#))
        #expect(skipped.contains("> "))
    }

    @Test func htmlCheckLines() throws {
        let a = try Support.analyze(Self.html, path: "story.html")
        let lines = a.findings.map { TextWriter().line($0, in: a, displayPath: "story.html").trimmingSuffixNewline }
        #expect(lines == [
            #"story.html:11:19: warning: figure "40 percent" has no source [unattributed-claim]"#,
            #"story.html:14:9: warning: vague source "Officials" [vague-source]"#,
        ])
        #expect(Self.at(Self.html, line: 11, column: 19, count: 10) == "40 percent")
        #expect(Self.at(Self.html, line: 14, column: 9, count: 9) == "Officials")
    }

    @Test func htmlArticleEntitiesAndSkippedParts() throws {
        let a = try Support.analyze(Self.html, path: "story.html")
        let headline = a.document.blocks.first { $0.kind == .headline }
        #expect(headline.map { a.text.string($0.range) } == "Council backs harbor plan")
        let blocks = a.document.blocks.map { a.text.string($0.range) }
        for outside in ["Site name", "Home", "Copyright", "caption", "Nothing in this script", "and more after that"] {
            #expect(!blocks.contains { $0.contains(outside) }, "\(outside)")
        }
        let triples = Support.triples(a)
        #expect(triples.map(\.source) == ["The mayor", "Jones", "Officials", "Smith"])
        // &ldquo; … &rdquo; and &#8220; … &#8221; pair as quotation marks.
        #expect(a.attributions.map(\.kind.rawValue) == ["partial", "direct", "indirect", "partial"])
        #expect(triples[3].content == "The harbor &ldquo;has never been busier than it is today,&rdquo;")
        let jones = try #require(a.attributions.dropFirst().first)
        let start = a.text.position(of: jones.content[0].lowerBound)
        #expect(start.line == 13 && start.column == 15)
        #expect(Self.at(Self.html, line: 13, column: 15, count: 7) == "&#8220;")
    }
}

extension String {
    fileprivate var trimmingSuffixNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
