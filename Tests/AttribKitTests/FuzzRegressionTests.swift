import AttribKit
import Foundation
import Testing

/// Every input the fuzzer once found troublesome (and the adversarial seeds) runs through the
/// whole pipeline and every writer without crashing.
struct FuzzRegressionTests {
    static let inputs: [String] = {
        let dir = Support.root + "/Tests/AttribKitTests/FuzzRegressions"
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().map { dir + "/" + $0 }
    }()

    @Test func thereAreRegressionInputs() { #expect(!Self.inputs.isEmpty) }

    @Test(arguments: inputs)
    func replays(_ path: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: path))
        for format in [Document.Format.plain, .markdown, .html] {
            guard let analysis = try? Support.analyzer.analyze(path: "fuzz", bytes: [UInt8](bytes), format: format, lossy: true) else { continue }
            #expect(!TextWriter().write(analysis, displayPath: "fuzz").isEmpty || analysis.findings.isEmpty)
            _ = MarkdownWriter().write(analysis, displayPath: "fuzz")
            let line = JSONLinesWriter().write(analysis, path: "fuzz", doc: "fuzz")
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "JSON Lines output must parse")
            var sarif = SARIFWriter()
            _ = sarif.render([(analysis: analysis, path: "fuzz", doc: "fuzz")])
        }
    }
}
