import AttribKit
import Foundation

/// The whole pipeline on arbitrary bytes: read (lossy and strict), analyse, and every writer.
/// Built with `-sanitize=fuzzer` (make fuzz) libFuzzer drives it; built plainly it replays the
/// files named on the command line, which is how a saved crash becomes a regression run.
enum FuzzTarget {
    static let analyzer: Analyzer? = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let rules = ProcessInfo.processInfo.environment["ATTRIB_RULES"] ?? url.appendingPathComponent("Rules").path
        return (try? Rulebook.load(directory: rules)).map(Analyzer.init)
    }()

    static func run(_ bytes: [UInt8]) {
        guard let analyzer else { return }
        for format in [Document.Format.plain, .markdown, .html] {
            guard let analysis = try? analyzer.analyze(path: "fuzz", bytes: bytes, format: format) else { continue }
            _ = TextWriter().write(analysis, displayPath: "fuzz")
            _ = MarkdownWriter().write(analysis, displayPath: "fuzz")
            _ = JSONLinesWriter().write(analysis, path: "fuzz", doc: "fuzz")
            let file = [(analysis: analysis, path: "fuzz", doc: "fuzz")]
            var json = JSONWriter(), sarif = SARIFWriter(), github = GitHubWriter(), junit = JUnitWriter(), markdown = MarkdownRunWriter()
            _ = json.render(file)
            _ = sarif.render(file)
            _ = github.render(file)
            _ = junit.render(file)
            _ = markdown.render(file)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func attribFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Hands control to libFuzzer (SwiftPM names the entry point itself, so libFuzzer's own main is not used).
@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, attribFuzzOneInput))
    }
}
#else
/// Replays saved inputs (crash files, the seed corpus) without libFuzzer.
@main
struct FuzzReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            FuzzTarget.run([UInt8](data))
        }
    }
}
#endif
