/// The attribution sieve: ordered passes over the segmented article, each adding or extending
/// attributions, followed by source resolution.
struct Sieve {
    let rulebook: Rulebook

    func run(paragraphs: [Paragraph], bytes: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, trace: RuleTrace) -> SieveContext {
        let context = SieveContext(paragraphs: paragraphs, bytes: bytes, rulebook: rulebook, scratch: scratch, trace: trace)
        // Called one by one, in sieve order: a list of `any SievePass` was an array and five
        // boxed existentials an article.
        CuePass().run(context)
        DashQuotePass().run(context)
        ColonQuotePass().run(context)
        QuoteContinuationPass().run(context)
        SourcelessPass().run(context)
        var resolver = Resolver(context: context)
        resolver.resolve()
        FloatingQuotePass().run(context)
        context.sources = resolver.sources
        context.keepReferencedSources()
        context.recordRules()
        return context
    }
}

/// One step of the sieve.
protocol SievePass {
    func run(_ context: SieveContext)
}

/// What the passes share: the paragraphs, their lexicon hits and the attributions so far.
/// Its variables are `@exclusivity(unchecked)`: one worker's passes use a context one call at a
/// time, and the runtime check on every access (swift_beginAccess) showed in the profile.
final class SieveContext {
    let paragraphs: [Paragraph]
    @exclusivity(unchecked) private(set) var lexicons: [Lexicon]
    /// The memory every paragraph's lexicon views: kept for as long as they are read.
    private let lexiconStore: Lexicon.Store
    let bytes: UnsafeBufferPointer<UInt8>
    let rulebook: Rulebook
    let scratch: MatchScratch
    @exclusivity(unchecked) private(set) var attributions: [Attribution] = []
    /// Attribution indices by the paragraph and sentence they start in, so passes look up a
    /// sentence's attributions without scanning them all (long files have thousands): per
    /// sentence, at `sentenceBase[p] + s`, the last one added plus one (0 for none), and per
    /// attribution the one added before it to the same sentence plus one. Chains, not an array
    /// per sentence: those were an allocation and a free for every sentence with an attribution.
    @exclusivity(unchecked) private var lastInSentence: [Int32] = []
    @exclusivity(unchecked) private var previousInSentence: [Int32] = []
    /// Where each paragraph's sentences start in `lastInSentence`, and the total at the end.
    @exclusivity(unchecked) private var sentenceBase: [Int] = []
    @exclusivity(unchecked) var sources: [Source] = []
    /// Rule groups that made a difference, for the rule-example tests.
    let trace: RuleTrace

    init(paragraphs: [Paragraph], bytes: UnsafeBufferPointer<UInt8>, rulebook: Rulebook, scratch: MatchScratch, trace: RuleTrace) {
        self.trace = trace
        self.paragraphs = paragraphs
        self.bytes = bytes
        self.rulebook = rulebook
        self.scratch = scratch
        // Read in place through a pointer: `map` copied every Paragraph, four arrays retained and
        // released, twice a paragraph.
        let kept = scratch.articleLists
        var parts = ArticleLists.take(&kept.parts), marks = ArticleLists.take(&kept.marks)
        var tokenCount = 0
        for p in paragraphs.indices { tokenCount += paragraphs[p].tokens.count }
        var tables = Lexicon.Tables(tokens: tokenCount, paragraphs: paragraphs.count)
        parts.reserveCapacity(paragraphs.count)
        marks.reserveCapacity(paragraphs.count)
        paragraphs.withUnsafeBufferPointer { ps in
            guard let base = ps.baseAddress else { return }
            for p in ps.indices {
                // One read of `tokens` for both: a second one retained and released the array again.
                base[p].tokens.withUnsafeBufferPointer { tokens in
                    parts.append(Lexicon.of(tokens: tokens, range: base[p].range, bytes: bytes, rulebook: rulebook, scratch: scratch, into: &tables))
                    marks.append(base[p].marks)
                }
            }
        }
        var lexicons = ArticleLists.take(&kept.lexicons)
        lexicons.reserveCapacity(paragraphs.count)
        let store = Lexicon.Store(tables)
        for part in parts { lexicons.append(Lexicon.of(part, in: store)) }
        ArticleLists.recycle(&parts, into: &kept.parts)
        self.lexicons = lexicons
        lexiconStore = store
        self.marks = marks
    }

