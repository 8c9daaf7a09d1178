/// One JSON object per document, the machine form of the analysis (format in the README).
public struct JSONLinesWriter {
    /// The lowest severity the `findings` list holds (`attrib extract` keeps every finding).
    public var minimumSeverity: Severity

    public init(minimumSeverity: Severity = .info) { self.minimumSeverity = minimumSeverity }

    public func write(_ a: Analysis, path: String, doc: String) -> String {
        let text = a.text
        func span(_ r: Range<Int>) -> String {
            "{\"start\":\(text.codePointOffset(r.lowerBound)),\"end\":\(text.codePointOffset(r.upperBound))}"
        }
        var out = "{\"path\":\(JSON.string(path)),\"doc\":\(JSON.string(doc)),\"attributions\":["
        for (i, at) in a.attributions.enumerated() {
            if i > 0 { out += "," }
            let line = text.position(of: at.content.first?.lowerBound ?? 0).line
            out += "{\"content\":[" + at.content.map(span).joined(separator: ",") + "]"
            out += ",\"cue\":" + (at.cue.map(span) ?? "null")
            out += ",\"source\":" + (at.source.map(span) ?? "null")
            out += ",\"speaker\":" + JSON.optional(a.speakerName(at))
            out += ",\"via\":[" + at.via.map { JSON.string(a.sources[$0].name) }.joined(separator: ",") + "]"
            out += ",\"kind\":\"\(at.kind.rawValue)\",\"line\":\(line)"
            out += ",\"text\":" + JSON.string(at.content.map { text.string($0) }.joined(separator: " … "))
            out += ",\"source_text\":" + JSON.optional(at.source.map { text.string($0) })
            out += ",\"cue_text\":" + JSON.optional(at.cue.map { text.string($0) }) + "}"
        }
        out += "],\"unattributed\":["
        var first = true
        for f in a.findings where f.rule == FindingRule.unattributedClaim.rawValue || f.rule == FindingRule.quoteWithoutSpeaker.rawValue {
            let r = f.sentence ?? f.range
            out += (first ? "" : ",") + "{\"start\":\(text.codePointOffset(r.lowerBound)),\"end\":\(text.codePointOffset(r.upperBound)),\"rule\":\(JSON.string(f.rule)),\"severity\":\"\(f.severity.rawValue)\"}"
            first = false
        }
        out += "],\"findings\":["
        for (i, f) in a.findings.filter({ $0.severity >= minimumSeverity }).enumerated() {
            let pos = text.position(of: f.range.lowerBound)
            out += (i > 0 ? "," : "") + "{\"rule\":\(JSON.string(f.rule)),\"severity\":\"\(f.severity.rawValue)\",\"message\":\(JSON.string(f.message)),\"line\":\(pos.line),\"column\":\(pos.column),\"start\":\(text.codePointOffset(f.range.lowerBound)),\"end\":\(text.codePointOffset(f.range.upperBound))}"
        }
        out += "]}\n"
        return out
    }
}
