/// Gives every sentence its status and raises the findings: unattributed claims and background,
/// vague sources, quotations without a speaker, unbalanced quotation marks.
struct ClaimDetector {
    let rulebook: Rulebook
    let scratch: MatchScratch
    /// The rules of `order` that have patterns, category after category, with their
    /// prefilters sorted out once; those of `order[c]` are `patterns[firstPattern[c]..<firstPattern[c + 1]]`.
    private let patterns: [PatternRule]
    private let firstPattern: [Int]
    /// The shortest a sentence can be for a pattern without the digit prefilter to match: a
    /// shorter sentence with no digit and no lexicon hit (most lines of a file of short lines)
    /// has no signal, settled before the categories are walked.
    private let shortestUndigited: Int

    /// A claim signal; its rule group by reference, recorded without hashing its id.
    struct Signal { let range: Range<Int>; let category: RuleCategory; let rule: RuleRef }

    /// A claim rule's pattern and how to rule a sentence out before running it. The regexes are
    /// unmanaged: the rulebook this detector holds owns them, and a strong (or even an
    /// unowned(unsafe)) reference cost a retain and a release per rule and sentence.
    fileprivate struct PatternRule {
        let regex: Unmanaged<Regex>
        let filter: Unmanaged<Regex>?
        /// The prefilter is one ASCII digit (CompiledRule.digitPrefilter): a byte scan shared by
        /// every rule of the sentence that uses it, which also bounds where a match can start.
        let digitFilter: Bool
        let rule: RuleRef
    }

    init(rulebook: Rulebook, scratch: MatchScratch) {
        self.rulebook = rulebook
        self.scratch = scratch
        // Sorted out once per worker and rulebook, not once per article.
        let sorted: Patterns
        if let cached = scratch.claimPatterns, cached.rulebook === rulebook {
            sorted = cached
        } else {
            sorted = Patterns(rulebook)
            scratch.claimPatterns = sorted
        }
        // Copied into the detector: read through the class in the loop, each array was retained a sentence.
        patterns = sorted.patterns
        firstPattern = sorted.firstPattern
        shortestUndigited = sorted.shortestUndigited
    }

    /// The claim rules of one rulebook that have patterns, as a detector reads them. It holds the
    /// rulebook, which owns the regexes that `PatternRule` does not.
    final class Patterns {
        let rulebook: Rulebook
        fileprivate let patterns: [PatternRule]
        fileprivate let firstPattern: [Int]
        fileprivate let shortestUndigited: Int

        init(_ rulebook: Rulebook) {
            self.rulebook = rulebook
            var patterns: [PatternRule] = []
            var firstPattern = [0]
            for category in ClaimDetector.order {
                for rule in rulebook.rules(category) {
                    guard let regex = rule.patternRegex else { continue }
                    let digit = rule.digitPrefilter
                    let filter = digit ? nil : rule.prefilterRegex.map(Unmanaged.passUnretained)
                    patterns.append(PatternRule(regex: Unmanaged.passUnretained(regex), filter: filter, digitFilter: digit, rule: rule.ref))
                }
                firstPattern.append(patterns.count)
            }
            self.patterns = patterns
            self.firstPattern = firstPattern
            shortestUndigited = patterns.lazy.filter { !$0.digitFilter }.map { $0.regex._withUnsafeGuaranteedRef(\.minLength) }.min() ?? Int.max
        }
    }

    /// What the claim rules need of one sentence, found once for `signal` or `hasSignal`: its
    /// lexicon hits, the first hit of each category, and where its last digit is if that was
    /// settled already.
    struct Probe {
        let range: Range<Int>
        let hits: Lexicon.Hits
        let first: SIMD4<Int32>
        /// The offset of the sentence's last ASCII digit, -1 for none, nil when not looked for.
        let lastDigit: Int?
    }

    /// The sentence's probe, or nil when it can have no signal: no claim word, no digit and too
    /// short for every other pattern, so each category would find nothing (Regex refuses a
    /// subject shorter than its minimum the same way), and `hasSignal` would say so too.
    /// Hits of other categories do not count: a short line with only a cue or a vague word
    /// (a fourth of a file of one-word lines) walked every category for nothing.
    func probe(in bytes: UnsafeBufferPointer<UInt8>, sentence: Sentence, lexicon: Lexicon) -> Probe? {
        let range = sentence.range
        let hits = lexicon.hits(startingIn: sentence.tokens)
        // Most sentences of a file of short lines have no hit at all.
        let first = hits.isEmpty ? SIMD4<Int32>(repeating: -1) : ClaimDetector.firstHits(in: hits, end: sentence.tokens.upperBound)
        var lastDigit: Int?
        if range.count < shortestUndigited, all(first .< 0) {
            let d = ClaimDetector.lastDigit(bytes, range)
            if d < 0 { return nil }
            lastDigit = d
        }
        return Probe(range: range, hits: hits, first: first, lastDigit: lastDigit)
    }

