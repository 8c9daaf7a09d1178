/// Walks the article once more after attribution and gives each statement its status and findings.
struct StatementJudge {
    let rulebook: Rulebook
    let scratch: MatchScratch
    let context: SieveContext
    let document: Document
    let bytes: UnsafeBufferPointer<UInt8>
    var statements: [Statement] = []
    var findings: [Finding] = []
    /// Attributions touching each paragraph, computed once.
    var touching = ParagraphTable(paragraphs: 0)
    /// Whether each paragraph has a speech verb outside quotation marks, found on first need: a
    /// paragraph of many orphan quotations is scanned once, not once per quotation.
    var speechCue: [Bool?] = []
    /// Per sentence of the paragraph being judged, the attribution covering it or -1; reused,
    /// and filled only for a paragraph that attributions touch.
    var covering: [Int] = []

    /// Quotations shorter than this are scare quotes or titles, not speech needing a speaker.
    static let minimumQuoteWords = 4
    /// Shorter fragments get a status but no unattributed-background finding.
    static let minimumStatementWords = 3
    /// The status rule for a quotation whose speaker is near but unresolved.
    static let speakerInReach = "speaker-in-reach"
    /// The status rule for a paragraph that a colon at the end of the paragraph before introduces.
    static let colonIntroduced = "colon-introduced"

    mutating func run() {
        // An attribution with no source ("is expected to", "appears to") does not source its
        // sentence for an editor; the attribution-signal words decide those sentences as before.
        touching = context.takeAttributionsByParagraph()
        // In place, in the table the context let go of: nothing is copied.
        let attributions = context.attributions
        touching.removeAll { attributions[$0].source == nil }
        // Both lists come from the worker's scratch and go back to it at the end.
        speechCue = ArticleLists.take(&scratch.articleLists.speechCue)
        speechCue.append(contentsOf: repeatElement(nil, count: context.paragraphs.count))
        covering = ArticleLists.take(&scratch.articleLists.covering)
        defer {
            ArticleLists.recycle(&speechCue, into: &scratch.articleLists.speechCue)
            ArticleLists.recycle(&covering, into: &scratch.articleLists.covering)
        }
        // Sized up front: growing by doubling held two copies at the peak.
        // By index: `reduce` copied every paragraph into its closure.
        var sentenceCount = 0
        for p in context.paragraphs.indices { sentenceCount += context.paragraphs[p].sentences.count }
        statements.reserveCapacity(document.blocks.count - context.paragraphs.count + sentenceCount)
        // Most unattributed sentences get a finding: growing from empty reallocated five times an article.
        findings.reserveCapacity(sentenceCount / 2 + 8)
        let detector = ClaimDetector(rulebook: rulebook, scratch: scratch)
        var paragraphIndex = 0
        // Paragraphs are read in place through a pointer: a method called on
        // `context.paragraphs[p]` copied the whole Paragraph, five arrays retained, per line.
        // Blocks too: a copy of each retained and released its rule id, a body block's nil included.
        context.paragraphs.withUnsafeBufferPointer { paragraphs in
            document.blocks.withUnsafeBufferPointer { blocks in
                for b in blocks.indices {
                    switch blocks[b].kind {
                    case .headline, .heading:
                        statements.append(Statement(range: blocks[b].range, status: .headline))
                    case .label, .boilerplate:
                        let id = blocks[b].ruleID
                        statements.append(Statement(range: blocks[b].range, status: .boilerplate, ruleID: id))
                        if let id { context.trace.record(id) }
                    case .body:
                        guard paragraphIndex < paragraphs.count, let base = paragraphs.baseAddress else { continue }
                        judge(paragraph: paragraphIndex, base + paragraphIndex, detector: detector)
                        paragraphIndex += 1
                    }
                }
            }
        }
        vagueSources(detector)
    }

