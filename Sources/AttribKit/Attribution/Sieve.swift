/// The attribution sieve: ordered passes over the segmented article, each adding or extending
/// attributions, followed by source resolution.
struct Sieve {
    let rulebook: Rulebook

    func run(paragraphs: [Paragraph], bytes: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, trace: RuleTrace) -> SieveContext {
        let context = SieveContext(paragraphs: paragraphs, bytes: bytes, rulebook: rulebook, scratch: scratch, trace: trace)
        let before: [any SievePass] = [CuePass(), DashQuotePass(), ColonQuotePass(), QuoteContinuationPass()]
        for pass in before { pass.run(context) }
        var resolver = Resolver(context: context)
        resolver.resolve()
        FloatingQuotePass().run(context)
        context.sources = resolver.sources
        context.keepReferencedSources()
        for a in context.attributions { trace.record(a.ruleIDs) }
        return context
    }
}

/// One step of the sieve.
protocol SievePass {
    func run(_ context: SieveContext)
}

/// What the passes share: the paragraphs, their lexicon hits and the attributions so far.
final class SieveContext {
    let paragraphs: [Paragraph]
    let lexicons: [Lexicon]
    let bytes: UnsafeBufferPointer<UInt8>
    let rulebook: Rulebook
    let scratch: MatchScratch
    var attributions: [Attribution] = []
    var sources: [Source] = []
    /// Rule groups that made a difference, for the rule-example tests.
    let trace: RuleTrace

    init(paragraphs: [Paragraph], bytes: UnsafeBufferPointer<UInt8>, rulebook: Rulebook, scratch: MatchScratch, trace: RuleTrace) {
        self.trace = trace
        self.paragraphs = paragraphs
        self.bytes = bytes
        self.rulebook = rulebook
        self.scratch = scratch
        lexicons = paragraphs.map { Lexicon(paragraph: $0, bytes: bytes, rulebook: rulebook, scratch: scratch) }
    }

    /// Drops people the article introduced but never quoted, renumbering the references.
    func keepReferencedSources() {
        var used = Array(repeating: false, count: sources.count)
        for a in attributions {
            if let s = a.speaker { used[s] = true }
            for v in a.via { used[v] = true }
        }
        var newIndex = Array(repeating: -1, count: sources.count)
        var kept: [Source] = []
        for i in sources.indices where used[i] { newIndex[i] = kept.count; kept.append(sources[i]) }
        sources = kept
        for i in attributions.indices {
            attributions[i].speaker = attributions[i].speaker.map { newIndex[$0] }
            attributions[i].via = attributions[i].via.map { newIndex[$0] }
        }
    }

    /// One Phrases per paragraph, built on first use: passes ask for it often.
    private var phraseCache: [Phrases?] = []

    func phrases(_ p: Int) -> Phrases {
        if phraseCache.isEmpty { phraseCache = Array(repeating: nil, count: paragraphs.count) }
        if let cached = phraseCache[p] { return cached }
        let made = Phrases(tokens: paragraphs[p].tokens, lexicon: lexicons[p], bytes: bytes, trace: trace)
        phraseCache[p] = made
        return made
    }

    func classifier(_ p: Int) -> MentionClassifier { MentionClassifier(phrases: phrases(p), rulebook: rulebook) }

    /// Attributions that start in sentence `s` of paragraph `p`.
    func attributions(paragraph p: Int, sentence s: Int) -> [Int] {
        attributions.indices.filter { attributions[$0].paragraph == p && attributions[$0].sentence == s }
    }

    /// Whether any attribution's content or cue touches the byte range.
    func isCovered(_ range: Range<Int>) -> Bool {
        attributions.contains { a in
            a.content.contains { $0.overlaps(range) } || (a.cue.map { $0.overlaps(range) } ?? false)
        }
    }

    func kind(of content: [Range<Int>], paragraph p: Int) -> QuoteKind {
        var inside = 0, outside = 0
        for t in paragraphs[p].tokens where t.isWordLike && content.contains(where: { $0.contains(t.start) }) {
            if t.tags.contains(.inQuote) { inside += 1 } else { outside += 1 }
        }
        // Content may run on into later paragraphs (a multi-paragraph quotation).
        if content.count > 1, outside == 0 { return inside > 0 ? .direct : .indirect }
        return inside == 0 ? .indirect : outside == 0 ? .direct : .partial
    }
}
