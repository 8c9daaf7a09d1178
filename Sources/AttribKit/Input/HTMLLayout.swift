import CLibXML2

/// HTML blocks through libxml2's HTML parser: inside the article body (`<article>`, else `<main>`,
/// else `<body>`), the p, h1–h6, li, blockquote and td elements that hold no such element
/// themselves; script, style, nav, header, footer, aside and figure are left out. libxml2 gives an
/// element's line only, so each element's start tag is then found in the source from that line,
/// and the block is the byte range of its content (the tokenizer skips the tags inside and reads
/// character references). Scripts, styles and comments inside a block become skips.
enum HTMLLayout {
    /// libxml2 must be initialised once before threads use it.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    private static let blockNames: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td"]
    private static let skipped: Set<String> = ["script", "style", "nav", "header", "footer", "aside", "figure",
                                               "noscript", "template"]

    static func blocks(in text: SourceText) -> BlockLayout {
        _ = initialised
        let b = text.bytes
        guard !b.isEmpty, b.count < Int(Int32.max) else { return BlockLayout() }
        let doc: htmlDocPtr? = b.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { c in
                htmlReadMemory(c.baseAddress, Int32(c.count), nil, "UTF-8", attrib_html_options())
            }
        }
        guard let doc else { return BlockLayout() }
        defer { xmlFreeDoc(doc) }
        guard let top = xmlDocGetRootElement(doc) else { return BlockLayout() }
        let root = first("article", top) ?? first("main", top) ?? first("body", top) ?? top
        var found: [(name: String, line: Int)] = []
        collect(root, into: &found)
        return locate(found, in: text)
    }

    private static func name(_ node: xmlNodePtr) -> String {
        guard let n = node.pointee.name else { return "" }
        return String(cString: n).lowercased()
    }

    private static func isElement(_ node: xmlNodePtr) -> Bool { node.pointee.type == XML_ELEMENT_NODE }

    /// The first element called `wanted` in document order, outside skipped elements.
    private static func first(_ wanted: String, _ node: xmlNodePtr) -> xmlNodePtr? {
        let n = name(node)
        if n == wanted { return node }
        if skipped.contains(n) { return nil }
        var child = node.pointee.children
        while let c = child {
            if isElement(c), let hit = first(wanted, c) { return hit }
            child = c.pointee.next
        }
        return nil
    }

    /// Block elements under `node` that contain no block element, in document order.
    /// Returns whether `node` holds a block element.
    @discardableResult
    private static func collect(_ node: xmlNodePtr, into out: inout [(name: String, line: Int)]) -> Bool {
        var holds = false
        var child = node.pointee.children
        while let c = child {
            child = c.pointee.next
            guard isElement(c) else { continue }
            let n = name(c)
            if skipped.contains(n) { continue }
            let mark = out.count
            let inner = collect(c, into: &out)
            if blockNames.contains(n) {
                holds = true
                if !inner { out.insert((n, Int(xmlGetLineNo(c))), at: mark) }
            } else if inner {
                holds = true
            }
        }
        return holds
    }

    /// Finds each element's start tag in the source: the first `<name` at or after the previous
    /// block whose `<` is on or before the element's line and whose `>` is on or after it (libxml2
    /// records the line where the start tag ends). Elements libxml2 implied have no tag and no block.
    private static func locate(_ found: [(name: String, line: Int)], in text: SourceText) -> BlockLayout {
        let b = text.bytes
        var starts: [(name: String, content: Int)] = []
        var cursor = 0
        for f in found {
            let needle = Array("<\(f.name)".utf8)
            var i = cursor
            while let at = findTag(needle, in: b, from: i) {
                let open = text.position(of: at).line
                if open > f.line { break }
                guard let close = tagEnd(b, from: at + needle.count) else { break }
                if text.position(of: close).line >= f.line {
                    starts.append((f.name, close + 1))
                    cursor = close + 1
                    break
                }
                i = close + 1
            }
        }
        var layout = BlockLayout()
        for (k, s) in starts.enumerated() {
            let limit = k + 1 < starts.count ? starts[k + 1].content : b.count
            let end = contentEnd(s.name, in: b, from: s.content, limit: limit)
            guard let r = Lines.trimmed(text, s.content..<end) else { continue }
            if s.name.hasPrefix("h"), s.name.count == 2 { layout.headings.insert(layout.ranges.count) }
            layout.ranges.append(r)
            innerSkips(r, b, into: &layout.skips)
        }
        return layout
    }

    /// Offset of the next `<name` (any case) followed by white space, `>` or `/`.
    private static func findTag(_ needle: [UInt8], in b: [UInt8], from: Int) -> Int? {
        var i = from
        let n = needle.count
        while i + n < b.count {
            if b[i] == UInt8(ascii: "<") {
                var k = 1
                while k < n, Bytes.lower(b[i + k]) == needle[k] { k += 1 }
                if k == n {
                    let after = b[i + n]
                    if Bytes.isSpace(after) || after == UInt8(ascii: ">") || after == UInt8(ascii: "/") { return i }
                }
            }
            i += 1
        }
        return nil
    }

    /// The `>` that ends a tag, outside quoted attribute values.
    private static func tagEnd(_ b: [UInt8], from: Int) -> Int? {
        var i = from
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
            else if c == UInt8(ascii: ">") { return i }
            i += 1
        }
        return nil
    }

    /// Where an element's content ends: its end tag (same-name elements nested inside counted), or,
    /// for an element left open, the end tag of a container or the start of the next block.
    private static func contentEnd(_ name: String, in b: [UInt8], from: Int, limit: Int) -> Int {
        let containers: Set<String> = ["ul", "ol", "table", "tr", "tbody", "div", "section", "article", "main", "body",
                                       "html", "blockquote", "li", "td", "dl"]
        var depth = 0
        var i = from
        while i < limit {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            if i + 3 < b.count, b[i + 1] == UInt8(ascii: "!"), b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                i = MarkdownLayout.find("-->", in: b, i..<b.count) ?? b.count
                continue
            }
            let closing = i + 1 < b.count && b[i + 1] == UInt8(ascii: "/")
            var j = i + (closing ? 2 : 1)
            let s = j
            while j < b.count, Bytes.isASCIILetter(b[j]) || Bytes.isDigit(b[j]) { j += 1 }
            let tag = String(decoding: b[s..<j].map { Bytes.lower($0) }, as: UTF8.self)
            if tag == "script" || tag == "style", !closing {
                i = MarkdownLayout.find("</\(tag)", in: b.map { Bytes.lower($0) }, j..<b.count) ?? b.count
                continue
            }
            if tag == name { if closing { if depth == 0 { return i }; depth -= 1 } else { depth += 1 } }
            else if closing, containers.contains(tag), depth == 0 { return i }
            i = max(j, i + 1)
        }
        return limit
    }

    /// Scripts, styles and comments inside a block: not prose, and their `>` would end a tag early.
    private static func innerSkips(_ r: Range<Int>, _ b: [UInt8], into skips: inout [Range<Int>]) {
        var i = r.lowerBound
        while i < r.upperBound {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            if i + 3 < r.upperBound, b[i + 1] == UInt8(ascii: "!"), b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                let e = min(MarkdownLayout.find("-->", in: b, i + 4..<r.upperBound) ?? r.upperBound, r.upperBound)
                skips.append(i..<e); i = e; continue
            }
            for tag in ["script", "style"] {
                let open = Array("<\(tag)".utf8)
                guard i + open.count < r.upperBound, (0..<open.count).allSatisfy({ Bytes.lower(b[i + $0]) == open[$0] }) else { continue }
                var k = i + open.count
                let close = Array("</\(tag)".utf8)
                while k + close.count <= r.upperBound, !(0..<close.count).allSatisfy({ Bytes.lower(b[k + $0]) == close[$0] }) { k += 1 }
                let e = min((tagEnd(b, from: k) ?? r.upperBound) + 1, r.upperBound)
                skips.append(i..<e); i = e - 1
            }
            i += 1
        }
    }
}
