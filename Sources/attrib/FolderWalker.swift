import Foundation

/// A folder or file's identity, to notice a symbolic link that leads back into the walk.
struct FileID: Hashable {
    let device: UInt64
    let inode: UInt64
    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }
}

/// Walks a folder tree for articles. Symbolic links to folders are followed unless they lead
/// back to a folder being walked (a loop, reported) or to one already walked (skipped), so the
/// walk always ends and reads each folder once.
struct FolderWalker {
    /// Article paths (the root, a slash, the path below it), unsorted.
    var found: [Name] = []
    /// Paths that could not be used, with the reason.
    var problems: [(String, String)] = []
    private var visited: Set<FileID>

    init(root: FileID) { visited = [root] }

    /// A name or path, with whether it is all ASCII: ASCII texts sort by their bytes, which is
    /// String order for them at a fraction of its cost (a folder's names share long prefixes).
    struct Name {
        let text: String
        let ascii: Bool
        init(_ text: String) { self.init(text, ascii: text.utf8.allSatisfy { $0 < 0x80 }) }
        init(_ text: String, ascii: Bool) { self.text = text; self.ascii = ascii }
    }

    /// String order (`<`) of the texts.
    static func precedes(_ a: Name, _ b: Name) -> Bool {
        guard a.ascii && b.ascii else { return a.text < b.text }
        let answer = a.text.utf8.withContiguousStorageIfAvailable { x in
            b.text.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let n = min(x.count, y.count)
                if n > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let c = memcmp(p, q, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
        if let answer = answer ?? nil { return answer }
        return a.text < b.text
    }

    /// Walks `dir` in name order; each path is built once, and only the articles' are kept.
    mutating func walk(_ dir: Name, ancestors: [FileID]) {
        var names: [Name]
        switch Self.list(dir.text) {
        case .success(let n): names = n
        case .failure(let e): problems.append((dir.text, "cannot read the folder: \(InputFile.errorText(e.code))")); return
        }
        names.sort(by: Self.precedes)
        for name in names {
            let full = Name(dir.text + "/" + name.text, ascii: dir.ascii && name.ascii)
            var info = stat()
            guard lstat(full.text, &info) == 0 else {
                if InputFile.isArticle(entry: name.text) { problems.append((full.text, InputFile.errorText(errno))) }
                continue
            }
            if InputFile.kind(info) == S_IFLNK {
                guard stat(full.text, &info) == 0 else {
                    let e = errno
                    if e == ELOOP { problems.append((full.text, "symbolic link loop; not followed")) }
                    else if InputFile.isArticle(entry: name.text) { problems.append((full.text, InputFile.statFailure(e, path: full.text))) }
                    continue
                }
            }
            if InputFile.kind(info) == S_IFDIR {
                let id = FileID(info)
                if ancestors.contains(id) {
                    problems.append((full.text, "symbolic link loop (it leads back to a folder that contains it); not followed"))
                    continue
                }
                guard visited.insert(id).inserted else { continue }
                walk(full, ancestors: ancestors + [id])
            } else if InputFile.isArticle(entry: name.text) {
                // FIFOs, sockets and devices with an article's name are refused when read, in order.
                found.append(full)
            }
        }
    }

    struct ErrnoError: Error { let code: Int32 }

    /// The names in `dir` (without . and ..).
    static func list(_ dir: String) -> Result<[Name], ErrnoError> {
        guard let handle = opendir(dir.isEmpty ? "/" : dir) else { return .failure(ErrnoError(code: errno)) }
        defer { closedir(handle) }
        var names: [Name] = []
        while let entry = readdir(handle) {
            let name: Name? = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { c in
                    let n = strlen(c)
                    return c.withMemoryRebound(to: UInt8.self, capacity: n) { u -> Name? in
                        // What String(cString:) reads, ill-formed UTF-8 repaired the same way.
                        let bytes = UnsafeBufferPointer(start: u, count: n)
                        let dot = UInt8(ascii: ".")
                        if n == 1 && bytes[0] == dot || n == 2 && bytes[0] == dot && bytes[1] == dot { return nil }
                        return Name(String(decoding: bytes, as: UTF8.self), ascii: bytes.allSatisfy { $0 < 0x80 })
                    }
                }
            }
            if let name { names.append(name) }
        }
        return .success(names)
    }
}
