/// Runs the pipeline on one document: segmentation, the attribution sieve, claims and findings.
public struct Analyzer: Sendable {
    public let rulebook: Rulebook

    public init(rulebook: Rulebook) { self.rulebook = rulebook }

    /// Reads and analyses `bytes` in one step.
    public func analyze(path: String, bytes: [UInt8], format: Document.Format? = nil,
                        scratch: MatchScratch = MatchScratch()) throws(InputError) -> Analysis {
        let document = try Document.read(path: path, bytes: bytes, format: format, rulebook: rulebook, scratch: scratch)
        return analyze(document, scratch: scratch)
    }

    public func analyze(_ document: Document, scratch: MatchScratch = MatchScratch()) -> Analysis {
        scratch.resetFailures()
        return document.text.bytes.withUnsafeBufferPointer { bytes in
            let trace = RuleTrace()
            let paragraphs = Segmenter(rulebook: rulebook, scratch: scratch, trace: trace).paragraphs(of: document, bytes: bytes)
            let context = Sieve(rulebook: rulebook).run(paragraphs: paragraphs, bytes: bytes, scratch: scratch, trace: trace)
            var judge = StatementJudge(rulebook: rulebook, scratch: scratch, context: context, document: document, bytes: bytes)
            judge.run()
            // Almost always none: the set and its sorting were built for every article.
            for failure in scratch.limitFailures.isEmpty ? [] : Set(scratch.limitFailures).sorted() {
                judge.findings.append(Finding(rule: FindingRule.ruleLimit.rawValue, severity: .error,
                                              message: "rule pattern stopped: \(failure)", range: 0..<0, sentence: nil))
            }
            // Taken out of the judge, so the Analysis holds the only reference and sorts in place.
            var findings: [Finding] = []
            swap(&findings, &judge.findings)
            return Analysis(document: document, statements: judge.statements, attributions: context.attributions,
                            sources: context.sources, findings: findings, fired: trace.fired(in: rulebook))
        }
    }
}
