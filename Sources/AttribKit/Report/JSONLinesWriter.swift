/// One JSON object per document, the machine form of the analysis (format in the README).
public struct JSONLinesWriter: Sendable {
    /// The lowest severity the `findings` list holds (`attrib extract` keeps every finding).
    public var minimumSeverity: Severity

    public init(minimumSeverity: Severity = .info) { self.minimumSeverity = minimumSeverity }

    public func write(_ a: Analysis, path: String, doc: String) -> String {
        var out = JSONBytes(capacity: Self.estimate(a))
        line(a, path: path, doc: doc, into: &out)
        return String(decoding: out.finish(), as: UTF8.self)
    }

    /// The line as UTF-8 pieces in order, for writing straight to a file: a String would be
    /// validated again, and one array would hold a huge document's line twice while built.
    /// The first piece is written in place in its array's storage, so a line that fits the
    /// estimate (nearly all) is never copied.
    public func pieces(_ a: Analysis, path: String, doc: String) -> [[UInt8]] {
        var rest: [[UInt8]] = []
        let first = [UInt8](unsafeUninitializedCapacity: Self.estimate(a)) { buffer, initialized in
            var out = JSONBytes(lending: buffer)
            line(a, path: path, doc: doc, into: &out)
            (initialized, rest) = out.finishLent()
        }
        return rest.isEmpty ? [first] : [first] + rest
    }

    /// Room for most lines: the JSON of an article is about twice its text, capped at a chunk.
    private static func estimate(_ a: Analysis) -> Int { min(a.text.bytes.count * 4 + 4096, 1 << 22) }

    private func line(_ a: Analysis, path: String, doc: String, into out: inout JSONBytes) {
        // No nested functions here: capturing `out` would box it on the heap, with an
        // exclusivity check on every byte appended.
        let text = a.text
        var cursor = PositionCursor(text)
        out.raw("{\"path\":"); out.string(path)
        out.raw(",\"doc\":"); out.string(doc)
        out.raw(",\"attributions\":[")
        // Read in place: copying an attribution retains its five arrays, a source its name and log.
        a.sources.withUnsafeBufferPointer { sources in
            a.attributions.withUnsafeBufferPointer { attributions in
                guard let first = attributions.baseAddress else { return }
                for i in attributions.indices {
                    if i > 0 { out.raw(",") }
                    Self.attribution(first + i, sources: sources, text: text, cursor: &cursor, into: &out)
                }
            }
        }
        out.raw("],\"unattributed\":[")
        // Read in place: copying a finding retained its message's source bytes.
        a.findings.withUnsafeBufferPointer { findings in
            var first = true
            for f in findings.indices {
                // By case: comparing the rule strings cost two string comparisons a finding.
                guard let rule = findings[f].known, rule == .unattributedClaim || rule == .quoteWithoutSpeaker else { continue }
                if !first { out.raw(",") }
                first = false
                let r = text.codePointOffsets(findings[f].sentence ?? findings[f].range)
                out.raw("{\"start\":"); out.int(r.start)
                out.raw(",\"end\":"); out.int(r.end)
                out.raw(",\"rule\":\""); out.raw(rule.json)
                out.raw("\",\"severity\":\""); out.raw(findings[f].severity.json); out.raw("\"}")
            }
            out.raw("],\"findings\":[")
            first = true
            for f in findings.indices where findings[f].severity >= minimumSeverity {
                if !first { out.raw(",") }
                first = false
                let range = findings[f].range
                let pos = cursor.position(of: range.lowerBound)
                // attrib's own rules need no escaping.
                if let rule = findings[f].known {
                    out.raw("{\"rule\":\""); out.raw(rule.json); out.raw("\"")
                } else {
                    out.raw("{\"rule\":"); out.string(findings[f].rule)
                }
                out.raw(",\"severity\":\""); out.raw(findings[f].severity.json)
                out.raw("\",\"message\":")
                if let base = findings.baseAddress { out.message(of: base + f) }
                out.raw(",\"line\":"); out.int(pos.line)
                out.raw(",\"column\":"); out.int(pos.column)
                out.raw(",\"start\":"); out.int(pos.codePoints)
                out.raw(",\"end\":"); out.int(text.codePointOffset(range.upperBound)); out.raw("}")
            }
        }
        out.raw("]}\n")
    }

    /// One attribution's object, read through a pointer: a copy retains its five arrays.
    private static func attribution(_ at: UnsafePointer<Attribution>, sources: UnsafeBufferPointer<Source>, text: SourceText,
                                    cursor: inout PositionCursor, into out: inout JSONBytes) {
        out.raw("{\"content\":[")
        // By index through the pointer: a for-in loop retained and released the array.
        for j in at.pointee.content.indices { if j > 0 { out.raw(",") }; out.span(at.pointee.content[j], in: text) }
        out.raw("],\"cue\":"); out.optionalSpan(at.pointee.cue, in: text)
        out.raw(",\"source\":"); out.optionalSpan(at.pointee.source, in: text)
        out.raw(",\"speaker\":")
        if let s = at.pointee.speaker { out.sourceName(s, sources) } else { out.raw("null") }
        out.raw(",\"via\":[")
        for j in at.pointee.via.indices { if j > 0 { out.raw(",") }; out.sourceName(at.pointee.via[j], sources) }
        out.raw("],\"kind\":\""); out.raw(at.pointee.kind.json)
        out.raw("\",\"line\":"); out.int(cursor.line(of: at.pointee.content.first?.lowerBound ?? 0))
        out.raw(",\"text\":\"")
        for j in at.pointee.content.indices { if j > 0 { out.raw(" … ") }; out.escaped(text, at.pointee.content[j]) }
        out.raw("\",\"source_text\":")
        if let r = at.pointee.source { out.raw("\""); out.escaped(text, r); out.raw("\"") } else { out.raw("null") }
        out.raw(",\"cue_text\":")
        if let r = at.pointee.cue { out.raw("\""); out.escaped(text, r); out.raw("\"") } else { out.raw("null") }
        out.raw("}")
    }
}

