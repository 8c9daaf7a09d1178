/// `attrib report --format html`: one self-contained HTML page for the whole run (inline CSS and
/// JS only: no network, no external fonts or images). Per file: a header (path and front-matter
/// title, author, date), a summary, the article text with every attribution's content in its
/// speaker's colour and cue and source underlined, flagged sentences underlined in wavy red with
/// the finding message as a tooltip, a sources panel (clicking a source highlights only its
/// statements) and the findings with line numbers. Several files give one page with a summary
/// table and a section per file. Printed at the end, like `markdown`, from the spools its table
/// rows and sections wait in.
public struct HTMLWriter: CheckWriter {
    private let rows: any Spool
    private let sections: any Spool
    private var files = 0

    public init(spools: SpoolMaker = MemorySpool.make) {
        rows = spools()
        sections = spools()
    }

    public mutating func add(_ analysis: Analysis, path: String, doc: String) -> String {
        files += 1
        let n = files
        let s = CheckSummary.of(analysis)
        rows.append("<tr><td><a href=\"#doc-\(n)\">\(Self.escape(path))</a></td><td>\(s.statements)</td><td>\(s.attributedPercent)%</td>"
            + "<td>\(s.errors)</td><td>\(s.warnings)</td><td>\(s.infos)</td></tr>\n")
        sections.append(Self.section(analysis, path: path, id: "doc-\(n)"))
        return ""
    }

    public mutating func finish(_ summary: CheckSummary) -> String { collect { finish(summary, into: $0) } }

    public mutating func finish(_ summary: CheckSummary, into write: (String) -> Void) {
        let title = files == 1 ? "Attribution report" : "Attribution report: \(summary.files) files"
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(Self.escape(title))</title>\n<style>\n\(Self.css)</style>\n</head>\n<body>\n"
        if files != 1 {
            out += "<header class=\"run\">\n<h1>\(Self.escape(title))</h1>\n"
            out += "<table class=\"files\">\n<thead><tr><th>File</th><th>Statements</th><th>Attributed</th><th>Errors</th><th>Warnings</th><th>Info</th></tr></thead>\n<tbody>\n"
            write(out)
            rows.drain(write)
            out = "<tr class=\"total\"><td>All \(summary.files) \(summary.files == 1 ? "file" : "files")</td><td>\(summary.statements)</td>"
                + "<td>\(summary.attributedPercent)%</td><td>\(summary.errors)</td><td>\(summary.warnings)</td><td>\(summary.infos)</td></tr>\n"
            out += "</tbody>\n</table>\n"
            if summary.unreadable > 0 {
                out += "<p class=\"unreadable\">\(summary.unreadable) \(summary.unreadable == 1 ? "file" : "files") could not be read.</p>\n"
            }
            out += "</header>\n"
        } else {
            rows.drain { _ in }
        }
        write(out)
        sections.drain(write)
        write("<script>\n\(Self.script)</script>\n</body>\n</html>\n")
    }

    /// The page for one analysis (what `render` gives for a single file).
    public static func page(_ a: Analysis, displayPath: String) -> String {
        var w = HTMLWriter()
        return w.render([(a, displayPath, "")])
    }

    // MARK: - One file

    static let paletteSize = 12

    static func section(_ a: Analysis, path: String, id: String) -> String {
        var out = "<section class=\"doc\" id=\"\(id)\">\n<header>\n<h1>Attribution report: <span class=\"path\">\(escape(path))</span></h1>\n"
        let fm = a.document.frontMatter
        let meta = ["title", "author", "date"].compactMap { key in fm[key].map { (key, $0) } }
        if !meta.isEmpty {
            out += "<dl class=\"meta\">\n"
            for (key, value) in meta { out += "<dt>\(key.capitalized)</dt><dd>\(escape(value))</dd>\n" }
            out += "</dl>\n"
        }
        out += "</header>\n"
        let s = CheckSummary.of(a)
        out += "<ul class=\"summary\">\n"
        out += "<li><b>\(s.statements)</b> statements, <b>\(s.attributed)</b> attributed (<b>\(s.attributedPercent)%</b>)</li>\n"
        out += "<li><b>\(a.attributions.count)</b> \(a.attributions.count == 1 ? "attribution" : "attributions") from <b>\(a.sources.count)</b> \(a.sources.count == 1 ? "source" : "sources")</li>\n"
        out += "<li>Findings: <span class=\"sev error\">\(s.errors) \(s.errors == 1 ? "error" : "errors")</span>, "
            + "<span class=\"sev warning\">\(s.warnings) \(s.warnings == 1 ? "warning" : "warnings")</span>, "
            + "<span class=\"sev info\">\(s.infos) info</span></li>\n</ul>\n"
        out += "<div class=\"layout\">\n<article class=\"text\" aria-label=\"Article text\">\(articleHTML(a))</article>\n"
        out += sourcesPanel(a)
        out += "</div>\n"
        out += findingsList(a)
        out += "</section>\n"
        return out
    }

