import AttribKit
import Foundation

/// A spool in a temporary file, removed from its folder as soon as it is made (nothing is left
/// behind, not even after a crash), so that a report over an archive keeps one file's section in
/// memory at a time. Where no temporary file can be made, the spools stay in memory.
final class FileSpool: Spool {
    private let fd: Int32
    /// The first error writing or reading the file, as errno; the run reports it and fails.
    private(set) var failure: Int32 = 0
    /// Bytes read back at a time.
    private let chunk: Int

    private init(fd: Int32, chunk: Int) {
        self.fd = fd
        self.chunk = chunk
    }

    deinit { close(fd) }

    /// A spool in `$TMPDIR` (or /tmp), nil when none can be made there.
    static func make(chunk: Int = 1 << 20) -> FileSpool? {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/attrib-spool-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { b in b.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { b in _ = b.baseAddress.map { unlink($0) } }
        return FileSpool(fd: fd, chunk: max(chunk, 4))
    }

    func append(_ text: String) {
        guard failure == 0 else { return }
        var text = text
        text.withUTF8 { buf in
            var offset = 0
            while offset < buf.count, let base = buf.baseAddress {
                let n = Foundation.write(fd, base + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
    }

    func drain(_ write: (String) -> Void) {
        guard failure == 0 else { return }
        guard lseek(fd, 0, SEEK_SET) == 0 else { failure = errno; return }
        var buffer = [UInt8](repeating: 0, count: chunk)
        var held = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { Foundation.read(fd, $0 + held, chunk - held) } ?? 0
            }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            let filled = held + n
            // A piece ends on a character: the bytes of one cut by the chunk wait for the next read.
            let end = n == 0 ? filled : Self.characterEnd(buffer, filled)
            if end > 0 { write(String(decoding: buffer[0..<end], as: UTF8.self)) }
            if n == 0 { break }
            held = filled - end
            for i in 0..<held { buffer[i] = buffer[end + i] }
        }
        if ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0 { failure = errno }
    }

    /// Where the last whole UTF-8 character among the first `count` bytes ends.
    static func characterEnd(_ bytes: [UInt8], _ count: Int) -> Int {
        var start = count
        // Back over continuation bytes to the last lead byte (at most three of them).
        while start > 0, count - start < 4, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > 0 else { return count }
        let lead = bytes[start - 1]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return start - 1 + length <= count ? count : start - 1
    }
}

/// The spools of one run: in temporary files where they can be made; their first error, if any.
final class RunSpools {
    private var files: [FileSpool] = []

    /// A maker for writers: a temporary file, or memory where none can be made.
    var maker: SpoolMaker {
        { [self] in
            if let spool = FileSpool.make() {
                files.append(spool)
                return spool
            }
            return MemorySpool()
        }
    }

    /// Throws the first spool's failure, once the report has been written.
    func check() throws(SpoolError) {
        if let failed = files.first(where: { $0.failure != 0 }) { throw SpoolError(errno: failed.failure) }
    }
}

/// A spool's temporary file failed (a full disk): the report is incomplete, and the run says so.
struct SpoolError: Error {
    let message: String
    init(errno: Int32) { message = "cannot keep the report in a temporary file ($TMPDIR or /tmp): " + String(cString: strerror(errno)) }
}
