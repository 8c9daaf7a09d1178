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
        /// A regular file when the walk saw it (a symbolic link: its target).
        let regular: Bool
        init(_ text: String) { self.init(text, ascii: text.utf8.allSatisfy { $0 < 0x80 }) }
        init(_ text: String, ascii: Bool, regular: Bool = false) { self.text = text; self.ascii = ascii; self.regular = regular }
    }

    /// String order (`<`) of the texts.
    static func precedes(_ a: Name, _ b: Name) -> Bool {
        guard a.ascii && b.ascii else { return a.text < b.text }
        let answer = a.text.utf8.withContiguousStorageIfAvailable { x in
            b.text.utf8.withContiguousStorageIfAvailable { y in bytesPrecede(x, y) }
        }
        if let answer = answer ?? nil { return answer }
        return a.text < b.text
    }

    /// Byte order, which for ASCII names is String order: memcmp, then the shorter first.
    static func bytesPrecede(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(x.count, y.count)
        if n > 0, let p = x.baseAddress, let q = y.baseAddress {
            let c = memcmp(p, q, n)
            if c != 0 { return c < 0 }
        }
        return x.count < y.count
    }

    /// Walks `dir` in name order. Each entry's path is built in one reused buffer and lstat'ed
    /// from it; a String is made only for a folder, an article or a problem.
    mutating func walk(_ dir: Name, ancestors: [FileID]) {
        var listing: Listing
        switch Self.list(dir.text) {
        case .success(let l): listing = l
        case .failure(let e): problems.append((dir.text, "cannot read the folder: \(InputFile.errorText(e.code))")); return
        }
        listing.sort()
        var path = Array(dir.text.utf8)
        path.append(UInt8(ascii: "/"))
        let folderLength = path.count
        for (range, type) in listing.names {
            let isArticle = InputFile.isArticle(entry: listing.bytes[range])
            // A regular file needs no lstat: one that is not an article is skipped, an article
            // is checked again when it is opened. A syscall per file was 1% of a folder's run.
            let regular = type == UInt8(DT_REG)
            if regular && !isArticle { continue }
            path.removeSubrange(folderLength...)
            path += listing.bytes[range]
            func full(regular: Bool = false) -> Name {
                Name(String(decoding: path, as: UTF8.self), ascii: dir.ascii && listing.ascii, regular: regular)
            }
            if regular { found.append(full(regular: true)); continue }
            path.append(0)
            var info = stat()
            let status = path.withUnsafeBufferPointer { b -> Int32 in
                b.withMemoryRebound(to: CChar.self) { c in c.baseAddress.map { lstat($0, &info) } ?? -1 }
            }
            path.removeLast()
            guard status == 0 else {
                if isArticle { problems.append((full().text, InputFile.errorText(errno))) }
                continue
            }
            if InputFile.kind(info) == S_IFLNK {
                let text = full().text
                guard stat(text, &info) == 0 else {
                    let e = errno
                    if e == ELOOP { problems.append((text, "symbolic link loop; not followed")) }
                    else if isArticle { problems.append((text, InputFile.statFailure(e, path: text))) }
                    continue
                }
            }
            if InputFile.kind(info) == S_IFDIR {
                let id = FileID(info)
                if ancestors.contains(id) {
                    problems.append((full().text, "symbolic link loop (it leads back to a folder that contains it); not followed"))
                    continue
                }
                guard visited.insert(id).inserted else { continue }
                walk(full(), ancestors: ancestors + [id])
            } else if isArticle {
                // FIFOs, sockets and devices with an article's name are refused when read, in order.
                found.append(full(regular: InputFile.kind(info) == S_IFREG))
            }
        }
    }

    struct ErrnoError: Error { let code: Int32 }

    /// A folder's names: their bytes back to back, as String(cString:) would read them (ill-formed
    /// UTF-8 repaired), each one's range and its `d_type` (DT_UNKNOWN where the file system
    /// does not say).
    struct Listing {
        var bytes: [UInt8] = []
        var names: [(range: Range<Int>, type: UInt8)] = []
        var ascii = true

        /// In String order: by bytes when every name is ASCII, which is the same order.
        mutating func sort() {
            let bytes = self.bytes
            if ascii {
                bytes.withUnsafeBufferPointer { b in
                    names.sort { FolderWalker.bytesPrecede(UnsafeBufferPointer(rebasing: b[$0.range]), UnsafeBufferPointer(rebasing: b[$1.range])) }
                }
            } else {
                let texts = names.map { String(decoding: bytes[$0.range], as: UTF8.self) }
                names = names.indices.sorted { texts[$0] < texts[$1] }.map { names[$0] }
            }
        }
    }

    /// The names in `dir` (without . and ..).
    static func list(_ dir: String) -> Result<Listing, ErrnoError> {
        guard let handle = opendir(dir.isEmpty ? "/" : dir) else { return .failure(ErrnoError(code: errno)) }
        defer { closedir(handle) }
        var listing = Listing()
        while let entry = readdir(handle) {
            let type = entry.pointee.d_type
            withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { c in
                    let n = strlen(c)
                    c.withMemoryRebound(to: UInt8.self, capacity: n) { u in
                        let bytes = UnsafeBufferPointer(start: u, count: n)
                        let dot = UInt8(ascii: ".")
                        if n == 1 && bytes[0] == dot || n == 2 && bytes[0] == dot && bytes[1] == dot { return }
                        let start = listing.bytes.count
                        if bytes.allSatisfy({ $0 < 0x80 }) {
                            listing.bytes += bytes
                        } else {
                            listing.ascii = false
                            listing.bytes += String(decoding: bytes, as: UTF8.self).utf8
                        }
                        listing.names.append((start..<listing.bytes.count, type))
                    }
                }
            }
        }
        return .success(listing)
    }
}