    static func sourcesPanel(_ a: Analysis) -> String {
        var out = "<aside class=\"sources\">\n<h2>Sources</h2>\n"
        if a.sources.isEmpty { return out + "<p>No sources found.</p>\n</aside>\n" }
        out += "<p class=\"hint\">Click a source to highlight only its statements; click it again to show all.</p>\n<ul>\n"
        for (i, src) in a.sources.enumerated() {
            let st = a.sourceStats[i]
            let relayed = a.attributions.filter { $0.via.contains(i) }.count
            var counts = "\(st.statements) \(st.statements == 1 ? "statement" : "statements")"
            if st.statements > 0 { counts += " (\(st.direct) direct, \(st.partial) partial, \(st.indirect) indirect)" }
            if relayed > 0 { counts += "; conduit for \(relayed)" }
            out += "<li><button type=\"button\" data-k=\"\(i)\" aria-pressed=\"false\"><span class=\"swatch p\(i % paletteSize)\"></span>"
                + "<span class=\"name\">\(escape(src.name))</span></button>"
                + " <span class=\"kind\">\(escape(src.kind.rawValue))</span>"
                + "<div class=\"forms\">\(src.forms.isEmpty ? "" : "Forms: " + src.forms.map(escape).joined(separator: "; "))</div>"
                + "<div class=\"count\">\(counts)</div></li>\n"
        }
        return out + "</ul>\n</aside>\n"
    }

    static func findingsList(_ a: Analysis) -> String {
        var out = "<h2>Findings</h2>\n"
        if a.findings.isEmpty { return out + "<p>None.</p>\n" }
        out += "<ol class=\"findings\">\n"
        for f in a.findings {
            let pos = a.text.position(of: f.range.lowerBound)
            out += "<li class=\"\(f.severity.rawValue)\"><span class=\"pos\">line \(pos.line), column \(pos.column)</span> "
                + "<span class=\"sev \(f.severity.rawValue)\">\(f.severity.rawValue)</span> \(escape(f.message)) <code>[\(escape(f.rule))]</code></li>\n"
        }
        return out + "</ol>\n"
    }

    // MARK: - The article text

    /// One marked byte range of the text.
    struct Mark {
        enum Role { case content, cue, source, flag, note }
        var range: Range<Int>
        var role: Role
        /// Palette index of the speaker (content, cue, source); nil when unresolved.
        var color: Int?
        /// Sources whose statement this is (speaker and conduits), for the sources panel.
        var keys: [Int] = []
        /// Finding message (flag, note).
        var message: String?
    }

    static func marks(_ a: Analysis) -> [Mark] {
        var marks: [Mark] = []
        for at in a.attributions {
            let color = at.speaker.map { $0 % paletteSize }
            let keys = (at.speaker.map { [$0] } ?? []) + at.via
            for r in at.content { marks.append(Mark(range: r, role: .content, color: color, keys: keys)) }
            if let r = at.cue { marks.append(Mark(range: r, role: .cue, color: color, keys: keys)) }
            if let r = at.source { marks.append(Mark(range: r, role: .source, color: color, keys: keys)) }
        }
        for f in a.findings {
            let flagged = f.rule == FindingRule.unattributedClaim.rawValue || f.rule == FindingRule.quoteWithoutSpeaker.rawValue
            if flagged {
                marks.append(Mark(range: f.sentence ?? f.range, role: .flag, message: f.message))
            } else if f.severity >= .warning {
                marks.append(Mark(range: f.range, role: .note, message: f.message))
            }
        }
        return marks
    }

