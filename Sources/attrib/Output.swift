import Foundation

/// Standard output and error, written as bytes without buffering surprises.
enum Output {
    static func write(_ s: String) { write(fd: 1, s) }

    static func write(bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write(fd: 1, $0) } }

    static func error(_ s: String) { write(fd: 2, "attrib: " + s + "\n") }

    /// A reader that went away (`attrib check dir | head -1`) ends the run quietly.
    private static func write(fd: Int32, _ s: String) {
        guard !s.isEmpty else { return }
        var s = s
        s.withUTF8 { write(fd: fd, $0) }
    }

    private static func write(fd: Int32, _ buf: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buf.count, let base = buf.baseAddress {
            let n = Foundation.write(fd, base + offset, buf.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                Foundation.exit(errno == EPIPE ? 0 : 2)
            }
            offset += n
        }
    }

    /// Writes to a temporary file beside `path` and renames it, so no partial file is left — not
    /// after a failed write, and not after Ctrl-C (the interrupt handler removes the temporary file).
    static func writeAtomically(_ s: String, to path: String) throws {
        let file = try AtomicFile(path)
        file.write(s)
        try file.commit()
    }
}

/// A file written in pieces under a temporary name beside `path` and renamed into place by
/// `commit`: a report streamed from its spools is never seen half-written, nor left behind after
/// a failed write or Ctrl-C (the interrupt handler removes the temporary file).
final class AtomicFile {
    private let path: String
    private let temp: String
    private let fd: Int32
    /// The first failed write's errno; `commit` reports it.
    private var failure: Int32 = 0
    private var committed = false

    init(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let template = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".attrib-XXXXXX"
        var fd: Int32 = -1
        var failure: Int32 = 0
        let created = Interrupt.trackTemporaryFile {
            var t = Array(template.utf8CString)
            fd = t.withUnsafeMutableBufferPointer { b in b.baseAddress.map { mkstemp($0) } ?? -1 }
            if fd < 0 { failure = errno; return nil }
            return String(decoding: t.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        guard let temp = created else { throw WriteError(failure) }
        self.path = path
        self.temp = temp
        self.fd = fd
    }

    /// Removes the temporary file if the file was never committed (an error on the way).
    deinit {
        guard !committed else { return }
        close(fd)
        Interrupt.untrackTemporaryFile { unlink(temp) }
    }

    func write(_ s: String) {
        guard failure == 0, !s.isEmpty else { return }
        var bytes = s
        failure = bytes.withUTF8 { buf -> Int32 in
            var offset = 0
            while offset < buf.count, let base = buf.baseAddress {
                let n = Foundation.write(fd, base + offset, buf.count - offset)
                if n < 0 { if errno == EINTR { continue }; return errno }
                offset += n
            }
            return 0
        }
    }

    /// Gives the file its usual mode and its name; throws the first error of the writes or of this.
    func commit() throws {
        committed = true
        // mkstemp makes the file private (0600); an output file gets the usual mode.
        let mask = umask(0)
        umask(mask)
        if failure == 0, fchmod(fd, 0o666 & ~mask) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        Interrupt.untrackTemporaryFile {
            if failure == 0, rename(temp, path) != 0 { failure = errno }
            if failure != 0 { unlink(temp) }
        }
        if failure != 0 { throw WriteError(failure) }
    }
}

/// Standard output gathered into writes of 64 KiB, for JSON Lines over a folder: a write per
/// document was a system call per file. A terminal gets each result as it comes, and the caller
/// flushes before any message on standard error, so the two streams keep their order.
final class BufferedOutput {
    private var buffer: [UInt8] = []
    private let limit = 1 << 16
    private let passThrough = isatty(STDOUT_FILENO) != 0

    func write(bytes: [UInt8]) {
        if passThrough { Output.write(bytes: bytes); return }
        // A long document's line comes in pieces of megabytes: copying them here would only
        // grow the buffer to their size and write the same bytes from memory twice.
        if bytes.count >= limit {
            flush()
            Output.write(bytes: bytes)
            return
        }
        buffer += bytes
        if buffer.count >= limit { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        Output.write(bytes: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A failed write, with the system's reason.
struct WriteError: LocalizedError, CustomStringConvertible {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { String(cString: strerror(code)) }
    var errorDescription: String? { description }
}
