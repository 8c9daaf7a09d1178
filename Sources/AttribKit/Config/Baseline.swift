import Foundation

/// Findings accepted as they are (`--write-baseline`, `--baseline`): matched by rule, file path
/// and the text of the finding's sentence, not by line, so edits elsewhere keep them matched.
public struct Baseline: Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var rule: String
        public var path: String
        public var sentence: String
        public var count: Int
    }

    private struct File: Codable {
        var version: Int
        var findings: [Entry]
    }

    private struct Key: Hashable { let rule: String, path: String, sentence: String }

    private var counts: [Key: Int] = [:]
    private var order: [Key] = []

    public init() {}

    /// The sentence a finding is matched by: its sentence's text (else its own), white space collapsed.
    public static func sentence(of finding: Finding, in analysis: Analysis) -> String {
        analysis.text.string(finding.sentence ?? finding.range)
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Records every finding of `analysis`.
    public mutating func record(_ analysis: Analysis, path: String) {
        for f in analysis.findings {
            let key = Key(rule: f.rule, path: path, sentence: Self.sentence(of: f, in: analysis))
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
    }

    public var findingCount: Int { counts.values.reduce(0, +) }

    public func json() -> String {
        let entries = order.map { Entry(rule: $0.rule, path: $0.path, sentence: $0.sentence, count: counts[$0] ?? 0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(File(version: 1, findings: entries))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func load(file: String) throws(ConfigError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(file, nil, "cannot read the baseline file")
        }
        let decoded: File
        do { decoded = try JSONDecoder().decode(File.self, from: data) } catch {
            throw ConfigError(file, nil, "not an attrib baseline (expected JSON {\"version\": 1, \"findings\": [{rule, path, sentence, count}]})")
        }
        var b = Baseline()
        for e in decoded.findings {
            let key = Key(rule: e.rule, path: e.path, sentence: e.sentence)
            if b.counts[key] == nil { b.order.append(key) }
            b.counts[key, default: 0] += e.count
        }
        return b
    }

    /// Accepts no finding: filtering changes nothing.
    public var isEmpty: Bool { counts.isEmpty }

    /// `analysis` without the findings the baseline accepts (each entry accepts up to `count`).
    public mutating func filter(_ analysis: Analysis, path: String) -> Analysis {
        guard !counts.isEmpty else { return analysis }
        let kept = analysis.findings.filter { f in
            let key = Key(rule: f.rule, path: path, sentence: Self.sentence(of: f, in: analysis))
            guard let n = counts[key], n > 0 else { return true }
            counts[key] = n - 1
            return false
        }
        return kept.count == analysis.findings.count ? analysis : analysis.replacingFindings(kept)
    }
}
