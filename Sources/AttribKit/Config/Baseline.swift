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

    public init() {}

    /// A finding is matched by its sentence's text (else its own), white space collapsed.
    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// One file's findings by what a baseline matches them by, rule and sentence text: the
    /// distinct ones in order of first appearance, and each finding's place among them. A
    /// sentence's text is made once however many findings it holds, and each distinct text hashed
    /// once: made for every finding, the 3,142 findings of one 2 MB paragraph took over a minute.
    private struct FileKeys {
        private(set) var keys: [(rule: String, sentence: String)] = []
        private(set) var ofFinding: [Int] = []

        private struct Place: Hashable { let rule: String, range: Range<Int> }

        init(_ analysis: Analysis) {
            var byPlace: [Place: Int] = [:], byText: [String: Int] = [:], texts: [Range<Int>: String] = [:]
            for f in analysis.findings {
                let range = f.sentence ?? f.range
                let place = Place(rule: f.rule, range: range)
                if let k = byPlace[place] { ofFinding.append(k); continue }
                let text = texts[range] ?? Baseline.collapsed(analysis.text.string(range))
                texts[range] = text
                // Rule ids hold no line break, so rule and text make one key.
                let key = f.rule + "\n" + text
                let k = byText[key] ?? keys.count
                if k == keys.count {
                    keys.append((f.rule, text))
                    byText[key] = k
                }
                byPlace[place] = k
                ofFinding.append(k)
            }
        }
    }

    /// `--write-baseline` written as the files come: each file's entries are made and handed out,
    /// then forgotten, so a baseline of an archive holds one file's findings at a time (all of
    /// them at once took 244 MB for the 64 MB benchmark corpus). Entries count a rule and sentence
    /// within their file, the path being part of what matches; the text is what encoding every
    /// entry at once in one document gave.
    public struct Writer {
        public static let head = "{\n  \"findings\" : [\n"
        public private(set) var findingCount = 0
        private var written = 0
        private let encoder: JSONEncoder

        public init() {
            encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        }

        /// The entries of `analysis`, each indented as an element of `findings`.
        public mutating func entries(_ analysis: Analysis, path: String) -> String {
            let file = FileKeys(analysis)
            var counts = [Int](repeating: 0, count: file.keys.count)
            for k in file.ofFinding { counts[k] += 1 }
            findingCount += analysis.findings.count
            var out = ""
            for (k, key) in file.keys.enumerated() {
                let entry = Entry(rule: key.rule, path: path, sentence: key.sentence, count: counts[k])
                guard let data = try? encoder.encode(entry) else { continue }
                out += (written == 0 ? "" : ",\n")
                    + String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                        .map { "    " + $0 }.joined(separator: "\n")
                written += 1
            }
            return out
        }

        /// What closes the document.
        public static let tail = "\n  ],\n  \"version\" : 1\n}\n"
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
            b.counts[key, default: 0] += e.count
        }
        return b
    }

    /// Accepts no finding: filtering changes nothing.
    public var isEmpty: Bool { counts.isEmpty }

    /// `analysis` without the findings the baseline accepts (each entry accepts up to `count`).
    public mutating func filter(_ analysis: Analysis, path: String) -> Analysis {
        guard !counts.isEmpty else { return analysis }
        let file = FileKeys(analysis)
        // Each distinct key looked up once; the findings then take from its count in order.
        let keys = file.keys.map { Key(rule: $0.rule, path: path, sentence: $0.sentence) }
        var left = keys.map { counts[$0] ?? 0 }
        var kept: [Finding] = []
        for (f, k) in zip(analysis.findings, file.ofFinding) {
            if left[k] > 0 { left[k] -= 1 } else { kept.append(f) }
        }
        for (k, key) in keys.enumerated() where counts[key] != nil { counts[key] = left[k] }
        return kept.count == analysis.findings.count ? analysis : analysis.replacingFindings(kept)
    }
}
