/// `"Q" — X`: a quotation followed by a dash and the speaker's name.
struct DashQuotePass: SievePass {
    func run(_ context: SieveContext) {
        for p in context.paragraphs.indices where context.has([.closingQuote, .dash], paragraph: p) {
            let ph = context.phrases(p)
            for (s, sentence) in context.paragraphs[p].sentences.enumerated() where !context.hasAttributions(paragraph: p, sentence: s) {
                let r = sentence.tokens
                guard let close = r.first(where: { ph.isClosingQuote($0) && $0 + 1 < r.upperBound && ph.tokens[$0 + 1].kind == .dash }),
                      let open = context.paragraphs[p].quote(closingAt: close)?.open,
                      let src = ph.nounPhrase(startingAt: close + 2, upperBound: r.upperBound),
                      !ph.hasWords(src.upperBound..<r.upperBound) else { continue }
                var mention = context.classifier(p).classify(src)
                guard mention.kind == .person || mention.kind == .role else { continue }
                mention.readText(ph.bytes)
                let content = Attribution.Spans(ph.byteRange(open..<close + 1))
                context.add(Attribution(
                    content: content, cue: ph.byteRange(close + 1..<close + 2), source: ph.byteRange(src), speaker: nil, via: [],
                    kind: .direct, paragraph: p, sentence: s, pass: .dash, mention: mention))
            }
        }
    }
}

/// Later quoted sentences in a paragraph belong to the speaker of the quotation before them:
/// `"A," he said. "B."` is one attribution whose content has two pieces.
struct QuoteContinuationPass: SievePass {
    func run(_ context: SieveContext) {
        for p in context.paragraphs.indices where context.has(.quoted, paragraph: p) {
            let ph = context.phrases(p)
            let sentences = context.paragraphs[p].sentences
            var last: Int?
            for (s, sentence) in sentences.enumerated() {
                if context.hasAttributions(paragraph: p, sentence: s) {
                    // The quoting attribution of the sentence, not a participle clause after it.
                    last = context.lastAttribution(paragraph: p, sentence: s) { context.attributions[$0].kind != .indirect }
                    continue
                }
                guard let host = last, let quoted = QuoteContinuationPass.quotedSpan(sentence.tokens, ph) else { last = nil; continue }
                context.appendContent(ph.byteRange(quoted), to: host)
            }
        }
    }

    /// The sentence's quotation when the sentence is nothing but that quotation.
    static func quotedSpan(_ r: Range<Int>, _ ph: Phrases) -> Range<Int>? {
        guard let first = r.first, ph.isOpeningQuote(first) || ph.inQuote(first) else { return nil }
        // Some word, and every word quoted: read in one walk, without an array of the words a sentence.
        var hasWords = false
        for k in r where ph.tokens[k].isWordLike {
            guard ph.inQuote(k) else { return nil }
            hasWords = true
        }
        guard hasWords else { return nil }
        var end = r.upperBound
        while end > first + 1, ph.isTerminal(end - 1) && !ph.inQuote(end - 1) { end -= 1 }
        return first..<end
    }
}

/// A quoted paragraph with no cue, straight after a paragraph quoting one speaker, is that
/// speaker's (the multi-paragraph quotation convention included).
struct FloatingQuotePass: SievePass {
    func run(_ context: SieveContext) {
        // Only content is appended here, to an attribution already made: with none there is no host,
        // and the per-paragraph look-ups (a retain and release each) are skipped.
        guard !context.attributions.isEmpty else { return }
        var p = 1
        while p < context.paragraphs.count {
            defer { p += 1 }
            guard context.attributions(touching: p).isEmpty else { continue }
            // A quotation paragraph right after one that reports a single speaker is that speaker's
            // (its quotations appended below make it such a paragraph for the next one).
            let previous = context.attributions(touching: p - 1)
            guard let host = previous.last,
                  let speaker = context.attributions[host].speaker,
                  previous.allSatisfy({ context.attributions[$0].speaker == speaker }) else { continue }
            let ph = context.phrases(p)
            let sentences = context.paragraphs[p].sentences
            guard let first = sentences.first, QuoteContinuationPass.quotedSpan(first.tokens, ph) != nil else { continue }
            for sentence in sentences {
                guard let q = QuoteContinuationPass.quotedSpan(sentence.tokens, ph) else { break }
                context.appendContent(ph.byteRange(q), to: host)
            }
        }
    }
}

