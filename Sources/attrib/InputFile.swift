import AttribKit
import Foundation

/// One article to read: a file, or standard input.
struct InputFile: Sendable {
    let path: String
    let isStdin: Bool
    /// `--stdin-filename`: the name standard input stands for (display, configuration, format).
    var stdinName: String? = nil
    /// The folder walk saw a regular file here, so it is opened without a `stat` first: the
    /// `fstat` of what was opened still checks it (a syscall per file of a folder).
    var seenRegular = false

    var displayPath: String { isStdin ? (stdinName ?? "<stdin>") : path }
    var stem: String {
        if isStdin && stdinName == nil { return "stdin" }
        return PathName.stem(displayPath)
    }

    static let extensions: Set<String> = ["txt", "md", "markdown", "html", "htm"]

    static func isArticle(_ name: String) -> Bool { extensions.contains(PathName.pathExtension(name).lowercased()) }

    /// `isArticle` for a folder entry's name (no slash), by its bytes when its extension is
    /// ASCII: a folder of articles asks this of every name, and the String path cost a
    /// thousand instructions a name. Other extensions take the String path, whose Unicode
    /// lower-casing can turn a non-ASCII letter (the Kelvin sign) into an ASCII one.
    static func isArticle(entry name: ArraySlice<UInt8>) -> Bool {
        var dot = name.endIndex
        while dot > name.startIndex, name[dot - 1] != UInt8(ascii: ".") { dot -= 1 }
        // No dot, or only a leading one: no extension.
        guard dot > name.startIndex + 1 else { return false }
        let ext = name[dot...]
        guard ext.allSatisfy({ $0 < 0x80 }) else { return isArticle(String(decoding: name, as: UTF8.self)) }
        return articleExtensions.contains { e in
            e.count == ext.count && zip(e, ext).allSatisfy { $0 == $1 | ($1 >= 0x41 && $1 <= 0x5A ? 0x20 : 0) }
        }
    }

    /// `extensions` as bytes.
    private static let articleExtensions: [[UInt8]] = extensions.map { Array($0.utf8) }

    /// The file's bytes. Only regular files are opened — a FIFO would block and a device may never
    /// end — and the size is checked against `limit` before anything is read.
    func read(limit: ByteSize) throws(ReadError) -> [UInt8] {
        if isStdin {
            var info = stat()
            let size = fstat(STDIN_FILENO, &info) == 0 && Self.kind(info) == S_IFREG ? Int(info.st_size) : nil
            if let size { try Self.require(size, within: limit) }
            return try Self.readAll(STDIN_FILENO, limit: limit, sizeHint: size ?? 0)
        }
        var info = stat()
        if !seenRegular {
            guard stat(path, &info) == 0 else { throw ReadError(Self.statFailure(errno, path: path)) }
            try Self.requireRegular(info)
            try Self.require(Int(info.st_size), within: limit)
        }
        // O_NONBLOCK: if the path became a FIFO since stat, opening it must not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw ReadError("cannot open the file: \(Self.errorText(errno))") }
        defer { close(fd) }
        // What was opened is what gets read: check it again.
        guard fstat(fd, &info) == 0 else { throw ReadError("cannot read the file: \(Self.errorText(errno))") }
        try Self.requireRegular(info)
        try Self.require(Int(info.st_size), within: limit)
        return try Self.readAll(fd, limit: limit, sizeHint: Int(info.st_size))
    }

    static func kind(_ info: stat) -> mode_t { info.st_mode & S_IFMT }

    static func requireRegular(_ info: stat) throws(ReadError) {
        switch kind(info) {
        case S_IFREG: return
        case S_IFDIR: throw ReadError("is a folder")
        case S_IFIFO: throw ReadError("a named pipe (FIFO), not a regular file; not read")
        case S_IFSOCK: throw ReadError("a socket, not a regular file; not read")
        case S_IFCHR, S_IFBLK: throw ReadError("a device, not a regular file; not read")
        default: throw ReadError("not a regular file; not read")
        }
    }

    static func require(_ size: Int, within limit: ByteSize) throws(ReadError) {
        guard size > limit.bytes else { return }
        throw ReadError("\(size) bytes, over the --max-file-size limit of \(limit.text); not read")
    }

