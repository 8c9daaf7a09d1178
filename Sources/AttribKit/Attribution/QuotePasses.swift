/// `"Q" — X`: a quotation followed by a dash and the speaker's name.
struct DashQuotePass: SievePass {
    func run(_ context: SieveContext) {
        for p in context.paragraphs.indices {
            let ph = context.phrases(p)
            for (s, sentence) in context.paragraphs[p].sentences.enumerated() where context.attributions(paragraph: p, sentence: s).isEmpty {
                let r = sentence.tokens
                guard let close = r.first(where: { ph.isClosingQuote($0) && $0 + 1 < r.upperBound && ph.tokens[$0 + 1].kind == .dash }),
                      let open = context.paragraphs[p].quotes.first(where: { $0.close == close })?.open,
                      let src = ph.nounPhrase(startingAt: close + 2, upperBound: r.upperBound),
                      !ph.hasWords(src.upperBound..<r.upperBound) else { continue }
                let mention = context.classifier(p).classify(src)
                guard mention.kind == .person || mention.kind == .role else { continue }
                let content = [ph.byteRange(open..<close + 1)]
                context.attributions.append(Attribution(
                    content: content, cue: ph.byteRange(close + 1..<close + 2), source: ph.byteRange(src), speaker: nil, via: [],
                    kind: .direct, paragraph: p, sentence: s, ruleIDs: mention.ruleIDs, pass: "dash", mention: mention))
            }
        }
    }
}

/// Later quoted sentences in a paragraph belong to the speaker of the quotation before them:
/// `"A," he said. "B."` is one attribution whose content has two pieces.
struct QuoteContinuationPass: SievePass {
    func run(_ context: SieveContext) {
        for p in context.paragraphs.indices {
            let ph = context.phrases(p)
            let sentences = context.paragraphs[p].sentences
            var last: Int?
            for (s, sentence) in sentences.enumerated() {
                let own = context.attributions(paragraph: p, sentence: s)
                if let a = own.last {
                    last = context.attributions[a].kind == .indirect ? nil : a
                    continue
                }
                guard let host = last, let quoted = QuoteContinuationPass.quotedSpan(sentence.tokens, ph) else { last = nil; continue }
                context.attributions[host].content.append(ph.byteRange(quoted))
            }
        }
    }

    /// The sentence's quotation when the sentence is nothing but that quotation.
    static func quotedSpan(_ r: Range<Int>, _ ph: Phrases) -> Range<Int>? {
        guard let first = r.first, ph.isOpeningQuote(first) || ph.inQuote(first) else { return nil }
        let words = r.filter { ph.tokens[$0].isWordLike }
        guard !words.isEmpty, words.allSatisfy({ ph.inQuote($0) }) else { return nil }
        var end = r.upperBound
        while end > first + 1, ph.isTerminal(end - 1) && !ph.inQuote(end - 1) { end -= 1 }
        return first..<end
    }
}

/// A quoted paragraph with no cue, straight after a paragraph quoting one speaker, is that
/// speaker's (the multi-paragraph quotation convention included).
struct FloatingQuotePass: SievePass {
    func run(_ context: SieveContext) {
        var p = 1
        while p < context.paragraphs.count {
            defer { p += 1 }
            guard context.attributions.allSatisfy({ $0.paragraph != p }) else { continue }
            let previous = context.attributions.indices.filter { context.attributions[$0].paragraph == p - 1 || context.attributions[$0].content.contains { c in context.paragraphs[p - 1].range.contains(c.lowerBound) } }
            let quoting = previous.filter { context.attributions[$0].kind != .indirect }
            guard let host = quoting.last,
                  let speaker = context.attributions[host].speaker,
                  previous.allSatisfy({ context.attributions[$0].speaker == speaker }) else { continue }
            let ph = context.phrases(p)
            let sentences = context.paragraphs[p].sentences
            guard let first = sentences.first, QuoteContinuationPass.quotedSpan(first.tokens, ph) != nil else { continue }
            for sentence in sentences {
                guard let q = QuoteContinuationPass.quotedSpan(sentence.tokens, ph) else { break }
                context.attributions[host].content.append(ph.byteRange(q))
            }
        }
    }
}
