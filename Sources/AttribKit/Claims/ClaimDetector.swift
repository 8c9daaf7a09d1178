/// Gives every sentence its status and raises the findings: unattributed claims and background,
/// vague sources, quotations without a speaker, unbalanced quotation marks.
struct ClaimDetector {
    let rulebook: Rulebook
    let scratch: MatchScratch

    struct Signal { let range: Range<Int>; let category: RuleCategory; let ruleID: String }

    /// The first claim signal in `range`, figures first.
    func signal(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Signal? {
        for category in [RuleCategory.claimFigure, .claimSuperlative, .claimPrediction, .claimEvent] {
            var best: Signal?
            for rule in rulebook.rules(category) {
                if let m = rule.patternRegex?.firstMatch(in: bytes, from: range.lowerBound, to: range.upperBound, scratch: scratch),
                   best.map({ m.lowerBound < $0.range.lowerBound || (m.lowerBound == $0.range.lowerBound && m.count > $0.range.count) }) ?? true {
                    best = Signal(range: m, category: category, ruleID: rule.group.id)
                }
            }
            if let best { return best }
        }
        return nil
    }

    func hasAnonymityReason(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> String? {
        for rule in rulebook.rules(.anonymity) where rule.patternRegex?.firstMatch(in: bytes, from: range.lowerBound, to: range.upperBound, scratch: scratch) != nil {
            return rule.group.id
        }
        return nil
    }
}
