/// File-path pieces by byte search: NSString's path methods cost about 40,000 instructions a
/// call on Linux, more than analysing a paragraph, and run several times per file.
public enum PathName {
    /// The last component: "b.txt" of "/a/b.txt" (trailing slashes ignored).
    public static func last(_ path: String) -> String {
        let (p, end, slash) = pieces(path)
        return slice(p, (slash.map { $0 + 1 } ?? 0)..<end)
    }

    /// The folder: "/a" of "/a/b.txt", "/" of "/b.txt", "" of "b.txt".
    public static func folder(_ path: String) -> String {
        let (p, _, slash) = pieces(path)
        guard let slash else { return "" }
        return slash == 0 ? "/" : slice(p, 0..<slash)
    }

    /// The extension without its dot ("md"), or "" when the name has none or starts with the dot.
    public static func pathExtension(_ path: String) -> String {
        let (p, end, slash) = pieces(path)
        let start = slash.map { $0 + 1 } ?? 0
        guard let dot = lastDot(p, start..<end), dot != start else { return "" }
        return slice(p, dot + 1..<end)
    }

    /// The last component without its extension: "b" of "/a/b.txt".
    public static func stem(_ path: String) -> String {
        let (p, end, slash) = pieces(path)
        let start = slash.map { $0 + 1 } ?? 0
        guard let dot = lastDot(p, start..<end), dot != start else { return slice(p, start..<end) }
        return slice(p, start..<dot)
    }

    /// `path` with byte offsets: the end without trailing slashes (a lone "/" stays) and the
    /// last slash before it. A trailing slash after a non-ASCII byte is dropped by Character
    /// instead (a prepended mark joins the slash, and dropping it takes more than the slash),
    /// and the offsets are then those of the path so trimmed.
    private static func pieces(_ path: String) -> (path: String, end: Int, slash: Int?) {
        if let (end, slash) = byteOffsets(path) { return (path, end, slash) }
        var s = Substring(path)
        while s.utf8.count > 1, s.utf8.last == UInt8(ascii: "/") { s = s.dropLast() }
        let trimmed = String(s)
        let (end, slash) = byteOffsets(trimmed) ?? (trimmed.utf8.count, nil)
        return (trimmed, end, slash)
    }

    /// The byte offsets `pieces` gives, or nil when a trailing slash follows a non-ASCII byte.
    private static func byteOffsets(_ path: String) -> (end: Int, slash: Int?)? {
        Bytes.withUTF8(path) { b in
            let slashByte = UInt8(ascii: "/")
            var end = b.count
            while end > 1, b[end - 1] == slashByte {
                if b[end - 2] >= 0x80 { return nil }
                end -= 1
            }
            var i = end
            while i > 0 {
                i -= 1
                if b[i] == slashByte { return (end, i) }
            }
            return (end, nil)
        }
    }

    private static func lastDot(_ path: String, _ range: Range<Int>) -> Int? {
        Bytes.withUTF8(path) { b in
            var i = range.upperBound
            while i > range.lowerBound {
                i -= 1
                if b[i] == UInt8(ascii: ".") { return i }
            }
            return nil
        }
    }

    /// The bytes `range` of `path` as a String; the bounds sit at ASCII bytes or the ends, so
    /// they are scalar boundaries and the text is what slicing the String would give.
    private static func slice(_ path: String, _ range: Range<Int>) -> String {
        if range.count == path.utf8.count { return path }
        return Bytes.withUTF8(path) { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}
