import Foundation
import Testing

/// Bad input, end to end on the built binary: nothing crashes, hangs or is lost. Every test works
/// in its own temporary folder and every run has a deadline, so a hang fails instead of stalling.
struct HardeningTests {
    // MARK: Running the binary

    struct Result {
        let status: Int32
        let signaled: Bool
        let stdout: String
        let stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    struct TimedOut: Error, CustomStringConvertible {
        let args: [String]
        var description: String { "attrib \(args.joined(separator: " ")) did not finish in time" }
    }

    /// Runs `executable` (the attrib binary by default); output goes to files, so neither stream
    /// can fill up and block the other. `whileRunning` gets the process once it has started.
    func run(_ args: [String], executable: String = CommandLineTests.binary, stdin: Data? = nil, keepStdinOpen: Bool = false,
             cwd: String? = nil, environment: [String: String] = [:], timeout: TimeInterval = 30,
             whileRunning: ((Process) throws -> Void)? = nil) throws -> Result {
        let io = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: io) }
        _ = FileManager.default.createFile(atPath: io + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: io + "/err", contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: io + "/out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: io + "/err"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["ATTRIB_RULES"] = CommandLineTests.root + "/Rules"
        env.merge(environment) { $1 }
        p.environment = env
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        try out.close()
        try err.close()
        if let stdin { inp.fileHandleForWriting.write(stdin) }
        if !keepStdinOpen { try inp.fileHandleForWriting.close() }
        try whileRunning?(p)
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning {
            // SIGKILL: the child may have inherited a mask that blocks SIGTERM from this runner.
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            throw TimedOut(args: args)
        }
        p.waitUntilExit()
        if keepStdinOpen { try? inp.fileHandleForWriting.close() }
        let o = try Self.contents(io + "/out")
        let e = try Self.contents(io + "/err")
        return Result(status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// More records than the worker pool lets wait (16 per worker), of very different lengths,
    /// so results finish out of order and the window fills: the output order must not change.
    /// (Output goes to a file here: through a pipe nobody reads yet, the run would stall.)
    @Test func manyStandardInputRecordsComeBackInInputOrder() throws {
        let records = (0..<120).map { i in
            let body = String(repeating: "The council said the road would reopen on Monday. ", count: i % 7 == 0 ? 400 : 1)
            return "{\"id\":\"r\(i)\",\"text\":\"Storm hits\\n\(body)\"}"
        }
        let input = records.joined(separator: "\n") + "\n"
        let one = try run(["extract", "--format", "jsonl", "--jobs", "1", "-"], stdin: Data(input.utf8))
        let three = try run(["extract", "--format", "jsonl", "--jobs", "3", "-"], stdin: Data(input.utf8))
        #expect(one.status == 0)
        #expect(three.stdout == one.stdout)
        let ids = three.stdout.split(separator: "\n").map { $0.prefix(while: { $0 != "," }) }
        #expect(ids == (0..<120).map { "{\"path\":\"r\($0)\"" })
    }

    static func contents(_ path: String) throws -> Data {
        let h = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? h.close() }
        return try h.readToEnd() ?? Data()
    }

    func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "attrib-hardening-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func write(_ text: String, _ path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
    func write(_ bytes: [UInt8], _ path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    /// An article that always yields this finding, used as "the other file that is still checked".
    static let good = "Storm hits the coast\n“We have never seen water rise this fast in our lives.”\n"
    static func goodLine(_ path: String) -> String {
        "\(path):2:1: error: quotation \"“We have never seen water rise this fas…\" has no speaker [quote-without-speaker]"
    }

    // MARK: Encodings

    @Test func invalidUTF8IsAnErrorNamingTheByteAndOtherFilesAreStillChecked() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.good, dir + "/a.txt")
        try write(Array("The mayor said".utf8) + [0xC3, 0x28] + Array(" it.\n".utf8), dir + "/b.txt")
        try write(Self.good, dir + "/c.txt")
        let r = try run(["check", dir])
        #expect(r.status == 2)
        #expect(r.stderrLines == ["attrib: \(dir)/b.txt: invalid UTF-8 at byte 14"])
        #expect(r.stdoutLines.contains(Self.goodLine(dir + "/a.txt")))
        #expect(r.stdoutLines.contains(Self.goodLine(dir + "/c.txt")))
        #expect(r.stdout.contains("2 files checked"))
    }

