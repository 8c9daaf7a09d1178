import Foundation
import Testing

/// The built `attrib` binary end to end: stdout, stderr and exit codes.
struct CommandLineTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The binary sits beside the test bundle in the build folder.
    static let binary: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [beside, beside.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("attrib").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return root + "/.build/debug/attrib"
    }()

    struct Result { let status: Int32; let stdout: String; let stderr: String }

    func run(_ args: [String], stdin: String? = nil, cwd: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["ATTRIB_RULES"] = Self.root + "/Rules"
        p.environment = env
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "attrib-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func checkPrintsCompilerStyleLinesAndSummary() throws {
        let r = try run(["check", "--min-severity", "warning", "Corpus/ain-al-asad-troops.txt"], cwd: Self.root)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Corpus/ain-al-asad-troops.txt:11:248: warning: figure \"from 2,500 to fewer than 2,000\" has no source [unattributed-claim]"))
        #expect(lines.last == "1 file checked: 0 errors, 4 warnings, 7 info; 19 statements, 53% attributed")
    }

    @Test func failOnWarningExitsOne() throws {
        let r = try run(["check", "--fail-on", "warning", "Corpus/ain-al-asad-troops.txt"], cwd: Self.root)
        #expect(r.status == 1)
    }

    @Test func quoteWithoutSpeakerIsAnErrorAndFails() throws {
        let r = try run(["check", "-"], stdin: "Storm hits the coast\n“We have never seen water rise this fast in our lives.”\n")
        #expect(r.status == 1)
        #expect(r.stdout.contains("<stdin>:2:1: error: quotation \"“We have never seen water rise this fas…\" has no speaker [quote-without-speaker]"))
    }

    @Test func unreadableFileIsReportedAndOthersStillChecked() throws {
        let dir = try tempDir()
        try "Plain story\nThe mayor said the road would reopen.".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try Data([0x41, 0xFF, 0x42]).write(to: URL(fileURLWithPath: dir + "/b.txt"))
        let r = try run(["check", dir])
        #expect(r.status == 2)
        #expect(r.stderr.contains("b.txt: invalid UTF-8 at byte 1"))
        #expect(r.stdout.contains("1 file checked"))
    }

    @Test func missingPathAndBadUsageExitTwo() throws {
        #expect(try run(["check", "/no/such/file.txt"]).status == 2)
        #expect(try run(["check"]).status == 2)
        #expect(try run(["check", "--fail-on", "sometimes", "Corpus"], cwd: Self.root).status == 2)
        #expect(try run(["frobnicate"]).status == 2)
    }

    @Test func extractWritesOneJSONObjectPerDocumentInSortedOrder() throws {
        let r = try run(["extract", "--format", "jsonl", "Corpus"], cwd: Self.root)
        #expect(r.status == 0)
        let docs = try r.stdout.split(separator: "\n").map { line -> String in
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return obj?["doc"] as? String ?? ""
        }
        #expect(docs == docs.sorted())
        #expect(docs.contains("ain-al-asad-troops"))
        #expect(docs.count >= 7)
    }

    @Test func parallelOutputEqualsSingleThreaded() throws {
        let one = try run(["extract", "--jobs", "1", "Corpus"], cwd: Self.root)
        let two = try run(["extract", "--jobs", "2", "Corpus"], cwd: Self.root)
        #expect(one.stdout == two.stdout)
    }

    @Test func reportWritesMarkdownFile() throws {
        let dir = try tempDir()
        let r = try run(["report", "-o", dir + "/out.md", "Corpus/ain-al-asad-troops.txt"], cwd: Self.root)
        #expect(r.status == 0)
        let md = try String(contentsOfFile: dir + "/out.md", encoding: .utf8)
        #expect(md.contains("| Mohammed Shia al-Sudani | Iraq’s prime minister; Iraqi Prime Minister Mohammed Shia al-Sudani; the prime minister; al-Sudani | named person | 5 | 1 | 3 | 1 | Associated Press, Kurdistan24 |"))
    }

    @Test func reportEscapesPipesInCells() throws {
        let r = try run(["report", "-"], stdin: "Pipes | in a headline\nThe mayor said the a|b plan would pass.\n")
        #expect(r.stdout.contains("a\\|b plan"))
    }

    @Test func extractReadsJSONLinesRecordsFromStandardInputInOrder() throws {
        let input = """
        {"id":"a1","text":"Storm hits\\nThe mayor said the road would reopen."}
        {"id":2,"text":"“We will stay,” the minister said."}
        not json
        {"id":"x"}

        """
        let r = try run(["extract", "--format", "jsonl", "--jobs", "2", "-"], stdin: input)
        #expect(r.status == 2)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("{\"path\":\"a1\",\"doc\":\"a1\",\"attributions\":[{"))
        #expect(lines[0].contains("\"source_text\":\"The mayor\""))
        #expect(lines[1].hasPrefix("{\"path\":\"2\""))
        #expect(lines[1].contains("\"kind\":\"direct\""))
        #expect(lines[2] == "{\"line\":3,\"error\":\"not a JSON object\"}")
        #expect(lines[3] == "{\"line\":4,\"id\":\"x\",\"error\":\"no \\\"text\\\" string\"}")
    }
}
