/// Attributions that name no source, which PolNeAR annotates too: an impression ("the plan appears
/// to be stalling"), a passive that leaves out who holds the view ("the board is expected to vote")
/// and a question put to someone by an unnamed asker ("Asked whether she would run, …"). The
/// words come from the lexicon; the shape around them decides. None is made inside another
/// attribution's content, since PolNeAR does not nest attributions.
struct SourcelessPass: SievePass {
    func run(_ context: SieveContext) {
        // One array for every paragraph's hits: three category lists, joined and sorted, were five
        // arrays a paragraph with a lexicon.
        var hits: [Lexicon.Hit] = []
        for p in context.paragraphs.indices where !context.lexicons[p].isEmpty {
            SourcelessPass.collect(context.lexicons[p], into: &hits)
            // Most paragraphs have none of the words; they cost nothing more.
            guard !hits.isEmpty else { continue }
            let ph = context.phrases(p)
            var next = 0
            var made: [Attribution] = []
            for (s, sentence) in context.paragraphs[p].sentences.enumerated() {
                // Most sentences have none of the hits; one shape serves all of a sentence's.
                guard next < hits.count, hits[next].tokens.lowerBound < sentence.tokens.upperBound else { continue }
                let shape = SourcelessShape(builder: CueBuilder(context: context, p: p, s: s, sentence: sentence.tokens, ph: ph))
                while next < hits.count, hits[next].tokens.lowerBound < sentence.tokens.upperBound {
                    defer { next += 1 }
                    let hit = hits[next]
                    guard hit.tokens.lowerBound >= sentence.tokens.lowerBound else { continue }
                    guard let a = shape.attribution(hit), !shape.isNested(a, made: made) else { continue }
                    made.append(a)
                }
                CuePass.move(&made, skipping: [], into: context)
            }
        }
    }

    /// The first raising, passive and question hit at each start, in token order and in that order
    /// at one start: what joining `appendHits(_:to:)` of the three and a stable sort by start
    /// gives, read in one walk over the lexicon's hits.
    static func collect(_ lexicon: Lexicon, into hits: inout [Lexicon.Hit]) {
        ArticleLists.clear(&hits)
        var start = -1
        var raising: Lexicon.Hit?, passive: Lexicon.Hit?, question: Lexicon.Hit?
        // Nearly every hit is of another category: the loop's hot path is that one test.
        for h in lexicon.allHits where h.category == .cueRaising || h.category == .cuePassive || h.category == .cueQuestion {
            if h.tokens.lowerBound != start {
                flush(&raising, &passive, &question, into: &hits)
                start = h.tokens.lowerBound
            }
            switch h.category {
            case .cueRaising: if raising == nil { raising = h }
            case .cuePassive: if passive == nil { passive = h }
            default: if question == nil { question = h }
            }
        }
        flush(&raising, &passive, &question, into: &hits)
    }

    /// Appends one start's hits in category order and clears them.
    private static func flush(_ raising: inout Lexicon.Hit?, _ passive: inout Lexicon.Hit?, _ question: inout Lexicon.Hit?,
                              into hits: inout [Lexicon.Hit]) {
        if let h = raising { hits.append(h) }
        if let h = passive { hits.append(h) }
        if let h = question { hits.append(h) }
        raising = nil; passive = nil; question = nil
    }
}

/// Reads one source-less attribution around one lexicon hit in one sentence.
struct SourcelessShape {
    /// The cue pass's view of the same sentence: its spans and `make` serve here too.
    let builder: CueBuilder

    var context: SieveContext { builder.context }
    var p: Int { builder.p }
    var s: Int { builder.s }
    var sentence: Range<Int> { builder.sentence }
    var ph: Phrases { builder.ph }
    var tokens: TokenView { builder.tokens }
    var lexicon: Lexicon { builder.lexicon }

    /// Adverbs and contraction stems ("ca" of "can't") that stay with the cue.
    /// "regarded as", "known for": the passive's complement follows.
    static let asOrFor: WordList = ["as", "for"]
    static let objectWords: WordList = ["me", "us", "him", "them", "many", "most"]
    static let cueAdverbs: WordList = ["almost", "ca", "wo", "somehow"]
    /// Words that open a question or its topic after "asked".
    static let questionWords: WordList = ["about", "whether", "if", "what", "who", "whom", "why", "how", "when", "where", "which"]
    /// After "when": "When asked", "Once asked", "If asked".
    static let questionLeads: WordList = ["when", "while", "once", "if", "after", "before", "as", "until"]

