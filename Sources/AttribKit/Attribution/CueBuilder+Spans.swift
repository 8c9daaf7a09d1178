/// The spans around a cue: where content ends, which clause subject or inverted speaker is the
/// source, and the openers, settings and listeners that belong to neither.
extension CueBuilder {
    func wordCount(_ r: Range<Int>) -> Int { tokens.countWords(r) }

    /// A short run opening the sentence that starts with a name and quotes nothing ("Another user,
    /// Roland Z"); with a verb it is a clause ("The plan is bad, said Roe").
    func isBareName(_ r: Range<Int>) -> Bool {
        guard r.lowerBound == sentence.lowerBound, wordCount(r) <= 6, ph.isNameToken(r.lowerBound) else { return false }
        for k in r where tokens[k].isQuote || lexicon.hit(.auxiliary, startingAt: k) != nil { return false }
        return true
    }

    /// A short adverbial opening the sentence ("Still", "In the end", "And yet"), not a clause.
    /// `broad` also takes a longer prepositional phrase, which could as well be a clause ("At least
    /// four were killed"): callers use it only where content follows.
    func isOpener(_ r: Range<Int>, broad: Bool = false) -> Bool {
        guard r.lowerBound == sentence.lowerBound, !ph.inQuote(r.lowerBound), !ph.isOpeningQuote(r.lowerBound) else { return false }
        if isEmptyLead(r) { return true }
        // "While most were marked confidential, …" / "During an interview with NBC, …": one
        // subordinate or prepositional phrase, with no comma of its own, frames what follows.
        if broad && ph.isWord(r.lowerBound, in: CueBuilder.prepositions) || ph.isWord(r.lowerBound, in: CueBuilder.subordinators),
           !hasCommaOrQuote(r) { return true }
        // The word tests first: most openers fail them, and the count reads every token.
        return ph.isWord(r.lowerBound, in: CueBuilder.prepositions) && wordCount(r) <= 4
            || ph.isWord(r.upperBound - 1, in: CueBuilder.openerEnds) && wordCount(r) <= 3
    }

    /// A comma or a quotation mark in `r`, found by a loop: a closure reading the tokens
    /// through `self` copied the builder.
    private func hasCommaOrQuote(_ r: Range<Int>) -> Bool {
        for k in r where ph.isComma(k) || tokens[k].isQuote { return true }
        return false
    }

    /// Where content that starts at `r` ends: at the clause end, or at a comma before "according
    /// to", a new clause, a participle or an apposition, which are the writer's, not the source's
    /// (", but …", ", which …", ", saying …", ", the first …").
    func contentEnd(from r: Int, clause cl: Range<Int>) -> Int {
        // Local copies, and the comma tested once a token: most tokens are no comma, and each
        // test through `self` read the phrases again.
        let ph = self.ph, lexicon = self.lexicon
        let clauseContent = ph.isWord(r, "that")
        var k = max(r, 0) - 1
        while true {
            // The next comma outside a quotation, by a raw scan of the tokens: the checked look-ups
            // of `isComma` for every token of the content were most of this function's cost.
            k = tokens.withUnsafeBufferPointer { CueBuilder.comma(after: k, before: cl.upperBound, in: $0, ph.bytes) }
            guard k < cl.upperBound else { return cl.upperBound }
            if lexicon.hit(.cueAccording, startingAt: k + 1) != nil { return k }
            if k > r, k + 1 < cl.upperBound, !ph.inQuote(k + 1) {
                if !clauseContent, ph.isWord(k + 1, in: CueBuilder.contentEnders) { return k }
                // After a whole clause, not after a short object ("asked Lester Holt, the moderator, to …").
                if k - r >= 6, ph.isWord(k + 1, in: CueBuilder.appositionStarts) { return k }
                // Outside a "that" clause, a participle or "who" after a comma describes the object the
                // writer's way ("cited the report, saying …", "praised the mayor, who …"); inside one it
                // is as often the source's (train: 254 vs 130 end, 26 vs 30 in a "that" clause).
                if !clauseContent, ph.isIngWord(k + 1) && !ph.isWord(k + 1, in: CueBuilder.participlePrepositions) || ph.isWord(k + 1, "who") { return k }
            }
        }
    }

