/// Markdown blocks without a full parser: front matter, fenced code and HTML comments are left
/// out; headings, list items and block quotes lose their markers so positions stay exact.
enum MarkdownLayout {
    static func blocks(in text: SourceText) -> BlockLayout {
        var layout = BlockLayout()
        let lines = Lines.ranges(in: text)
        let b = text.bytes
        var i = 0
        func starts(_ r: Range<Int>, _ prefix: String) -> Bool {
            let p = Array(prefix.utf8)
            return r.count >= p.count && Array(b[r.lowerBound..<r.lowerBound + p.count]) == p
        }
        func line(_ r: Range<Int>) -> String { text.string(r) }
        // Front matter: a YAML block fenced by --- on the very first line.
        if let first = lines.first, line(first).trimmingTrailingSpaces() == "---" {
            var j = 1
            while j < lines.count, line(lines[j]).trimmingTrailingSpaces() != "---" {
                let l = line(lines[j])
                if let colon = l.firstIndex(of: ":") {
                    let key = l[..<colon].trimmingSpaces()
                    var value = l[l.index(after: colon)...].trimmingSpaces()
                    if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                        value = String(value.dropFirst().dropLast())
                    }
                    if !key.isEmpty, !key.hasPrefix(" ") { layout.frontMatter[key] = value }
                }
                j += 1
            }
            i = j < lines.count ? j + 1 : 0
            if j >= lines.count { layout.frontMatter = [:] }
        }
        var paragraph: Range<Int>?
        func flush() {
            if let p = paragraph, let r = Lines.trimmed(text, p) { layout.ranges.append(r) }
            paragraph = nil
        }
        var inComment = false
        while i < lines.count {
            var r = lines[i]
            i += 1
            if inComment {
                if let close = find("-->", in: b, r) { inComment = false; r = close..<r.upperBound; if Lines.isBlank(text, r) { continue } } else { continue }
            }
            guard let t = Lines.trimmed(text, r) else { flush(); continue }
            if starts(t, "```") || starts(t, "~~~") {
                flush()
                let fence = String(line(t).prefix(3))
                while i < lines.count, !line(lines[i]).trimmingSpaces().hasPrefix(fence) { i += 1 }
                i += 1
                continue
            }
            if starts(t, "<!--") {
                flush()
                if find("-->", in: b, t.lowerBound + 4..<t.upperBound) == nil { inComment = true }
                continue
            }
            if starts(t, "#") {
                flush()
                var s = t.lowerBound
                while s < t.upperBound, b[s] == UInt8(ascii: "#") { s += 1 }
                if let h = Lines.trimmed(text, s..<t.upperBound) {
                    layout.headings.insert(layout.ranges.count)
                    layout.ranges.append(h)
                }
                continue
            }
            var body = t
            for marker in ["> ", "- ", "* ", "+ "] where starts(t, marker) {
                flush()
                body = t.lowerBound + 2..<t.upperBound
            }
            if let p = paragraph { paragraph = p.lowerBound..<body.upperBound } else { paragraph = body }
        }
        flush()
        return layout
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
