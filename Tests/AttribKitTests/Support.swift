import AttribKit
import Foundation

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

    /// Attributions as readable triples: (content text, source text, speaker).
    static func triples(_ a: Analysis) -> [(content: String, source: String?, speaker: String?)] {
        a.attributions.map { at in
            (at.content.map { a.text.string($0) }.joined(separator: " | "), at.source.map { a.text.string($0) }, a.speakerName(at))
        }
    }
}