    /// The first comma token outside a quotation after index `k` and before `upper`, else `upper`.
    static func comma(after k: Int, before upper: Int, in t: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = k + 1
        let end = min(upper, t.count)
        while i < end {
            let tok = t[i]
            if tok.kind == .punct, !tok.tags.contains(.inQuote), bytes[tok.start] == UInt8(ascii: ",") { return i }
            i += 1
        }
        return upper
    }

    /// "The plan, he said, would cost more": a cue set off by commas inside the reported sentence
    /// leaves its rest to the content too (PolNeAR train: 233 of 264 such cues). A participle or
    /// relative clause after it ("…, he said, adding …") and a bare setting ("…, she said, on Sunday")
    /// are the writer's.
    func medialTail(after k: Int, left: Range<Int>, clause cl: Range<Int>) -> [Range<Int>] {
        guard k + 1 < cl.upperBound, ph.isComma(k), !ph.isOpeningQuote(k + 1), !tokens[k + 1].isQuote,
              !ph.isOpeningQuote(left.lowerBound), !ph.isClosingQuote(left.upperBound - 1) else { return [] }
        let tail = trimmed(k + 1..<contentEnd(from: k + 1, clause: cl))
        guard ph.hasWords(tail), !ph.isIngWord(tail.lowerBound), lexicon.hit(.trailingAdverbial, startingAt: tail.lowerBound) == nil,
              !ph.isWord(tail.lowerBound, in: CueBuilder.relativeStarts),
              !(wordCount(tail) <= 4 && ph.isWord(tail.lowerBound, in: CueBuilder.settingStarts)) else { return [] }
        return [tail]
    }

    /// Words whose "to" links them to what was said, so it is the cue's ("referring to", "in response
    /// to", "pointed to"), unlike the "to" that opens an infinitive content ("plans to"). PolNeAR train:
    /// these take "to" into the cue 170 times, leave it to the content 14 times.
    static let toCueHeads: WordList = [
        "refer", "refers", "referred", "referring", "reference", "references", "respond", "responds", "responded", "responding",
        "response", "reply", "point", "points", "pointed", "pointing", "allude", "alludes", "alluded", "alluding",
        "attention", "opposition", "tribute", "allegiance", "hostility"]

    static let relativeStarts: WordList = ["who", "which", "whose", "whom", "where", "according"]

    /// Words after a comma that end reported content (PolNeAR train: each ends it more often than not).
    static let contentEnders: WordList = ["but", "while", "although", "though", "whereas", "as", "because", "since", "even", "following", "despite"]
    static let appositionStarts: WordList = ["which", "the", "a", "an"]
    /// -ing words that are prepositions and keep the content going ("…, including …").
    static let participlePrepositions: WordList = ["including", "according", "regarding", "concerning", "excluding", "during", "something", "nothing", "anything", "everything"]

    /// Verbs of saying that put the speaker after them (`"…," said the minister`); others that take
    /// an object ("called it …", "told reporters …") do not, so a noun after them is no speaker.
    static let invertingVerbs: WordList = [
        "said", "says", "say", "wrote", "writes", "added", "adds", "asked", "asks", "tweeted", "tweets", "replied", "replies",
        "explained", "explains", "recalled", "recalls", "declared", "declares", "warned", "warns", "noted", "notes",
        "continued", "continues", "insisted", "insists", "reported", "reports", "reads", "read", "stated", "states",
        "argued", "argues", "observed", "observes", "quipped", "joked", "jokes", "acknowledged", "admitted", "conceded",
        "responded", "responds", "remarked", "wondered", "cautioned", "countered", "counters", "predicted", "predicts",
        "announced", "recounted", "shouted", "yelled", "exclaimed"]

    /// Prepositions that open where or when something was said, not what ("on Twitter", "from Los Angeles").
    static let settingStarts: WordList = ["in", "on", "from", "at", "during", "before", "after", "outside", "inside", "near", "upon"]

