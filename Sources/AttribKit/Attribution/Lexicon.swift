/// Where the rulebook's word lists hit one paragraph, as token ranges per category: literals by
/// one hash look-up per token, raw patterns by one PCRE2 pass per group that has them. A class:
/// every pass reads it through Phrases, and a struct of four arrays cost four reference counts a read.
final class Lexicon {
    /// A run of tokens that one rule group matched.
    struct Hit: Equatable {
        // Token indices in 32 bits: a long paragraph has a hit for every few tokens.
        private let first: Int32
        private let end: Int32
        let category: RuleCategory
        let rule: RuleRef

        init(tokens: Range<Int>, category: RuleCategory, rule: RuleRef) {
            first = Int32(truncatingIfNeeded: tokens.lowerBound)
            end = Int32(truncatingIfNeeded: tokens.upperBound)
            self.category = category
            self.rule = rule
        }

        var tokens: Range<Int> { Int(first)..<Int(end) }
    }

    static let categories: Set<RuleCategory> = Set<RuleCategory>([
        .cueVerb, .cueBelief, .cueAccording, .cueNoun, .cueFrame, .cueRaising, .cuePassive, .cueQuestion, .title, .role, .outlet, .organisation,
        .organisationSuffix, .document, .pronounPerson, .pronounGroup, .vague, .auxiliary,
        .clauseBoundary, .nonSource, .leadingAdverbial, .trailingAdverbial, .attributionSignal, .ownedSignal,
    ]).union(literalOnly)
    /// Categories whose words the lexicon looks up but whose patterns it leaves alone: claim
    /// patterns run only on the sentences that need them (ClaimDetector).
    static let literalOnly = Set(ClaimDetector.order)

    /// Hits sorted by first token; `firstAt[t]..<firstAt[t+1]` are those starting at token t.
    private var byStart: [Hit] = []
    private var firstAt: [Int32] = []
    /// Indices into `byStart`, sorted by last token, with the same offset scheme.
    private var byEnd: [Int32] = []
    private var lastAt: [Int32] = []

    init(paragraph: Paragraph, bytes: UnsafeBufferPointer<UInt8>, rulebook: Rulebook, scratch: MatchScratch) {
        let tokens = paragraph.tokens
        guard !tokens.isEmpty else { return }
        var hits: [Hit] = []
        var exactHashes = [UInt64](repeating: 0, count: tokens.count)
        var lowerHashes = [UInt64](repeating: 0, count: tokens.count)
        for t in tokens.indices { (exactHashes[t], lowerHashes[t]) = WordHash.both(bytes, tokens[t].start..<tokens[t].end) }
        // Plain loops, no nested function: a closure capturing `hits` put it in a heap box with
        // an exclusivity check on every access, which showed in the profile.
        let index = rulebook.literals
        for t in tokens.indices where tokens[t].isWordLike {
            let (exact, caseless) = index.entries(exact: exactHashes[t], lower: lowerHashes[t])
            let (exactPhrases, caselessPhrases) = t + 1 < tokens.count
                ? index.phrases(exact: (exactHashes[t], exactHashes[t + 1]), lower: (lowerHashes[t], lowerHashes[t + 1])) : (0..<0, 0..<0)
            for pass in 0..<4 {
                let run = pass == 0 ? exact : pass == 1 ? caseless : pass == 2 ? exactPhrases : caselessPhrases
                candidates: for i in run {
                    let e = index.entries[i]
                    let n = Int(e.wordCount)
                    guard e.inLexicon, t + n <= tokens.count else { continue }
                    // "U.S.-backed", "so-called": a cue word glued to a hyphen ends a compound modifier.
                    if e.category == .cueVerb || e.category == .cueBelief, Lexicon.gluedToHyphen(tokens[t].start, bytes) { continue }
                    var k = 1
                    while k < n {
                        if (e.caseSensitive ? exactHashes[t + k] : lowerHashes[t + k]) != index.word(e, k) { continue candidates }
                        k += 1
                    }
                    hits.append(Hit(tokens: t..<t + n, category: e.category, rule: e.rule))
                }
            }
        }
        for rule in rulebook.lexiconPatternRules {
            rule.patternRegex?.forEachMatch(in: bytes, range: paragraph.range, scratch: scratch) { m in
                guard let first = Lexicon.token(startingAt: m.lowerBound, in: tokens),
                      let last = Lexicon.token(endingAt: m.upperBound, in: tokens, from: first) else { return }
                hits.append(Hit(tokens: first..<last + 1, category: rule.group.category, rule: rule.ref))
            }
        }
        // No hits (a stray line, a table cell): the empty tables answer every look-up, and a
        // document of 100,000 one-word lines keeps no offset arrays.
        guard !hits.isEmpty else { return }
        // Longest first within a start, so look-ups return the longest hit.
        hits.sort { $0.tokens.lowerBound != $1.tokens.lowerBound ? $0.tokens.lowerBound < $1.tokens.lowerBound : $0.tokens.count > $1.tokens.count }
        // An exact-size copy: every paragraph's lexicon lives until the article is judged, and
        // the slack of a doubled array was a quarter of a long article's peak memory.
        byStart = hits.withUnsafeBufferPointer { Array($0) }
        // Built in place, without key arrays: a lexicon is made for every paragraph.
        firstAt = Lexicon.offsets(count: tokens.count, keys: hits.count) { hits[$0].tokens.lowerBound }
        var ends = Array(0..<Int32(hits.count))
        ends.sort { a, b in
            let x = hits[Int(a)].tokens, y = hits[Int(b)].tokens
            return x.upperBound != y.upperBound ? x.upperBound < y.upperBound : x.count > y.count
        }
        byEnd = ends
        lastAt = Lexicon.offsets(count: tokens.count, keys: ends.count) { hits[Int(ends[$0])].tokens.upperBound - 1 }
    }

