/// Builds one attribution around one cue in one sentence.
struct CueBuilder {
    let context: SieveContext
    let p: Int
    /// The sentence read: variables, so CuePass keeps one builder a paragraph (one a sentence
    /// retained and released its six references each time).
    var s: Int
    var sentence: Range<Int>
    /// The phrases, read through the classifier's copy: a second copy in the builder cost a
    /// copy and a destroy of the value for every builder made.
    var ph: Phrases { classifier.phrases }
    /// The sentence has no semicolon, so a clause is the sentence within `clauseReach`: CuePass
    /// knows it once per sentence, and each cue no longer walks the sentence to find out.
    var semicolonFree = false
    /// The phrases' tokens and lexicon, held by the builder: read through `ph` at each use, the
    /// lexicon was retained and released around every look-up.
    let tokens: TokenView
    let lexicon: Lexicon

    init(context: SieveContext, p: Int, s: Int, sentence: Range<Int>, ph: Phrases, semicolonFree: Bool = false) {
        self.context = context
        self.p = p
        self.s = s
        self.sentence = sentence
        self.semicolonFree = semicolonFree
        self.tokens = ph.tokens
        self.lexicon = ph.lexicon
        self.classifier = MentionClassifier(phrases: ph, rulebook: context.rulebook)
    }
    /// The classifier on this builder's own phrases, without the context's look-up of them.
    let classifier: MentionClassifier

    /// The clause around `k`: a semicolon bounds it, as does the sentence.
    /// At most this many tokens either side of a cue: no real clause is longer, and the bound
    /// keeps a paragraph with no sentence end linear.
    static let clauseReach = 300

    func clause(around k: Int) -> Range<Int> {
        var lo = k, hi = k
        let floor = max(sentence.lowerBound, k - CueBuilder.clauseReach), ceiling = min(sentence.upperBound, k + CueBuilder.clauseReach)
        if semicolonFree { return min(k, floor)..<max(k, ceiling) }
        while lo > floor, !ph.isPunct(lo - 1, ";") { lo -= 1 }
        while hi < ceiling, !ph.isPunct(hi, ";") { hi += 1 }
        return lo..<hi
    }

    /// Some token of `r` is one of `words`. A loop, not `contains(where:)`: the closure, reading
    /// the phrases through `self`, copied the builder (two retains and two releases) each time.
    func anyWord(_ r: Range<Int>, in words: WordList) -> Bool {
        for k in r where ph.isWord(k, in: words) { return true }
        return false
    }

    /// `r` without closing punctuation that is not inside a quotation.
    func trimmed(_ r: Range<Int>) -> Range<Int> {
        let ph = self.ph
        var lo = r.lowerBound, hi = r.upperBound
        while hi > lo, (ph.isTerminal(hi - 1) || ph.isComma(hi - 1) || ph.isPunct(hi - 1, ":") || tokens[hi - 1].kind == .dash) && !ph.inQuote(hi - 1) { hi -= 1 }
        while lo < hi, ph.isComma(lo) || ph.isPunct(lo, ":") || tokens[lo].kind == .dash { lo += 1 }
        return lo..<hi
    }

    func make(content: borrowing Attribution.Spans, cue: Range<Int>, source: Range<Int>?, mention: consuming Mention?, rule: RuleRef, second: RuleRef? = nil, pass: Attribution.Pass,
              viaMentions: consuming [Mention] = []) -> Attribution? {
        // The spans become byte ranges; the first is inline, so only a split quotation allocates.
        // Quoted and unquoted words counted on the token ranges at hand, not found again from bytes.
        // `kind` only asks whether there are any of each, so the words are no longer counted
        // through checked look-ups: a raw scan stops once both sides are seen.
        var inside = false, outside = false
        var spans = Attribution.Spans()
        for i in content.indices {
            let r = content[i]
            guard ph.hasWords(r) else { continue }
            spans.append(ph.byteRange(r))
            if !(inside && outside) { tokens.withUnsafeBufferPointer { Token.quoteSides(in: $0, r, inside: &inside, outside: &outside) } }
        }
        guard !spans.isEmpty else { return nil }
        let kept = spans.count
        // Kept: the mentions get their text now (in place), the candidates tested and dropped never did.
        mention?.readText(ph.bytes)
        for i in viaMentions.indices { viaMentions[i].readText(ph.bytes) }
        return Attribution(content: spans, cue: ph.byteRange(cue), source: source.map { ph.byteRange($0) }, speaker: nil, via: [],
                           kind: SieveContext.kind(inside: inside, outside: outside, spans: kept), paragraph: p, sentence: s,
                           rule: rule, second: second, pass: pass, mention: consume mention, viaMentions: viaMentions)
    }