    /// Adjectives that make the -ing word after them a noun ("a strong showing").
    /// Words that make "show" a programme ("a talk show").
    static let showKinds: WordList = ["a", "an", "the", "his", "her", "their", "its", "our", "tv", "television", "radio", "talk", "award", "awards", "morning", "reality", "news", "game", "cable", "late-night", "comedy", "cooking"]
    static let nounAdjectives: WordList = ["strong", "poor", "weak", "good", "bad", "best", "worst", "solid", "dismal", "impressive", "surprising"]

    /// Words that open a subordinate clause or phrase ahead of the main clause.
    /// These cannot open a main clause, so a phrase they open is an opener wherever it stands.
    static let subordinators: WordList = ["although", "though", "if", "despite", "rather", "unlike", "once", "until", "whereas", "amid",
                                                "while", "when", "as", "because", "since", "after", "before", "during", "following"]

    /// Last words of a short time or stance opener ("Six months ago", "Even then").
    static let openerEnds: WordList = ["ago", "then", "later", "earlier", "though", "however", "instead", "now"]

    static let prepositions: WordList = ["after", "before", "during", "at", "in", "on", "outside", "following", "while", "from", "inside", "near", "as", "when", "because", "since", "with", "without", "upon"]

    /// A plausible source right after the cue: a name, a pronoun, an organisation, a role.
    func invertedSource(after start: Int, clause cl: Range<Int>, afterQuote: Bool = false) -> (range: Range<Int>, mention: Mention)? {
        guard let src = ph.nounPhrase(startingAt: start, upperBound: cl.upperBound) else { return nil }
        let end = src.upperBound
        let m = classifier.classify(src)
        // `"…," said the 46-year-old.`: straight after a quotation the order itself marks the speaker,
        // however long a relative clause describes it ("said a data expert who has worked for …").
        if afterQuote, end >= cl.upperBound || ph.isComma(end) || ph.isTerminal(end) {
            var head = end
            for k in src.lowerBound + 1..<src.upperBound where ph.isWord(k, in: CueBuilder.relativeWords) { head = k; break }
            if head - src.lowerBound <= 8 { return (src, m) }
        }
        // A name may run on into a long description; anything else is short and ends where the
        // clause does, so "…, said the government had placed brigades" is no inverted source.
        let named = m.kind == .person && m.name != nil && !m.isPronoun
        guard plausible(m) else { return nil }
        guard named || (src.count <= 6 && (end >= cl.upperBound || ph.isComma(end) || ph.isTerminal(end) || tokens[end].kind == .dash
                || ph.isPunct(end, ";") || ph.isPunct(end, "(") || tokens[end].isQuote)) else { return nil }
        return (src, m)
    }

    static let relativeWords: WordList = ["who", "whose", "whom", "which", "that"]
    // Word lists of CueBuilder.verb and skipListener, as constants: a literal in the function
    // was a new array on every call.
    static let whoForms: WordList = ["who", "who've", "who's", "who’ve", "who’s"]
    static let listenerPrepositions: WordList = ["to", "in", "at", "on", "during", "with", "from", "before"]
    static let cuePrepositions: WordList = ["about", "of", "for", "with", "against", "on", "at", "over", "into"]
    static let relativeObjects: WordList = ["which", "what", "whom"]
    static let clauseRelatives: WordList = ["who", "which", "that"]
    static let beForms: WordList = ["is", "are", "was", "were", "be", "been", "being"]
    static let listenerVerbs: WordList = ["told", "tell", "tells", "telling", "informed", "assured", "reminded", "warned", "urged", "briefed", "advised"]
    static let listeners: WordList = ["him", "her", "them", "us", "me", "reporters", "journalists", "lawmakers", "supporters", "viewers", "listeners"]

