extension Analyzer {
    /// Reads and analyses `bytes`, then applies the file's configuration and inline suppressions
    /// to the findings; the engine itself is unchanged.
    public func analyze(path: String, bytes: [UInt8], lossy: Bool, settings: FileSettings,
                        scratch: MatchScratch = MatchScratch()) throws(InputError) -> Analysis {
        var document = try Document.read(path: path, bytes: bytes, lossy: lossy, rulebook: rulebook, scratch: scratch)
        let directives = Suppressions.directives(in: document.text, format: document.format)
        document = Suppressions.blanking(directives, in: document, rulebook: rulebook)
        var analysis = analyze(document, scratch: scratch)
        if let repairs = document.repairs { analysis = analysis.adding([Self.finding(for: repairs, encoding: document.encoding)]) }
        // Nothing configured and nothing suppressed: the findings stand (most files of a folder).
        if directives.isEmpty && settings.rules.isEmpty { return analysis }
        // Severities first (off drops the finding), then suppressions; their own findings get the
        // configured severity of superfluous-suppression too.
        var findings = Self.configure(analysis.findings, settings)
        findings = Self.configure(Suppressions.apply(directives, to: findings, text: analysis.text), settings)
        return analysis.replacingFindings(findings)
    }

    static func configure(_ findings: [Finding], _ settings: FileSettings) -> [Finding] {
        guard !settings.rules.isEmpty else { return findings }
        return findings.compactMap { f in
            guard let s = settings.severity(of: f) else { return nil }
            var f = f
            f.severity = s
            return f
        }
    }
}

extension Analysis {
    /// The same analysis with `findings` instead of its own (kept in position order).
    public func replacingFindings(_ findings: [Finding]) -> Analysis {
        Analysis(document: document, statements: statements, attributions: attributions, sources: sources,
                 findings: findings, fired: fired)
    }
}
