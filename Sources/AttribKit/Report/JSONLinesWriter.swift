/// One JSON object per document, the machine form of the analysis (format in the README).
public struct JSONLinesWriter {
    /// The lowest severity the `findings` list holds (`attrib extract` keeps every finding).
    public var minimumSeverity: Severity

    public init(minimumSeverity: Severity = .info) { self.minimumSeverity = minimumSeverity }

    public func write(_ a: Analysis, path: String, doc: String) -> String {
        String(decoding: bytes(a, path: path, doc: doc), as: UTF8.self)
    }

    /// The line as UTF-8, for writing straight to a file: a String would be validated again.
    public func bytes(_ a: Analysis, path: String, doc: String) -> [UInt8] {
        // No nested functions here: capturing `out` would box it on the heap, with an
        // exclusivity check on every byte appended.
        var out = JSONBytes(capacity: a.text.bytes.count * 4 + 4096)
        let text = a.text
        out.raw("{\"path\":"); out.string(path)
        out.raw(",\"doc\":"); out.string(doc)
        out.raw(",\"attributions\":[")
        for (i, at) in a.attributions.enumerated() {
            if i > 0 { out.raw(",") }
            out.raw("{\"content\":[")
            for (j, c) in at.content.enumerated() { if j > 0 { out.raw(",") }; out.span(c, in: text) }
            out.raw("],\"cue\":"); out.optionalSpan(at.cue, in: text)
            out.raw(",\"source\":"); out.optionalSpan(at.source, in: text)
            out.raw(",\"speaker\":"); out.optionalString(a.speakerName(at))
            out.raw(",\"via\":[")
            for (j, v) in at.via.enumerated() { if j > 0 { out.raw(",") }; out.string(a.sources[v].name) }
            out.raw("],\"kind\":\""); out.rawString(at.kind.rawValue)
            out.raw("\",\"line\":"); out.int(text.position(of: at.content.first?.lowerBound ?? 0).line)
            out.raw(",\"text\":\"")
            for (j, c) in at.content.enumerated() { if j > 0 { out.raw(" … ") }; out.escaped(text, c) }
            out.raw("\",\"source_text\":")
            if let r = at.source { out.raw("\""); out.escaped(text, r); out.raw("\"") } else { out.raw("null") }
            out.raw(",\"cue_text\":")
            if let r = at.cue { out.raw("\""); out.escaped(text, r); out.raw("\"") } else { out.raw("null") }
            out.raw("}")
        }
        out.raw("],\"unattributed\":[")
        var first = true
        for f in a.findings where f.rule == FindingRule.unattributedClaim.rawValue || f.rule == FindingRule.quoteWithoutSpeaker.rawValue {
            if !first { out.raw(",") }
            first = false
            let r = f.sentence ?? f.range
            out.raw("{\"start\":"); out.int(text.codePointOffset(r.lowerBound))
            out.raw(",\"end\":"); out.int(text.codePointOffset(r.upperBound))
            out.raw(",\"rule\":"); out.string(f.rule)
            out.raw(",\"severity\":\""); out.rawString(f.severity.rawValue); out.raw("\"}")
        }
        out.raw("],\"findings\":[")
        first = true
        for f in a.findings where f.severity >= minimumSeverity {
            if !first { out.raw(",") }
            first = false
            let pos = text.position(of: f.range.lowerBound)
            out.raw("{\"rule\":"); out.string(f.rule)
            out.raw(",\"severity\":\""); out.rawString(f.severity.rawValue)
            out.raw("\",\"message\":"); out.string(f.message)
            out.raw(",\"line\":"); out.int(pos.line)
            out.raw(",\"column\":"); out.int(pos.column)
            out.raw(",\"start\":"); out.int(text.codePointOffset(f.range.lowerBound))
            out.raw(",\"end\":"); out.int(text.codePointOffset(f.range.upperBound)); out.raw("}")
        }
        out.raw("]}\n")
        return out.bytes
    }
}

/// A JSON output buffer of UTF-8 bytes, so writing a document allocates once, not per field.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: StaticString) { bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
    mutating func rawString(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func int(_ n: Int) {
        var v = n.magnitude
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        // Digits into a fixed buffer, then copied in order.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[count] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; count += 1 } while v > 0 && count < 24
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    mutating func string(_ s: String) { JSON.append(s, to: &bytes) }

    mutating func optionalString(_ s: String?) { if let s { string(s) } else { raw("null") } }

    /// `{"start":…,"end":…}` in code points.
    mutating func span(_ r: Range<Int>, in text: SourceText) {
        raw("{\"start\":"); int(text.codePointOffset(r.lowerBound))
        raw(",\"end\":"); int(text.codePointOffset(r.upperBound)); raw("}")
    }

    mutating func optionalSpan(_ r: Range<Int>?, in text: SourceText) { if let r { span(r, in: text) } else { raw("null") } }

    /// The source text of `r`, escaped, without the surrounding quotes.
    mutating func escaped(_ text: SourceText, _ r: Range<Int>) {
        let lo = max(0, r.lowerBound), hi = min(text.count, r.upperBound)
        guard lo < hi else { return }
        text.bytes.withUnsafeBufferPointer { JSON.appendEscaped(UnsafeBufferPointer(rebasing: $0[lo..<hi]), to: &bytes) }
    }

}
