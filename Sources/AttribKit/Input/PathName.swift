/// File-path pieces by byte search: NSString's path methods cost about 40,000 instructions a
/// call on Linux, more than analysing a paragraph, and run several times per file.
public enum PathName {
    /// The last component: "b.txt" of "/a/b.txt" (trailing slashes ignored).
    public static func last(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return trimmed }
        return String(trimmed[trimmed.utf8.index(after: slash)...])
    }

    /// The folder: "/a" of "/a/b.txt", "/" of "/b.txt", "" of "b.txt".
    public static func folder(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return slash == trimmed.utf8.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The extension without its dot ("md"), or "" when the name has none or starts with the dot.
    public static func pathExtension(_ path: String) -> String {
        let name = last(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return "" }
        return String(name[name.utf8.index(after: dot)...])
    }

    /// The last component without its extension: "b" of "/a/b.txt".
    public static func stem(_ path: String) -> String {
        let name = last(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return name }
        return String(name[..<dot])
    }

    private static func withoutTrailingSlashes(_ path: String) -> String {
        var s = Substring(path)
        while s.utf8.count > 1, s.utf8.last == UInt8(ascii: "/") { s = s.dropLast() }
        return String(s)
    }
}
