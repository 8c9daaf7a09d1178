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

    static var updating: Bool { ProcessInfo.processInfo.environment["ATTRIB_UPDATE_GOLDENS"] == "1" }

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
            let golden = Support.root + "/Corpus/expected/\(name).\(ext)"
            if Self.updating {
                try FileManager.default.createDirectory(atPath: Support.root + "/Corpus/expected", withIntermediateDirectories: true)
                try actual.write(toFile: golden, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try #require(try? String(contentsOfFile: golden, encoding: .utf8), "missing golden \(golden)")
            if actual != expected {
                let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
                let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
                Issue.record("\(golden) differs at line \(line + 1):\n  expected: \(line < e.count ? String(e[line].prefix(300)) : "<end>")\n  actual:   \(line < a.count ? String(a[line].prefix(300)) : "<end>")\nrerun with ATTRIB_UPDATE_GOLDENS=1 and review the diff")
            }
        }
    }
}