    func attribution(_ hit: Lexicon.Hit) -> Attribution? {
        let k = hit.tokens.lowerBound
        guard !ph.inQuote(k) else { return nil }
        // A capitalised word inside a sentence is a name, not the verb.
        if tokens[k].isCapitalized, k > sentence.lowerBound, tokens[k - 1].isWordLike { return nil }
        switch hit.category {
        case .cueRaising: return raising(hit, passive: false)
        case .cuePassive: return raising(hit, passive: true)
        case .cueQuestion: return question(hit)
        default: return nil
        }
    }

    /// Whether `a` lies inside another attribution's content or shares its cue.
    func isNested(_ a: Attribution, made: [Attribution]) -> Bool {
        guard let cue = a.cue else { return false }
        // Fields read in place: the earlier attributions gathered into a new array, and joined
        // with `made` in another, were copied.
        for t in max(0, s - 1)...s where context.lastAttribution(paragraph: p, sentence: t, where: {
            SourcelessShape.covers(context.attributions[$0].content, context.attributions[$0].cue, cue)
        }) != nil { return true }
        for i in made.indices where SourcelessShape.covers(made[i].content, made[i].cue, cue) { return true }
        return false
    }

    /// Whether content spans or a cue of another attribution take in `cue`.
    private static func covers(_ content: Attribution.Spans, _ other: Range<Int>?, _ cue: Range<Int>) -> Bool {
        content.contains { $0.contains(cue.lowerBound) } || (other.map { $0.overlaps(cue) } ?? false)
    }

    /// "The plan appears to be stalling", "the board is not expected to vote": the subject and
    /// the infinitive are the content, split by the cue.
    private func raising(_ hit: Lexicon.Hit, passive: Bool) -> Attribution? {
        let cl = builder.clause(around: hit.tokens.lowerBound)
        var cueStart = hit.tokens.lowerBound
        var hasBe = false
        // Auxiliaries, negation and -ly adverbs before the verb belong to the cue, as PolNeAR marks it.
        while cueStart - 1 >= cl.lowerBound, !ph.inQuote(cueStart - 1) {
            let t = cueStart - 1
            if let h = lexicon.hit(.auxiliary, endingAt: t), h.tokens.lowerBound >= cl.lowerBound {
                cueStart = h.tokens.lowerBound
            } else if ph.isLyAdverb(t) || ph.isWord(t, in: SourcelessShape.cueAdverbs) || isNegated(t) {
                cueStart = t
            } else { break }
            if ph.isWord(cueStart, in: CueBuilder.beForms) { hasBe = true }
        }
        if passive, !hasBe { return nil }
        var cueEnd = hit.tokens.upperBound
        let start: Int
        if ph.isWord(cueStart - 1, "it"), let that = thatClause(after: cueEnd, clause: cl) {
            // "It appears that …", "it was widely reported that …": "it" stands for the clause.
            start = that
        } else if passive, ph.isWord(cueEnd - 1, in: SourcelessShape.asOrFor), cueEnd < cl.upperBound, tokens[cueEnd].isWordLike || tokens[cueEnd].isQuote {
            // "is widely seen as a lifeline": the phrase after "as" is the content.
            start = cueEnd
        } else if ph.isWord(cueEnd, "to"), cueEnd + 1 < cl.upperBound, tokens[cueEnd + 1].isWordLike {
            start = cueEnd
        } else if !passive, ph.isWord(cueEnd, "like") {
            cueEnd += 1
            start = cueEnd
        } else if !passive, isPredicative(cueEnd), !ph.isWord(cueStart - 1, "to") {
            // "The team seemed rattled", "the race appears closer": an adjective phrase.
            start = cueEnd
        } else { return nil }
        let subject = subject(before: cueStart, clause: cl)
        if !passive, ph.isWord(start, "to"), let verb = lexicon.hit(.cueVerb, startingAt: start + 1) ?? lexicon.hit(.cueBelief, startingAt: start + 1) {
            return impression(of: verb, subject: subject, cue: cueStart, clause: cl, rule: hit.rule)
        }
        let right = builder.trimmed(start..<complementEnd(from: start, clause: cl))
        guard ph.hasWords(right) else { return nil }
        // "seems credible to me", "seemed remote to voters": the one who holds the impression is named.
        if !passive, !ph.isWord(start, "to"), right.contains(where: { ph.isWord($0, "to") && names(after: $0) }) { return nil }
        var content = Attribution.Spans(right)
        if let subject { content.insert(subject, at: 0) }
        return builder.make(content: content, cue: cueStart..<cueEnd, source: nil, mention: nil, rule: hit.rule, pass: .sourceless)
    }