    /// Judges the sentences of paragraph `p`, which `paragraph` points to.
    private mutating func judge(paragraph p: Int, _ paragraph: UnsafePointer<Paragraph>, detector: ClaimDetector) {
        // Sentences and tokens read in place, without holding their store (the paragraph table,
        // which `run` reads in place, keeps it): copies of the two slices, or a
        // withUnsafeBufferPointer on each, retained and released it twice a paragraph.
        let sentences = paragraph.pointee.sentences.unsafeValues
        let tokens = paragraph.pointee.tokens.unsafeValues
        let covered = !touching.isEmpty(p)
        // Most paragraphs quote nobody: their sentences skip the quotation look-up.
        let quoted = !paragraph.pointee.quotes.isEmpty
        if covered { coveringAttribution(sentences, p) }
        for si in sentences.indices {
            let sentence = sentences[si]
            let range = sentence.range
            if covered, case let a = covering[si], a >= 0 {
                statements.append(Statement(range: range, status: .attributed, attribution: a))
                continue
            }
            if quoted, let quote = paragraph.pointee.quote(in: range),
               let open = quote.open ?? sentence.tokens.first,
               Token.countWords(in: tokens, (open + 1)..<(quote.close ?? tokens.count)) >= StatementJudge.minimumQuoteWords {
                // Someone's words whose speaker is near though unresolved: an editor sees no orphan quotation.
                // Recorded by reference: a rule id hashed into the trace's set cost more than the look-up.
                if let rule = attributionSignal(paragraph: p, tokens: sentence.tokens, cues: true) {
                    context.trace.record(rule)
                    statements.append(Statement(range: range, status: .background, ruleID: rulebook.id(rule)))
                    continue
                }
                if speakerWithinReach(paragraph: p, sentence: sentence, quote: quote) {
                    statements.append(Statement(range: range, status: .background, ruleID: StatementJudge.speakerInReach))
                    continue
                }
                let q = quote.range
                findings.append(Finding(rule: .quoteWithoutSpeaker, severity: .error,
                                        text: message("quotation ", q, 40, quoted: true, " has no speaker"), range: q, sentence: range))
                statements.append(Statement(range: range, status: .unattributedClaim))
                continue
            }
            var signal: ClaimDetector.Signal?
            if let probe = detector.probe(in: bytes, sentence: sentence, lexicon: context.lexicons[p]) {
                // "Is expected to", "in a poll", "plans to": sourced for the reader though not for
                // attrib. Such a sentence is background whichever claim signal it holds, so only
                // whether it holds one is asked, and the figure patterns mostly need not run. The
                // signal words are lexicon hits: a sentence with none of them is not looked at.
                if probe.hits.contains(where: { $0.category == .attributionSignal || $0.category == .ownedSignal }),
                   let rule = attributionSignal(paragraph: p, tokens: sentence.tokens, cues: false) {
                    if detector.hasSignal(in: bytes, probe) {
                        context.trace.record(rule)
                        statements.append(Statement(range: range, status: .background, ruleID: rulebook.id(rule)))
                        continue
                    }
                } else {
                    signal = detector.signal(in: bytes, probe, tokens: tokens)
                }
            }
            if let signal {
                if si == 0, introducedByColon(paragraph: p) {
                    statements.append(Statement(range: range, status: .background, ruleID: StatementJudge.colonIntroduced))
                    continue
                }
                context.trace.record(signal.rule)
                let noun: StaticString
                switch signal.category {
                case .claimFigure: noun = "figure "
                case .claimSuperlative: noun = "superlative "
                case .claimPrediction: noun = "prediction "
                default: noun = "recent event "
                }
                findings.append(Finding(rule: .unattributedClaim, severity: .warning,
                                        text: message(noun, signal.range, 60, quoted: true, " has no source"), range: signal.range, sentence: range))
                statements.append(Statement(range: range, status: .unattributedClaim, ruleID: rulebook.id(signal.rule)))
            } else {
                // One or two words ("Advertisement", a stray line) are no statement to source.
                if Token.countWords(in: tokens, sentence.tokens) >= StatementJudge.minimumStatementWords {
                    findings.append(Finding(rule: .unattributedBackground, severity: .info,
                                            text: message("statement ", range, 50, quoted: true, " has no source"), range: range, sentence: range))
                }
                statements.append(Statement(range: range, status: .background))
            }
        }
        // Most paragraphs have no stray quotation mark.
        if !paragraph.pointee.strayMarks.isEmpty { unbalancedQuotes(paragraph) }
    }