    /// The marks the tokenizer and quote pairer noted per paragraph (`Paragraph.marks`).
    typealias Marks = ParagraphMarks

    @exclusivity(unchecked) private(set) var marks: [Marks]

    /// The per-article lists go back to the worker's scratch for its next article.
    deinit {
        let kept = scratch.articleLists
        ArticleLists.recycle(&lexicons, into: &kept.lexicons)
        ArticleLists.recycle(&marks, into: &kept.marks)
        ArticleLists.recycle(&sentenceBase, into: &kept.sentenceBase)
        ArticleLists.recycle(&lastInSentence, into: &kept.lastInSentence)
        ArticleLists.recycle(&previousInSentence, into: &kept.previousInSentence)
    }

    func has(_ needed: Marks, paragraph p: Int) -> Bool { marks[p].isSuperset(of: needed) }

    /// Records every attribution's rule groups, read in place: read through the property, each
    /// attribution was copied.
    func recordRules() {
        attributions.withUnsafeBufferPointer { Attribution.recordRules(of: $0, into: trace) }
    }

    /// Drops people the article introduced but never quoted, renumbering the references.
    func keepReferencedSources() {
        guard !sources.isEmpty else { return }
        // Per source, -1 while unquoted and then its new number: one list, kept by the worker's
        // scratch, where two were allocated for every article.
        var newIndex = ArticleLists.take(&scratch.articleLists.sourceIndex)
        defer { ArticleLists.recycle(&newIndex, into: &scratch.articleLists.sourceIndex) }
        newIndex.append(contentsOf: repeatElement(-1, count: sources.count))
        var count = 0
        // Read in place: `for a in attributions` copied every attribution.
        attributions.withUnsafeBufferPointer { all in
            for a in all.indices {
                if let s = all[a].speaker, newIndex[s] < 0 { newIndex[s] = 0; count += 1 }
                for v in all[a].via where newIndex[v] < 0 { newIndex[v] = 0; count += 1 }
            }
        }
        // Every source quoted: the numbers stand as they are.
        guard count < sources.count else { return }
        var kept: [Source] = []
        kept.reserveCapacity(count)
        for i in sources.indices where newIndex[i] == 0 { newIndex[i] = kept.count; kept.append(sources[i]) }
        sources = kept
        attributions.withUnsafeMutableBufferPointer { all in
            for a in all.indices {
                if let s = all[a].speaker { all[a].speaker = newIndex[s] }
                // Most attributions have no conduits: their empty list is left untouched.
                guard !all[a].via.isEmpty else { continue }
                for k in all[a].via.indices { all[a].via[k] = newIndex[all[a].via[k]] }
            }
        }
    }

    /// Paragraph `p`'s Phrases: built for each asker, which costs no allocation. Its tokens are
    /// viewed in place: `paragraphs`, a constant of this context, keeps their store alive.
    func phrases(_ p: Int) -> Phrases {
        Phrases(tokens: paragraphs[p].tokens.withUnsafeBufferPointer { TokenView($0) }, lexicon: lexicons[p], bytes: bytes, trace: trace)
    }

    func classifier(_ p: Int) -> MentionClassifier { MentionClassifier(phrases: phrases(p), rulebook: rulebook) }

    /// The last added of the attributions that start in sentence `s` of paragraph `p` and pass
    /// `test`, walking the sentence's chain from its newest: no array of them a call (one was an
    /// allocation for every sentence with an attribution, asked of by three passes).
    func lastAttribution(paragraph p: Int, sentence s: Int, where test: (Int) -> Bool) -> Int? {
        guard let slot = sentenceIndex(p, s) else { return nil }
        var next = Int(lastInSentence[slot])
        while next > 0 {
            let i = next - 1
            if test(i) { return i }
            next = Int(previousInSentence[i])
        }
        return nil
    }

