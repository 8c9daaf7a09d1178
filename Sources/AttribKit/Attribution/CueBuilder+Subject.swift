/// The subject before a comma that precedes a cue, past the descriptions between them.
extension CueBuilder {
    /// "Daniel Mertz, the head of the port authority, said", "Cecelia Ames, 67, a retired nurse
    /// in Allentown, Pa., said", "Sen. Jo Hart (D-Mo.), who backs the bill, said": the subject and
    /// up to four comma-separated descriptions. Inside a sentence a full stop ends an abbreviation,
    /// never the walk. The plausible source furthest back wins, as PolNeAR keeps the whole
    /// phrase ("Her campaign manager, Jo Hart, said").
    /// Returns the subject's own phrase; the source runs from its start to `comma`.
    func describedSubject(before comma: Int, clause cl: Range<Int>) -> (subject: Range<Int>, mention: Mention)? {
        let floor = max(cl.lowerBound, comma - 48)
        // The last and first token of each segment, nearest first: at most five, so held in
        // vectors on the stack instead of two arrays allocated and grown for every call.
        var ends = SIMD8<Int>(), starts = SIMD8<Int>(), segments = 0
        var k = comma - 1
        // `Hart, who calls it "a sham," said`: the description ends inside its quotation.
        if ph.isClosingQuote(comma), let open = context.paragraphs[p].quote(closingAt: comma)?.open { k = open - 1 }
        var segmentEnd = k
        while k >= floor {
            if ph.isPunct(k, ")") {
                // A parenthetical ("(D-Mo.)") is one unit: its commas are no boundaries.
                var o = k - 1
                while o >= floor, !ph.isPunct(o, "(") { o -= 1 }
                guard o >= floor else { break }
                if k == segmentEnd { segmentEnd = o - 1 }
                k = o - 1
                continue
            }
            // A quotation that opens the sentence (`"…," Hart, 61, said`) ends the walk; one inside
            // it ("under what Hart called 'a model,' the club, …, charged") leaves no subject here.
            if tokens[k].isQuote || ph.inQuote(k) {
                guard ph.isClosingQuote(k), let open = context.paragraphs[p].quote(closingAt: k)?.open,
                      open == sentence.lowerBound || open == cl.lowerBound else { return nil }
                break
            }
            if ph.isComma(k) {
                ends[segments] = segmentEnd
                starts[segments] = k + 1
                segments += 1
                segmentEnd = k - 1
                if segments == 5 { break }
            } else if ph.isPunct(k, "?") || ph.isPunct(k, "!") || ph.isPunct(k, ":") || tokens[k].kind == .dash { break }
            k -= 1
        }
        // A walk cut off by its length bound has no whole first segment.
        if segments < 5, k + 1 > floor || floor == cl.lowerBound {
            ends[segments] = segmentEnd
            starts[segments] = k + 1
            segments += 1
        }
        // The segment right before the cue describes; a subject needs a comma after it.
        var found: (Range<Int>, Mention)?
        for i in 1..<max(1, segments) {
            let end = ends[i], start = starts[i]
            guard end >= floor, let np = ph.nounPhrase(endingAt: end, lowerBound: floor), opens(np.lowerBound, segment: start),
                  ph.isNameToken(np.lowerBound) || ph.opensNounPhrase(np.lowerBound),
                  !ph.isWord(np.lowerBound, in: CueBuilder.prepositions),
                  !ph.isWord(np.lowerBound, in: CueBuilder.subordinators),
                  // "Speaking on Sunday, …", "meeting Hart, …" are participle phrases; "Schilling, …" is a name.
                  !(isParticiple(np.lowerBound) && (!tokens[np.lowerBound].isCapitalized || np.count > 1 && !ph.isNameToken(np.lowerBound + 1))) else { continue }
            // "The plan was bad, Jo Hart, 61, said": a finite "was" makes a clause, not a subject.
            if anyWord(np, in: CueBuilder.finiteBe) { continue }
            let m = classifier.classify(np)
            if plausible(m) { found = (np, m) }
            // "charges that Hart, for one, called": a subject after "that" opens its own clause.
            if found != nil, np.lowerBound > start, lexicon.has(.clauseBoundary, at: np.lowerBound - 1) { break }
        }
        return found
    }

    static let finiteBe: WordList = ["is", "are", "was", "were"]

    /// Whether a phrase starting at `k` opens the segment that starts at `start` or a clause inside
    /// it ("ago that Hart, …", "As Hart, …"): at most a leading adverbial or one word that is no
    /// preposition ("Even Hart, …", not "with Hart, …") before it.
    private func opens(_ k: Int, segment start: Int) -> Bool {
        if k == start || k > start && lexicon.has(.clauseBoundary, at: k - 1) { return true }
        if let h = lexicon.hit(.leadingAdverbial, startingAt: start), h.tokens.upperBound == k { return true }
        return k == start + 1 && tokens[start].isWordLike && !ph.isWord(start, in: Phrases.notOpening)
            && !ph.isWord(start, in: CueBuilder.prepositions) && !isParticiple(start)
    }

    /// A group of people as the holder of a belief ("The rabbis plan to", "Most voters in Ohio
    /// want"): a phrase that opens on a determiner, a name or a number and has no verb in it,
    /// unlike "the new thinking" or "Hendricks donated $5 million to a super(PAC) supporting".
    /// A belief word followed by "of", "on" or a verb is a noun ("fears of", "His views were").
    func isPlainSubject(_ src: Range<Int>, cueEnd: Int) -> Bool {
        let first = src.lowerBound
        if ph.isWord(cueEnd, "of") || ph.isWord(cueEnd, "on") || lexicon.hit(.auxiliary, startingAt: cueEnd) != nil { return false }
        if src.count == 1, ph.opensNounPhrase(first) { return false }
        guard ph.isNameToken(first) || ph.opensNounPhrase(first)
                || tokens[first].isWordLike && ph.bytes[tokens[first].start] >= UInt8(ascii: "0") && ph.bytes[tokens[first].start] <= UInt8(ascii: "9")
        else { return false }
        for k in src where lexicon.hit(.auxiliary, startingAt: k) != nil || lexicon.hit(.cueVerb, startingAt: k) != nil { return false }
        return true
    }
}
