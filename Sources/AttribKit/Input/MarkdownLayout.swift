import CCMarkGFM

/// Markdown blocks through cmark-gfm: paragraphs (in list items and block quotes too), headings
/// and table cells are prose; code blocks, HTML blocks and front matter are not. Every block is a
/// byte range of the file, found from cmark's source positions; inline code, link destinations
/// and block-quote markers inside a block become skips for the tokenizer.
enum MarkdownLayout {
    /// cmark-gfm registers its extensions in a global list without a lock: do it once.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static func blocks(in text: SourceText) -> BlockLayout {
        var layout = BlockLayout()
        let lines = Lines.ranges(in: text)
        var source = text.bytes
        // Front matter: a YAML block fenced by --- on the very first line. cmark does not know it,
        // so it reads a copy where those lines are spaces (offsets unchanged).
        let fmLines = frontMatter(text, lines, into: &layout)
        if fmLines > 0 {
            for l in lines[0..<fmLines] { for k in l { source[k] = 0x20 } }
        }
        _ = extensionsRegistered
        guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS) else { return layout }
        defer { cmark_parser_free(parser) }
        if let table = cmark_find_syntax_extension("table") { cmark_parser_attach_syntax_extension(parser, table) }
        source.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { c in
                if let base = c.baseAddress { cmark_parser_feed(parser, base, c.count) }
            }
        }
        guard let root = cmark_parser_finish(parser) else { return layout }
        defer { cmark_node_free(root) }
        guard let iter = cmark_iter_new(root) else { return layout }
        defer { cmark_iter_free(iter) }
        let b = text.bytes
        func offset(_ line: Int32, _ column: Int32) -> Int {
            guard line >= 1 else { return 0 }
            let l = Int(line) - 1
            guard l < text.lineStarts.count else { return b.count }
            return min(text.lineStarts[l] + max(Int(column) - 1, 0), l + 1 < text.lineStarts.count ? text.lineStarts[l + 1] : b.count)
        }
        func span(_ node: OpaquePointer) -> Range<Int>? {
            let s = offset(cmark_node_get_start_line(node), cmark_node_get_start_column(node))
            // End columns are inclusive; 0 means "the end of the line before".
            let e = offset(cmark_node_get_end_line(node), cmark_node_get_end_column(node) + 1)
            return s < e ? s..<e : nil
        }
        var ev = cmark_iter_next(iter)
        while ev != CMARK_EVENT_DONE {
            defer { ev = cmark_iter_next(iter) }
            guard ev == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            let kind = type == CMARK_NODE_PARAGRAPH ? "p" : type == CMARK_NODE_HEADING ? "h" : isTableCell(node) ? "cell" : ""
            guard !kind.isEmpty, var r = span(node) else { continue }
            if kind == "h" { guard let h = headingText(r, text) else { continue }; r = h }
            guard let t = Lines.trimmed(text, r) else { continue }
            if kind == "h" { layout.headings.insert(layout.ranges.count) }
            layout.ranges.append(t)
            if kind == "p" { containerMarkers(t, text, into: &layout.skips) }
            inlineSkips(t, b, into: &layout.skips)
        }
        return layout
    }

    /// The table extension's node types are not in its public headers; its type name is.
    private static func isTableCell(_ node: OpaquePointer) -> Bool {
        guard let name = cmark_node_get_type_string(node) else { return false }
        return String(cString: name) == "table_cell"
    }

    /// Parses front matter into `layout.frontMatter`; returns how many lines it spans (0 if none).
    private static func frontMatter(_ text: SourceText, _ lines: [Range<Int>], into layout: inout BlockLayout) -> Int {
        func line(_ r: Range<Int>) -> String { text.string(r) }
        guard let first = lines.first, line(first).trimmingTrailingSpaces() == "---" else { return 0 }
        var fields: [String: String] = [:]
        var j = 1
        while j < lines.count, line(lines[j]).trimmingTrailingSpaces() != "---" {
            let l = line(lines[j])
            if let colon = l.firstIndex(of: ":") {
                let key = l[..<colon].trimmingSpaces()
                var value = l[l.index(after: colon)...].trimmingSpaces()
                if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                    value = String(value.dropFirst().dropLast())
                }
                if !key.isEmpty, !key.hasPrefix(" ") { fields[key] = value }
            }
            j += 1
        }
        guard j < lines.count else { return 0 }
        layout.frontMatter = fields
        return j + 1
    }

    /// An ATX heading without its #s (leading and closing), a setext heading without its underline.
    private static func headingText(_ r: Range<Int>, _ text: SourceText) -> Range<Int>? {
        let b = text.bytes
        guard let t = Lines.trimmed(text, r) else { return nil }
        if b[t.lowerBound] == UInt8(ascii: "#") {
            var s = t.lowerBound
            while s < t.upperBound, b[s] == UInt8(ascii: "#") { s += 1 }
            var e = t.upperBound
            var k = e
            while k > s, b[k - 1] == UInt8(ascii: "#") { k -= 1 }
            if k < e, k > s, Bytes.isSpace(b[k - 1]) { e = k }
            return Lines.trimmed(text, s..<e)
        }
        // Setext: everything before the last line (the === or --- underline).
        var e = t.upperBound
        while e > t.lowerBound, b[e - 1] != 0x0A && b[e - 1] != 0x0D { e -= 1 }
        return Lines.trimmed(text, t.lowerBound..<e)
    }

    /// In a paragraph over several lines, the block-quote markers (and indentation) that start its
    /// later lines: a paragraph line cannot itself start with `>`, so these belong to a container.
    private static func containerMarkers(_ r: Range<Int>, _ text: SourceText, into skips: inout [Range<Int>]) {
        let b = text.bytes
        var i = r.lowerBound
        while i < r.upperBound {
            if b[i] == 0x0A || b[i] == 0x0D {
                i += 1
                if i < r.upperBound, b[i - 1] == 0x0D, b[i] == 0x0A { i += 1 }
                let s = i
                while i < r.upperBound, b[i] == UInt8(ascii: ">") || b[i] == 0x20 || b[i] == 0x09 { i += 1 }
                if i > s { skips.append(s..<i) }
                continue
            }
            i += 1
        }
    }

    /// Code spans (CommonMark backtick strings) and inline link destinations `](…)` in a block.
    private static func inlineSkips(_ r: Range<Int>, _ b: [UInt8], into skips: inout [Range<Int>]) {
        var i = r.lowerBound
        let end = r.upperBound
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "\\") { i += 2; continue }
            if c == UInt8(ascii: "`") {
                var j = i
                while j < end, b[j] == UInt8(ascii: "`") { j += 1 }
                let n = j - i
                var k = j
                var closed: Int?
                while k < end {
                    guard b[k] == UInt8(ascii: "`") else { k += 1; continue }
                    var m = k
                    while m < end, b[m] == UInt8(ascii: "`") { m += 1 }
                    if m - k == n { closed = m; break }
                    k = m
                }
                if let close = closed { skips.append(i..<close); i = close } else { i = j }
                continue
            }
            if c == UInt8(ascii: "]"), i + 1 < end, b[i + 1] == UInt8(ascii: "(") {
                var depth = 0
                var k = i + 1
                var close: Int?
                while k < end {
                    let d = b[k]
                    if d == UInt8(ascii: "\\") { k += 2; continue }
                    if d == UInt8(ascii: "(") { depth += 1 }
                    if d == UInt8(ascii: ")") { depth -= 1; if depth == 0 { close = k + 1; break } }
                    k += 1
                }
                if let close { skips.append(i + 1..<close); i = close } else { i += 1 }
                continue
            }
            i += 1
        }
    }

    static func find(_ needle: String, in b: [UInt8], _ r: Range<Int>) -> Int? {
        let n = Array(needle.utf8)
        var i = r.lowerBound
        while i + n.count <= r.upperBound {
            if b[i] == n[0] && Array(b[i..<i + n.count]) == n { return i + n.count }
            i += 1
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
    }
    func trimmingTrailingSpaces() -> String {
        String(reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
    }
}
