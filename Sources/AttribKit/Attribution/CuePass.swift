/// The main sieve pass: every cue outside a quotation (speech and belief verbs, "according to",
/// "under the agreement") with its source and content, in the orders news writing uses.
struct CuePass: SievePass {
    func run(_ context: SieveContext) {
        for p in context.paragraphs.indices {
            let ph = context.phrases(p)
            let lexicon = ph.lexicon
            let tokens = ph.tokens
            for (s, sentence) in context.paragraphs[p].sentences.enumerated() {
                var found: [Attribution] = []
                let builder = CueBuilder(context: context, p: p, s: s, sentence: sentence.tokens, ph: ph)
                // A headline in Title Case ("County Says Trump Leads") capitalises its verbs too.
                let titleCase = CuePass.isTitleCase(sentence.tokens, ph)
                var k = sentence.tokens.lowerBound
                while k < sentence.tokens.upperBound {
                    defer { k += 1 }
                    let token = tokens[k]
                    guard token.kind == .word, !token.tags.contains(.inQuote) else { continue }
                    let according = lexicon.hit(.cueAccording, startingAt: k)
                    let verb = lexicon.hit(.cueVerb, startingAt: k)
                    let belief = verb == nil ? lexicon.hit(.cueBelief, startingAt: k) : nil
                    let frame = lexicon.hit(.cueFrame, startingAt: k)
                    if according == nil && verb == nil && belief == nil && frame == nil { continue }
                    if found.suffix(4).contains(where: { $0.source.map { $0.contains(token.start) } ?? false }) { continue }
                    // A capitalised cue word inside a sentence is a name ("United States"), not a verb.
                    if token.isCapitalized, k > sentence.tokens.lowerBound, !ph.isOpeningQuote(k - 1), according == nil,
                       !titleCase || CuePass.endsName(at: k, lexicon) { continue }
                    if let h = according {
                        if let a = builder.according(h) { found.append(a) }
                        k = h.tokens.upperBound - 1
                    } else if let h = frame {
                        if let a = builder.frame(h) { found.append(a) }
                    } else if let h = verb ?? belief {
                        if let a = builder.verb(Cue(tokens: h.tokens, category: verb != nil ? .cueVerb : .cueBelief, ruleID: h.ruleID), earlier: found) { found.append(a) }
                        k = h.tokens.upperBound - 1
                    }
                }
                // The pairwise clean-ups are quadratic; a "sentence" with dozens of cues is no prose.
                if found.count > 40 { found.forEach(context.add) }
                else if !found.isEmpty { CuePass.dropNested(CuePass.splitCoordinated(CuePass.mergeConduits(found), ph)).forEach(context.add) }
            }
        }
    }

    /// Most longer words capitalised, as in a headline; short function words ("of", "to") are not counted.
    static func isTitleCase(_ r: Range<Int>, _ ph: Phrases) -> Bool {
        var words = 0, capitals = 0
        for k in r where ph.tokens[k].kind == .word && !ph.inQuote(k) && ph.tokens[k].end - ph.tokens[k].start > 3 {
            words += 1
            if ph.tokens[k].isCapitalized { capitals += 1 }
        }
        return words >= 3 && capitals * 5 >= words * 4
    }

    /// "the Associated Press": the cue word closes a known outlet or organisation name.
    static func endsName(at k: Int, _ lexicon: Lexicon) -> Bool {
        for category in [RuleCategory.outlet, .organisation] {
            if let h = lexicon.hit(category, endingAt: k), h.tokens.lowerBound < k { return true }
        }
        return false
    }

    /// PolNeAR never annotates an attribution inside another's content; neither do we.
    static func dropNested(_ found: [Attribution]) -> [Attribution] {
        found.filter { inner in
            guard let cue = inner.cue else { return true }
            return !found.contains { outer in
                outer != inner && outer.content.contains { $0.lowerBound <= cue.lowerBound && cue.upperBound <= $0.upperBound }
                    && !(inner.content.contains { c in outer.cue.map { c.contains($0.lowerBound) } ?? false })
            }
        }
    }

    /// "He said A, but she said B": a later cue with its own subject after a conjunction, comma
    /// or dash ends the earlier content there, instead of nesting inside it; so does a relative or
    /// absolute clause with its own subject ("A, which B said …", "A, with B calling it …").
    static func splitCoordinated(_ found: [Attribution], _ ph: Phrases) -> [Attribution] {
        var out = found
        for b in out.indices {
            guard let cue = out[b].cue else { continue }
            for a in out.indices where a != b {
                guard let piece = out[a].content.firstIndex(where: { $0.lowerBound <= cue.lowerBound && cue.upperBound <= $0.upperBound }) else { continue }
                let span = out[a].content[piece]
                let start = out[b].source.flatMap { span.contains($0.lowerBound) ? $0.lowerBound : nil } ?? cue.lowerBound
                guard var k = Lexicon.token(startingAt: start, in: ph.tokens) else { continue }
                // A bare "and" joins noun phrases ("the SDF and new government … had agreed") unless
                // the later cue shares the earlier subject ("He says A and says B").
                let sharedSubject = out[b].source.map { !span.contains($0.lowerBound) } ?? false
                var separated = false
                while k > 0 {
                    let t = k - 1
                    // `called it "a disgrace," saying …`: the comma sits inside the quotation before a participle.
                    if ph.isClosingQuote(t), ph.isComma(t - 1), !ph.inQuote(k), ph.isIngWord(k) { separated = true; break }
                    let strong = ph.isComma(t) || ph.isPunct(t, ";") || ph.tokens[t].kind == .dash
                        || ["but", "while", "whereas", "although", "though", "yet", "which", "with"].contains { ph.isWord(t, $0) }
                    let weak = ph.isWord(t, "and")
                    guard strong || weak, !ph.inQuote(t) else { break }
                    if strong || sharedSubject { separated = true }
                    k = t
                }
                guard separated, k > 0, ph.tokens[k - 1].end > span.lowerBound else { continue }
                out[a].content[piece] = span.lowerBound..<ph.tokens[k - 1].end
            }
        }
        return out
    }