    /// Words after a comma that start a new clause or an aside about the statement, not more
    /// description of an inverted source ("…," said X, adding …).
    static let inversionStops: WordList = ["but", "although", "though", "while", "as", "when", "after", "because", "which",
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
                if ph.isWord(n, in: CueBuilder.inversionStops) { break scan }
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
        // By index: `last(where:)` copied the attribution.
        if let i = earlier.lastIndex(where: { $0.source != nil && $0.mention != nil }), let m = earlier[i].mention, let src = earlier[i].source,
           let first = Lexicon.token(startingAt: src.lowerBound, in: tokens), let end = Lexicon.token(endingAt: src.upperBound, in: tokens, from: first) {
            return (first..<end + 1, m)
        }
        guard let subject = clauseSubject(cl, before: cl.upperBound) else { return nil }
        return (subject, classifier.classify(subject))
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
        let names = classifier.run(from: first, limit: limit)
        if names.count >= 2, names.lowerBound == first, !lexicon.has(.clauseBoundary, at: first) { return names }
        var e = cl.lowerBound
        while e < limit, !ph.isComma(e), tokens[e].isWordLike || ph.isPunct(e, "-") || ph.isPunct(e, "."),
              lexicon.hit(.cueVerb, startingAt: e) == nil, lexicon.hit(.cueBelief, startingAt: e) == nil,
              lexicon.hit(.auxiliary, startingAt: e) == nil { e += 1 }
        guard e > cl.lowerBound, e < limit else { return nil }
        let m = classifier.classify(cl.lowerBound..<e)
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
        if ph.isWord(first, in: CueBuilder.prepositions) || ph.isWord(first, "for") || ph.isWord(first, "by") {
            var c = first + 1
            while c < min(limit, first + 16), !ph.isComma(c), tokens[c].isWordLike || ph.isPunct(c, "-") || ph.isPunct(c, ".") { c += 1 }
            if c < limit, ph.isComma(c) {
                first = c + 1
                while first < limit, let h = lexicon.hit(.leadingAdverbial, startingAt: first) { first = h.tokens.upperBound }
            }
        }
        // "Hours later, Trump returned …": a short time opener before the comma.
        if first + 1 < limit {
            var comma: Int?
            for c in first + 1..<min(limit, first + 4) where ph.isComma(c) { comma = c; break }
            if let c = comma, isOpener(first..<c) { first = c + 1 }
        }
        guard first < limit, tokens[first].isWordLike, !ph.inQuote(first) else { return nil }
        if lexicon.hit(.pronounPerson, startingAt: first) != nil || lexicon.hit(.pronounGroup, startingAt: first) != nil { return first..<first + 1 }
        guard !lexicon.has(.clauseBoundary, at: first), !lexicon.has(.nonSource, at: first) else { return nil }
        let classifier = self.classifier
        let names = classifier.run(from: first, limit: limit)
        // Only titles may stand between the clause start and the name ("Sen. Ted Cruz").
        var lead = first
        while lead < names.lowerBound, let t = lexicon.hit(.title, startingAt: lead) { lead = t.tokens.upperBound }
        // "RNC spokesman Sean Spicer said", "Party leaders are questioning": a role after the name
        // continues the subject, and a name after the role ends it.
        if !names.isEmpty, lead == names.lowerBound, let end = roleAfterName(names.upperBound, limit: limit, classifier) { return first..<end }
        if !names.isEmpty, lead == names.lowerBound, names.upperBound < limit, tokens[names.upperBound].kind == .word,
           !tokens[names.upperBound].isCapitalized, !ph.isWord(names.upperBound, "of"), !ph.isPossessive(names.upperBound - 1) {
            let m = classifier.classify(first..<names.upperBound)
            if names.count >= 2 || lead > first { return first..<names.upperBound }
            // One capitalised word opening a sentence is often no name ("In a speech", "Shortly after", "Fighting broke out").
            let word = names.lowerBound
            let notName = ph.isWord(word, in: CueBuilder.prepositions) || ph.isWord(word, in: Phrases.notOpening)
                || ph.isWord(word, in: CueBuilder.openingNonNames) || ph.isDeterminer(names.upperBound) || isParticiple(word)
                || tokens[word].end - tokens[word].start > 4 && ph.bytes[tokens[word].end - 2] == UInt8(ascii: "l") && ph.bytes[tokens[word].end - 1] == UInt8(ascii: "y")
            if !notName, m.kind == .person || m.kind == .organisation { return first..<names.upperBound }
        }
        // "The senator took …", "A campaign spokesman for Cruz later said": the first source noun ends it.
        if ph.opensNounPhrase(first) {
            var e = first + 1
            while e < min(limit, first + 7), tokens[e].isWordLike, !ph.inQuote(e), lexicon.hit(.auxiliary, startingAt: e) == nil,
                  lexicon.hit(.cueVerb, startingAt: e) == nil {
                for category in [RuleCategory.role, .vague, .organisation, .outlet] {
                    if let h = lexicon.hit(category, startingAt: e), !ph.isWord(h.tokens.upperBound, "of"), !ph.isPossessive(h.tokens.upperBound - 1),
                       h.tokens.upperBound < limit, !ph.isNameToken(h.tokens.upperBound) || tokens[h.tokens.upperBound].kind != .word {
                        return first..<h.tokens.upperBound
                    }
                }
                e += 1
            }
            // "The Wisconsin Republican criticized …", "The Anti-Defamation League denounced …".
            let named = classifier.run(from: first + 1, limit: limit)
            if named.count >= 2, named.lowerBound == first + 1, named.upperBound < limit, tokens[named.upperBound].kind == .word,
               !tokens[named.upperBound].isCapitalized, !ph.isWord(named.upperBound, "of"), !ph.isPossessive(named.upperBound - 1) {
                return first..<named.upperBound
            }
        }
        return nil
    }

