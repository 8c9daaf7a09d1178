/// File-path pieces by byte search: NSString's path methods cost about 40,000 instructions a
/// call on Linux, more than analysing a paragraph, and run several times per file.
public enum PathName {
    /// The last component: "b.txt" of "/a/b.txt" (trailing slashes ignored).
    public static func last(_ path: String) -> String {
        guard let (end, slash) = pieces(path) else { return Slow.last(path) }
        return slice(path, (slash.map { $0 + 1 } ?? 0)..<end)
    }

    /// The folder: "/a" of "/a/b.txt", "/" of "/b.txt", "" of "b.txt".
    public static func folder(_ path: String) -> String {
        guard let (_, slash) = pieces(path) else { return Slow.folder(path) }
        guard let slash else { return "" }
        return slash == 0 ? "/" : slice(path, 0..<slash)
    }

    /// The extension without its dot ("md"), or "" when the name has none or starts with the dot.
    public static func pathExtension(_ path: String) -> String {
        guard let (end, slash) = pieces(path) else { return Slow.pathExtension(path) }
        let start = slash.map { $0 + 1 } ?? 0
        guard let dot = lastDot(path, start..<end), dot != start else { return "" }
        return slice(path, dot + 1..<end)
    }

    /// The last component without its extension: "b" of "/a/b.txt".
    public static func stem(_ path: String) -> String {
        guard let (end, slash) = pieces(path) else { return Slow.stem(path) }
        let start = slash.map { $0 + 1 } ?? 0
        guard let dot = lastDot(path, start..<end), dot != start else { return slice(path, start..<end) }
        return slice(path, start..<dot)
    }

    /// Calls `body` with the UTF-8 bytes of `s` (native strings are contiguous; others are copied).
    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }

    /// Byte offsets in `path`: the end without trailing slashes (a lone "/" stays) and the last
    /// slash before it. Nil when a trailing slash follows a non-ASCII byte: dropping Characters
    /// there may take more than the slash (a prepended mark joins it), so the slow path decides.
    private static func pieces(_ path: String) -> (end: Int, slash: Int?)? {
        withBytes(path) { b in
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
        withBytes(path) { b in
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
        return withBytes(path) { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// The Character-based versions, for the rare path the byte search leaves to them.
    private enum Slow {
        static func last(_ path: String) -> String {
            let trimmed = withoutTrailingSlashes(path)
            guard let slash = trimmed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return trimmed }
            return String(trimmed[trimmed.utf8.index(after: slash)...])
        }

        static func folder(_ path: String) -> String {
            let trimmed = withoutTrailingSlashes(path)
            guard let slash = trimmed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
            return slash == trimmed.utf8.startIndex ? "/" : String(trimmed[..<slash])
        }

        static func pathExtension(_ path: String) -> String {
            let name = last(path)
            guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return "" }
            return String(name[name.utf8.index(after: dot)...])
        }

        static func stem(_ path: String) -> String {
            let name = last(path)
            guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return name }
            return String(name[..<dot])
        }

        static func withoutTrailingSlashes(_ path: String) -> String {
            var s = Substring(path)
            while s.utf8.count > 1, s.utf8.last == UInt8(ascii: "/") { s = s.dropLast() }
            return String(s)
        }
    }
}
