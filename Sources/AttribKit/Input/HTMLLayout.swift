/// HTML blocks by a light scan until a real parser arrives: the text of p, h1–h6, li and
/// blockquote elements, outside script and style. Markup inside a block is skipped by the tokenizer.
enum HTMLLayout {
    static func blocks(in text: SourceText) -> BlockLayout {
        var layout = BlockLayout()
        let b = text.bytes
        let n = b.count
        var i = 0
        var open: (start: Int, heading: Bool)?
        while i < n {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            var j = i + 1
            while j < n, b[j] != UInt8(ascii: ">") { j += 1 }
            guard j < n else { break }
            let tag = text.string(i + 1..<j).lowercased()
            let name = String(tag.prefix { $0.isLetter || $0.isNumber || $0 == "/" || $0 == "!" })
            if name == "script" || name == "style" {
                let close = Array("</\(name)".utf8)
                var k = j
                while k + close.count <= n, Array(b[k..<k + close.count]).map({ Bytes.lower($0) }) != close { k += 1 }
                i = k + close.count
                continue
            }
            if name.hasPrefix("!--") {
                i = MarkdownLayout.find("-->", in: b, i..<n) ?? n
                continue
            }
            let blockNames: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"]
            if blockNames.contains(name) {
                open = (j + 1, name.hasPrefix("h"))
            } else if name.hasPrefix("/"), blockNames.contains(String(name.dropFirst())), let o = open {
                if let r = Lines.trimmed(text, o.start..<i) {
                    if o.heading { layout.headings.insert(layout.ranges.count) }
                    layout.ranges.append(r)
                }
                open = nil
            }
            i = j + 1
        }
        return layout
    }
}
