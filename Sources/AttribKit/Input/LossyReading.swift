extension Analyzer {
    /// Reads and analyses `bytes`; with `lossy`, ill-formed bytes become U+FFFD and one
    /// `invalid-utf8` (or `invalid-utf16`) warning at the first of them replaces the error.
    public func analyze(path: String, bytes: [UInt8], format: Document.Format? = nil, lossy: Bool,
                        scratch: MatchScratch = MatchScratch()) throws(InputError) -> Analysis {
        let document = try Document.read(path: path, bytes: bytes, format: format, lossy: lossy, rulebook: rulebook, scratch: scratch)
        let analysis = analyze(document, scratch: scratch)
        guard let repairs = document.repairs else { return analysis }
        return analysis.adding([Self.finding(for: repairs, encoding: document.encoding)])
    }

    static func finding(for r: DecodingRepairs, encoding: SourceEncoding) -> Finding {
        let utf16 = encoding == .utf16LE || encoding == .utf16BE
        let name = utf16 ? "UTF-16" : "UTF-8"
        let message = r.count == 1
            ? "invalid \(name) at byte \(r.firstFileOffset) replaced with U+FFFD"
            : "\(r.count) invalid \(name) sequences replaced with U+FFFD (the first at byte \(r.firstFileOffset))"
        // U+FFFD is three bytes in the decoded text.
        let rule: FindingRule = utf16 ? .invalidUTF16 : .invalidUTF8
        return Finding(rule: rule.rawValue, severity: rule.defaultSeverity,
                       message: message, range: r.firstTextOffset..<r.firstTextOffset + 3, sentence: nil)
    }
}

extension Analysis {
    /// The same analysis with `extra` findings merged in position order.
    func adding(_ extra: [Finding]) -> Analysis {
        Analysis(document: document, statements: statements, attributions: attributions, sources: sources,
                 findings: findings + extra, fired: fired)
    }
}