    func verb(_ cue: Cue, earlier: [Attribution] = []) -> Attribution? {
        // Local copies of the phrases and the lexicon: read through `self`, every call that takes
        // them copied all their bytes to the stack again (153k lexicon look-ups on train).
        let ph = self.ph, lexicon = self.lexicon
        let cl = clause(around: cue.tokens.lowerBound)
        // The cue keeps its auxiliaries and adverbs ("has also said"), as PolNeAR marks it.
        var cueStart = cue.tokens.lowerBound
        // Auxiliaries and -ly adverbs ("has also bluntly said") belong to the cue.
        while cueStart - 1 >= cl.lowerBound, !ph.inQuote(cueStart - 1) {
            if let h = lexicon.hit(.auxiliary, endingAt: cueStart - 1), h.tokens.lowerBound >= cl.lowerBound {
                cueStart = h.tokens.lowerBound
                context.trace.record(h.rule)
            } else if ph.isLyAdverb(cueStart - 1) {
                cueStart -= 1
            } else { break }
        }
        // A passive cue ("is expected to", "was told", "schools proposed by") has no source in the clause.
        // An adverb between does not change that ("was first noted", "are typically reported").
        // Before an -ing word "be" makes the progressive, which is active ("Rubio is criticizing").
        if !ph.isIngWord(cue.tokens.lowerBound), ph.isWord(cue.tokens.lowerBound - 1, in: CueBuilder.beForms)
            || anyWord(cueStart..<cue.tokens.lowerBound, in: CueBuilder.beForms) { return nil }
        if ph.isWord(cue.tokens.upperBound, "by") { return nil }
        // "his strong showing in Iowa", "her best showing": after a determiner or an adjective of degree an -ing word is a noun.
        if ph.isIngWord(cue.tokens.lowerBound), cue.tokens.lowerBound - 1 >= cl.lowerBound,
           ph.isDeterminer(cue.tokens.lowerBound - 1) || ph.isWord(cue.tokens.lowerBound - 1, in: CueBuilder.nounAdjectives) { return nil }
        // "4,000 pledged delegates": the participle names a kind of delegate; nothing is pledged here.
        if ph.isWord(cue.tokens.lowerBound, "pledged") || ph.isWord(cue.tokens.lowerBound, "committed"),
           ph.isWord(cue.tokens.upperBound, "delegates") || ph.isWord(cue.tokens.upperBound, "delegate") { return nil }
        // "his radio show", "the award show", "a show of force": "show" is the noun here.
        let c0 = cue.tokens.lowerBound
        if ph.isWord(c0, "show") || ph.isWord(c0, "shows"), cue.tokens.count == 1,
           ph.isWord(cue.tokens.upperBound, "of") || c0 - 1 >= cl.lowerBound && tokens[c0 - 1].isWordLike
               && (ph.isPossessive(c0 - 1) || ph.isWord(c0 - 1, in: CueBuilder.showKinds)) { return nil }
        var cueEnd = cue.tokens.upperBound
        /// The cue with a following time phrase, used only when content follows it ("said on Sunday that").
        var timedCueEnd = cueEnd
        var conduits: [Mention] = []
        var source: Range<Int>?
        var mention: Mention?
        var sourceAfter = false
        /// The source was borrowed from the clause a participle follows, so the words before are that clause's.
        var participleSource = false
        var j = cueStart - 1
        // "Hart, the mayor, on Tuesday called …", "Hart last year proposed …": the time phrase is neither
        // source nor cue. After a common noun it may date the subject instead ("a report commissioned last year found").
        if let h = lexicon.hit(.trailingAdverbial, endingAt: j) ?? lexicon.hit(.leadingAdverbial, endingAt: j), h.tokens.lowerBound - 1 > cl.lowerBound,
           h.tokens.count > 1 || tokens[j].isCapitalized, ph.isNameToken(h.tokens.lowerBound - 1) || ph.isComma(h.tokens.lowerBound - 1)
            || ph.isPunct(h.tokens.lowerBound - 1, ")") || lexicon.hit(.pronounPerson, startingAt: h.tokens.lowerBound - 1) != nil {
            j = h.tokens.lowerBound - 1
        }
        /// Where an aside between the source and the cue ends: PolNeAR keeps it in the source.
        var asideEnd: Int?
        // "Bob Goodlatte (R-Va.) told", "Joyce — who is listed as an attorney — told": skip the aside.
        if j > cl.lowerBound, ph.isPunct(j, ")") {
            var k = j - 1
            while k > cl.lowerBound, !ph.isPunct(k, "(") { k -= 1 }
            if ph.isPunct(k, "(") { asideEnd = j + 1; j = k - 1 }
        } else if j > cl.lowerBound, tokens[j].kind == .dash {
            var k = j - 1
            while k > cl.lowerBound, tokens[k].kind != .dash, !ph.isTerminal(k) { k -= 1 }
            if tokens[k].kind == .dash, k > cl.lowerBound, tokens[k - 1].isWordLike { asideEnd = j; j = k - 1 }
        }
        if j >= cl.lowerBound {
            // "Voters who say …", "Hart, who said …": PolNeAR's source is the relative pronoun alone
            // (train: 418 of 423 "who"), the antecedent tells who it is. A bare "that" is too often a determiner.
            let relativeNoComma = ph.isWord(j, in: CueBuilder.whoForms) && j - 1 >= cl.lowerBound && tokens[j - 1].isWordLike
            if tokens[j].isWordLike, (ph.isWord(j, "who") || ph.isWord(j, "which")) && ph.isComma(j - 1) || relativeNoComma {
                source = j..<j + 1
                if let antecedent = ph.nounPhrase(endingAt: ph.isComma(j - 1) ? j - 2 : j - 1, lowerBound: cl.lowerBound) {
                    mention = classifier.classify(antecedent)
                    mention?.range = ph.byteRange(j..<j + 1)
                }
            } else if tokens[j].isWordLike, ph.isWord(j, "and") || ph.isWord(j, "but") {
                // "Clinton called on Congress to act and said …": the clause's subject speaks again.
                if let subject = clauseSubject(cl, before: j) {
                    source = subject
                    mention = classifier.classify(subject)
                }
            } else if tokens[j].isWordLike, lexicon.hit(.pronounPerson, startingAt: j) != nil || lexicon.hit(.pronounGroup, startingAt: j) != nil {
                // "a rate she described as …": a pronoun right before the cue is the whole source.
                source = j..<j + 1
            } else if tokens[j].isWordLike {
                source = ph.nounPhrase(endingAt: j, lowerBound: cl.lowerBound)
                // "The budget is the largest ever presented": a finite "is" makes it a clause, not a source.
                if let src = source {
                    for k in src where ph.isWord(k, in: CueBuilder.finiteBe) && !ph.isWord(k - 1, in: CueBuilder.clauseRelatives) { return nil }
                }
            } else if ph.isComma(j) || ph.isClosingQuote(j) && ph.isComma(j - 1), isParticiple(cue.tokens.lowerBound), let subject = participleSubject(cl, earlier: earlier) {
                // "Trump says in the spot …, warning against …": the clause's subject speaks on.
                source = subject.range
                mention = subject.mention
                participleSource = true
            } else if ph.isComma(j) || ph.isClosingQuote(j) && ph.isComma(j - 1), let described = describedSubject(before: j, clause: cl) {
                // `Hart, who calls it "a sham," said`: the description may end inside its quotation.
                let subject = described.subject
                source = subject.lowerBound..<j
                mention = described.mention
                mention?.range = ph.byteRange(subject.lowerBound..<j)
                if subject.upperBound < j, ph.isComma(subject.upperBound) {
                    let k = subject.upperBound
                    if let other = ph.nounPhrase(startingAt: k + 1, upperBound: j) {
                        let apposition = classifier.classify(other)
                        if mention?.kind != .person, apposition.kind == .person, apposition.name != nil {
                            // "Meridan's foreign minister, Saskia van Doorn": the name is in the apposition.
                            let role = mention?.role
                            mention?.kind = .person
                            mention?.name = apposition.name
                            mention?.role = role ?? apposition.role
                        } else if mention?.role == nil { mention?.role = apposition.role }
                    }
                }
            }
        }
        // A pattern, not `== nil`: comparing the optional copied the mention twice.
        if let src = source, case .none = mention {
            if lexicon.has(.nonSource, at: src.lowerBound) && src.count == 1 {
                if let h = lexicon.hit(.nonSource, startingAt: src.lowerBound) { context.trace.record(h.rule) }
                return nil
            }
            mention = classifier.classify(src)
        }
        // Straight after a quotation any speech verb may put its speaker after it (`"…," vowed the mayor`).
        let afterQuotation = ph.isClosingQuote(j) || ph.isComma(j) && ph.isClosingQuote(j - 1)
        if source == nil, cue.category == .cueVerb, j >= cl.lowerBound, afterQuotation || ph.isWord(cue.tokens.lowerBound, in: CueBuilder.invertingVerbs), ph.isComma(j) || ph.isClosingQuote(j) || tokens[j].kind == .dash,
           let src = invertedSource(after: cue.tokens.upperBound, clause: cl, afterQuote: ph.isClosingQuote(j) || ph.isClosingQuote(j - 1)) {
            // Inverted order: "…," said the minister.
            source = invertedExtent(src.range, clause: cl)
            mention = src.mention
            sourceAfter = true
        }
        if let a = asideEnd, let src = source, src.upperBound == j + 1 { source = src.lowerBound..<a }
        guard let src = source else { return nil }
        // "In a statement, the ministry said": the frame is noted, though PolNeAR keeps cues continuous.
        if let h = lexicon.hit(.cueNoun, startingAt: cl.lowerBound), ph.isComma(h.tokens.upperBound) { context.trace.record(h.rule) }
        // Manner phrases straight after the cue belong to it ("said in a statement").
        var r = sourceAfter ? src.upperBound : cueEnd
        if !sourceAfter {
            var moved = true
            while moved, r < cl.upperBound {
                moved = false
                if let h = lexicon.hit(.cueNoun, startingAt: r) {
                    r = h.tokens.upperBound; cueEnd = r; moved = true
                    // "in an interview with AFP": the outlet is a conduit.
                    if ph.isWord(r, "with"), let o = lexicon.hit(.outlet, startingAt: r + 1) ?? lexicon.hit(.outlet, startingAt: r + 2) {
                        conduits.append(classifier.classify(r + 1..<o.tokens.upperBound))
                        r = o.tokens.upperBound; cueEnd = r
                    }
                }
                else if let h = lexicon.hit(.trailingAdverbial, startingAt: r) {
                    // "said on Sunday that": PolNeAR keeps the time with the cue.
                    r = h.tokens.upperBound; timedCueEnd = r; moved = true; context.trace.record(h.rule)
                }
                else if ph.isPunct(r, ":") { cueEnd = r + 1; r += 1; moved = true }
            }
            let listenerStart = r
            r = skipListener(after: r, cue: cue, limit: cl.upperBound)
            // A news outlet told the words is the conduit they came through.
            if r > listenerStart, let o = lexicon.hit(.outlet, startingAt: listenerStart) ?? lexicon.hit(.outlet, startingAt: listenerStart + 1), o.tokens.upperBound == r {
                conduits.append(classifier.classify(listenerStart..<r))
            }
            while r < cl.upperBound, let h = lexicon.hit(.trailingAdverbial, startingAt: r) { r = h.tokens.upperBound }
        }
        // "went on to say", "refused to endorse": a second speech verb after "to" extends the cue (PolNeAR
        // train: about 180 such cues, 30 contents starting "to say/comment …", most of them "to comment").
        if !sourceAfter, r == cueEnd, ph.isWord(r, "to"), !ph.isWord(r + 1, "comment"), let h = lexicon.hit(.cueVerb, startingAt: r + 1) {
            cueEnd = h.tokens.upperBound
            r = cueEnd
        }
        // "said to the New York Times that …": a prepositional phrase before "that" is not content.
        if !sourceAfter, ph.isWord(r, in: CueBuilder.listenerPrepositions) {
            var k = r + 1
            while k < min(cl.upperBound, r + 10), tokens[k].isWordLike || ph.isPunct(k, "."), !ph.isWord(k, "that") { k += 1 }
            if k < cl.upperBound, ph.isWord(k, "that") { r = k }
        }
        // "accused him of", "talked about", "called for": the preposition that opens the content
        // belongs to the cue, as PolNeAR marks it.
        var prepositionCue = false
        if !sourceAfter, r > cueEnd || r == cueEnd, ph.isWord(r, in: CueBuilder.cuePrepositions)
            || ph.isWord(r, "to") && ph.isWord(r - 1, in: CueBuilder.toCueHeads) {
            prepositionCue = true
        }
        let rightEnd = contentEnd(from: r, clause: cl)
        // "C, Sanders said, a policy that …": after a comma the words describe C; only a quote opens content.
        var left: Range<Int>?
        let srcStart = sourceAfter ? cueStart : src.lowerBound
        if !participleSource, srcStart - 1 >= cl.lowerBound, ph.isComma(srcStart - 1) || ph.isClosingQuote(srcStart - 1) || tokens[srcStart - 1].kind == .dash {
            let l = trimmed(cl.lowerBound..<srcStart)
            if ph.hasWords(l) { left = l }
        }
        // "In the end, Rosenthal said, voters …": an opener before the source is the writer's; the content follows.
        let commaAfterCue = !sourceAfter && ph.isComma(r) && !ph.isOpeningQuote(r + 1)
        // Without a comma after the cue the words after the opener are the right side itself, read
        // once for both; after one they are read only when there is a left side to be an opener.
        let afterOpener = !commaAfterCue ? trimmed(r..<rightEnd) : left == nil ? r..<r : trimmed(r + 1..<contentEnd(from: r + 1, clause: cl))
        let leftIsOpener = left.map { isOpener($0) || !sourceAfter && ph.hasWords(afterOpener)
            && !ph.isWord(afterOpener.lowerBound, in: CueBuilder.settingStarts) && isOpener($0, broad: true) } ?? false
        // "…, the bank, which did not announce …": the words before a relative pronoun are the writer's.
        let relativeSource = !sourceAfter && src.count == 1 && (ph.isWord(src.lowerBound, "who") || ph.isWord(src.lowerBound, "which"))
        if leftIsOpener || relativeSource { left = nil }
        let right = commaAfterCue ? (leftIsOpener ? afterOpener : r..<r) : afterOpener
        var content = Attribution.Spans()
        // "a plan, which Cruz proposed in 2015": the relative pronoun stands for what was said.
        let relative = !sourceAfter && src.lowerBound - 1 >= cl.lowerBound && ph.isWord(src.lowerBound - 1, in: CueBuilder.relativeObjects)
            && !tokens[src.lowerBound - 1].isCapitalized
            && (!ph.hasWords(right) || ph.isWord(right.lowerBound, in: CueBuilder.prepositions) || ph.isWord(right.lowerBound, "and"))
        let leftIsQuote = left.map { ph.isOpeningQuote($0.lowerBound) || ph.isClosingQuote($0.upperBound - 1) } ?? false
        let leftIsQuotation = left.map { ph.isOpeningQuote($0.lowerBound) && ph.isClosingQuote($0.upperBound - 1) } ?? false
        // `C, she said in a video message.`: a phrase after the cue is its setting when a clause precedes it.
        let leftIsClause = left.map { l in !ph.inQuote(l.lowerBound) && wordCount(l) >= 4 && !ph.isWord(l.lowerBound, in: CueBuilder.prepositions) } ?? false
        // `"A," she said of the plan.` / `"A," he told the crowd to cheers.`: after a quotation only another
        // quotation continues the words; anything else is the writer's.
        let rightIsAdjunct = (leftIsQuote || leftIsClause) && !ph.isOpeningQuote(right.lowerBound) && ph.isWord(right.lowerBound, in: CueBuilder.prepositions)
            || leftIsQuotation && ph.hasWords(right) && !ph.isOpeningQuote(right.lowerBound) && !ph.inQuote(right.lowerBound)
        if relative {
            content = Attribution.Spans(src.lowerBound - 1..<src.lowerBound)
        } else if sourceAfter {
            // "Sam Lau, the campaign's spokesman, said …": a bare name before the cue is the speaker, not what was said.
            guard let l = left, !isBareName(l) else { return nil }
            // Appended: `[l] + tail` built a second array even for the usual empty tail.
            content = Attribution.Spans(l)
            content.append(contentsOf: medialTail(after: src.upperBound, left: l, clause: cl))
        } else if let q = quoteBefore(src), src.lowerBound == sentence.lowerBound, !ph.isWord(right.lowerBound, "that"),
                  ph.isWord(right.lowerBound, in: CueBuilder.prepositions) || ph.isWord(right.lowerBound, "of") {
            // `"Who do they think they are?" Trump said of Apple in February`.
            content = Attribution.Spans(q)
        } else if left == nil, !prepositionCue, cue.category != .cueBelief, ph.isWord(right.lowerBound, in: CueBuilder.settingStarts)
                    || right.count > 1 && ph.isWord(right.lowerBound, "to") && (tokens[right.lowerBound + 1].isCapitalized || ph.isDeterminer(right.lowerBound + 1)) && ph.isWord(cue.tokens.lowerBound, in: CueBuilder.invertingVerbs),
                  wordCount(right) <= 4 {
            // "Manafort said on Twitter.", "she wrote to investors.": a short setting or listener is all there is after the cue; the words are elsewhere.
            return nil
        } else if ph.hasWords(right) && !rightIsAdjunct {
            if let l = left, leftIsQuote { content = Attribution.Spans(l); content.append(right) }
            else { content = Attribution.Spans(right) }
        } else if let l = left {
            content = Attribution.Spans(l)
            if commaAfterCue { content.append(contentsOf: medialTail(after: r, left: l, clause: cl)) }
        } else if let c = afterAsClause(src, cueEnd: r, clause: cl) {
            // "As the Global Times noted in an op-ed, the leaders …": the content follows the comma.
            content = Attribution.Spans(c)
        } else if let q = quoteBefore(src), src.lowerBound == sentence.lowerBound || sourceAfter && cueStart == sentence.lowerBound {
            // `"Is that fair?" he asked.`: the question mark ended the sentence before the cue.
            content = Attribution.Spans(q)
        } else {
            return nil
        }
        if cue.category == .cueBelief {
            // Belief verbs count only with a clause or an infinitive after them, and a real subject.
            guard !sourceAfter, content.count == 1, let first = content.first, first.lowerBound == r,
                  ph.isWord(r, "that") || ph.isWord(r, "to") || tokens[r].isWordLike,
                  let m = mention, m.kind != .unresolved, m.kind != .role || m.role != nil || isPlainSubject(src, cueEnd: cueEnd)
            else { return nil }
        }
        if content.last?.lowerBound ?? 0 >= timedCueEnd { cueEnd = max(cueEnd, timedCueEnd) }
        if prepositionCue, content.count == 1, content[0].lowerBound == r, r + 1 < content[0].upperBound {
            cueEnd = r + 1
            content[0] = r + 1..<content[0].upperBound
        }
        // Moved out (`consume` of this variable is not supported yet): passed as a copy, the mention's
        // four strings and rules cost a copy and a release each.
        var moved: Mention?
        swap(&moved, &mention)
        return make(content: consume content, cue: cueStart..<cueEnd, source: src, mention: consume moved, rule: cue.rule, pass: .cue,
                    viaMentions: consume conduits)
    }
}
