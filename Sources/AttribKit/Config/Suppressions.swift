/// Inline suppressions: `<!-- attrib-disable RULE… -->` … `<!-- attrib-enable -->`,
/// `<!-- attrib-disable-next-line RULE… -->` and `<!-- attrib-disable-file RULE… -->` in Markdown
/// and HTML; in plain text the same words on a line of their own. No rule list means every rule.
public enum Suppressions {
    public static let superfluousRule = "superfluous-suppression"

    public struct Directive: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case disable = "attrib-disable"
            case enable = "attrib-enable"
            case disableNextLine = "attrib-disable-next-line"
            case disableFile = "attrib-disable-file"
        }
        public let kind: Kind
        /// Rule ids; empty means every rule.
        public let rules: [String]
        /// 1-based line of the directive.
        public let line: Int
        /// Byte range of the comment (or the plain-text line) in the text.
        public let range: Range<Int>
        /// The whole line holds nothing but the directive.
        let ownLine: Bool

        func covers(_ rule: String) -> Bool { rules.isEmpty || rules.contains(rule) }
        var text: String { ([kind.rawValue] + rules).joined(separator: " ") }
    }

    /// The directives in `text`, in order. Comments are read on one line each.
    public static func directives(in text: SourceText, format: Document.Format) -> [Directive] {
        var out: [Directive] = []
        let b = text.bytes
        // Every directive word starts with "attrib-": most texts have none, and the lines that
        // lack it need no String work (this scan was a quarter of the run time).
        guard Bytes.find(marker, in: b, range: 0..<b.count) != nil else { return [] }
        for (i, line) in Lines.ranges(in: text).enumerated() {
            guard Bytes.find(marker, in: b, range: line) != nil,
                  let trimmed = Lines.trimmed(text, line) else { continue }
            // Plain text: the directive words alone on the line.
            if format == .plain, let d = parse(text.string(trimmed), line: i + 1, range: trimmed, ownLine: true) {
                out.append(d)
                continue
            }
            // Comments: every `<!-- … -->` on the line.
            var s = line.lowerBound
            while let open = find([0x3C, 0x21, 0x2D, 0x2D], in: b, from: s, to: line.upperBound),
                  let close = find([0x2D, 0x2D, 0x3E], in: b, from: open + 4, to: line.upperBound) {
                let inner = text.string(open + 4..<close)
                let ownLine = open == trimmed.lowerBound && close + 3 == trimmed.upperBound
                if let d = parse(inner, line: i + 1, range: open..<close + 3, ownLine: ownLine) { out.append(d) }
                s = close + 3
            }
        }
        return out
    }

    private static let marker = Array("attrib-".utf8)

    private static func find(_ needle: [UInt8], in b: [UInt8], from: Int, to: Int) -> Int? {
        from < to ? Bytes.find(needle, in: b, range: from..<to) : nil
    }

    private static func parse(_ s: String, line: Int, range: Range<Int>, ownLine: Bool) -> Directive? {
        let words = s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        guard let first = words.first, let kind = Directive.Kind(rawValue: first) else { return nil }
        return Directive(kind: kind, rules: Array(words.dropFirst()), line: line, range: range, ownLine: ownLine)
    }

    /// Line ranges each disabling directive covers (inclusive), by index into `directives`.
    static func coverage(_ directives: [Directive], lineCount: Int) -> [(index: Int, lines: ClosedRange<Int>)] {
        var out: [(index: Int, lines: ClosedRange<Int>)] = []
        var open: [(index: Int, start: Int)] = []
        for (i, d) in directives.enumerated() {
            switch d.kind {
            case .disableFile: out.append((i, 1...max(1, lineCount)))
            case .disableNextLine: out.append((i, d.line + 1...d.line + 1))
            case .disable: open.append((i, d.line))
            case .enable:
                // `attrib-enable` ends every open region; with rules, the regions that named them.
                let closing = open.filter { o in d.rules.isEmpty || !directives[o.index].rules.isEmpty && directives[o.index].rules.contains(where: d.rules.contains) }
                for o in closing { out.append((o.index, o.start...max(o.start, d.line))) }
                open.removeAll { o in closing.contains { $0.index == o.index } }
            }
        }
        for o in open { out.append((o.index, o.start...max(o.start, lineCount))) }
        return out
    }

    /// Drops the findings the directives suppress and adds a `superfluous-suppression` finding
    /// for each disabling directive that suppressed nothing.
    static func apply(_ directives: [Directive], to findings: [Finding], text: SourceText) -> [Finding] {
        guard !directives.isEmpty else { return findings }
        let regions = coverage(directives, lineCount: text.lineStarts.count)
        var used = Array(repeating: 0, count: directives.count)
        var kept: [Finding] = []
        for f in findings {
            let line = text.position(of: f.range.lowerBound).line
            var suppressed = false
            for r in regions where r.lines.contains(line) && directives[r.index].covers(f.rule) {
                used[r.index] += 1
                suppressed = true
            }
            if !suppressed { kept.append(f) }
        }
        for (i, d) in directives.enumerated() where d.kind != .enable && used[i] == 0 {
            kept.append(Finding(rule: superfluousRule, severity: .info, message: "\(d.text) suppresses nothing",
                                range: d.range, sentence: nil))
        }
        return kept
    }

    /// Plain text: the directive lines become spaces, so they are not read as prose (offsets stay).
    static func blanking(_ directives: [Directive], in document: Document, rulebook: Rulebook) -> Document {
        let own = directives.filter(\.ownLine)
        guard document.format == .plain, !own.isEmpty else { return document }
        var bytes = document.text.bytes
        for d in own { for i in d.range { bytes[i] = 0x20 } }
        let text = SourceText(bytes: bytes)
        let layout = PlainTextLayout.blocks(in: text)
        let blocks = BlockClassifier(rulebook: rulebook).classify(layout.ranges, text: text, headings: layout.headings, scratch: MatchScratch())
        return Document(path: document.path, text: text, format: document.format, blocks: blocks,
                        frontMatter: layout.frontMatter, encoding: document.encoding, repairs: document.repairs)
    }
}