    /// Whether some attribution starts in sentence `s` of paragraph `p`.
    func hasAttributions(paragraph p: Int, sentence s: Int) -> Bool {
        guard let slot = sentenceIndex(p, s) else { return false }
        return lastInSentence[slot] > 0
    }

    /// The slot of sentence `s` of paragraph `p` in `lastInSentence`, if both exist.
    private func sentenceIndex(_ p: Int, _ s: Int) -> Int? {
        guard p >= 0, p + 1 < sentenceBase.count, s >= 0, s < sentenceBase[p + 1] - sentenceBase[p] else { return nil }
        return sentenceBase[p] + s
    }

    func add(_ a: consuming Attribution) {
        if sentenceBase.isEmpty {
            let kept = scratch.articleLists
            var base = ArticleLists.take(&kept.sentenceBase)
            base.reserveCapacity(paragraphs.count + 1)
            var n = 0
            for p in paragraphs.indices {
                base.append(n)
                n += paragraphs[p].sentences.count
            }
            base.append(n)
            sentenceBase = base
            lastInSentence = ArticleLists.take(&kept.lastInSentence)
            lastInSentence.append(contentsOf: repeatElement(0, count: n))
            previousInSentence = ArticleLists.take(&kept.previousInSentence)
            // About one attribution for every other sentence in news prose: growing from empty
            // reallocated both arrays six times an article, and a long document's a dozen times
            // into fresh memory. Room for one a sentence; what is never written is never faulted in.
            attributions.reserveCapacity(n)
            previousInSentence.reserveCapacity(n)
        }
        let slot = sentenceIndex(a.paragraph, a.sentence)
        attributions.append(a)
        // Document.read refuses texts over 1 GB, so attribution numbers fit in 32 bits.
        let number = Int32(truncatingIfNeeded: attributions.count)
        if let slot {
            previousInSentence.append(lastInSentence[slot])
            lastInSentence[slot] = number
        } else {
            previousInSentence.append(0)
        }
        byParagraph = nil
    }

    /// Adds content to an existing attribution (a continued or floating quotation).
    func appendContent(_ range: Range<Int>, to i: Int) {
        attributions[i].content.append(range)
        // The paragraph table, once built, is kept as building it afresh would leave it: sorted, without repeats.
        guard byParagraph != nil, let p = paragraph(of: range.lowerBound) else { return }
        byParagraph?.insert(i, paragraph: p)
    }

    /// Lends attribution `i`'s mention to `body` in place (nil for none): read out of the list it
    /// was copied, its four strings retained and released. `body` must not touch `attributions`.
    func withMention<R>(_ i: Int, _ body: (borrowing Mention) -> R) -> R? {
        attributions[i].mention?.lend(body)
    }

    func setSpeaker(_ i: Int, _ speaker: Int?, via: [Int]) {
        attributions[i].speaker = speaker
        attributions[i].via = via
    }

    /// Attribution indices whose cue or content starts in each paragraph, in order and without
    /// repeats: built once (the floating-quotation pass and the judge both read it) and kept up
    /// to date by `appendContent`.
    @exclusivity(unchecked) private var byParagraph: ParagraphTable?

