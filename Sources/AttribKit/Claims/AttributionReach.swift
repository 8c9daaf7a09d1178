/// Whether an unattributed sentence still carries a sign of where it comes from. A linter that
/// flags statements an editor reads as sourced ("is expected to", "in a poll", a quotation whose
/// speaker was named in the paragraph before) stops being read, so these findings are held back.
extension StatementJudge {
    /// Cue categories that, outside a quotation, show its words are framed by someone.
    private static let framingCues: [RuleCategory] = [.cueVerb, .cueBelief, .cueNoun, .cueAccording]

    /// The rule group of the first attribution signal outside quotation marks in `tokens`; with
    /// `cues`, unresolved cue words count too.
    func attributionSignal(paragraph p: Int, tokens: Range<Int>, cues: Bool) -> RuleRef? {
        let lexicon = context.lexicons[p]
        let paragraphTokens = context.paragraphs[p].tokens
        for t in tokens where paragraphTokens[t].isWordLike && !paragraphTokens[t].tags.contains(.inQuote) {
            if let hit = lexicon.hit(.attributionSignal, startingAt: t) { return hit.rule }
            if let hit = lexicon.hit(.ownedSignal, startingAt: t), hasOwner(before: t, from: tokens.lowerBound, paragraph: p) { return hit.rule }
            if cues { for c in Self.framingCues { if let hit = lexicon.hit(c, startingAt: t) { return hit.rule } } }
        }
        return nil
    }

    /// Whether the quotation's speaker is within reach though no attribution holds it: the
    /// sentence frames it (words and a colon or comma before it, a tag after a closing comma, a
    /// signature after it), it continues a quotation, or a neighbouring paragraph attributes
    /// speech or introduces it with a colon.
    mutating func speakerWithinReach(paragraph p: Int, sentence: Sentence, quote: Quotation) -> Bool {
        let paragraph = context.paragraphs[p]
        let tokens = paragraph.tokens
        guard let open = quote.open else { return true }
        if open > sentence.tokens.lowerBound, isPunct(tokens[open - 1], ":") || isPunct(tokens[open - 1], ","),
           tokens[sentence.tokens.lowerBound..<(open - 1)].contains(where: { $0.isWordLike }) { return true }
        // A fragment woven into the sentence's grammar ("urged them to “win my …”", "calls it “a
        // foundation …”") has its speaker in that sentence; the orphan is a quotation standing alone,
        // as after a title line that Markdown joins to it.
        if open > sentence.tokens.lowerBound, tokens[open - 1].isWordLike,
           !bytes[tokens[open - 1].end..<tokens[open].start].contains(UInt8(ascii: "\n")) { return true }
        if let close = quote.close, close > open + 1, close + 1 < sentence.tokens.upperBound,
           [",", "?", "!", "—"].contains(where: { isPunct(tokens[close - 1], $0) }),
           tokens[(close + 1)..<sentence.tokens.upperBound].contains(where: { $0.isWordLike }) { return true }
        // "… ” ― Jane Doe" or "… ” [Agency]": a dash or bracket and a name after the closing mark cite the quotation.
        if let close = quote.close, close + 2 < tokens.count, tokens[close + 2].isCapitalized,
           tokens[close + 1].kind == .dash || isPunct(tokens[close + 1], "(") || isPunct(tokens[close + 1], "[") { return true }
        if !touching.isEmpty(p) { return true }
        if p + 1 < touching.count, !touching.isEmpty(p + 1) || isSignature(context.paragraphs[p + 1]) { return true }
        // A speech verb in the paragraph or the one before names who talks ("… Ms. Doe said by
        // telephone. “…”") even when attrib could not resolve that attribution.
        if hasSpeechCue(p) || p > 0 && hasSpeechCue(p - 1) { return true }
        if p > 0 {
            let before = context.paragraphs[p - 1]
            if !touching.isEmpty(p - 1) || before.endsInsideQuote { return true }
            if let last = before.tokens.last, isPunct(last, ":") { return true }
            if let first = before.tokens.first, first.isQuote, sentence.tokens.lowerBound == 0 { return true }
        }
        return false
    }

    /// Whether the paragraph before ends in a colon ("The group also points out some figures:"): the
    /// paragraph it introduces carries that framing, as a quotation after it does.
    func introducedByColon(paragraph p: Int) -> Bool {
        guard p > 0, let last = context.paragraphs[p - 1].tokens.last else { return false }
        return isPunct(last, ":")
    }

    /// Whether a possessive ("the senator's", "her") stands within the three tokens before `t`.
    private func hasOwner(before t: Int, from start: Int, paragraph p: Int) -> Bool {
        let ph = context.phrases(p)
        for k in stride(from: t - 1, through: max(start, t - 3), by: -1) {
            if ph.isPossessive(k) || ph.isWord(k, in: StatementJudge.possessivePronouns) { return true }
        }
        return false
    }

    private static let possessivePronouns: WordList = ["his", "her", "their", "its"]

    /// A line such as "- Jane Doe, on Twitter" after a quotation names its speaker.
    private func isSignature(_ paragraph: Paragraph) -> Bool {
        let tokens = paragraph.tokens
        guard tokens.count >= 2, tokens[0].kind == .dash || isPunct(tokens[0], "-") else { return false }
        return tokens[1].isCapitalized
    }

    /// Whether a verb of saying stands outside quotation marks in paragraph `p`.
    private mutating func hasSpeechCue(_ p: Int) -> Bool {
        if let known = speechCue[p] { return known }
        let lexicon = context.lexicons[p]
        var found = false
        for (t, token) in context.paragraphs[p].tokens.enumerated() where token.isWordLike && !token.tags.contains(.inQuote) {
            if lexicon.hit(.cueVerb, startingAt: t) != nil { found = true; break }
        }
        speechCue[p] = found
        return found
    }

    private func isPunct(_ token: Token, _ mark: Character) -> Bool {
        guard token.kind == .punct || token.kind == .dash, token.end > token.start else { return false }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
        return text.first == mark
    }
}