    /// "She appeared to concede the point": a speech or belief verb after the raising verb makes
    /// the subject its source, as PolNeAR marks it ("appeared to concede" is the cue).
    private func impression(of verb: Lexicon.Hit, subject: Range<Int>?, cue cueStart: Int, clause cl: Range<Int>, rule: RuleRef) -> Attribution? {
        guard let subject, subject.count <= 8 else { return nil }
        let mention = builder.classifier.classify(subject)
        guard builder.plausible(mention) else { return nil }
        let right = builder.trimmed(verb.tokens.upperBound..<complementEnd(from: verb.tokens.upperBound, clause: cl))
        guard ph.hasWords(right) else { return nil }
        return builder.make(content: [right], cue: cueStart..<verb.tokens.upperBound, source: subject, mention: mention,
                            rule: rule, second: verb.rule, pass: .sourceless)
    }

    /// Whether the word after `to` starts a noun phrase rather than a verb ("to me", "to the voters").
    private func names(after k: Int) -> Bool {
        let n = k + 1
        guard n < tokens.count, tokens[n].kind == .word else { return false }
        return tokens[n].isCapitalized || ph.isDeterminer(n) || lexicon.hit(.pronounPerson, startingAt: n) != nil
            || lexicon.hit(.pronounGroup, startingAt: n) != nil || ph.isWord(n, in: SourcelessShape.objectWords)
    }

    /// "that" right after the cue, or after a short aside (", though,").
    private func thatClause(after k: Int, clause cl: Range<Int>) -> Int? {
        if ph.isWord(k, "that") { return k }
        guard ph.isComma(k) else { return nil }
        var t = k + 1
        while t < min(cl.upperBound, k + 5), !ph.isComma(t) { t += 1 }
        return ph.isComma(t) && ph.isWord(t + 1, "that") ? t + 1 : nil
    }

    /// A lower-case word that can open an adjective phrase: not a preposition, article or
    /// pronoun ("appeared on television", "appeared with her").
    private func isPredicative(_ t: Int) -> Bool {
        guard t < sentence.upperBound, tokens[t].kind == .word, !tokens[t].isCapitalized, !ph.inQuote(t) else { return false }
        if lexicon.has(.clauseBoundary, at: t) || ph.isDeterminer(t) { return false }
        return !ph.isWord(t, in: SourcelessShape.notPredicative)
    }

    static let prepositions: WordList = [
        "on", "in", "at", "with", "for", "to", "by", "from", "of", "into", "onto", "about", "across", "after", "against",
        "along", "alongside", "among", "around", "behind", "beside", "between", "during", "inside", "near",
        "outside", "over", "through", "under", "via", "since", "before", "until",
    ]
    static let notPredicative = WordList(prepositions.words + [
        "next", "onstage", "together", "live", "again", "briefly", "there", "here",
        "twice", "once", "only", "a", "an", "it", "him", "them", "us", "me", "you", "he", "she", "they", "we", "i",
        "headed", "set", "more", "less", "not", "never", "n't", "or", "nor",
    ])

    /// A contracted negation in one token ("can't", "don’t").
    private func isNegated(_ t: Int) -> Bool {
        let tok = tokens[t]
        guard tok.kind == .word, tok.end - tok.start >= 4 else { return false }
        let b = ph.bytes
        if b[tok.end - 1] != UInt8(ascii: "t") { return false }
        if b[tok.end - 2] == UInt8(ascii: "'") { return b[tok.end - 3] == UInt8(ascii: "n") }
        // ’ is E2 80 99 in UTF-8.
        return tok.end - tok.start >= 6 && b[tok.end - 2] == 0x99 && b[tok.end - 3] == 0x80 && b[tok.end - 4] == 0xE2 && b[tok.end - 5] == UInt8(ascii: "n")
    }