/// Line, column and code-point offset of byte offsets that mostly come in increasing order:
/// the next few lines are tried before a binary search, and a line's start is converted once.
struct PositionCursor {
    let text: SourceText
    private let starts: [Int]
    private var line = 0
    /// Code points before `starts[line]`, or -1 until a column is asked for on that line.
    private var lineCodePoints = 0

    init(_ text: SourceText) { self.text = text; starts = text.lineStarts }

    /// The 1-based line of the offset, without the code points a column needs (an attribution
    /// prints only its line).
    mutating func line(of offset: Int) -> Int {
        seek(max(0, min(offset, text.count)))
        return line + 1
    }

    /// As `SourceText.position(of:)`, plus the code points before the offset.
    mutating func position(of offset: Int) -> (line: Int, column: Int, codePoints: Int) {
        let clamped = max(0, min(offset, text.count))
        seek(clamped)
        if lineCodePoints < 0 { lineCodePoints = text.codePointOffset(starts[line]) }
        let codePoints = text.codePointOffset(clamped)
        return (line + 1, codePoints - lineCodePoints + 1, codePoints)
    }

    /// Moves to the last line starting at or before `clamped` (lineStarts[0] is 0, so there is
    /// one). Forward, a few lines are stepped over first: the next statement is mostly a
    /// paragraph on, past a blank line, where only the next line was tried before.
    private mutating func seek(_ clamped: Int) {
        var found: Int
        if starts[line] <= clamped {
            let limit = min(starts.count, line + 8)
            found = line + 1
            while found < limit, starts[found] <= clamped { found += 1 }
            if found == limit, found < starts.count, starts[found] <= clamped {
                found = starts[found...].partitionPoint { $0 <= clamped }
            }
            found -= 1
        } else {
            found = starts.partitionPoint { $0 <= clamped } - 1
        }
        if found != line { line = found; lineCodePoints = -1 }
    }
}

/// The enum values a line holds, as static text: a raw value String was copied out of its
/// small-string form for every attribution and finding.
private extension QuoteKind {
    var json: StaticString {
        switch self {
        case .direct: "direct"
        case .partial: "partial"
        case .indirect: "indirect"
        }
    }
}

extension FindingRule {
    /// The raw value as static text, written without a String's UTF-8 look-up per finding.
    var json: StaticString {
        switch self {
        case .quoteWithoutSpeaker: "quote-without-speaker"
        case .unattributedClaim: "unattributed-claim"
        case .vagueSource: "vague-source"
        case .unattributedBackground: "unattributed-background"
        case .unbalancedQuote: "unbalanced-quote"
        case .ruleLimit: "rule-limit"
        case .invalidUTF8: "invalid-utf8"
        case .invalidUTF16: "invalid-utf16"
        }
    }
}

private extension Severity {
    var json: StaticString {
        switch self {
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }
}

/// Spans of the source text, as the JSON Lines schema writes them.
extension JSONBytes {
    /// `{"start":…,"end":…}` in code points.
    mutating func span(_ r: Range<Int>, in text: SourceText) {
        let r = text.codePointOffsets(r)
        raw("{\"start\":"); int(r.start)
        raw(",\"end\":"); int(r.end); raw("}")
    }

    /// The name of source `s` as a JSON string (null for an index out of range, which the
    /// resolver never gives).
    mutating func sourceName(_ s: Int, _ sources: UnsafeBufferPointer<Source>) {
        if s >= 0, s < sources.count { string(sources[s].name) } else { raw("null") }
    }

    mutating func optionalSpan(_ r: Range<Int>?, in text: SourceText) { if let r { span(r, in: text) } else { raw("null") } }

    /// A finding's message as a JSON string, an excerpt written and escaped from the source bytes.
    /// Read through a pointer to the finding, in place: a copy retained the excerpt's source.
    mutating func message(of f: UnsafePointer<Finding>) {
        if let s = f.pointee.text.plain { string(s); return }
        // The fixed texts need no escaping (Quoted says so): copied, not scanned.
        let quoted = f.pointee.text.quoted.quoted
        raw("\""); raw(f.pointee.text.quoted.prefix)
        if quoted { raw("\\\"") }
        write(atMost: f.pointee.text.quoted.escapedExcerptCapacity) { f.pointee.text.quoted.writeEscapedExcerpt(to: $0) }
        if quoted { raw("\\\"") }
        raw(f.pointee.text.quoted.suffix); raw("\"")
    }

    /// The source text of `r`, escaped, without the surrounding quotes.
    mutating func escaped(_ text: SourceText, _ r: Range<Int>) {
        let lo = max(0, r.lowerBound), hi = min(text.count, r.upperBound)
        guard lo < hi else { return }
        text.bytes.withUnsafeBufferPointer { escaped(UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
    }
}