    /// A single hyphen right before `start`, with no space: the word is the tail of a compound.
    static func gluedToHyphen(_ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        start >= 2 && bytes[start - 1] == UInt8(ascii: "-") && bytes[start - 2] != UInt8(ascii: "-") && !Bytes.isSpace(bytes[start - 2])
    }

    /// For sorted keys, where each key's run starts: offsets[k]..<offsets[k+1].
    private static func offsets(count: Int, keys n: Int, _ key: (Int) -> Int) -> [Int32] {
        var out = [Int32](repeating: 0, count: count + 1)
        for i in 0..<n { out[key(i) + 1] += 1 }
        for i in 0..<count { out[i + 1] += out[i] }
        return out
    }

    func hit(_ category: RuleCategory, startingAt token: Int) -> Hit? {
        guard token >= 0, token + 1 < firstAt.count else { return nil }
        for i in Int(firstAt[token])..<Int(firstAt[token + 1]) where byStart[i].category == category { return byStart[i] }
        return nil
    }

    /// The hits starting at a token of `tokens`, in look-up order (longest first at each start).
    func hits(startingIn tokens: Range<Int>) -> ArraySlice<Hit> {
        // Clamped as `hit(_:startingAt:)` is: tokens past the paragraph have no hits.
        let upper = min(tokens.upperBound, firstAt.count - 1)
        guard tokens.lowerBound >= 0, tokens.lowerBound < upper else { return [] }
        return byStart[Int(firstAt[tokens.lowerBound])..<Int(firstAt[upper])]
    }

    func hit(_ category: RuleCategory, endingAt token: Int) -> Hit? {
        guard token >= 0, token + 1 < lastAt.count else { return nil }
        for i in Int(lastAt[token])..<Int(lastAt[token + 1]) where byStart[Int(byEnd[i])].category == category { return byStart[Int(byEnd[i])] }
        return nil
    }

    func has(_ category: RuleCategory, at token: Int) -> Bool {
        hit(category, startingAt: token)?.tokens.count == 1
    }

    /// Every hit of `category`, in token order, longest at each start.
    func hits(_ category: RuleCategory) -> [Hit] {
        var out: [Hit] = []
        var lastStart = -1
        for h in byStart where h.category == category && h.tokens.lowerBound != lastStart {
            out.append(h)
            lastStart = h.tokens.lowerBound
        }
        return out
    }

    static func token(startingAt byte: Int, in tokens: [Token]) -> Int? {
        let lo = tokens.partitionPoint { $0.start < byte }
        return lo < tokens.count && tokens[lo].start == byte ? lo : nil
    }

    static func token(endingAt byte: Int, in tokens: [Token], from: Int) -> Int? {
        var k = from
        while k < tokens.count, tokens[k].end < byte { k += 1 }
        return k < tokens.count && tokens[k].end == byte ? k : nil
    }
}
