/// The cues that are no verb: "according to" and a document that frames what follows.
extension CueBuilder {
    /// Leading conjunctions and adverbials do not make a clause start with content.
    func isEmptyLead(_ r: Range<Int>) -> Bool {
        var k = r.lowerBound
        while k < r.upperBound {
            if let h = lexicon.hit(.leadingAdverbial, startingAt: k) { k = h.tokens.upperBound; continue }
            if ph.isComma(k) || !tokens[k].isWordLike { k += 1; continue }
            return false
        }
        return true
    }

    func according(_ hit: Lexicon.Hit) -> Attribution? {
        let cl = clause(around: hit.tokens.lowerBound)
        guard var src = ph.nounPhrase(startingAt: hit.tokens.upperBound, upperBound: cl.upperBound) else { return nil }
        let mention = classifier.classify(src)
        let lead = cl.lowerBound..<hit.tokens.lowerBound
        var content: Range<Int>
        var tail: [Range<Int>] = []
        if isEmptyLead(lead) || ph.isComma(hit.tokens.lowerBound - 1) && isOpener(trimmed(lead), broad: true) && ph.hasWords(src.upperBound..<cl.upperBound) {
            // "According to cables that were later released, C": the source runs on to the comma.
            var k = src.upperBound
            while k < min(cl.upperBound, src.upperBound + 25), !ph.isComma(k), !tokens[k].isQuote, !ph.isTerminal(k) { k += 1 }
            if k > src.upperBound, k + 1 < cl.upperBound, ph.isComma(k), ph.hasWords(k + 1..<cl.upperBound) { src = src.lowerBound..<k }
            content = trimmed(src.upperBound..<cl.upperBound)
        } else {
            var start = cl.lowerBound
            if let h = lexicon.hit(.leadingAdverbial, startingAt: start), h.tokens.count == 1, ph.isWord(start, "but") || ph.isWord(start, "and") { start = h.tokens.upperBound }
            content = trimmed(start..<hit.tokens.lowerBound)
            // "Fundraising, according to the campaign, has surged": a short subject leaves the
            // sentence to come; after a whole clause the rest is as often the writer's (train 9 of 10 vs 11 of 22).
            if wordCount(content) <= 4 { tail = medialTail(after: src.upperBound, left: content, clause: cl) }
        }
        // The cue's rule is listed twice, as it always was.
        var spans = Attribution.Spans(content)
        spans.append(contentsOf: tail)
        return make(content: spans, cue: hit.tokens, source: src, mention: mention, rule: hit.rule, second: hit.rule, pass: .according)
    }

    /// "Under the agreement reached last fall, C": a document frames the content.
    func frame(_ hit: Lexicon.Hit) -> Attribution? {
        let cl = clause(around: hit.tokens.lowerBound)
        guard isEmptyLead(cl.lowerBound..<hit.tokens.lowerBound) else { return nil }
        let start = hit.tokens.lowerBound + 1
        guard let src = ph.nounPhrase(startingAt: start, upperBound: cl.upperBound), ph.isComma(src.upperBound) else { return nil }
        let mention = classifier.classify(src)
        guard mention.kind == .document else { return nil }
        return make(content: Attribution.Spans(trimmed(src.upperBound..<cl.upperBound)), cue: hit.tokens.lowerBound..<start, source: src,
                    mention: mention, rule: hit.rule, pass: .frame)
    }
}
