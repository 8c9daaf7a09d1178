import Foundation
import Testing

/// `attrib report --format html` end to end: the binary writes one page with `-o`, and (only where
/// Chromium is installed) a headless browser renders it with every host name unresolvable.
struct HTMLReportCommandTests {
    let cli = CommandLineTests()

    @Test func reportWritesOneHTMLPageWithASectionPerFile() throws {
        let dir = try cli.tempDir()
        try "Café prices & <rents>\n\nRents in Zürich rose 12% last year.\n".write(toFile: dir + "/b.txt", atomically: true, encoding: .utf8)
        let out = dir + "/out.html"
        let r = try cli.run(["report", "--format", "html", "-o", out, "Corpus/ain-al-asad-troops.txt", dir + "/b.txt"], cwd: CommandLineTests.root)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.components(separatedBy: "<!DOCTYPE html>").count == 2)
        #expect(page.components(separatedBy: "<section class=\"doc\"").count == 3)
        #expect(page.contains("<span class=\"path\">Corpus/ain-al-asad-troops.txt</span>"))
        #expect(page.contains("Café prices &amp; &lt;rents&gt;"))
        #expect(page.contains("<span class=\"name\">Mohammed Shia al-Sudani</span>"))
        #expect(page.contains("vague source &quot;Iraqi officials&quot;"))
        #expect(page.contains("<aside class=\"sources\">"))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("src="))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["b.txt", "out.html"])
    }

    @Test func markdownStaysTheDefaultAndBadFormatIsUsageError() throws {
        let md = try cli.run(["report", "Corpus/ain-al-asad-troops.txt"], cwd: CommandLineTests.root)
        #expect(md.status == 0)
        #expect(md.stdout.hasPrefix("# Attribution report: Corpus/ain-al-asad-troops.txt"))
        let html = try cli.run(["report", "--format", "html", "-"], stdin: "Storm hits\n“We have never seen water rise this fast in our lives.”\n")
        #expect(html.status == 0)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("class=\"flag\" title=\"quotation"))
        let bad = try cli.run(["report", "--format", "pdf", "Corpus/ain-al-asad-troops.txt"], cwd: CommandLineTests.root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--format must be markdown or html"))
    }

    // MARK: - Headless Chromium

    /// `/usr/bin/chromium`, else `chromium` on PATH; nil when Chromium is not installed.
    static let chromium: String? = {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") { return "/usr/bin/chromium" }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Where the browser test leaves its screenshot, to look at by hand.
    static let screenshot = NSTemporaryDirectory() + "attrib-html-report.png"

    /// Runs Chromium headless with no sandbox, no GPU and every host name unresolvable (so a page
    /// that tried to fetch anything would fail to), killing it after `timeout` seconds.
    static func runChromium(_ args: [String], profile: String, timeout: TimeInterval = 90) throws -> (status: Int32, stdout: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                       "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=\(profile)"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let timer = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        timer.cancel()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    // Runs only where Chromium is installed (apt-get install -y chromium); machines without it,
    // CI included, report this test as skipped rather than failing.
    @Test(.enabled(if: HTMLReportCommandTests.chromium != nil, "Chromium is not installed (/usr/bin/chromium or chromium on PATH)"))
    func chromiumRendersThePageOffline() throws {
        let dir = try cli.tempDir()
        try "Café “Zürich” — rents & <prices> up\n\nRents in Zürich rose 12% last year, officials said.\n".write(toFile: dir + "/b.txt", atomically: true, encoding: .utf8)
        let page = dir + "/report.html"
        let r = try cli.run(["report", "--format", "html", "-o", page, "Corpus/ain-al-asad-troops.txt", dir + "/b.txt"], cwd: CommandLineTests.root)
        #expect(r.status == 0)
        let url = URL(fileURLWithPath: page).absoluteString

        try? FileManager.default.removeItem(atPath: Self.screenshot)
        _ = try Self.runChromium(["--screenshot=\(Self.screenshot)", "--window-size=1200,2000", "--hide-scrollbars", url], profile: dir + "/profile-1")
        let size = (try? FileManager.default.attributesOfItem(atPath: Self.screenshot)[.size] as? Int) ?? 0
        #expect(size > 10_000, "no screenshot at \(Self.screenshot)")

        let dom = try Self.runChromium(["--dump-dom", url], profile: dir + "/profile-2")
        #expect(dom.status == 0)
        #expect(dom.stdout.contains("<aside class=\"sources\">"))
        #expect(dom.stdout.contains("Mohammed Shia al-Sudani"))
        #expect(dom.stdout.contains("section class=\"doc\" id=\"doc-2\""))
        // The article text, tags stripped, is there whole.
        var text = dom.stdout
        while let open = text.range(of: "<"), let close = text.range(of: ">", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        text = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let article = try String(contentsOfFile: CommandLineTests.root + "/Corpus/ain-al-asad-troops.txt", encoding: .utf8)
        for line in article.split(separator: "\n") { #expect(text.contains(line), "missing: \(line.prefix(60))") }
        #expect(text.contains("Café “Zürich” — rents & <prices> up"))
    }
}
