import AttribKit
import Foundation
import Testing

/// Shared fixtures: the repository's Rules/ loaded once, and one-call analysis of a string.
enum Support {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let rulebook: Rulebook = {
        do { return try Rulebook.load(directory: root + "/Rules") } catch {
            // Every test depends on the rulebook; failing loudly here names the broken file.
            preconditionFailure("Rules/ does not load: \(error)")
        }
    }()

    static let analyzer = Analyzer(rulebook: rulebook)

    static func analyze(_ text: String, path: String = "test.txt") throws -> Analysis {
        try analyzer.analyze(path: path, bytes: Array(text.utf8))
    }

    /// Compares `actual` with the golden file at `path` (relative to the repository), or rewrites
    /// it when ATTRIB_UPDATE_GOLDENS=1; a difference names its first differing line.
    static func expectGolden(_ actual: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let golden = root + "/" + path
        if ProcessInfo.processInfo.environment["ATTRIB_UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(atPath: (golden as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(try? String(contentsOfFile: golden, encoding: .utf8), "missing golden \(golden)", sourceLocation: sourceLocation)
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        Issue.record("\(golden) differs at line \(line + 1):\n  expected: \(line < e.count ? String(e[line].prefix(300)) : "<end>")\n  actual:   \(line < a.count ? String(a[line].prefix(300)) : "<end>")\nrerun with ATTRIB_UPDATE_GOLDENS=1 and review the diff", sourceLocation: sourceLocation)
    }

    /// Attributions as readable triples: (content text, source text, speaker).
    static func triples(_ a: Analysis) -> [(content: String, source: String?, speaker: String?)] {
        a.attributions.map { at in
            (at.content.map { a.text.string($0) }.joined(separator: " | "), at.source.map { a.text.string($0) }, a.speakerName(at))
        }
    }
}