    /// Attribution indices whose cue or content lies in each paragraph, for per-sentence look-ups.
    func attributionsByParagraph() -> ParagraphTable {
        if let byParagraph { return byParagraph }
        guard !attributions.isEmpty else {
            let empty = ParagraphTable(paragraphs: paragraphs.count)
            byParagraph = empty
            return empty
        }
        var pairs: [(paragraph: Int32, index: Int32)] = []
        pairs.reserveCapacity(attributions.count)
        // Attributions are visited in order, so one already listed for a paragraph is its last entry.
        var last = Array(repeating: Int32(-1), count: paragraphs.count)
        paragraphs.withUnsafeBufferPointer { ps in
            attributions.withUnsafeBufferPointer { all in
                // By index: `enumerated()` copied every attribution.
                for i in all.indices {
                    let n = Int32(truncatingIfNeeded: i), home = all[i].paragraph
                    for r in all[i].content { SieveContext.list(n, r, near: home, in: ps, last: &last, pairs: &pairs) }
                    if let r = all[i].cue { SieveContext.list(n, r, near: home, in: ps, last: &last, pairs: &pairs) }
                }
            }
        }
        let out = ParagraphTable(paragraphs: paragraphs.count, pairs: pairs)
        byParagraph = out
        return out
    }

    /// Lists attribution `n` under the paragraph holding `r`, unless it is that paragraph's last
    /// entry already. A static function with `inout` lists: a local function capturing them made
    /// every access a dynamic exclusivity check (swift_beginAccess).
    private static func list(_ n: Int32, _ r: Range<Int>, near home: Int, in ps: UnsafeBufferPointer<Paragraph>,
                             last: inout [Int32], pairs: inout [(paragraph: Int32, index: Int32)]) {
        guard let p = paragraph(of: r.lowerBound, near: home, in: ps), last[p] != n else { return }
        last[p] = n
        pairs.append((Int32(truncatingIfNeeded: p), n))
    }

    /// The attributions touching paragraph `p`, read without holding the table: a reader that
    /// kept it while `appendContent` changed it would make the context copy the whole table.
    func attributions(touching p: Int) -> ArraySlice<Int> {
        if byParagraph == nil { byParagraph = attributionsByParagraph() }
        return byParagraph?[p] ?? []
    }

    /// The table for its last reader, who may change it: the context lets go of its own, so the
    /// change does not copy it.
    func takeAttributionsByParagraph() -> ParagraphTable {
        let table = attributionsByParagraph()
        byParagraph = nil
        return table
    }

    /// The paragraph whose range holds `byte`, found by binary search on the paragraph starts.
    private func paragraph(of byte: Int) -> Int? {
        paragraphs.withUnsafeBufferPointer { SieveContext.paragraph(of: byte, near: -1, in: $0) }
    }

    /// The paragraph of `ps` whose range holds `byte`: paragraph `home` and the one after it are
    /// tried first, as an attribution's spans mostly lie in the paragraph it starts in.
    private static func paragraph(of byte: Int, near home: Int, in ps: UnsafeBufferPointer<Paragraph>) -> Int? {
        if home >= 0, home < ps.count {
            if ps[home].range.contains(byte) { return home }
            if home + 1 < ps.count, ps[home + 1].range.contains(byte) { return home + 1 }
        }
        let p = ps.partitionPoint { $0.range.lowerBound <= byte } - 1
        return p >= 0 && ps[p].range.contains(byte) ? p : nil
    }

    func kind(of content: Attribution.Spans, paragraph p: Int) -> QuoteKind {
        var inside = false, outside = false
        // Only the content's own tokens are visited, found by binary search (tokens are in
        // text order), the same scan as the cue builder's.
        paragraphs[p].tokens.withUnsafeBufferPointer { t in
            for span in content where !(inside && outside) {
                let lo = t.partitionPoint { $0.start < span.lowerBound }
                let hi = t[lo...].partitionPoint { $0.start < span.upperBound }
                Token.quoteSides(in: t, lo..<hi, inside: &inside, outside: &outside)
            }
        }
        return SieveContext.kind(inside: inside, outside: outside, spans: content.count)
    }

    /// The kind of content with words inside and outside quotations as given, in `spans` spans.
    static func kind(inside: Bool, outside: Bool, spans: Int) -> QuoteKind {
        // Content may run on into later paragraphs (a multi-paragraph quotation).
        if spans > 1, !outside { return inside ? .direct : .indirect }
        return !inside ? .indirect : !outside ? .direct : .partial
    }
}
