/// Gives every sentence its status and raises the findings: unattributed claims and background,
/// vague sources, quotations without a speaker, unbalanced quotation marks.
struct ClaimDetector {
    let rulebook: Rulebook
    let scratch: MatchScratch

    struct Signal { let range: Range<Int>; let category: RuleCategory; let ruleID: String }

    /// The first claim signal in a sentence, figures first: within a category the earliest,
    /// then the longest, of the groups' listed words (lexicon hits) and pattern matches.
    func signal(in bytes: UnsafeBufferPointer<UInt8>, sentence: Sentence, tokens: [Token], lexicon: Lexicon) -> Signal? {
        let range = sentence.range
        for category in ClaimDetector.order {
            var best: Signal?
            func consider(_ m: Range<Int>, _ ruleID: String) {
                if best.map({ m.lowerBound < $0.range.lowerBound || (m.lowerBound == $0.range.lowerBound && m.count > $0.range.count) }) ?? true {
                    best = Signal(range: m, category: category, ruleID: ruleID)
                }
            }
            for t in sentence.tokens {
                guard let h = lexicon.hit(category, startingAt: t), h.tokens.upperBound <= sentence.tokens.upperBound else { continue }
                consider(tokens[h.tokens.lowerBound].start..<tokens[h.tokens.upperBound - 1].end, rulebook.id(h.rule))
                break
            }
            for rule in rulebook.rules(category) {
                guard let regex = rule.patternRegex else { continue }
                if let filter = rule.prefilterRegex, filter.firstMatch(in: bytes, from: range.lowerBound, to: range.upperBound, scratch: scratch) == nil { continue }
                if let m = regex.firstMatch(in: bytes, from: range.lowerBound, to: range.upperBound, scratch: scratch) { consider(m, rule.group.id) }
            }
            if let best { return best }
        }
        return nil
    }

    /// The claim categories, in the order a sentence's signal is chosen.
    static let order: [RuleCategory] = [.claimFigure, .claimSuperlative, .claimPrediction, .claimEvent]

    func hasAnonymityReason(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> String? {
        for rule in rulebook.rules(.anonymity) where rule.patternRegex?.firstMatch(in: bytes, from: range.lowerBound, to: range.upperBound, scratch: scratch) != nil {
            return rule.group.id
        }
        return nil
    }
}
