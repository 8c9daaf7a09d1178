import AttribKit
import Foundation
import Testing

/// Every Corpus/ article against its hand-checked golden report and JSON Lines in Corpus/expected/.
/// `ATTRIB_UPDATE_GOLDENS=1 swift test` rewrites them; review the diff by hand before committing.
struct CorpusTests {
    static let articles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Support.root + "/Corpus")) ?? []
        return names.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }.sorted()
    }()

    @Test func corpusHasTheArticles() {
        #expect(Self.articles.count >= 7)
        #expect(Self.articles.contains("ain-al-asad-troops.txt"))
    }

    @Test(arguments: articles)
    func matchesGolden(_ name: String) throws {
        let path = "Corpus/" + name
        let bytes = try #require(FileManager.default.contents(atPath: Support.root + "/" + path))
        let analysis = try Support.analyzer.analyze(path: path, bytes: [UInt8](bytes))
        let stem = (name as NSString).deletingPathExtension
        let outputs = [
            ("report", MarkdownWriter().write(analysis, displayPath: path)),
            ("jsonl", JSONLinesWriter().write(analysis, path: path, doc: stem)),
            ("check", TextWriter().write(analysis, displayPath: path)),
        ]
        for (ext, actual) in outputs {
            try Support.expectGolden(actual, "Corpus/expected/\(name).\(ext)")
        }
    }
}