    /// Moves `offset` back to the first byte of the code point it falls in.
    public static func snap(_ offset: Int, _ bytes: [UInt8]) -> Int {
        var i = min(max(offset, 0), bytes.count)
        while i > 0 && i < bytes.count && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// The text as HTML: cut at every mark boundary (on code-point boundaries), each piece wrapped
    /// in one span carrying the classes of every mark over it, so overlapping marks never need
    /// crossing tags.
    public static func articleHTML(_ a: Analysis) -> String { markup(a.text.bytes, marks(a)) }

    static func markup(_ bytes: [UInt8], _ marks: [Mark]) -> String {
        var marks = marks
        for i in marks.indices {
            let lo = snap(marks[i].range.lowerBound, bytes)
            marks[i].range = lo..<max(lo, snap(marks[i].range.upperBound, bytes))
        }
        marks.removeAll { $0.range.isEmpty }
        var cuts = Set([0, bytes.count])
        for m in marks { cuts.insert(m.range.lowerBound); cuts.insert(m.range.upperBound) }
        let bounds = cuts.sorted()
        let order = marks.indices.sorted { marks[$0].range.lowerBound < marks[$1].range.lowerBound }
        var next = 0
        var active: [Int] = []
        var out = ""
        for (lo, hi) in zip(bounds, bounds.dropFirst()) {
            active.removeAll { marks[$0].range.upperBound <= lo }
            while next < order.count && marks[order[next]].range.lowerBound <= lo {
                if marks[order[next]].range.upperBound > lo { active.append(order[next]) }
                next += 1
            }
            let piece = escape(String(decoding: bytes[lo..<hi], as: UTF8.self))
            if active.isEmpty { out += piece; continue }
            out += openTag(active.sorted().map { marks[$0] }) + piece + "</span>"
        }
        return out
    }

    static func openTag(_ marks: [Mark]) -> String {
        var classes: [String] = []
        var keys: [Int] = []
        var messages: [String] = []
        func add(_ c: String) { if !classes.contains(c) { classes.append(c) } }
        // Content colour: the first attribution's speaker; a cue or source underline likewise.
        if let m = marks.first(where: { $0.role == .content }) { add("t"); add(m.color.map { "p\($0)" } ?? "px") }
        if let m = marks.first(where: { $0.role == .cue || $0.role == .source }) {
            add("t"); add(m.role == .cue ? "cue" : "src"); add(m.color.map { "u\($0)" } ?? "ux")
        }
        if marks.contains(where: { $0.role == .flag }) { add("flag") }
        if marks.contains(where: { $0.role == .note }) { add("note") }
        for m in marks {
            for k in m.keys where !keys.contains(k) { keys.append(k) }
            if let msg = m.message, !messages.contains(msg) { messages.append(msg) }
        }
        classes += keys.map { "k\($0)" }
        var tag = "<span class=\"\(classes.joined(separator: " "))\""
        if !messages.isEmpty { tag += " title=\"\(escape(messages.joined(separator: "\n")))\"" }
        return tag + ">"
    }

    // MARK: - Escaping, style, script

    /// HTML-escapes text and attribute values; C0 controls other than tab and line ends become U+FFFD.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// Light backgrounds for content and strong colours for underlines and swatches, by palette index.
    static let palette: [(light: String, strong: String)] = [
        ("#cfe3ff", "#1f5fbf"), ("#ffe0b3", "#c46a00"), ("#d3f2d3", "#2a8a2a"), ("#f7d4e8", "#b0307a"),
        ("#e3d9ff", "#6a4cc2"), ("#cff3f0", "#0f8a80"), ("#fff2a8", "#9a7d00"), ("#ffd6d1", "#c0392b"),
        ("#e0ecc8", "#5f7f1f"), ("#d9e6f2", "#3d6a8f"), ("#f2dfcf", "#8f5a2e"), ("#e8e8e8", "#555555"),
    ]

    static let css: String = {
        var css = """
            :root { color-scheme: light; }
            body { font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d1d1f; background: #fafafa; margin: 0; padding: 1.5rem; }
            h1 { font-size: 1.35rem; margin: 0 0 .4rem; }
            h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; }
            .path { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: normal; }
            header.run, section.doc { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 1rem 1.25rem; margin: 0 auto 1.5rem; max-width: 1150px; }
            table.files { border-collapse: collapse; }
            table.files th, table.files td { border-bottom: 1px solid #e3e3e3; padding: .2rem .7rem; text-align: right; }
            table.files th:first-child, table.files td:first-child { text-align: left; }
            tr.total td { font-weight: bold; }
            dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0; }
            dl.meta dt { color: #666; } dl.meta dd { margin: 0; }
            ul.summary { list-style: none; padding: 0; margin: .5rem 0 1rem; display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; }
            .sev { font-weight: bold; } .sev.error { color: #b00020; } .sev.warning { color: #9a6700; } .sev.info { color: #0b6e99; }
            .layout { display: flex; gap: 1.25rem; align-items: flex-start; }
            article.text { flex: 1 1 auto; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif; font-size: 16px; line-height: 1.75; }
            aside.sources { flex: 0 0 300px; position: sticky; top: 1rem; border-left: 1px solid #e3e3e3; padding-left: 1rem; }
            aside.sources h2 { margin-top: 0; }
            aside.sources ul { list-style: none; padding: 0; margin: 0; }
            aside.sources li { margin: 0 0 .6rem; }
            aside.sources button { font: inherit; font-weight: bold; background: none; border: 1px solid transparent; border-radius: 4px; padding: .05rem .3rem; cursor: pointer; text-align: left; }
            aside.sources button:hover { border-color: #bbb; }
            aside.sources button.sel { border-color: #333; background: #f0f0f0; }
            .hint, .kind, .forms, .count { color: #666; font-size: .85rem; }
            .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .35rem; vertical-align: -1px; }
            .t { border-radius: 2px; }
            .cue, .src { border-bottom: 2px solid; }
            .src { font-weight: 600; }
            .cue { border-bottom-style: dotted; }
            .px { background: #eee; } .ux { border-bottom-color: #888; }
            .flag { text-decoration: underline wavy #d00000; text-decoration-skip-ink: none; text-underline-offset: 3px; }
            .note { text-decoration: underline dotted #c47f00; text-underline-offset: 3px; }
            .focus .t:not(.on) { background: transparent; border-bottom-color: transparent; font-weight: inherit; }
            .focus .t.on { box-shadow: 0 0 0 1px #888; }
            ol.findings { padding-left: 1.5rem; }
            ol.findings li { margin: .2rem 0; }
            .pos { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9rem; color: #444; }
            @media (max-width: 800px) { .layout { flex-direction: column; } aside.sources { position: static; border-left: 0; padding-left: 0; } }

            """
        for (i, c) in palette.enumerated() {
            css += ".p\(i) { background: \(c.light); } .u\(i) { border-bottom-color: \(c.strong); } .swatch.p\(i) { background: \(c.strong); }\n"
        }
        return css
    }()

    static let script = """
        document.querySelectorAll('section.doc').forEach(function (doc) {
          var panel = doc.querySelector('aside.sources');
          if (!panel) return;
          panel.addEventListener('click', function (e) {
            var button = e.target.closest('button[data-k]');
            if (!button) return;
            var k = button.getAttribute('data-k');
            var again = doc.getAttribute('data-focus') === k;
            doc.querySelectorAll('.on').forEach(function (el) { el.classList.remove('on'); });
            panel.querySelectorAll('button').forEach(function (b) { b.classList.remove('sel'); b.setAttribute('aria-pressed', 'false'); });
            if (again) { doc.removeAttribute('data-focus'); doc.classList.remove('focus'); return; }
            doc.setAttribute('data-focus', k);
            doc.classList.add('focus');
            doc.querySelectorAll('.k' + k).forEach(function (el) { el.classList.add('on'); });
            button.classList.add('sel');
            button.setAttribute('aria-pressed', 'true');
          });
        });

        """
}