    /// Fills `covering` with, for each sentence of the paragraph, the first attribution whose
    /// content overlaps it or whose cue lies in it: sentences are found by binary search, so this stays linear.
    private mutating func coveringAttribution(_ sentences: UnsafeBufferPointer<Sentence>, _ p: Int) {
        // Only ever grown: its first `sentences.count` entries are reset in place, where emptying
        // and refilling it cost two library calls a paragraph.
        if covering.count < sentences.count { covering.append(contentsOf: repeatElement(-1, count: sentences.count - covering.count)) }
        for k in sentences.indices { covering[k] = -1 }
        func sentence(containing byte: Int) -> Int {
            let lo = sentences.partitionPoint { $0.range.upperBound <= byte }
            return lo
        }
        let index = touching[p]
        // Read in place: iterating an attribution's content retained and released its array.
        context.attributions.withUnsafeBufferPointer { attributions in
            guard let base = attributions.baseAddress else { return }
            for i in index where i >= 0 && i < attributions.count {
                let at = base + i
                at.pointee.content.forEachInPlace { c in
                    guard !c.isEmpty else { return }
                    var k = sentence(containing: c.lowerBound)
                    while k < sentences.count, sentences[k].range.lowerBound < c.upperBound {
                        if sentences[k].range.overlaps(c), covering[k] < 0 || covering[k] > i { covering[k] = i }
                        k += 1
                    }
                }
                if let cue = at.pointee.cue {
                    let k = sentence(containing: cue.lowerBound)
                    if k < sentences.count, sentences[k].range.contains(cue.lowerBound), covering[k] < 0 || covering[k] > i { covering[k] = i }
                }
            }
        }
    }


    /// A finding's message, `prefix`, the excerpt of `r` (in double quotes when `quoted`) and
    /// `suffix`, left to be built when read.
    private func message(_ prefix: StaticString, _ r: Range<Int>, _ limit: Int, quoted: Bool, _ suffix: StaticString) -> FindingMessage {
        .excerpt(FindingMessage.Quoted(prefix: prefix, source: document.text.bytes, range: r, limit: limit, quoted: quoted, suffix: suffix))
    }

    private mutating func unbalancedQuotes(_ paragraph: UnsafePointer<Paragraph>) {
        for mark in paragraph.pointee.strayMarks {
            let t = paragraph.pointee.tokens[mark]
            let what: StaticString = t.kind == .closeQuote ? " closes nothing" : " is never closed"
            findings.append(Finding(rule: .unbalancedQuote, severity: .warning,
                                    text: message("quotation mark ", t.start..<t.end, 3, quoted: false, what), range: t.start..<t.end, sentence: nil))
        }
    }

    private mutating func vagueSources(_ detector: ClaimDetector) {
        // By index: `for a in context.attributions` copied every attribution.
        let attributions = context.attributions, sources = context.sources
        // The sources of one sentence mostly share their window (clamped to the sentence), and
        // the answer depends on the window alone: the last one's is reused.
        var last: (window: Range<Int>, reason: RuleRef?)?
        for i in attributions.indices {
            guard let s = attributions[i].speaker, sources[s].kind == .vague, let src = attributions[i].source else { continue }
            let a = attributions[i]
            let sentence = context.paragraphs[a.paragraph].sentences[a.sentence].range
            // The reason stands near the source ("a senior official, who spoke on condition of anonymity …");
            // a window keeps a sentence without end from being scanned once per source.
            let window = max(sentence.lowerBound, src.lowerBound - 600)..<min(sentence.upperBound, src.upperBound + 600)
            let reason: RuleRef?
            if let last, last.window == window {
                reason = last.reason
            } else {
                reason = detector.hasAnonymityReason(in: bytes, range: window)
                last = (window, reason)
            }
            if let reason { context.trace.record(reason); continue }
            if let r = a.mention?.rule { context.trace.record(r) }
            findings.append(Finding(rule: .vagueSource, severity: .warning,
                                    text: message("vague source ", src, 50, quoted: true, ""), range: src, sentence: sentence))
        }
    }
}