    /// Reads to the end, failing as soon as more than `limit` bytes arrive (a file that grows,
    /// or standard input, whose size is not known in advance).
    static func readAll(_ fd: Int32, limit: ByteSize, sizeHint: Int) throws(ReadError) -> [UInt8] {
        // A regular file's size is known: one byte more shows end of file in one read, into
        // memory left uninitialised (zeroing it cost as much as reading a short article).
        var failure: ReadError?
        var ended = false
        var buffer = [UInt8](unsafeUninitializedCapacity: min(limit.bytes, sizeHint > 0 ? sizeHint : 64 << 10) + 1) { raw, count in
            guard let base = raw.baseAddress else { return }
            do throws(ReadError) {
                while count < raw.count {
                    let n = try readSome(fd, into: base + count, raw.count - count)
                    if n == 0 { ended = true; return }
                    count += n
                    if count > limit.bytes { throw overLimit(limit) }
                }
            } catch { failure = error }
        }
        if let failure { throw failure }
        var count = buffer.count
        while !ended {
            if count == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, limit.bytes + 1 - buffer.count)))
            }
            let n = try buffer.withUnsafeMutableBytes { raw -> Result<Int, ReadError> in
                guard let base = raw.baseAddress else { return .success(0) }
                return Result { () throws(ReadError) in try readSome(fd, into: base + count, raw.count - count) }
            }.get()
            if n == 0 { break }
            count += n
            if count > limit.bytes { throw overLimit(limit) }
        }
        buffer.removeSubrange(count...)
        return buffer
    }

    private static func overLimit(_ limit: ByteSize) -> ReadError {
        ReadError("over the --max-file-size limit of \(limit.text); not read")
    }

    /// One read(2) of up to `length` bytes; 0 at end of file. An interrupted read is retried,
    /// and standard input left non-blocking by another program is waited for.
    private static func readSome(_ fd: Int32, into base: UnsafeMutableRawPointer, _ length: Int) throws(ReadError) -> Int {
        while true {
            let n = Foundation.read(fd, base, length)
            if n >= 0 { return n }
            let e = errno
            if e == EINTR { continue }
            if e == EAGAIN || e == EWOULDBLOCK {
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&p, 1, -1)
                continue
            }
            throw ReadError("cannot read the file: \(errorText(e))")
        }
    }

    /// Why `stat` failed, worded for the user.
    static func statFailure(_ e: Int32, path: String) -> String {
        switch e {
        case ENOENT:
            var link = stat()
            return lstat(path, &link) == 0 ? "broken symbolic link (its target does not exist)" : "no such file or folder"
        case ELOOP: return "symbolic link loop; not followed"
        default: return errorText(e)
        }
    }

    /// strerror's text with a lower-case first letter, to follow "path: ".
    static func errorText(_ e: Int32) -> String {
        let s = String(cString: strerror(e))
        return s.prefix(1).lowercased() + s.dropFirst()
    }

    /// Files named on the command line, and articles found in folders (recursively, sorted).
    /// `bad` hears about paths that cannot be used, each once.
    static func collect(_ paths: [String], bad: (String, String) -> Void) -> [InputFile] {
        var out: [InputFile] = []
        for path in paths {
            if path == "-" { out.append(InputFile(path: "-", isStdin: true)); continue }
            var info = stat()
            guard stat(path, &info) == 0 else { bad(path, statFailure(errno, path: path)); continue }
            // Anything but a folder is read (or refused, with its reason) in input order.
            guard kind(info) == S_IFDIR else { out.append(InputFile(path: path, isStdin: false)); continue }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            var walker = FolderWalker(root: FileID(info))
            walker.walk(FolderWalker.Name(base), ancestors: [FileID(info)])
            for (p, why) in walker.problems { bad(p, why) }
            // Every path starts with `base + "/"`, so this is the order of the relative paths.
            for file in walker.found.sorted(by: FolderWalker.precedes) {
                out.append(InputFile(path: file.text, isStdin: false, seenRegular: file.regular))
            }
        }
        return out
    }
}

/// A file that could not be read, with the reason.
struct ReadError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