    /// The noun phrase right before the cue; "it" and "there" stand for nothing and are left out.
    private func subject(before cueStart: Int, clause cl: Range<Int>) -> Range<Int>? {
        let j = cueStart - 1
        guard j >= cl.lowerBound, !ph.inQuote(j) else { return nil }
        if ph.isComma(j) {
            // "The bank, which has held rates near zero, is expected to": the aside stays with its noun.
            var k = j - 1
            while k > cl.lowerBound, !ph.isComma(k), !ph.isTerminal(k), !tokens[k].isQuote { k -= 1 }
            guard ph.isComma(k), let np = ph.nounPhrase(endingAt: k - 1, lowerBound: cl.lowerBound) else { return nil }
            return np.lowerBound..<j
        }
        guard tokens[j].isWordLike else { return nil }
        if ph.isWord(j, "it") || ph.isWord(j, "there") { return nil }
        if ph.isWord(j, "who") || ph.isWord(j, "which") || ph.isWord(j, "that") { return j..<j + 1 }
        guard let np = ph.nounPhrase(endingAt: j, lowerBound: cl.lowerBound) else { return nil }
        // "By Friday the crews seemed tired": an opening time or place phrase is not the subject;
        // the subject starts at the next determiner.
        // (The noun phrase may already have dropped the preposition itself.)
        let opener = np.lowerBound > cl.lowerBound ? np.lowerBound - 1 : np.lowerBound
        if ph.isWord(np.lowerBound, in: SourcelessShape.prepositions) || ph.isWord(opener, in: SourcelessShape.prepositions),
           let d = (np.lowerBound + 1..<np.upperBound).first(where: { ph.isDeterminer($0) }) {
            return d..<np.upperBound
        }
        return np
    }

    /// Where the complement ends: a dash, a colon, or a comma that opens another clause
    /// (", who …", ", but …", ", according to …", ", she said").
    private func complementEnd(from start: Int, clause cl: Range<Int>) -> Int {
        var k = start + 1
        while k < cl.upperBound {
            if !ph.inQuote(k) {
                if tokens[k].kind == .dash || ph.isPunct(k, ":") || ph.isPunct(k, "(") { return k }
                if ph.isComma(k), k + 1 < cl.upperBound {
                    let n = k + 1
                    if lexicon.has(.clauseBoundary, at: n) || ph.isWord(n, "who") || ph.isWord(n, "which")
                        || lexicon.hit(.cueAccording, startingAt: n) != nil || lexicon.hit(.cueVerb, startingAt: n) != nil { return k }
                }
            }
            k += 1
        }
        return cl.upperBound
    }

    /// "Asked whether she would run, the mayor smiled", "… when asked about the budget": the
    /// question is the content, from its opening word to the comma that closes the phrase.
    private func question(_ hit: Lexicon.Hit) -> Attribution? {
        let k = hit.tokens.lowerBound
        var cueStart = k
        var j = k - 1
        while j >= sentence.lowerBound, !tokens[j].isWordLike, !ph.isComma(j) { j -= 1 }
        if j < sentence.lowerBound || ph.isWord(j, in: SourcelessShape.questionLeads) {
            // Sentence-initial or after "when": nothing before names the asker.
        } else if ph.isWord(j, in: CueBuilder.beForms) {
            cueStart = j
            // "Mr. Lee was asked to name one achievement": the subject and the request, as with "expected".
            if ph.isWord(k + 1, "to"), k + 2 < sentence.upperBound, tokens[k + 2].isWordLike {
                let cl = builder.clause(around: k)
                var content = Attribution.Spans(builder.trimmed(k + 1..<complementEnd(from: k + 1, clause: cl)))
                if let subject = subject(before: j, clause: cl) { content.insert(subject, at: 0) }
                return builder.make(content: content, cue: j..<k + 1, source: nil, mention: nil, rule: hit.rule, pass: .sourceless)
            }
        } else { return nil }
        // "Asked on Monday whether": a time or place phrase may come between.
        let cl = builder.clause(around: k)
        var t = hit.tokens.upperBound
        while t < min(cl.upperBound, hit.tokens.upperBound + 8), tokens[t].isWordLike, !ph.inQuote(t),
              !ph.isWord(t, in: SourcelessShape.questionWords) { t += 1 }
        // "Asked by a reporter whether …": the asker is named, so it is no source-less question.
        if (hit.tokens.upperBound..<t).contains(where: { ph.isWord($0, "by") }) { return nil }
        guard t < cl.upperBound, tokens[t].isWordLike, ph.isWord(t, in: SourcelessShape.questionWords) else { return nil }
        var cueEnd = hit.tokens.upperBound
        var start = t
        if ph.isWord(t, "about") {
            if t == hit.tokens.upperBound { cueEnd = t + 1 }
            start = t + 1
        }
        var end = start
        while end < cl.upperBound {
            if !ph.inQuote(end), ph.isComma(end) || ph.isTerminal(end) || tokens[end].kind == .dash { break }
            // `whether she “has the integrity,” voters …`: the comma inside the quotation ends it.
            if ph.isClosingQuote(end), end > start, ph.isComma(end - 1) { end += 1; break }
            end += 1
        }
        let content = builder.trimmed(start..<end)
        guard ph.hasWords(content) else { return nil }
        return builder.make(content: [content], cue: cueStart..<cueEnd, source: nil, mention: nil, rule: hit.rule, pass: .sourceless)
    }
}
