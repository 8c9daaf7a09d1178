/// One worker's verdicts on a list of patterns by a subject's first two bytes (ASCII): which
/// patterns some subject so starting can match from its first byte. Each pair costs one hard
/// partial match per pattern the first time; later subjects call PCRE2 only for patterns that
/// may fit (block rules on short lines, abbreviation patterns on the word before a period).
/// A pattern ruled out so fails on those two bytes alone, so the call it skips could neither
/// match nor reach a match limit.
final class PrefixMemo {
    /// The patterns the verdicts are for, held so that another rulebook's cannot share their identity.
    private var regexes: [Regex?] = []
    /// For bytes (a, b) at a << 7 | b: 0 not known yet, else bit 63 and a bit per pattern that may match.
    /// Unchecked: read for every short block or period, and only this worker touches it.
    @exclusivity(unchecked) private var verdicts: [UInt64] = []

    /// Starts over when the `count` patterns `regex(k)` are not the ones the verdicts were made for.
    func prepare(count: Int, _ regex: (Int) -> Regex?) {
        if regexes.count == count && (0..<count).allSatisfy({ regexes[$0] === regex($0) }) { return }
        regexes = (0..<count).map(regex)
        // A bit a pattern: a list longer than that goes without.
        verdicts = [UInt64](repeating: 0, count: count < 63 ? 1 << 14 : 0)
    }

    /// A bit set for each pattern (by index) that may match all of `subject`, from its start.
    @inline(__always)
    func patterns(mayMatch subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> UInt64 {
        guard subject.count >= 2 else { return ~0 }
        let a = subject[0], b = subject[1]
        guard a | b < 0x80 else { return ~0 }
        let slot = Int(a) << 7 | Int(b)
        guard slot < verdicts.count else { return ~0 }
        let known = verdicts[slot]
        if known != 0 { return known }
        var may: UInt64 = 1 << 63
        for (k, regex) in regexes.enumerated()
        where regex?.mayMatchAnchored(prefix: UnsafeBufferPointer(rebasing: subject[0..<2]), scratch: scratch) ?? true {
            may |= 1 << UInt64(k)
        }
        verdicts[slot] = may
        return may
    }
}