    @Test func lossyReplacesInvalidBytesAndReportsAWarning() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/bad.txt"
        try write(Array("The mayor said the road".utf8) + [0xFF] + Array(" would reopen.\n".utf8), path)
        let r = try run(["check", "--lossy", path])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdoutLines.contains("\(path):1:24: warning: invalid UTF-8 at byte 23 replaced with U+FFFD [invalid-utf8]"))
        #expect(try run(["check", "--lossy", "--fail-on", "warning", path]).status == 1)

        // The JSON carries the finding, and the text has U+FFFD where the byte was.
        let x = try run(["extract", "--lossy", path])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(x.stdout.utf8)) as? [String: Any])
        let findings = try #require(obj["findings"] as? [[String: Any]])
        let f = try #require(findings.first { $0["rule"] as? String == "invalid-utf8" })
        #expect(f["severity"] as? String == "warning")
        #expect(f["start"] as? Int == 23)

        // Several bad sequences: one finding that counts them.
        try write([0x41, 0xFF, 0x42, 0xE2, 0x82, 0x43, 0xC0, 0x0A], path)
        let many = try run(["check", "--lossy", path])
        #expect(many.stdoutLines.contains("\(path):1:2: warning: 3 invalid UTF-8 sequences replaced with U+FFFD (the first at byte 1) [invalid-utf8]"))
    }

    /// The same article as UTF-8 with LF, CRLF or lone CR line ends, with a BOM, and as UTF-16 LE and
    /// BE: identical check lines (line:column in code points of the text, the BOM not counted).
    @Test func bomUTF16AndLineEndsKeepLineAndColumn() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = ["“We have never seen water rise this fast in our lives.”", "Storm hits the coast",
                     "The council said 4,000 homes were flooded on Monday.", "In the café, last year was the worst ever for the town."]
        let lf = lines.joined(separator: "\n") + "\n"
        let variants: [(String, [UInt8])] = [
            ("lf", Array(lf.utf8)),
            ("crlf", Array(lines.joined(separator: "\r\n").utf8) + [0x0D, 0x0A]),
            ("cr", Array(lines.joined(separator: "\r").utf8) + [0x0D]),
            ("mixed", Array((lines[0] + "\r\n" + lines[1] + "\r" + lines[2] + "\n" + lines[3]).utf8)),
            ("bom", [0xEF, 0xBB, 0xBF] + Array(lf.utf8)),
            ("utf16le", [0xFF, 0xFE] + lf.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("utf16be", [0xFE, 0xFF] + lf.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
        ]
        var extracts: [String: [String: Any]] = [:]
        for (name, bytes) in variants {
            let path = "\(dir)/\(name).txt"
            try write(bytes, path)
            let r = try run(["check", "--min-severity", "warning", path])
            #expect(r.stderr.isEmpty, "\(name)")
            #expect(r.stdoutLines.dropLast() == [
                "\(path):1:1: error: quotation \"“We have never seen water rise this fas…\" has no speaker [quote-without-speaker]",
                "\(path):4:28: warning: superlative \"the worst ever\" has no source [unattributed-claim]",
            ], "\(name)")
            let x = try run(["extract", path])
            extracts[name] = try JSONSerialization.jsonObject(with: Data(x.stdout.utf8)) as? [String: Any]
        }
        // JSON offsets count code points of the decoded text: the same for all but the line ends.
        func spans(_ name: String) -> String {
            let o = extracts[name] ?? [:]
            let parts: [Any] = [o["attributions"] ?? [], o["unattributed"] ?? []]
            let data = (try? JSONSerialization.data(withJSONObject: parts, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        for name in ["bom", "utf16le", "utf16be"] { #expect(spans(name) == spans("lf"), "\(name)") }
        #expect(spans("crlf") != spans("lf"), "CRLF adds a code point per line")
    }

    @Test func invalidUTF16IsAnErrorUnlessLossy() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/u16.txt"
        // "ab", a lone high surrogate at byte 6, "cd".
        try write([0xFF, 0xFE, 0x61, 0x00, 0x62, 0x00, 0x00, 0xD8, 0x63, 0x00, 0x64, 0x00], path)
        let r = try run(["check", path])
        #expect(r.status == 2)
        #expect(r.stderrLines == ["attrib: \(path): invalid UTF-16 at byte 6"])
        let lossy = try run(["check", "--lossy", path])
        #expect(lossy.status == 0)
        #expect(lossy.stdoutLines.contains("\(path):1:3: warning: invalid UTF-16 at byte 6 replaced with U+FFFD [invalid-utf16]"))
    }

    // MARK: Binary, empty, too large

    @Test func binaryFileIsAnErrorUnlessSkipBinary() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.good, dir + "/a.txt")
        try write([0x47, 0x49, 0x46, 0x38, 0x00, 0x01, 0x02], dir + "/image.txt")
        let r = try run(["check", dir])
        #expect(r.status == 2)
        #expect(r.stderrLines == ["attrib: \(dir)/image.txt: binary file (NUL byte at 4), skipped (--skip-binary skips binary files without an error)"])
        #expect(r.stdoutLines.contains(Self.goodLine(dir + "/a.txt")))

        let skipped = try run(["check", "--skip-binary", "--fail-on", "warning", dir, "--min-severity", "warning"])
        // Exit 1 comes from the good file's error finding, not from the binary file.
        #expect(skipped.status == 1)
        #expect(skipped.stderrLines == ["attrib: note: \(dir)/image.txt: binary file (NUL byte at 4), skipped"])
        let clean = try run(["check", "--skip-binary", dir + "/image.txt"])
        #expect(clean.status == 0)
        #expect(!clean.stdout.contains("could not be read"))
    }

    @Test func emptyAndWhitespaceOnlyFilesHaveNoFindings() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("", dir + "/empty.txt")
        try write(" \n\n\t  \r\n\u{A0}\n", dir + "/blank.md")
        try write([0xEF, 0xBB, 0xBF], dir + "/bom-only.txt")
        try write([0xFF, 0xFE], dir + "/utf16-bom-only.txt")
        try write("   ", dir + "/spaces.html")
        for command in ["check", "report", "extract"] {
            let r = try run([command, dir])
            #expect(r.status == 0, "\(command)")
            #expect(r.stderr.isEmpty, "\(command)")
        }
        let r = try run(["check", dir])
        #expect(r.stdoutLines == ["5 files checked: 0 errors, 0 warnings, 0 info; 0 statements, 0% attributed"])
    }

    /// extract gathers its lines into large writes; a message about a file still comes between
    /// the lines of the files before and after it when both streams go to one place (a CI log).
    /// Runs attrib with standard output and error on one pipe; its status and the lines as written.
    private func runOnOneStream(_ args: [String]) throws -> (Int32, [String]) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = args
        p.environment = ["ATTRIB_RULES": CommandLineTests.root + "/Rules"]
        let both = Pipe()
        p.standardOutput = both
        p.standardError = both
        try p.run()
        let text = String(decoding: both.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text.split(separator: "\n").map(String.init))
    }

    @Test func extractKeepsLinesAndMessagesInOrderOnOneStream() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.good, dir + "/a.txt")
        try write(String(repeating: "The mayor said the road would reopen. ", count: 600), dir + "/b.txt")
        try write(Self.good, dir + "/c.txt")
        let (status, lines) = try runOnOneStream(["extract", "--jobs", "2", "--max-file-size", "10KB", dir])
        #expect(status == 2)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("{\"path\":\"\(dir)/a.txt\"") == true)
        #expect(lines.dropFirst().first == "attrib: \(dir)/b.txt: 22800 bytes, over the --max-file-size limit of 10KB; not read")
        #expect(lines.last?.hasPrefix("{\"path\":\"\(dir)/c.txt\"") == true)
    }

    /// `check` in a per-file format also renders on the workers and gathers its output into large
    /// writes: a message about an unreadable file still comes between the files around it.
    @Test(arguments: ["text", "github"])
    func checkKeepsLinesAndMessagesInOrderOnOneStream(format: String) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.good, dir + "/a.txt")
        try write(String(repeating: "The mayor said the road would reopen. ", count: 600), dir + "/b.txt")
        try write(Self.good, dir + "/c.txt")
        let (status, lines) = try runOnOneStream(["check", "--format", format, "--jobs", "2", "--max-file-size", "10KB", dir])
        #expect(status == 2)
        let message = lines.firstIndex(of: "attrib: \(dir)/b.txt: 22800 bytes, over the --max-file-size limit of 10KB; not read")
        let a = lines.firstIndex { $0.contains("\(dir)/a.txt") }, c = lines.firstIndex { $0.contains("\(dir)/c.txt") }
        #expect(message != nil && a != nil && c != nil)
        if let message, let a, let c { #expect(a < message && message < c) }
    }

    @Test func fileOverMaxFileSizeIsAnErrorNamingTheLimit() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.good, dir + "/a.txt")
        try write(String(repeating: "The mayor said the road would reopen. ", count: 600), dir + "/big.txt")   // 22,800 bytes
        let r = try run(["check", "--max-file-size", "10KB", dir])
        #expect(r.status == 2)
        #expect(r.stderrLines == ["attrib: \(dir)/big.txt: 22800 bytes, over the --max-file-size limit of 10KB; not read"])
        #expect(r.stdoutLines.contains(Self.goodLine(dir + "/a.txt")))
        // Other spellings of the limit.
        #expect(try run(["check", "--max-file-size", "22.3kb", dir + "/big.txt"]).status == 0)
        #expect(try run(["check", "--max-file-size", "1MB", dir + "/big.txt"]).status == 0)
        #expect(try run(["check", "--max-file-size", "22799", dir + "/big.txt"]).status == 2)
        // Bad sizes are usage errors.
        for bad in ["10XB", "0", "-5MB", "MB", ""] {
            let u = try run(["check", "--max-file-size", bad, dir])
            #expect(u.status == 2, "\(bad)")
            #expect(u.stdout.isEmpty, "\(bad)")
        }
        // Standard input has a limit too, whether its size is known or not.
        let piped = try run(["check", "--max-file-size", "1KB", "-"], stdin: Data(String(repeating: "word ", count: 400).utf8))
        #expect(piped.status == 2)
        #expect(piped.stderrLines == ["attrib: <stdin>: over the --max-file-size limit of 1KB; not read"])
    }

    /// The size is checked before reading: a sparse 60 MB file would take a while to read (and be
    /// called binary for its NUL bytes); instead it is refused at once, by its size.
    @Test func sizeIsCheckedBeforeReading() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/huge.txt"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.truncate(atOffset: 60 << 20)
        try h.close()
        let r = try run(["check", path], timeout: 10)
        #expect(r.status == 2)
        #expect(r.stderrLines == ["attrib: \(path): 62914560 bytes, over the --max-file-size limit of 50MB; not read"])
    }

    // MARK: Paths that are not articles

    @Test func unreadableFileIsOneErrorAndOthersContinue() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.good, dir + "/a.txt")
        let locked = dir + "/locked.txt"
        try write(Self.good, locked)
        chmod(locked, 0)
        let expected: String
        if (try? Self.contents(locked)) == nil {
            expected = "attrib: \(locked): cannot open the file: permission denied"
        } else {
            // Root (CAP_DAC_OVERRIDE) reads a mode-000 file anyway. A file whose read fails is
            // /proc/self/mem: a regular file that opens, and whose read at offset 0 fails with EIO.
            try FileManager.default.removeItem(atPath: locked)
            guard FileManager.default.fileExists(atPath: "/proc/self/mem") else { return }   // not Linux: nothing to test as root
            try FileManager.default.createSymbolicLink(atPath: locked, withDestinationPath: "/proc/self/mem")
            expected = "attrib: \(locked): cannot read the file: input/output error"
        }
        let r = try run(["check", dir])
        #expect(r.status == 2)
        #expect(r.stderrLines == [expected])
        #expect(r.stdoutLines.contains(Self.goodLine(dir + "/a.txt")))
    }

    @Test func missingPathFIFOSocketAndSymlinkLoopsAreOneErrorEach() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.good, dir + "/a.txt")
        #expect(mkfifo(dir + "/fifo.txt", 0o644) == 0)
        let socketPath = dir + "/socket.txt"
        let sock = try Self.bindUnixSocket(socketPath)
        defer { close(sock) }
        let tree = dir + "/tree"
        try FileManager.default.createDirectory(atPath: tree + "/sub", withIntermediateDirectories: true)
        try write(Self.good, tree + "/sub/b.md")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: tree + "/sub/up", withDestinationPath: "..")          // a folder loop
        try fm.createSymbolicLink(atPath: tree + "/here", withDestinationPath: ".")            // another
        try fm.createSymbolicLink(atPath: tree + "/self.txt", withDestinationPath: "self.txt") // a link to itself
        try fm.createSymbolicLink(atPath: tree + "/ping.txt", withDestinationPath: "pong.txt") // two links to each other
        try fm.createSymbolicLink(atPath: tree + "/pong.txt", withDestinationPath: "ping.txt")
        try fm.createSymbolicLink(atPath: tree + "/gone.txt", withDestinationPath: "nowhere.txt")
        try fm.createSymbolicLink(atPath: tree + "/alias.txt", withDestinationPath: "sub/b.md")  // fine: read
        #expect(mkfifo(tree + "/pipe.md", 0o644) == 0)

        let r = try run(["check", dir + "/missing.txt", dir + "/fifo.txt", socketPath, dir + "/a.txt", tree], timeout: 20)
        #expect(r.status == 2)
        let loop = "symbolic link loop (it leads back to a folder that contains it); not followed"
        #expect(Set(r.stderrLines) == [
            "attrib: \(dir)/missing.txt: no such file or folder",
            "attrib: \(dir)/fifo.txt: a named pipe (FIFO), not a regular file; not read",
            "attrib: \(socketPath): a socket, not a regular file; not read",
            "attrib: \(tree)/here: \(loop)",
            "attrib: \(tree)/sub/up: \(loop)",
            "attrib: \(tree)/self.txt: symbolic link loop; not followed",
            "attrib: \(tree)/ping.txt: symbolic link loop; not followed",
            "attrib: \(tree)/pong.txt: symbolic link loop; not followed",
            "attrib: \(tree)/gone.txt: broken symbolic link (its target does not exist)",
            "attrib: \(tree)/pipe.md: a named pipe (FIFO), not a regular file; not read",
        ])
        #expect(r.stderrLines.count == 10, "each problem once")
        #expect(r.stdoutLines.contains(Self.goodLine(dir + "/a.txt")))
        #expect(r.stdoutLines.contains(Self.goodLine(tree + "/sub/b.md")))
        #expect(r.stdoutLines.contains(Self.goodLine(tree + "/alias.txt")))
        #expect(r.stdout.contains("3 files checked"))
    }

    /// A symbolic link to a folder outside the tree is followed (once), and folders nest deep.
    @Test func folderLinksAreFollowedOnceAndDeepFoldersWork() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outside = dir + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try write(Self.good, outside + "/o.txt")
        var deep = dir + "/tree"
        for _ in 0..<1_000 { deep += "/d" }
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        try write(Self.good, deep + "/bottom.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/tree/link1", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: dir + "/tree/link2", withDestinationPath: outside)
        let r = try run(["check", dir + "/tree"])
        #expect(r.stderr.isEmpty)
        #expect(r.stdoutLines.contains(Self.goodLine(deep + "/bottom.txt")))
        #expect(r.stdoutLines.contains(Self.goodLine(dir + "/tree/link1/o.txt")))
        #expect(!r.stdout.contains("link2/o.txt"), "the same folder is read once")
        #expect(r.stdout.contains("2 files checked"))
    }

    static func bindUnixSocket(_ path: String) throws -> Int32 {
        #if os(Linux)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &addr.sun_path) { buf in
            for (i, b) in bytes.prefix(buf.count - 1).enumerated() { buf[i] = b }
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        struct BindFailed: Error {}
        guard fd >= 0, rc == 0 else { throw BindFailed() }
        return fd
    }

    // MARK: Hostile text

    static let plainWords = ["the", "road", "council", "water", "plan", "city", "people", "year", "new", "old", "river",
                             "bridge", "market", "school", "winter", "harbour", "train", "station", "north", "budget"]

    /// 2 MB in one paragraph without a single punctuation mark.
    @Test func twoMegabyteParagraphWithoutPunctuationCompletes() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var words: [String] = ["Headline", "here\n\n"]
        var size = 0, i = 0
        while size < 2 << 20 {
            let w = Self.plainWords[(i * 7 + i / 13) % Self.plainWords.count]
            words.append(w); size += w.utf8.count + 1; i += 1
        }
        try write(words.joined(separator: " ") + "\n", dir + "/long.txt")
        let r = try run(["check", dir + "/long.txt"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains("1 file checked"))
    }

    /// A sentence of 2 MB with a cue every few words stays linear: clauses are bounded.
    @Test
    func twoMegabyteParagraphWithCueVerbsCompletes() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let words = Self.plainWords + ["said", "told", "mayor"]
        var text = "Headline here\n\n"
        var i = 0
        while text.utf8.count < 2 << 20 { text += words[(i * 7 + i / 13) % words.count] + " "; i += 1 }
        try write(text + "\n", dir + "/long.txt")
        // Under ThreadSanitizer a debug build runs this 10–20× slower than normal; the quadratic
        // behaviour this guards against took hours, so a generous deadline still catches it.
        let r = try run(["check", dir + "/long.txt"], timeout: 300)
        #expect(r.status == 0)
    }

    /// A baseline matches a finding by its sentence's text, made once per sentence: made for each
    /// finding, a 2 MB paragraph with thousands of vague sources took minutes to write a baseline of.
    @Test func baselineOfALongParagraphWithManyFindingsCompletes() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = "Headline here\n\n"
        var i = 0
        while text.utf8.count < 2 << 20 {
            text += i % 40 == 39 ? "officials said " : Self.plainWords[(i * 7 + i / 13) % Self.plainWords.count] + " "
            i += 1
        }
        try write(text + "\n", dir + "/long.txt")
        let r = try run(["check", "--write-baseline", dir + "/baseline.json", dir + "/long.txt"], timeout: 300)
        #expect(r.status == 0)
        let written = try #require(r.stdoutLines.first)
        #expect(written.hasPrefix("baseline: ") && written.hasSuffix(" findings written to \(dir)/baseline.json"))
        #expect(written != "baseline: 0 findings written to \(dir)/baseline.json")
    }

    @Test func fiftyThousandUnbalancedQuotesComplete() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let curly = "Headline here\n\n" + Array(repeating: "“word", count: 50_000).joined(separator: " ") + "\n"
        let straight = "Headline here\n\n" + Array(repeating: "\"word", count: 50_001).joined(separator: " ") + "\n"
        try write(curly, dir + "/curly.txt")
        try write(straight, dir + "/straight.txt")
        let r = try run(["check", dir])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let unbalanced = r.stdoutLines.filter { $0.hasSuffix("[unbalanced-quote]") }
        #expect(unbalanced.count >= 50_000)
        #expect(unbalanced.contains { $0.hasPrefix(dir + "/curly.txt:3:1: warning:") })
        #expect(r.stdout.contains("2 files checked"))
    }

    @Test func nestingAThousandDeepCompletes() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let quotes = "Headline here\n\nThe mayor said " + String(repeating: "“a ‘b ", count: 500) + "x"
            + String(repeating: "’ c” ", count: 500) + "today.\n"
        try write(quotes, dir + "/quotes.txt")
        try write("# Head\n\n" + String(repeating: ">", count: 1_000) + " The mayor said the road would reopen.\n", dir + "/quotes.md")
        try write("<h1>Head</h1>" + String(repeating: "<blockquote><div>", count: 1_000) + "<p>The mayor said the road would reopen.</p>"
                  + String(repeating: "</div></blockquote>", count: 1_000), dir + "/nested.html")
        try write("Head\n\n" + String(repeating: "(", count: 1_000) + "The mayor said the road would reopen."
                  + String(repeating: ")", count: 1_000) + "\n", dir + "/parens.txt")
        for command in ["check", "report", "extract"] {
            let r = try run([command, dir])
            #expect(r.status == 0 || r.status == 1, "\(command): findings may fail the check, nothing else")
            #expect(r.stderr.isEmpty, "\(command)")
        }
    }

    // MARK: Output and signals

    /// `attrib check dir | head -1`: the reader goes away, attrib ends quietly with status 0.
    @Test func closedPipeEndsQuietly() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Far more output than a pipe buffer holds, so attrib is still writing when head exits.
        let text = "Headline here\n\n" + Array(repeating: "“word", count: 400).joined(separator: " ") + "\n"
        for i in 0..<20 { try write(text, dir + "/f\(i).txt") }
        let script = "'\(CommandLineTests.binary)' check '\(dir)' | head -1; echo \"status=${PIPESTATUS[0]}\" >&2"
        let r = try run(["-c", script], executable: "/bin/bash")
        #expect(r.stdoutLines.count == 1)
        #expect(r.stdoutLines.first?.hasPrefix(dir + "/f0.txt:3:1: ") == true)
        #expect(r.stderrLines == ["status=0"], "no crash report, no message, status 0")
    }

    /// Waits until `pid` has its SIGINT handler in place (Linux: /proc/PID/status), so the test
    /// never races the handler's installation; elsewhere it waits a second.
    func waitForInterruptHandler(_ pid: Int32) {
        let status = "/proc/\(pid)/status"
        guard FileManager.default.fileExists(atPath: status) else { sleep(1); return }
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let s = try? String(contentsOfFile: status, encoding: .utf8),
               let line = s.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
               let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16),
               mask & (1 << (UInt64(SIGINT) - 1)) != 0 { return }
            usleep(5_000)
        }
    }

    @Test func interruptExits130AndLeavesNoOutputFile() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.good, dir + "/a.txt")
        let outputDir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: outputDir) }
        // The run waits on standard input that never ends, so the interrupt always lands mid-run.
        let r = try run(["report", "-o", outputDir + "/report.md", dir + "/a.txt", "-"], keepStdinOpen: true) { p in
            waitForInterruptHandler(p.processIdentifier)
            kill(p.processIdentifier, SIGINT)
        }
        #expect(!r.signaled, "exits, is not killed by the signal")
        #expect(r.status == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputDir).isEmpty, "no report, no temporary file")

        let check = try run(["check", dir + "/a.txt", "-"], keepStdinOpen: true) { p in
            waitForInterruptHandler(p.processIdentifier)
            kill(p.processIdentifier, SIGINT)
        }
        #expect(check.status == 130)
        #expect(!check.signaled)
    }

    @Test func reportOutputIsWrittenWhole() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.good, dir + "/a.txt")
        let r = try run(["report", "-o", dir + "/out.md", dir + "/a.txt"])
        #expect(r.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names == ["a.txt", "out.md"], "no temporary file left")
        let md = try String(contentsOfFile: dir + "/out.md", encoding: .utf8)
        #expect(md.contains("has no speaker"))
        // An output folder that does not exist is a clear error, and leaves nothing behind.
        let bad = try run(["report", "-o", dir + "/no/such/folder/out.md", dir + "/a.txt"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("cannot write the report"))
    }

    /// The reports that print a summary before the files' sections keep the sections in a
    /// temporary file meanwhile: the output is the same as with no usable $TMPDIR (where they stay
    /// in memory), and nothing is left in $TMPDIR.
    @Test(arguments: [["report"], ["report", "--format", "html"], ["check", "--format", "junit"], ["check", "--format", "markdown"]])
    func spooledReportIsTheSameAndLeavesNothing(command: [String]) throws {
        let dir = try tempDir(), spoolDir = try tempDir()
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            try? FileManager.default.removeItem(atPath: spoolDir)
        }
        try write(Self.good, dir + "/a.txt")
        try write("Prices rose 40 percent last year.\nOfficials said the plan would cut costs by half.\n", dir + "/b.txt")
        try write("# Vote — “é”\n\nThe council voted 7–2, its chair said. 𝄞\n", dir + "/c.md")
        let spooled = try run(command + [dir], environment: ["TMPDIR": spoolDir])
        let inMemory = try run(command + [dir], environment: ["TMPDIR": dir + "/no-such-folder"])
        #expect(spooled.status == inMemory.status)
        #expect(spooled.stderr == inMemory.stderr)
        #expect(spooled.stdout == inMemory.stdout)
        #expect(spooled.stdout.contains("a.txt") && spooled.stdout.contains("c.md"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolDir).isEmpty)
    }
}