    func roleAfterName(_ start: Int, limit: Int, _ classifier: MentionClassifier) -> Int? {
        var e = start
        var roleEnd: Int?
        while e < min(limit, start + 4), tokens[e].kind == .word, !tokens[e].isCapitalized, !ph.inQuote(e) {
            if let h = lexicon.hit(.role, startingAt: e) ?? lexicon.hit(.vague, startingAt: e) {
                e = h.tokens.upperBound
                roleEnd = e
            } else if lexicon.hit(.auxiliary, startingAt: e) != nil || lexicon.hit(.cueVerb, startingAt: e) != nil || lexicon.hit(.cueBelief, startingAt: e) != nil {
                break
            } else { e += 1 }
        }
        guard var end = roleEnd else { return nil }
        let more = classifier.run(from: end, limit: limit)
        if !more.isEmpty, more.lowerBound == end { end = more.upperBound }
        guard end < limit, tokens[end].kind == .word, !tokens[end].isCapitalized, !ph.isWord(end, "of"), !ph.isPossessive(end - 1) else { return nil }
        return end
    }

    static let openingNonNames: WordList = ["for", "thanks", "like", "despite", "amid", "among", "under", "over", "about", "against",
                                                  "through", "unlike", "if", "although", "though", "once", "until", "instead", "here", "there",
                                                  "now", "then", "still", "only", "even", "just", "yes", "no", "perhaps", "maybe", "asked", "speaking",
                                                  "it", "other", "others", "dozens", "hundreds", "thousands", "what", "earlier", "later"]


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
        guard ph.isWord(cue.tokens.lowerBound, in: CueBuilder.listenerVerbs) else { return r }
        var k = r
        while k < min(limit, r + 14) {
            if ph.isWord(k, "that") { return k }
            if ph.inQuote(k) || ph.isTerminal(k) { break }
            k += 1
        }
        // Without "that": skip one noun phrase (a pronoun, a name, or a determiner and its noun).
        k = r
        guard k < limit else { return r }
        if ph.isWord(k, in: CueBuilder.listeners) { return k + 1 }
        if tokens[k].isCapitalized { while k < limit, ph.isNameToken(k) { k += 1 }; return k }
        if ph.isDeterminer(k) { k += 1; while k < limit, tokens[k].isWordLike, k - r < 4, !ph.isDeterminer(k), !lexicon.has(.pronounPerson, at: k) { k += 1 }; return k }
        return r
    }
}
