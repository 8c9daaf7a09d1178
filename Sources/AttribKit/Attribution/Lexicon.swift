/// Where the rulebook's word lists hit one paragraph, as token ranges per category: literals by
/// one hash look-up per token, raw patterns by one PCRE2 pass per group that has them.
/// A plain value of views into memory shared by the whole document (`Store`), which the
/// lexicon's SieveContext keeps: as a class, each paragraph with hits cost an allocation, and
/// the document's teardown a release and a free each; with a reference to the store or an
/// array of its own, every copy (Phrases, CueBuilder, the claim stages) cost reference counts.
/// Unchecked Sendable: nothing changes after init, and the views are read while their store lives.
struct Lexicon: @unchecked Sendable {
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

        /// `tokens.lowerBound` and `tokens.count` without building the range, for `tables`' loop.
        var start: Int { Int(first) }
        var length: Int { Int(end) &- Int(first) }

        /// The hit's last token is `token - 1`, compared without building the range.
        @inline(__always)
        func ends(at token: Int32) -> Bool { end == token }
    }

    static let categories: Set<RuleCategory> = Set<RuleCategory>([
        .cueVerb, .cueBelief, .cueAccording, .cueNoun, .cueFrame, .cueRaising, .cuePassive, .cueQuestion, .title, .role, .outlet, .organisation,
        .organisationSuffix, .document, .pronounPerson, .pronounGroup, .vague, .auxiliary,
        .clauseBoundary, .nonSource, .leadingAdverbial, .trailingAdverbial, .attributionSignal, .ownedSignal,
    ]).union(literalOnly)
    /// Categories whose words the lexicon looks up but whose patterns it leaves alone: claim
    /// patterns run only on the sentences that need them (ClaimDetector).
    static let literalOnly = Set(ClaimDetector.order)

    /// Hits sorted by first token, longest first within a start.
    private let byStart: UnsafeBufferPointer<Hit>
    /// `firstAt[t]..<firstAt[t+1]` are the hits in `byStart` starting at token t.
    private let firstAt: UnsafeBufferPointer<Int32>
    /// Tokens in the longest hit up to `window`: hits ending at a token start at most this far
    /// before it, so they are found from `firstAt` without an end-sorted table per paragraph.
    private let longest: Int
    /// Hits longer than `window` tokens (a long pattern match), as indices into `byStart` sorted
    /// by end, longest first, so a look-up by end never scans more than `window` starts.
    private let longHits: UnsafeBufferPointer<Int32>
    private static let window = 16

    /// Buffers one worker reuses for every paragraph instead of allocating them each time.
    final class Scratch {
        fileprivate let hashes = ScratchBuffer<UInt64>(kept: 1 << 17)
        fileprivate let hits = ScratchBuffer<Hit>(kept: 1 << 17)
        fileprivate let offsets = ScratchBuffer<Int32>(kept: 1 << 17)
        fileprivate let starts = ScratchBuffer<PatternStart>(kept: 1 << 12)
    }

    /// A token where a lexicon pattern with `starts-with` is to be tried.
    fileprivate struct PatternStart {
        let token: Int32
        let pattern: Int32
    }

    /// The lexicon of every paragraph without hits (a stray line, a table cell): its empty tables
    /// answer every look-up, and a document of 100,000 one-word lines shares this one.
    static let empty = Lexicon(byStart: UnsafeBufferPointer(start: nil, count: 0), firstAt: UnsafeBufferPointer(start: nil, count: 0),
                               longest: 0, longHits: UnsafeBufferPointer(start: nil, count: 0))

    private init(byStart: UnsafeBufferPointer<Hit>, firstAt: UnsafeBufferPointer<Int32>, longest: Int, longHits: UnsafeBufferPointer<Int32>) {
        self.byStart = byStart
        self.firstAt = firstAt
        self.longest = longest
        self.longHits = longHits
    }

    /// Hits as `hits(startingIn:)` and `allHits` give them: valid while the lexicon's SieveContext
    /// lives, which holds the store.
    typealias Hits = Slice<UnsafeBufferPointer<Hit>>

    /// The lexicon of `part`, or the shared empty one: valid while `store` lives.
    static func of(_ part: Part?, in store: Store) -> Lexicon {
        guard let part else { return empty }
        return Lexicon(byStart: UnsafeBufferPointer(rebasing: store.hits[part.hits]), firstAt: UnsafeBufferPointer(rebasing: store.firstAt[part.firstAt]),
                       longest: part.longest, longHits: UnsafeBufferPointer(rebasing: store.longHits[part.longHits]))
    }

    @inline(__always)
    private func first(_ t: Int) -> Int { Int(firstAt[t]) }

    /// No rule word in the paragraph at all.
    var isEmpty: Bool { byStart.isEmpty }

    /// The lexicon of the paragraph of `tokens` over `range`. Tokens by pointer, not the
    /// Paragraph: a Paragraph read from the caller's buffer was copied for the call, four arrays
    /// retained and released, a tenth of the time of a one-word paragraph.
    /// Its hits are appended to `tables`; nil when there are none.
    static func of(tokens: UnsafeBufferPointer<Token>, range: Range<Int>, bytes: UnsafeBufferPointer<UInt8>, rulebook: Rulebook,
                   scratch: MatchScratch, into tables: inout Tables) -> Part? {
        let n = tokens.count
        guard n > 0 else { return nil }
        let reuse = scratch.lexicon
        defer {
            reuse.hashes.trim()
            reuse.hits.trim()
            reuse.offsets.trim()
            reuse.starts.trim()
        }
        var hits = ScratchSink(reuse.hits)
        var starts = ScratchSink(reuse.starts)
        let h = reuse.hashes.storage(atLeast: 2 * n)
        Lexicon.literalHits(tokens, bytes, rulebook.literals, h, &hits, &starts)
        for (p, rule) in rulebook.lexiconPatterns.enumerated() {
            if let startRegex = rule.startRegex {
                // Tried at its listed words only, skipping those inside an earlier match as a scan would.
                var resume = range.lowerBound
                for s in starts.elements where Int(s.pattern) == p {
                    let first = Int(s.token)
                    guard tokens[first].start >= resume,
                          let m = startRegex._withUnsafeGuaranteedRef({
                              $0.firstMatch(in: bytes, from: tokens[first].start, to: range.upperBound, scratch: scratch)
                          }) else { continue }
                    resume = m.isEmpty ? m.upperBound + 1 : m.upperBound
                    guard let last = Lexicon.token(endingAt: m.upperBound, in: tokens, from: first) else { continue }
                    hits.append(Hit(tokens: first..<last + 1, category: rule.category, rule: rule.ref))
                }
                continue
            }
            rule.regex._withUnsafeGuaranteedRef { regex in
                guard Lexicon.mayStartAtToken(regex, tokens, bytes) else { return }
                regex.forEachMatch(in: bytes, range: range, scratch: scratch) { m in
                    guard let first = Lexicon.token(startingAt: m.lowerBound, in: tokens),
                          let last = Lexicon.token(endingAt: m.upperBound, in: tokens, from: first) else { return }
                    hits.append(Hit(tokens: first..<last + 1, category: rule.category, rule: rule.ref))
                }
            }
        }
        guard hits.count > 0 else { return nil }
        let hitBase = tables.hits.count, atBase = tables.firstAt.count
        let longest = Lexicon.tables(hits.elements, tokens: n, offsets: reuse.offsets, into: tables)
        let own = hitBase..<tables.hits.count, offsets = atBase..<tables.firstAt.count
        guard longest > Lexicon.window else { return Part(hits: own, firstAt: offsets, longest: longest, longHits: 0..<0) }
        let byStart = tables.hits.all
        var longHits = (0..<Int32(truncatingIfNeeded: own.count)).filter { byStart[own.lowerBound + Int($0)].tokens.count > Lexicon.window }
        longHits.sort { a, b in
            let x = byStart[own.lowerBound + Int(a)].tokens, y = byStart[own.lowerBound + Int(b)].tokens
            return x.upperBound != y.upperBound ? x.upperBound < y.upperBound : x.count != y.count ? x.count > y.count : a < b
        }
        let longBase = tables.longHits.count
        longHits.withUnsafeBufferPointer { tables.appendLongHits($0) }
        return Part(hits: own, firstAt: offsets, longest: Lexicon.window, longHits: longBase..<tables.longHits.count)
    }

    /// Whether some token starts with a byte a match of `regex` can start with. A match is kept
    /// only if it starts at a token, so without one the scan would keep nothing: a paragraph
    /// with no word that could open a pattern (a one-word line, a heading) is not scanned.
    /// Only short paragraphs are tested: a long one nearly always has such a word ("in", "is"),
    /// and testing its tokens cost more than the scans it saved.
    private static func mayStartAtToken(_ regex: Regex, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard tokens.count <= 12, regex.startBytes != nil else { return true }
        for t in tokens where t.start >= bytes.count || regex.mayStartMatch(with: bytes[t.start]) { return true }
        return false
    }

    /// Literal hits by token, in the order exact phrases, any-case phrases, exact words, any-case
    /// words; `h` receives token t's exact hash at t and lower-cased hash at n + t. Tokens are
    /// hashed as the scan reaches them: a word-like token when it is looked up, the ones after it
    /// only when a phrase needs them, so punctuation that no phrase reaches is never hashed.
    private static func literalHits(_ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>, _ index: LiteralIndex,
                                    _ h: UnsafeMutableBufferPointer<UInt64>, _ hits: inout ScratchSink<Hit>, _ starts: inout ScratchSink<PatternStart>) {
        let n = tokens.count
        // h[t] is filled for the tokens that may still be read, which are those from t on below `ready`.
        var ready = 0
        for t in 0..<n where tokens[t].isWordLike {
            if t >= ready {
                (h[t], h[n + t]) = WordHash.both(bytes, tokens[t].start..<tokens[t].end)
                ready = t + 1
            }
            let wanted = index.candidates(lower: h[n + t])
            guard wanted != 0 else { continue }
            if wanted & LiteralIndex.patternStart != 0 {
                for p in index.patternsStarted(h[n + t]) { starts.append(PatternStart(token: Int32(truncatingIfNeeded: t), pattern: p)) }
            }
            // The four look-ups written out, not a loop over a switch: half of an article's words
            // open some listed entry, and each pays for the look-ups its filter bits allow.
            // Exact words and phrases are probed only when the key filter allows: the first-word
            // filter let through five times as many probes as found anything. Phrases first, so a
            // token's hits come longest first and `tables` has nothing to sort (a stable sort by
            // length gives the order words-then-phrases would have).
            if t + 1 < n, wanted & (LiteralIndex.exactPhrase | LiteralIndex.caselessPhrase) != 0 {
                hashed(upTo: t + 2, tokens, bytes, h, &ready)
                if wanted & LiteralIndex.exactPhrase != 0 {
                    let key = WordHash.pair(h[t], h[t + 1])
                    if index.mayHold(LiteralIndex.exactPhrase, key) { collect(index.exactPhrases(key), at: t, tokens, bytes, index, h, &ready, &hits) }
                }
                if wanted & LiteralIndex.caselessPhrase != 0 {
                    let key = WordHash.pair(h[n + t], h[n + t + 1])
                    if index.mayHold(LiteralIndex.caselessPhrase, key) { collect(index.caselessPhrases(key), at: t, tokens, bytes, index, h, &ready, &hits) }
                }
            }
            if wanted & LiteralIndex.exactWord != 0, index.mayHold(LiteralIndex.exactWord, h[t]) {
                collectWords(index.exactEntries(h[t]), at: t, tokens, bytes, index, &hits)
            }
            if wanted & LiteralIndex.caselessWord != 0 { collectWords(index.caselessEntries(h[n + t]), at: t, tokens, bytes, index, &hits) }
        }
    }

    /// Hashes the tokens from `ready` up to `end` into `h`.
    @inline(__always)
    private static func hashed(upTo end: Int, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>,
                               _ h: UnsafeMutableBufferPointer<UInt64>, _ ready: inout Int) {
        let n = tokens.count
        while ready < end {
            (h[ready], h[n + ready]) = WordHash.both(bytes, tokens[ready].start..<tokens[ready].end)
            ready += 1
        }
    }

    /// Appends the hits at token `t` of the one-word entries `run`: `collect` without the
    /// following-word checks, for the look-ups that find something at every third word.
    @inline(__always)
    private static func collectWords(_ run: Range<Int>, at t: Int, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>,
                                     _ index: LiteralIndex, _ hits: inout ScratchSink<Hit>) {
        for i in run {
            let e = index.entries[i]
            guard e.inLexicon else { continue }
            if e.category == .cueVerb || e.category == .cueBelief, Lexicon.gluedToHyphen(tokens[t].start, bytes) { continue }
            hits.append(Hit(tokens: t..<t + 1, category: e.category, rule: e.rule))
        }
    }

    /// Appends the hits at token `t` of the entries `run` whose further words follow it.
    @inline(__always)
    private static func collect(_ run: Range<Int>, at t: Int, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>,
                                _ index: LiteralIndex, _ h: UnsafeMutableBufferPointer<UInt64>, _ ready: inout Int,
                                _ hits: inout ScratchSink<Hit>) {
        let n = tokens.count
        candidates: for i in run {
            let e = index.entries[i]
            let words = Int(e.wordCount)
            guard e.inLexicon, t + words <= n else { continue }
            // "U.S.-backed", "so-called": a cue word glued to a hyphen ends a compound modifier.
            if e.category == .cueVerb || e.category == .cueBelief, Lexicon.gluedToHyphen(tokens[t].start, bytes) { continue }
            var k = 1
            while k < words {
                hashed(upTo: t + k + 1, tokens, bytes, h, &ready)
                if (e.caseSensitive ? h[t + k] : h[n + t + k]) != index.word(e, k) { continue candidates }
                k += 1
            }
            hits.append(Hit(tokens: t..<t + words, category: e.category, rule: e.rule))
        }
    }

    /// A single hyphen right before `start`, with no space: the word is the tail of a compound.
    static func gluedToHyphen(_ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        start >= 2 && bytes[start - 1] == UInt8(ascii: "-") && bytes[start - 2] != UInt8(ascii: "-") && !Bytes.isSpace(bytes[start - 2])
    }

    func hit(_ category: RuleCategory, startingAt token: Int) -> Hit? {
        guard token >= 0, token + 1 < firstAt.count else { return nil }
        for i in first(token)..<first(token + 1) where byStart[i].category == category { return byStart[i] }
        return nil
    }

    /// The hits starting at a token of `tokens`, in look-up order (longest first at each start).
    func hits(startingIn tokens: Range<Int>) -> Hits {
        // Clamped as `hit(_:startingAt:)` is: tokens past the paragraph have no hits.
        let upper = min(tokens.upperBound, firstAt.count - 1)
        guard tokens.lowerBound >= 0, tokens.lowerBound < upper else { return byStart[0..<0] }
        return byStart[first(tokens.lowerBound)..<first(upper)]
    }

    /// The longest hit of `category` ending at `token`: for one end, earlier starts are longer,
    /// so starts are tried in order, and hits of one start in `byStart` order.
    func hit(_ category: RuleCategory, endingAt token: Int) -> Hit? {
        guard token >= 0, token + 1 < firstAt.count else { return nil }
        if !longHits.isEmpty {
            var k = longHits.partitionPoint { byStart[Int($0)].tokens.upperBound <= token }
            while k < longHits.count, byStart[Int(longHits[k])].tokens.upperBound == token + 1 {
                if byStart[Int(longHits[k])].category == category { return byStart[Int(longHits[k])] }
                k += 1
            }
        }
        // The hits of consecutive starts are contiguous in `byStart`, in the order a loop over
        // starts and then over each start's hits reads them: one flat loop, not a nested one.
        let end = Int32(truncatingIfNeeded: token + 1)
        for i in first(max(0, token + 1 - max(longest, 1)))..<first(token + 1) where byStart[i].category == category && byStart[i].ends(at: end) {
            return byStart[i]
        }
        return nil
    }

    func has(_ category: RuleCategory, at token: Int) -> Bool {
        hit(category, startingAt: token)?.tokens.count == 1
    }

    /// Every hit, by start token, longest first at each start.
    var allHits: Hits { byStart[...] }

    /// Appends every hit of `category`, in token order, the longest at each start: into an
    /// array the caller reuses, not a new one per paragraph.
    func appendHits(_ category: RuleCategory, to out: inout [Hit]) {
        var lastStart = -1
        for h in byStart where h.category == category && h.tokens.lowerBound != lastStart {
            out.append(h)
            lastStart = h.tokens.lowerBound
        }
    }

    /// The token that starts at `byte`, if any; `tokens` an array or a buffer, indexed from 0.
    static func token<C: RandomAccessCollection<Token>>(startingAt byte: Int, in tokens: C) -> Int? where C.Index == Int {
        let lo = tokens.partitionPoint { $0.start < byte }
        return lo < tokens.endIndex && tokens[lo].start == byte ? lo : nil
    }

    /// The token at or after `from` that ends at `byte`, if any.
    static func token<C: RandomAccessCollection<Token>>(endingAt byte: Int, in tokens: C, from: Int) -> Int? where C.Index == Int {
        var k = from
        while k < tokens.endIndex, tokens[k].end < byte { k += 1 }
        return k < tokens.endIndex && tokens[k].end == byte ? k : nil
    }
}
