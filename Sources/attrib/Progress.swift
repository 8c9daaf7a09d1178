import Foundation

/// "files done / total, MB/s" on standard error, rewritten in place with \r while a folder of
/// more than a few files is checked, and cleared at the end. Only when standard error is a
/// terminal; silent otherwise. Used from the thread that writes the output only.
final class Progress {
    /// Fewer inputs than this show no progress.
    static let minimumFiles = 6

    private let total: Int
    private var done = 0
    private var bytes: Int64 = 0
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var shown = false
    private let stdoutTerminal = isatty(STDOUT_FILENO) == 1

    /// nil unless standard error is a terminal and there are enough files.
    init?(total: Int, terminal: Bool = isatty(STDERR_FILENO) == 1) {
        guard terminal, total >= Self.minimumFiles else { return nil }
        self.total = total
    }

    /// One more input handled (read or not).
    func done(_ input: InputFile) {
        done += 1
        var info = stat()
        if !input.isStdin, stat(input.path, &info) == 0 { bytes += Int64(info.st_size) }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let seconds = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(bytes) / 1_048_576 / seconds
        Self.write("\r\u{1B}[Kfiles \(done) / \(total), \(String(format: "%.1f", rate)) MB/s")
        shown = true
    }

    /// Removes the progress line, before other output or at the end.
    func clear() {
        guard shown else { return }
        Self.write("\r\u{1B}[K")
        shown = false
    }

    /// Before writing to standard output: the line goes away only when both share a terminal.
    func clearForOutput() { if stdoutTerminal { clear() } }

    func finish() { clear() }

    private static func write(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            guard let base = buf.baseAddress else { return }
            var offset = 0
            while offset < buf.count {
                let n = Foundation.write(STDERR_FILENO, base + offset, buf.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
