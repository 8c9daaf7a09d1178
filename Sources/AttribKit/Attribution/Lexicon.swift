/// Where the rulebook's word lists hit one paragraph, as token ranges per category: one PCRE2
/// pass per category over the paragraph's bytes.
struct Lexicon {
    /// A run of tokens that one rule group matched.
    struct Hit: Equatable {
        let tokens: Range<Int>
        let ruleID: String
    }

    static let categories: [RuleCategory] = [
        .cueVerb, .cueBelief, .cueAccording, .cueNoun, .cueFrame, .title, .role, .outlet, .organisation,
        .organisationSuffix, .document, .pronounPerson, .pronounGroup, .vague, .auxiliary,
        .clauseBoundary, .nonSource, .leadingAdverbial, .trailingAdverbial,
    ]

    private var starting: [RuleCategory: [Int: Hit]] = [:]
    private var ending: [RuleCategory: [Int: Hit]] = [:]

    init(paragraph: Paragraph, bytes: UnsafeBufferPointer<UInt8>, rulebook: Rulebook, scratch: MatchScratch) {
        let tokens = paragraph.tokens
        guard !tokens.isEmpty else { return }
        for category in Lexicon.categories {
            var byStart: [Int: Hit] = [:]
            var byEnd: [Int: Hit] = [:]
            for rule in rulebook.rules(category) {
                rule.regex.forEachMatch(in: bytes, range: paragraph.range, scratch: scratch) { m in
                    guard let first = Lexicon.token(startingAt: m.lowerBound, in: tokens),
                          let last = Lexicon.token(endingAt: m.upperBound, in: tokens, from: first) else { return }
                    let hit = Hit(tokens: first..<last + 1, ruleID: rule.group.id)
                    if let old = byStart[first], old.tokens.count >= hit.tokens.count { return }
                    byStart[first] = hit
                    if let old = byEnd[last], old.tokens.count >= hit.tokens.count { return }
                    byEnd[last] = hit
                }
            }
            if !byStart.isEmpty { starting[category] = byStart; ending[category] = byEnd }
        }
    }

    func hit(_ category: RuleCategory, startingAt token: Int) -> Hit? { starting[category]?[token] }
    func hit(_ category: RuleCategory, endingAt token: Int) -> Hit? { ending[category]?[token] }
    func has(_ category: RuleCategory, at token: Int) -> Bool {
        starting[category]?[token]?.tokens.count == 1
    }

    /// Every hit of `category`, in token order.
    func hits(_ category: RuleCategory) -> [Hit] {
        (starting[category] ?? [:]).values.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }

    static func token(startingAt byte: Int, in tokens: [Token]) -> Int? {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].start < byte { lo = mid + 1 } else { hi = mid }
        }
        return lo < tokens.count && tokens[lo].start == byte ? lo : nil
    }

    static func token(endingAt byte: Int, in tokens: [Token], from: Int) -> Int? {
        var k = from
        while k < tokens.count, tokens[k].end < byte { k += 1 }
        return k < tokens.count && tokens[k].end == byte ? k : nil
    }
}