/// `Former secretary of state Hillary Rodham Clinton: "We learned that …"` and
/// `Cruz called them on it: "…"`: a colon before a quotation is the cue.
struct ColonQuotePass: SievePass {
    func run(_ context: SieveContext) {
        for p in context.paragraphs.indices where context.has(.colon, paragraph: p) {
            let ph = context.phrases(p)
            for (s, sentence) in context.paragraphs[p].sentences.enumerated() where !context.hasAttributions(paragraph: p, sentence: s) {
                let r = sentence.tokens
                guard let colon = r.first(where: { ph.isPunct($0, ":") && !ph.inQuote($0) }), colon + 1 < r.upperBound else { continue }
                let builder = CueBuilder(context: context, p: p, s: s, sentence: r, ph: ph)
                guard ph.isOpeningQuote(colon + 1), let quote = context.paragraphs[p].quote(openingAt: colon + 1) else {
                    headline(context, builder, colon: colon)
                    continue
                }
                var source: Range<Int>?
                var mention: Mention?
                if let np = ph.nounPhrase(endingAt: colon - 1, lowerBound: r.lowerBound), np.lowerBound == r.lowerBound {
                    let m = context.classifier(p).classify(np)
                    if builder.plausible(m) { source = np; mention = m }
                }
                if source == nil, let subject = builder.clauseSubject(r.lowerBound..<colon, before: colon) {
                    source = subject
                    mention = context.classifier(p).classify(subject)
                }
                guard let src = source, var m = mention else { continue }
                m.readText(ph.bytes)
                let end = quote.close.map { $0 + 1 } ?? r.upperBound
                let content = Attribution.Spans(ph.byteRange(colon + 1..<end))
                context.add(Attribution(
                    content: content, cue: ph.byteRange(colon..<colon + 1), source: ph.byteRange(src), speaker: nil, via: [],
                    kind: context.kind(of: content, paragraph: p), paragraph: p, sentence: s, pass: .colon, mention: m))
            }
        }
    }

    /// "Senator Vance: Budget deal is dead": a headline names the speaker before a colon and gives the
    /// gist after it, unquoted. Only a short name of a person or organisation counts ("The Latest: …" does not).
    private func headline(_ context: SieveContext, _ builder: CueBuilder, colon: Int) {
        let ph = builder.ph, r = builder.sentence
        // Only the title: elsewhere "Name: …" heads a section or a list ("Contributing: …", "Iowa: …").
        guard builder.p == 0, builder.s == 0, colon - r.lowerBound <= 6, !ph.isDeterminer(r.lowerBound), let np = ph.nounPhrase(endingAt: colon - 1, lowerBound: r.lowerBound), np.lowerBound == r.lowerBound,
              ph.isNameToken(np.lowerBound) else { return }
        var m = context.classifier(builder.p).classify(np)
        guard m.kind == .person && m.name != nil || m.kind == .organisation || m.kind == .outlet || m.kind == .document else { return }
        let body = builder.trimmed(colon + 1..<r.upperBound)
        guard body.count >= 3 else { return }
        let content = Attribution.Spans(ph.byteRange(body))
        m.readText(ph.bytes)
        context.add(Attribution(
            content: content, cue: ph.byteRange(colon..<colon + 1), source: ph.byteRange(np), speaker: nil, via: [],
            kind: context.kind(of: content, paragraph: builder.p), paragraph: builder.p, sentence: builder.s, pass: .colon, mention: m))
    }
}