    /// The first claim signal in the probed sentence, figures first: within a category the
    /// earliest, then the longest, of the groups' listed words (lexicon hits) and pattern matches.
    func signal(in bytes: UnsafeBufferPointer<UInt8>, _ probe: Probe, tokens: UnsafeBufferPointer<Token>) -> Signal? {
        var lastDigit = probe.lastDigit
        for c in 0..<(firstPattern.count - 1) {
            let category = ClaimDetector.order[c]
            var best: Signal?
            if probe.first[c] >= 0, case let h = probe.hits[Int(probe.first[c])] {
                best = Signal(range: tokens[h.tokens.lowerBound].start..<tokens[h.tokens.upperBound - 1].end, category: category, rule: h.rule)
            }
            for k in firstPattern[c]..<firstPattern[c + 1] {
                guard let m = match(k, in: bytes, probe.range, lastDigit: &lastDigit) else { continue }
                if best.map({ m.lowerBound < $0.range.lowerBound || (m.lowerBound == $0.range.lowerBound && m.count > $0.range.count) }) ?? true {
                    best = Signal(range: m, category: category, rule: patterns[k].rule)
                }
            }
            if let best { return best }
        }
        return nil
    }

    /// Whether `signal` would find anything, for a sentence whose status does not depend on
    /// which signal it is: a listed word settles it, else the first pattern that matches.
    func hasSignal(in bytes: UnsafeBufferPointer<UInt8>, _ probe: Probe) -> Bool {
        if any(probe.first .>= 0) { return true }
        var lastDigit = probe.lastDigit
        // The figure patterns, listed first, cost the most: the others are tried before them.
        for k in patterns.indices.reversed() where match(k, in: bytes, probe.range, lastDigit: &lastDigit) != nil {
            return true
        }
        return false
    }

    /// Pattern `k`'s first match in `bytes[range]`, its prefilter tried first; `lastDigit` is the
    /// sentence's last digit (-1 for none), found on first need and shared by its rules.
    private func match(_ k: Int, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lastDigit: inout Int?) -> Range<Int>? {
        if patterns[k].digitFilter {
            let d = lastDigit ?? ClaimDetector.lastDigit(bytes, range)
            lastDigit = d
            if d < 0 { return nil }
            // Every match holds a digit, so none starts after the last one: the search stops
            // there instead of trying each later word (a sentence's tail is mostly words).
            return patterns[k].regex._withUnsafeGuaranteedRef {
                $0.firstMatch(in: bytes, from: range.lowerBound, to: range.upperBound, startingBy: d, scratch: scratch)
            }
        } else if let filter = patterns[k].filter, filter._withUnsafeGuaranteedRef({
            $0.firstMatch(in: bytes, from: range.lowerBound, to: range.upperBound, scratch: scratch) == nil
        }) {
            return nil
        }
        return patterns[k].regex._withUnsafeGuaranteedRef {
            $0.firstMatch(in: bytes, from: range.lowerBound, to: range.upperBound, scratch: scratch)
        }
    }

    /// Per category of `order`, what `Lexicon.hit(category, startingAt:)` gives for the sentence's
    /// tokens in order: at the first token with a hit of the category, that hit if it ends within
    /// the sentence, as its index in `hits` (-1 for none). One pass over the hits for all four
    /// categories, not one per category; lanes of a SIMD4 in `order`'s order, not arrays, so
    /// nothing is allocated.
    private static func firstHits(in hits: Lexicon.Hits, end: Int) -> SIMD4<Int32> {
        var first = SIMD4<Int32>(repeating: -1)
        // Token indices fit in 32 bits, as Lexicon.Hit keeps them.
        var lastStart = SIMD4<Int32>(repeating: -1)
        for k in hits.startIndex..<hits.endIndex {
            let c: Int
            switch hits[k].category {
            case .claimFigure: c = 0
            case .claimSuperlative: c = 1
            case .claimPrediction: c = 2
            case .claimEvent: c = 3
            default: continue
            }
            guard first[c] < 0 else { continue }
            // Hits of one start come longest first: only the first of each start counts.
            let r = hits[k].tokens
            let start = Int32(truncatingIfNeeded: r.lowerBound)
            if start == lastStart[c] { continue }
            lastStart[c] = start
            if r.upperBound <= end { first[c] = Int32(truncatingIfNeeded: k) }
        }
        return first
    }

    /// The offset of the last ASCII digit in `bytes[range]`, or -1, eight bytes at a time from the end.
    @inline(__always) static func lastDigit(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress else { return -1 }
        let lo = max(0, range.lowerBound), hi = min(bytes.count, range.upperBound)
        var i = hi
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, ones: UInt64 = 0x0101_0101_0101_0101
        while i - 8 >= lo {
            // Per byte, without carries between bytes: below 0x80, above 0x2F and below 0x3A.
            // Exact for every byte, so the highest flag (little-endian: the last byte) is the last digit.
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i - 8).loadUnaligned(as: UInt64.self))
            let t = w & low7
            let flags = (ones &* (127 + 0x3A) &- t) & ~w & (t &+ ones &* (127 - 0x2F)) & ~low7
            if flags != 0 { return i - 8 + ((63 - flags.leadingZeroBitCount) >> 3) }
            i -= 8
        }
        while i > lo {
            i -= 1
            if Bytes.isDigit(base[i]) { return i }
        }
        return -1
    }

    /// The claim categories, in the order a sentence's signal is chosen.
    static let order: [RuleCategory] = [.claimFigure, .claimSuperlative, .claimPrediction, .claimEvent]

    /// The first anonymity rule group matching in `range`, by reference.
    func hasAnonymityReason(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> RuleRef? {
        for rule in rulebook.rules(.anonymity) where rule.patternRegex?.firstMatch(in: bytes, from: range.lowerBound, to: range.upperBound, scratch: scratch) != nil {
            return rule.ref
        }
        return nil
    }
}