    /// "X said, according to the Associated Press": one attribution to X, via the outlet.
    static func mergeConduits(_ found: [Attribution]) -> [Attribution] {
        var out = found
        var k = 0
        while k < out.count {
            let a = out[k]
            if a.pass == "according", let cue = a.cue, let viaMention = a.mention,
               let host = out.indices.first(where: { i in
                   i != k && out[i].pass == "cue" && (out[i].source.map { $0.upperBound <= cue.lowerBound } ?? false)
                       && max(out[i].source?.upperBound ?? 0, out[i].cue?.upperBound ?? 0, out[i].content.last?.upperBound ?? 0) + 2 >= cue.lowerBound
                       && a.content.contains { c in out[i].content.contains { $0.overlaps(c) } || c.contains(out[i].cue?.lowerBound ?? -1) }
               }) {
                out[host].viaMentions.append(viaMention)
                out[host].ruleIDs.append(contentsOf: a.ruleIDs)
                out.remove(at: k)
                continue
            }
            k += 1
        }
        return out
    }
}

/// Builds one attribution around one cue in one sentence.
struct CueBuilder {
    let context: SieveContext
    let p: Int
    let s: Int
    let sentence: Range<Int>
    let ph: Phrases

    var tokens: [Token] { ph.tokens }
    var lexicon: Lexicon { ph.lexicon }

    /// The clause around `k`: a semicolon bounds it, as does the sentence.
    /// At most this many tokens either side of a cue: no real clause is longer, and the bound
    /// keeps a paragraph with no sentence end linear.
    static let clauseReach = 300

    func clause(around k: Int) -> Range<Int> {
        var lo = k, hi = k
        let floor = max(sentence.lowerBound, k - CueBuilder.clauseReach), ceiling = min(sentence.upperBound, k + CueBuilder.clauseReach)
        while lo > floor, !ph.isPunct(lo - 1, ";") { lo -= 1 }
        while hi < ceiling, !ph.isPunct(hi, ";") { hi += 1 }
        return lo..<hi
    }

    /// `r` without closing punctuation that is not inside a quotation.
    func trimmed(_ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while hi > lo, (ph.isTerminal(hi - 1) || ph.isComma(hi - 1) || ph.isPunct(hi - 1, ":") || tokens[hi - 1].kind == .dash) && !ph.inQuote(hi - 1) { hi -= 1 }
        while lo < hi, ph.isComma(lo) || ph.isPunct(lo, ":") || tokens[lo].kind == .dash { lo += 1 }
        return lo..<hi
    }

    func make(content: [Range<Int>], cue: Range<Int>, source: Range<Int>?, mention: Mention?, ruleIDs: [String], pass: String) -> Attribution? {
        let spans = content.filter { ph.hasWords($0) }.map { ph.byteRange($0) }
        guard !spans.isEmpty else { return nil }
        return Attribution(content: spans, cue: ph.byteRange(cue), source: source.map { ph.byteRange($0) }, speaker: nil, via: [],
                           kind: context.kind(of: spans, paragraph: p), paragraph: p, sentence: s,
                           ruleIDs: ruleIDs + (mention?.ruleIDs ?? []), pass: pass, mention: mention)
    }

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
        let mention = context.classifier(p).classify(src)
        let lead = cl.lowerBound..<hit.tokens.lowerBound
        let content: Range<Int>
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
        }
        var a = make(content: [content], cue: hit.tokens, source: src, mention: mention, ruleIDs: [hit.ruleID], pass: "according")
        a?.ruleIDs.insert(hit.ruleID, at: 0)
        return a
    }

    /// "Under the agreement reached last fall, C": a document frames the content.
    func frame(_ hit: Lexicon.Hit) -> Attribution? {
        let cl = clause(around: hit.tokens.lowerBound)
        guard isEmptyLead(cl.lowerBound..<hit.tokens.lowerBound) else { return nil }
        let start = hit.tokens.lowerBound + 1
        guard let src = ph.nounPhrase(startingAt: start, upperBound: cl.upperBound), ph.isComma(src.upperBound) else { return nil }
        let mention = context.classifier(p).classify(src)
        guard mention.kind == .document else { return nil }
        return make(content: [trimmed(src.upperBound..<cl.upperBound)], cue: hit.tokens.lowerBound..<start, source: src,
                    mention: mention, ruleIDs: [hit.ruleID], pass: "frame")
    }

    func verb(_ cue: Cue, earlier: [Attribution] = []) -> Attribution? {
        let cl = clause(around: cue.tokens.lowerBound)
        // The cue keeps its auxiliaries and adverbs ("has also said"), as PolNeAR marks it.
        var cueStart = cue.tokens.lowerBound
        var negated = false
        // Auxiliaries and -ly adverbs ("has also bluntly said") belong to the cue.
        while cueStart - 1 >= cl.lowerBound, !ph.inQuote(cueStart - 1) {
            if let h = lexicon.hit(.auxiliary, endingAt: cueStart - 1), h.tokens.lowerBound >= cl.lowerBound {
                cueStart = h.tokens.lowerBound
                context.trace.record(h.ruleID)
            } else if ph.isLyAdverb(cueStart - 1) {
                cueStart -= 1
            } else { break }
            if ph.isWord(cueStart, "not") || ph.isWord(cueStart, "never") || ph.isWord(cueStart, "n't") { negated = true }
        }
        // A passive cue ("is expected to", "was told", "schools proposed by") has no source in the clause.
        // An adverb between does not change that ("was first noted", "are typically reported").
        for be: StaticString in ["is", "are", "was", "were", "be", "been", "being"] where ph.isWord(cue.tokens.lowerBound - 1, be)
            || !ph.isIngWord(cue.tokens.lowerBound) && (cueStart..<cue.tokens.lowerBound).contains(where: { ph.isWord($0, be) }) { return nil }
        if ph.isWord(cue.tokens.upperBound, "by") { return nil }
        // "his strong showing in Iowa", "her best showing": after a determiner or an adjective of degree an -ing word is a noun.
        if ph.isIngWord(cue.tokens.lowerBound), cue.tokens.lowerBound - 1 >= cl.lowerBound,
           ph.isDeterminer(cue.tokens.lowerBound - 1) || CueBuilder.nounAdjectives.contains(where: { ph.isWord(cue.tokens.lowerBound - 1, $0) }) { return nil }
        var cueEnd = cue.tokens.upperBound
        /// The cue with a following time phrase, used only when content follows it ("said on Sunday that").
        var timedCueEnd = cueEnd
        var conduits: [Mention] = []
        var source: Range<Int>?
        var mention: Mention?
        var sourceAfter = false
        var j = cueStart - 1
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
            if tokens[j].isWordLike, (ph.isWord(j, "who") || ph.isWord(j, "which")), ph.isComma(j - 1) {
                source = j..<j + 1
                if let antecedent = ph.nounPhrase(endingAt: j - 2, lowerBound: cl.lowerBound) {
                    mention = context.classifier(p).classify(antecedent)
                    mention?.range = ph.byteRange(j..<j + 1)
                    mention?.text = ph.text(j..<j + 1)
                }
            } else if tokens[j].isWordLike, ph.isWord(j, "and") || ph.isWord(j, "but") {
                // "Clinton called on Congress to act and said …": the clause's subject speaks again.
                if let subject = clauseSubject(cl, before: j) {
                    source = subject
                    mention = context.classifier(p).classify(subject)
                }
            } else if tokens[j].isWordLike, lexicon.hit(.pronounPerson, startingAt: j) != nil || lexicon.hit(.pronounGroup, startingAt: j) != nil {
                // "a rate she described as …": a pronoun right before the cue is the whole source.
                source = j..<j + 1
            } else if tokens[j].isWordLike {
                source = ph.nounPhrase(endingAt: j, lowerBound: cl.lowerBound)
                // "The budget is the largest ever presented": a finite "is" makes it a clause, not a source.
                if let src = source, src.contains(where: { k in
                    ["is", "are", "was", "were"].contains(where: { ph.isWord(k, $0) }) && !(["who", "which", "that"].contains { ph.isWord(k - 1, $0) })
                }) { return nil }
            } else if ph.isComma(j) || ph.isClosingQuote(j) && ph.isComma(j - 1), isParticiple(cue.tokens.lowerBound), let subject = participleSubject(cl, earlier: earlier) {
                // "Trump says in the spot …, warning against …": the clause's subject speaks on.
                source = subject.range
                mention = subject.mention
            } else if ph.isComma(j) {
                // "Daniel Mertz, the head of the port authority, said": subject plus apposition, with up to
                // two more comma-separated descriptions ("Mark Holden, chairman of …, the network's funding arm, said").
                var k = j - 1
                var segments = 0
                while k > cl.lowerBound {
                    while k > cl.lowerBound, !ph.isComma(k), !ph.isTerminal(k), !tokens[k].isQuote { k -= 1 }
                    guard ph.isComma(k), segments < 2, k - 1 > cl.lowerBound,
                          ph.nounPhrase(endingAt: k - 1, lowerBound: cl.lowerBound).map({ !plausible(context.classifier(p).classify($0)) || !ph.isNameToken($0.lowerBound) }) ?? false
                    else { break }
                    // The segment before this comma is itself a description; look one further back.
                    var back = k - 1
                    while back > cl.lowerBound, !ph.isComma(back), !ph.isTerminal(back), !tokens[back].isQuote { back -= 1 }
                    guard ph.isComma(back), let earlier = ph.nounPhrase(endingAt: back - 1, lowerBound: cl.lowerBound),
                          ph.isNameToken(earlier.lowerBound), plausible(context.classifier(p).classify(earlier)) else { break }
                    k = back
                    segments += 1
                }
                if k > cl.lowerBound, ph.isComma(k), let subject = ph.nounPhrase(endingAt: k - 1, lowerBound: cl.lowerBound),
                   ph.isNameToken(subject.lowerBound) || Phrases.determiners.contains(where: { ph.isWord(subject.lowerBound, $0) }),
                   plausible(context.classifier(p).classify(subject)) {
                    source = subject.lowerBound..<j
                    mention = context.classifier(p).classify(subject)
                    mention?.range = ph.byteRange(subject.lowerBound..<j)
                    mention?.text = ph.text(subject.lowerBound..<j)
                    if let other = ph.nounPhrase(startingAt: k + 1, upperBound: j) {
                        let apposition = context.classifier(p).classify(other)
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
        if let src = source, mention == nil {
            if lexicon.has(.nonSource, at: src.lowerBound) && src.count == 1 {
                if let h = lexicon.hit(.nonSource, startingAt: src.lowerBound) { context.trace.record(h.ruleID) }
                return nil
            }
            mention = context.classifier(p).classify(src)
        }
        if source == nil, cue.category == .cueVerb, j >= cl.lowerBound, CueBuilder.invertingVerbs.contains(where: { ph.isWord(cue.tokens.lowerBound, $0) }), ph.isComma(j) || ph.isClosingQuote(j) || tokens[j].kind == .dash,
           let src = invertedSource(after: cue.tokens.upperBound, clause: cl, afterQuote: ph.isClosingQuote(j) || ph.isClosingQuote(j - 1)) {
            // Inverted order: "…," said the minister.
            source = invertedExtent(src.range, clause: cl)
            mention = src.mention
            sourceAfter = true
        }
        if let a = asideEnd, let src = source, src.upperBound == j + 1 { source = src.lowerBound..<a }
        guard let src = source else { return nil }
        // "In a statement, the ministry said": the frame is noted, though PolNeAR keeps cues continuous.
        if let h = lexicon.hit(.cueNoun, startingAt: cl.lowerBound), ph.isComma(h.tokens.upperBound) { context.trace.record(h.ruleID) }
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
                        conduits.append(context.classifier(p).classify(r + 1..<o.tokens.upperBound))
                        r = o.tokens.upperBound; cueEnd = r
                    }
                }
                else if let h = lexicon.hit(.trailingAdverbial, startingAt: r) {
                    // "said on Sunday that": PolNeAR keeps the time with the cue.
                    r = h.tokens.upperBound; timedCueEnd = r; moved = true; context.trace.record(h.ruleID)
                }
                else if ph.isPunct(r, ":") { cueEnd = r + 1; r += 1; moved = true }
            }
            let listenerStart = r
            r = skipListener(after: r, cue: cue, limit: cl.upperBound)
            // A news outlet told the words is the conduit they came through.
            if r > listenerStart, let o = lexicon.hit(.outlet, startingAt: listenerStart) ?? lexicon.hit(.outlet, startingAt: listenerStart + 1), o.tokens.upperBound == r {
                conduits.append(context.classifier(p).classify(listenerStart..<r))
            }
            while r < cl.upperBound, let h = lexicon.hit(.trailingAdverbial, startingAt: r) { r = h.tokens.upperBound }
        }
        // "said to the New York Times that …": a prepositional phrase before "that" is not content.
        if !sourceAfter, ["to", "in", "at", "on", "during", "with", "from", "before"].contains(where: { ph.isWord(r, $0) }) {
            var k = r + 1
            while k < min(cl.upperBound, r + 10), tokens[k].isWordLike || ph.isPunct(k, "."), !ph.isWord(k, "that") { k += 1 }
            if k < cl.upperBound, ph.isWord(k, "that") { r = k }
        }
        // "accused him of", "talked about", "called for": the preposition that opens the content
        // belongs to the cue, as PolNeAR marks it.
        var prepositionCue = false
        if !sourceAfter, r > cueEnd || r == cueEnd, ["about", "of", "for", "with", "against", "on", "at", "over", "into"].contains(where: { ph.isWord(r, $0) }) {
            prepositionCue = true
        }
        let rightEnd = contentEnd(from: r, clause: cl)
        // "C, Sanders said, a policy that …": after a comma the words describe C; only a quote opens content.
        var left: Range<Int>?
        let srcStart = sourceAfter ? cueStart : src.lowerBound
        if srcStart - 1 >= cl.lowerBound, ph.isComma(srcStart - 1) || ph.isClosingQuote(srcStart - 1) || tokens[srcStart - 1].kind == .dash {
            let l = trimmed(cl.lowerBound..<srcStart)
            if ph.hasWords(l) { left = l }
        }
        // "In the end, Rosenthal said, voters …": an opener before the source is the writer's; the content follows.
        let commaAfterCue = !sourceAfter && ph.isComma(r) && !ph.isOpeningQuote(r + 1)
        let afterOpener = commaAfterCue ? trimmed(r + 1..<contentEnd(from: r + 1, clause: cl)) : trimmed(r..<rightEnd)
        let followed = !sourceAfter && ph.hasWords(afterOpener) && !CueBuilder.settingStarts.contains { ph.isWord(afterOpener.lowerBound, $0) }
        let leftIsOpener = left.map { isOpener($0) || followed && isOpener($0, broad: true) } ?? false
        // "…, the bank, which did not announce …": the words before a relative pronoun are the writer's.
        let relativeSource = !sourceAfter && src.count == 1 && (ph.isWord(src.lowerBound, "who") || ph.isWord(src.lowerBound, "which"))
        if leftIsOpener || relativeSource { left = nil }
        let right = commaAfterCue ? (leftIsOpener ? afterOpener : r..<r) : trimmed(r..<rightEnd)
        var content: [Range<Int>] = []
        // "a plan, which Cruz proposed in 2015": the relative pronoun stands for what was said.
        let relative = !sourceAfter && src.lowerBound - 1 >= cl.lowerBound && ["which", "what", "whom"].contains(where: { ph.isWord(src.lowerBound - 1, $0) })
            && !tokens[src.lowerBound - 1].isCapitalized
            && (!ph.hasWords(right) || CueBuilder.prepositions.contains { ph.isWord(right.lowerBound, $0) } || ph.isWord(right.lowerBound, "and"))
        let leftIsQuote = left.map { ph.isOpeningQuote($0.lowerBound) || ph.isClosingQuote($0.upperBound - 1) } ?? false
        // `C, she said in a video message.`: a phrase after the cue is its setting when a clause precedes it.
        let leftIsClause = left.map { l in !ph.inQuote(l.lowerBound) && wordCount(l) >= 4 && !CueBuilder.prepositions.contains { ph.isWord(l.lowerBound, $0) } } ?? false
        let rightIsAdjunct = (leftIsQuote || leftIsClause) && !ph.isOpeningQuote(right.lowerBound) && CueBuilder.prepositions.contains { ph.isWord(right.lowerBound, $0) }
        if negated && !(ph.isWord(right.lowerBound, "that") || ph.isOpeningQuote(right.lowerBound)) && left == nil && !leftIsOpener { return nil }
        if relative {
            content = [src.lowerBound - 1..<src.lowerBound]
        } else if sourceAfter {
            // "Sam Lau, the campaign's spokesman, said …": a bare name before the cue is the speaker, not what was said.
            guard let l = left, !isBareName(l) else { return nil }
            content = [l]
        } else if let q = quoteBefore(src), src.lowerBound == sentence.lowerBound, !ph.isWord(right.lowerBound, "that"),
                  CueBuilder.prepositions.contains(where: { ph.isWord(right.lowerBound, $0) }) || ph.isWord(right.lowerBound, "of") {
            // `"Who do they think they are?" Trump said of Apple in February`.
            content = [q]
        } else if left == nil, !prepositionCue, cue.category != .cueBelief, wordCount(right) <= 4, (CueBuilder.settingStarts.contains(where: { ph.isWord(right.lowerBound, $0) })
                    || right.count > 1 && ph.isWord(right.lowerBound, "to") && (tokens[right.lowerBound + 1].isCapitalized || ph.isDeterminer(right.lowerBound + 1)) && CueBuilder.invertingVerbs.contains(where: { ph.isWord(cue.tokens.lowerBound, $0) })) {
            // "Manafort said on Twitter.", "she wrote to investors.": a short setting or listener is all there is after the cue; the words are elsewhere.
            return nil
        } else if ph.hasWords(right) && !rightIsAdjunct {
            if let l = left, leftIsQuote { content = [l, right] }
            else { content = [right] }
        } else if let l = left {
            content = [l]
        } else if let c = afterAsClause(src, cueEnd: r, clause: cl) {
            // "As the Global Times noted in an op-ed, the leaders …": the content follows the comma.
            content = [c]
        } else if let q = quoteBefore(src), src.lowerBound == sentence.lowerBound || sourceAfter && cueStart == sentence.lowerBound {
            // `"Is that fair?" he asked.`: the question mark ended the sentence before the cue.
            content = [q]
        } else {
            return nil
        }
        if cue.category == .cueBelief {
            // Belief verbs count only with a clause or an infinitive after them, and a real subject.
            guard !sourceAfter, content.count == 1, let first = content.first, first.lowerBound == r,
                  ph.isWord(r, "that") || ph.isWord(r, "to") || tokens[r].isWordLike,
                  let m = mention, m.kind != .unresolved, m.kind != .role || m.role != nil
            else { return nil }
        }
        if content.last?.lowerBound ?? 0 >= timedCueEnd { cueEnd = max(cueEnd, timedCueEnd) }
        if prepositionCue, content.count == 1, content[0].lowerBound == r, r + 1 < content[0].upperBound {
            cueEnd = r + 1
            content[0] = r + 1..<content[0].upperBound
        }
        var a = make(content: content, cue: cueStart..<cueEnd, source: src, mention: mention, ruleIDs: [cue.ruleID], pass: "cue")
        a?.viaMentions = conduits
        return a
    }

    func wordCount(_ r: Range<Int>) -> Int { r.reduce(0) { $0 + (tokens[$1].isWordLike ? 1 : 0) } }

    /// A short run opening the sentence that starts with a name and quotes nothing ("Another user, Roland Z").
    func isBareName(_ r: Range<Int>) -> Bool {
        r.lowerBound == sentence.lowerBound && wordCount(r) <= 6 && ph.isNameToken(r.lowerBound) && !r.contains { tokens[$0].isQuote }
    }

    /// A short adverbial opening the sentence ("Still", "In the end", "And yet"), not a clause.
    /// `broad` also takes a longer prepositional phrase, which could as well be a clause ("At least
    /// four were killed"): callers use it only where content follows.
    func isOpener(_ r: Range<Int>, broad: Bool = false) -> Bool {
        guard r.lowerBound == sentence.lowerBound, !ph.inQuote(r.lowerBound), !ph.isOpeningQuote(r.lowerBound) else { return false }
        if isEmptyLead(r) { return true }
        // "While most were marked confidential, …" / "During an interview with NBC, …": one
        // subordinate or prepositional phrase, with no comma of its own, frames what follows.
        if broad && CueBuilder.prepositions.contains(where: { ph.isWord(r.lowerBound, $0) }) || CueBuilder.subordinators.contains(where: { ph.isWord(r.lowerBound, $0) }),
           !r.contains(where: { ph.isComma($0) || tokens[$0].isQuote }) { return true }
        let n = wordCount(r)
        return n <= 4 && CueBuilder.prepositions.contains { ph.isWord(r.lowerBound, $0) }
            || n <= 3 && CueBuilder.openerEnds.contains { ph.isWord(r.upperBound - 1, $0) }
    }

    /// Where content that starts at `r` ends: at the clause end, or at a comma before "according
    /// to", a new clause, a participle or an apposition, which are the writer's, not the source's
    /// (", but …", ", which …", ", saying …", ", the first …").
    func contentEnd(from r: Int, clause cl: Range<Int>) -> Int {
        var k = r
        while k < cl.upperBound {
            if ph.isComma(k), !ph.inQuote(k), lexicon.hit(.cueAccording, startingAt: k + 1) != nil { return k }
            if k > r, ph.isComma(k), !ph.inQuote(k), k + 1 < cl.upperBound, !ph.inQuote(k + 1) {
                if CueBuilder.contentEnders.contains(where: { ph.isWord(k + 1, $0) }) { return k }
                // After a whole clause, not after a short object ("asked Lester Holt, the moderator, to …").
                if k - r >= 6, CueBuilder.appositionStarts.contains(where: { ph.isWord(k + 1, $0) }) { return k }
            }
            k += 1
        }
        return cl.upperBound
    }

    /// Words after a comma that end reported content (PolNeAR train: each ends it more often than not).
    static let contentEnders: [StaticString] = ["but", "while", "although", "though", "whereas", "as", "because", "since", "even", "following", "despite"]
    static let appositionStarts: [StaticString] = ["which", "the", "a", "an"]
    /// -ing words that are prepositions and keep the content going ("…, including …").
    static let participlePrepositions: [StaticString] = ["including", "according", "regarding", "concerning", "excluding", "during", "something", "nothing", "anything", "everything"]

    /// Verbs of saying that put the speaker after them (`"…," said the minister`); others that take
    /// an object ("called it …", "told reporters …") do not, so a noun after them is no speaker.
    static let invertingVerbs: [StaticString] = [
        "said", "says", "say", "wrote", "writes", "added", "adds", "asked", "asks", "tweeted", "tweets", "replied", "replies",
        "explained", "explains", "recalled", "recalls", "declared", "declares", "warned", "warns", "noted", "notes",
        "continued", "continues", "insisted", "insists", "reported", "reports", "reads", "read", "stated", "states",
        "argued", "argues", "observed", "observes", "quipped", "joked", "jokes", "acknowledged", "admitted", "conceded",
        "responded", "responds", "remarked", "wondered", "cautioned", "countered", "counters", "predicted", "predicts",
        "announced", "recounted", "shouted", "yelled", "exclaimed"]

    /// Prepositions that open where or when something was said, not what ("on Twitter", "from Los Angeles").
    static let settingStarts: [StaticString] = ["in", "on", "from", "at", "during", "before", "after", "outside", "inside", "near", "upon"]

    /// Adjectives that make the -ing word after them a noun ("a strong showing").
    static let nounAdjectives: [StaticString] = ["strong", "poor", "weak", "good", "bad", "best", "worst", "solid", "dismal", "impressive", "surprising"]

    /// Words that open a subordinate clause or phrase ahead of the main clause.
    /// These cannot open a main clause, so a phrase they open is an opener wherever it stands.
    static let subordinators: [StaticString] = ["although", "though", "if", "despite", "rather", "unlike", "once", "until", "whereas", "amid",
                                                "while", "when", "as", "because", "since", "after", "before", "during", "following"]

    /// Last words of a short time or stance opener ("Six months ago", "Even then").
    static let openerEnds: [StaticString] = ["ago", "then", "later", "earlier", "though", "however", "instead", "now"]

    static let prepositions: [StaticString] = ["after", "before", "during", "at", "in", "on", "outside", "following", "while", "from", "inside", "near", "as", "when", "because", "since", "with", "without", "upon"]

    /// A plausible source right after the cue: a name, a pronoun, an organisation, a role.
    func invertedSource(after start: Int, clause cl: Range<Int>, afterQuote: Bool = false) -> (range: Range<Int>, mention: Mention)? {
        guard let src = ph.nounPhrase(startingAt: start, upperBound: cl.upperBound) else { return nil }
        let end = src.upperBound
        let m = context.classifier(p).classify(src)
        // `"…," said the 46-year-old.`: straight after a quotation the order itself marks the speaker.
        if afterQuote, src.count <= 8, end >= cl.upperBound || ph.isComma(end) || ph.isTerminal(end) { return (src, m) }
        // A name may run on into a long description; anything else is short and ends where the
        // clause does, so "…, said the government had placed brigades" is no inverted source.
        let named = m.kind == .person && m.name != nil && !m.isPronoun
        guard plausible(m) else { return nil }
        guard named || (src.count <= 6 && (end >= cl.upperBound || ph.isComma(end) || ph.isTerminal(end) || tokens[end].kind == .dash
                || ph.isPunct(end, ";") || ph.isPunct(end, "(") || tokens[end].isQuote)) else { return nil }
        return (src, m)
    }

    /// Words after a comma that start a new clause or an aside about the statement, not more
    /// description of an inverted source ("…," said X, adding …).
    static let inversionStops: [StaticString] = ["but", "although", "though", "while", "as", "when", "after", "because", "which",
                                                  "according", "then", "before", "since", "if", "so", "even"]

    /// An inverted source runs on to the end of its clause: PolNeAR keeps the whole description
    /// ("said X, a former aide to Y and longtime ally of Z, who …"), but not a participle, a new
    /// clause after a comma, a quotation, a time or a manner phrase ("in an interview").
    func invertedExtent(_ src: Range<Int>, clause cl: Range<Int>) -> Range<Int> {
        var e = src.upperBound
        var end = e
        var lastComma: Int?
        let limit = min(cl.upperBound, src.lowerBound + 40)
        scan: while e < limit {
            // A full stop inside the sentence ends an abbreviation ("Gov.", "D-Vt."), not the source.
            if ph.inQuote(e) || tokens[e].isQuote || ph.isPunct(e, "?") || ph.isPunct(e, "!") || tokens[e].kind == .dash || ph.isPunct(e, ":") || ph.isPunct(e, ";") { break }
            if ph.isComma(e) {
                let n = e + 1
                guard n < limit, tokens[n].isWordLike, !ph.inQuote(n), !isParticiple(n) else { break }
                for w in CueBuilder.inversionStops where ph.isWord(n, w) { break scan }
                if lexicon.hit(.cueVerb, startingAt: n) != nil || lexicon.hit(.pronounPerson, startingAt: n) != nil { break }
                lastComma = end
                e += 1
                continue
            }
            if lexicon.hit(.cueNoun, startingAt: e) != nil || lexicon.hit(.trailingAdverbial, startingAt: e) != nil { break }
            // "said X, who added that …": the relative clause is an attribution of its own.
            if lexicon.hit(.cueVerb, startingAt: e) != nil || lexicon.hit(.cueBelief, startingAt: e) != nil {
                end = lastComma ?? end
                break
            }
            e += 1
            if tokens[e - 1].isWordLike || ph.isPunct(e - 1, ")") { end = e }
        }
        return src.lowerBound..<max(end, src.upperBound)
    }

    func isParticiple(_ k: Int) -> Bool { ph.isIngWord(k) }

    /// Who a participle clause ("…, saying …") speaks for: the last source named earlier in the
    /// sentence, else the clause's opening subject.
    func participleSubject(_ cl: Range<Int>, earlier: [Attribution]) -> (range: Range<Int>, mention: Mention)? {
        if let last = earlier.last(where: { $0.source != nil && $0.mention != nil }), let m = last.mention, let src = last.source,
           let first = Lexicon.token(startingAt: src.lowerBound, in: tokens), let end = Lexicon.token(endingAt: src.upperBound, in: tokens, from: first) {
            return (first..<end + 1, m)
        }
        guard let subject = clauseSubject(cl, before: cl.upperBound) else { return nil }
        return (subject, context.classifier(p).classify(subject))
    }

    /// Whether a classified phrase can be a source at all.
    func plausible(_ m: Mention) -> Bool {
        m.isPronoun || m.kind == .person || m.kind == .organisation || m.kind == .outlet || m.kind == .vague
            || m.kind == .document || (m.kind == .role && m.role != nil)
    }

    /// The clause's opening noun phrase up to its first cue, when it names someone.
    func clauseSubject(_ cl: Range<Int>, before limit: Int) -> Range<Int>? {
        if let r = openingSubject(cl, before: limit) { return r }
        let first = cl.lowerBound
        if lexicon.hit(.pronounPerson, startingAt: first) != nil || lexicon.hit(.pronounGroup, startingAt: first) != nil { return first..<first + 1 }
        let names = context.classifier(p).run(from: first, limit: limit)
        if names.count >= 2, names.lowerBound == first, !lexicon.has(.clauseBoundary, at: first) { return names }
        var e = cl.lowerBound
        while e < limit, !ph.isComma(e), tokens[e].isWordLike || ph.isPunct(e, "-") || ph.isPunct(e, "."),
              lexicon.hit(.cueVerb, startingAt: e) == nil, lexicon.hit(.cueBelief, startingAt: e) == nil,
              lexicon.hit(.auxiliary, startingAt: e) == nil { e += 1 }
        guard e > cl.lowerBound, e < limit else { return nil }
        let m = context.classifier(p).classify(cl.lowerBound..<e)
        guard m.isPronoun || (m.kind == .person && m.name?.contains(" ") == true) || (m.kind == .organisation && m.canonical != nil)
                || (m.kind == .role && m.role != nil) else { return nil }
        return cl.lowerBound..<e
    }

    /// The clause's opening noun phrase up to its own verb ("Carson took the stage … and called"):
    /// a pronoun, a name run (one capitalised word will do before a lower-case verb), or a
    /// determiner and the first source noun after it; a leading adverbial ("But", "On Monday,") is skipped.
    func openingSubject(_ cl: Range<Int>, before limit: Int) -> Range<Int>? {
        var first = cl.lowerBound
        while first < limit, let h = lexicon.hit(.leadingAdverbial, startingAt: first) {
            first = h.tokens.upperBound
            while first < limit, ph.isComma(first) { first += 1 }
        }
        // "In an interview with reporters Thursday, the senator criticized …": an opening
        // prepositional phrase ends at its comma.
        if CueBuilder.prepositions.contains(where: { ph.isWord(first, $0) }) || ph.isWord(first, "for") {
            var c = first + 1
            while c < min(limit, first + 16), !ph.isComma(c), tokens[c].isWordLike || ph.isPunct(c, "-") || ph.isPunct(c, ".") { c += 1 }
            if c < limit, ph.isComma(c) {
                first = c + 1
                while first < limit, let h = lexicon.hit(.leadingAdverbial, startingAt: first) { first = h.tokens.upperBound }
            }
        }
        guard first < limit, tokens[first].isWordLike, !ph.inQuote(first) else { return nil }
        if lexicon.hit(.pronounPerson, startingAt: first) != nil || lexicon.hit(.pronounGroup, startingAt: first) != nil { return first..<first + 1 }
        guard !lexicon.has(.clauseBoundary, at: first), !lexicon.has(.nonSource, at: first) else { return nil }
        let classifier = context.classifier(p)
        let names = classifier.run(from: first, limit: limit)
        // Only titles may stand between the clause start and the name ("Sen. Ted Cruz").
        var lead = first
        while lead < names.lowerBound, let t = lexicon.hit(.title, startingAt: lead) { lead = t.tokens.upperBound }
        if !names.isEmpty, lead == names.lowerBound, names.upperBound < limit, tokens[names.upperBound].kind == .word,
           !tokens[names.upperBound].isCapitalized, !ph.isWord(names.upperBound, "of"), !isPossessive(names.upperBound - 1) {
            let m = classifier.classify(first..<names.upperBound)
            if names.count >= 2 || lead > first { return first..<names.upperBound }
            // One capitalised word opening a sentence is often no name ("In a speech", "Shortly after", "Fighting broke out").
            let word = names.lowerBound
            let notName = CueBuilder.prepositions.contains { ph.isWord(word, $0) } || Phrases.notOpening.contains { ph.isWord(word, $0) }
                || CueBuilder.openingNonNames.contains { ph.isWord(word, $0) } || ph.isDeterminer(names.upperBound) || isParticiple(word)
                || tokens[word].end - tokens[word].start > 4 && ph.bytes[tokens[word].end - 2] == UInt8(ascii: "l") && ph.bytes[tokens[word].end - 1] == UInt8(ascii: "y")
            if !notName, m.kind == .person || m.kind == .organisation { return first..<names.upperBound }
        }
        // "The senator took …", "A campaign spokesman for Cruz later said": the first source noun ends it.
        if Phrases.determiners.contains(where: { ph.isWord(first, $0) }) {
            var e = first + 1
            while e < min(limit, first + 7), tokens[e].isWordLike, !ph.inQuote(e), lexicon.hit(.auxiliary, startingAt: e) == nil,
                  lexicon.hit(.cueVerb, startingAt: e) == nil {
                for category in [RuleCategory.role, .vague, .organisation, .outlet] {
                    if let h = lexicon.hit(category, startingAt: e), !ph.isWord(h.tokens.upperBound, "of"), !isPossessive(h.tokens.upperBound - 1),
                       h.tokens.upperBound < limit, !ph.isNameToken(h.tokens.upperBound) || tokens[h.tokens.upperBound].kind != .word {
                        return first..<h.tokens.upperBound
                    }
                }
                e += 1
            }
            // "The Wisconsin Republican criticized …", "The Anti-Defamation League denounced …".
            let named = classifier.run(from: first + 1, limit: limit)
            if named.count >= 2, named.lowerBound == first + 1, named.upperBound < limit, tokens[named.upperBound].kind == .word,
               !tokens[named.upperBound].isCapitalized, !ph.isWord(named.upperBound, "of"), !isPossessive(named.upperBound - 1) {
                return first..<named.upperBound
            }
        }
        return nil
    }

    static let openingNonNames: [StaticString] = ["for", "thanks", "like", "despite", "amid", "among", "under", "over", "about", "against",
                                                  "through", "unlike", "if", "although", "though", "once", "until", "instead", "here", "there",
                                                  "now", "then", "still", "only", "even", "just", "yes", "no", "perhaps", "maybe", "asked", "speaking",
                                                  "it", "other", "others", "dozens", "hundreds", "thousands", "what", "earlier", "later"]

    func isPossessive(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.end - t.start > 2 else { return false }
        let b = ph.bytes
        if b[t.end - 2] == UInt8(ascii: "'") && b[t.end - 1] == UInt8(ascii: "s") { return true }
        return t.end - t.start > 4 && b[t.end - 4] == 0xE2 && b[t.end - 3] == 0x80 && b[t.end - 2] == 0x99 && b[t.end - 1] == UInt8(ascii: "s")
    }

    /// After `As X noted …,` the rest of the clause.
    func afterAsClause(_ src: Range<Int>, cueEnd r: Int, clause cl: Range<Int>) -> Range<Int>? {
        guard src.lowerBound > cl.lowerBound, ph.isWord(src.lowerBound - 1, "as") else { return nil }
        var k = r
        while k < cl.upperBound, !ph.isComma(k) { k += 1 }
        guard k < cl.upperBound else { return nil }
        let c = trimmed(k + 1..<cl.upperBound)
        return ph.hasWords(c) ? c : nil
    }

    /// The quotation that ends the previous sentence of the paragraph, if it does.
    func quoteBefore(_ src: Range<Int>) -> Range<Int>? {
        var k = sentence.lowerBound - 1
        while k >= 0, ph.isTerminal(k) && !ph.inQuote(k) { k -= 1 }
        guard k >= 0, ph.isClosingQuote(k),
              let open = context.paragraphs[p].quote(closingAt: k)?.open else { return nil }
        return open..<k + 1
    }

    /// "told reporters that …", "told the Associated Press the …": the listener is not content.
    func skipListener(after r: Int, cue: Cue, limit: Int) -> Int {
        let listenerVerbs: [StaticString] = ["told", "tell", "tells", "telling", "informed", "assured", "reminded", "warned", "urged", "briefed", "advised"]
        guard listenerVerbs.contains(where: { ph.isWord(cue.tokens.lowerBound, $0) }) else { return r }
        var k = r
        while k < min(limit, r + 14) {
            if ph.isWord(k, "that") { return k }
            if ph.inQuote(k) || ph.isTerminal(k) { break }
            k += 1
        }
        // Without "that": skip one noun phrase (a pronoun, a name, or a determiner and its noun).
        k = r
        guard k < limit else { return r }
        for w: StaticString in ["him", "her", "them", "us", "me", "reporters", "journalists", "lawmakers", "supporters", "viewers", "listeners"] where ph.isWord(k, w) { return k + 1 }
        if tokens[k].isCapitalized { while k < limit, ph.isNameToken(k) { k += 1 }; return k }
        if ph.isDeterminer(k) { k += 1; while k < limit, tokens[k].isWordLike, k - r < 4, !ph.isDeterminer(k), !lexicon.has(.pronounPerson, at: k) { k += 1 }; return k }
        return r
    }
}
