/// Classifies a source phrase: pronoun, outlet, organisation, named person, role, document or vague.
struct MentionClassifier {
    let phrases: Phrases
    let rulebook: Rulebook
    var lexicon: Lexicon { phrases.lexicon }
    var tokens: TokenView { phrases.tokens }

    static let quantifiers: WordList = ["one", "two", "three", "some", "many", "several", "most", "all", "both", "few", "none", "each", "any", "half", "members"]

    static let headStops: WordList = ["of", "from", "with", "for", "at", "in", "on", "between", "among", "who", "which", "that", "whose", "to", "close", "familiar", "by"]

    /// Categories tried in order, as a static array: a literal here was allocated on every call.
    static let headKinds: [(RuleCategory, SourceKind)] = [(.vague, .vague), (.document, .document), (.role, .role)]

    func classify(_ r: Range<Int>) -> Mention {
        // No text: most candidates are tested and dropped; `Mention.readText` reads it for a kept one.
        var m = Mention(range: phrases.byteRange(r), kind: .unresolved)
        // Filled in place and returned once: returned from each branch, the mention was copied.
        fill(&m, r)
        return m
    }

    private func fill(_ m: inout Mention, _ r: Range<Int>) {
        // Local copies, as in `run`: read through `self`, each use copied them to the stack.
        let phrases = self.phrases, lexicon = phrases.lexicon
        // Drop a trailing comma or a leading determiner only for lookups, never from the span.
        let core = r.lowerBound..<r.upperBound
        if r.count == 1 || (r.count == 2 && phrases.isWord(r.lowerBound, "who")) {
            if let h = lexicon.hit(.pronounPerson, startingAt: r.lowerBound), h.tokens.count == 1 {
                m.isPronoun = true; m.kind = .person; m.rule = h.rule; return
            }
            if let h = lexicon.hit(.pronounGroup, startingAt: r.lowerBound), h.tokens.count == 1 {
                m.isPronoun = true; m.pronounIsGroup = true; m.kind = .organisation; m.rule = h.rule; return
            }
        }
        // The phrase's hits are read in start order, by cursors: look-ups by start for each
        // category and word cost more than the few hits a phrase has.
        let starting = lexicon.hits(startingIn: core)
        if let (h, kind) = MentionClassifier.namedHit(starting, core, phrases) {
            m.kind = kind
            m.canonical = rulebook.canonicalName(for: phrases.text(h.tokens)) ?? phrases.text(h.tokens)
            m.rule = h.rule
            return
        }
        // Title + name: "Iraqi Prime Minister Mohammed Shia al-Sudani".
        var next = starting.startIndex
        var i = core.lowerBound
        while i < core.upperBound {
            // "advisers to Mr. Pell": a name after the head's complement is not the source.
            if i > core.lowerBound, phrases.isWord(i, in: MentionClassifier.headStops) { break }
            // A title, or a role word of any case followed by a full name ("Board member Kwame Osei-Bonsu"):
            // the first of each at this start, the longest, as `hit(_:startingAt:)` finds it.
            var title: Lexicon.Hit?, role: Lexicon.Hit?
            while next < starting.endIndex, starting[next].tokens.lowerBound == i {
                let h = starting[next]
                if h.category == .title, title == nil { title = h } else if h.category == .role, role == nil { role = h }
                next += 1
            }
            if let h = title ?? role {
                let nameRun = run(from: h.tokens.upperBound, limit: core.upperBound)
                let isTitle = title != nil
                if nameRun.count >= (isTitle ? 1 : 2) {
                    m.kind = .person
                    m.name = phrases.text(nameRun)
                    m.role = lowered((isTitle ? h.tokens.lowerBound : core.lowerBound)..<h.tokens.upperBound)
                    m.rule = h.rule
                    return
                }
            }
            i += 1
        }
        // The walk above stopped at the first head stop after the start, or ran to the end: the
        // head ends there (found again word by word, the stops were read twice).
        var head = core.lowerBound..<i
        // "One of the attorneys", "some of his aides": a quantifier's head is its complement.
        if head.count == 1, phrases.isWord(head.upperBound, "of"), phrases.isWord(head.lowerBound, in: MentionClassifier.quantifiers) {
            head = core
        }
        // A personal name: two or more name tokens, not ending in an organisation word.
        let nameRun = firstRun(in: head)
        // "Nora Pell's husband" is the husband, not Nora Pell.
        let ownerOnly = nameRun.count >= 2 && phrases.isPossessive(nameRun.upperBound - 1) && nameRun.upperBound < head.upperBound
        if nameRun.count >= 2, !ownerOnly, !endsWithOrganisationWord(nameRun), lexicon.hit(.outlet, startingAt: nameRun.lowerBound) == nil {
            m.kind = .person
            m.name = phrases.text(nameRun)
            if let roleHit = firstHit(.role, in: core, after: nameRun.upperBound) { m.role = roleKey(roleHit, core) }
            return
        }
        // A hit that ends in the head starts in it: the look-ups by end are made only for the
        // categories that start somewhere in the head, most heads having none of the three. The
        // head is the phrase or a prefix of it, so its hits are a prefix of the phrase's.
        let inHead = starting.prefix { $0.tokens.lowerBound < head.upperBound }
        for (category, kind) in MentionClassifier.headKinds where inHead.contains(where: { $0.category == category }) {
            if let h = lastHit(category, in: head) {
                m.kind = kind
                m.rule = h.rule
                if kind == .role { m.role = roleKey(h.tokens, core) }
                return
            }
        }
        // A lone capital at the start of a longer phrase is the sentence's capital, not a name.
        let sentenceCapital = nameRun.count == 1 && nameRun.lowerBound == core.lowerBound && core.count > 1 && !isAllCaps(nameRun)
            && !phrases.isComma(nameRun.upperBound)
        if nameRun.count >= 1 && !sentenceCapital {
            let withOwner = (phrases.isDeterminer(core.lowerBound) ? core.lowerBound + 1 : core.lowerBound)..<nameRun.upperBound
            if endsWithOrganisationWord(nameRun) || isAllCaps(nameRun) { m.kind = .organisation; m.canonical = phrases.text(withOwner) }
            else if nameRun.count == 1 && nameRun.lowerBound == core.lowerBound && core.count == 1 { m.kind = .person; m.name = phrases.text(nameRun) }
            else if nameRun.count == 1 { m.kind = .organisation; m.canonical = phrases.text(nameRun) }
            return
        }
        m.kind = .role
        return
    }

    /// An outlet, then an organisation, that is the whole phrase or all of it after a determiner:
    /// of each category the first hit at each of the first two words, as `hit(_:startingAt:)`
    /// finds it, read from the phrase's hits in one pass.
    private static func namedHit(_ starting: Lexicon.Hits, _ core: Range<Int>, _ phrases: Phrases) -> (Lexicon.Hit, SourceKind)? {
        // Four locals, not an array: an array was an allocation a call.
        var outlet: Lexicon.Hit?, outletAfter: Lexicon.Hit?, organisation: Lexicon.Hit?, organisationAfter: Lexicon.Hit?
        var k = starting.startIndex
        while k < starting.endIndex, starting[k].tokens.lowerBound <= core.lowerBound + 1 {
            let h = starting[k], first = h.tokens.lowerBound == core.lowerBound
            if h.category == .outlet {
                if first { if outlet == nil { outlet = h } } else if outletAfter == nil { outletAfter = h }
            } else if h.category == .organisation {
                if first { if organisation == nil { organisation = h } } else if organisationAfter == nil { organisationAfter = h }
            }
            k += 1
        }
        let end = core.upperBound
        if let h = outlet, h.tokens.upperBound == end { return (h, .outlet) }
        if let h = outletAfter, h.tokens.upperBound == end, phrases.isDeterminer(core.lowerBound) { return (h, .outlet) }
        if let h = organisation, h.tokens.upperBound == end { return (h, .organisation) }
        if let h = organisationAfter, h.tokens.upperBound == end, phrases.isDeterminer(core.lowerBound) { return (h, .organisation) }
        return nil
    }

    private func roleKey(_ hit: Range<Int>, _ core: Range<Int>) -> String {
        var end = hit.upperBound
        if end < core.upperBound, phrases.isWord(end, "of") {
            end = core.upperBound
        }
        return lowered(hit.lowerBound..<end)
    }

    /// The words of `r` lower-cased straight from the bytes: through `phrases.text` it was two Strings.
    private func lowered(_ r: Range<Int>) -> String {
        guard !r.isEmpty else { return "" }
        return Resolver.lowered(UnsafeBufferPointer(rebasing: phrases.bytes[phrases.byteRange(r)]))
    }

    private func roleKey(_ hit: Lexicon.Hit, _ core: Range<Int>) -> String { roleKey(hit.tokens, core) }

    private func firstHit(_ category: RuleCategory, in r: Range<Int>, after: Int) -> Range<Int>? {
        var k = max(after, r.lowerBound)
        while k < r.upperBound {
            if let h = lexicon.hit(category, startingAt: k), h.tokens.upperBound <= r.upperBound { return h.tokens }
            k += 1
        }
        return nil
    }

    private func lastHit(_ category: RuleCategory, in r: Range<Int>) -> Lexicon.Hit? {
        var k = r.upperBound - 1
        while k >= r.lowerBound {
            if let h = lexicon.hit(category, endingAt: k), h.tokens.lowerBound >= r.lowerBound { return h }
            k -= 1
        }
        return nil
    }

    /// Name tokens from `start` on, with inner particles.
    /// Inlined into its callers (53k calls on train, most of them a word or two long): the call
    /// and its copy of the `Phrases` cost a fifth of a run.
    @inline(__always)
    func run(from start: Int, limit: Int) -> Range<Int> {
        // "candidate Sen. Lindsey Graham": a title after a role word is not part of the name.
        // One local copy of the phrases: through `self`, every call below copied them to the stack.
        let ph = phrases, lexicon = ph.lexicon
        var start = start
        while start < limit, let t = lexicon.hit(.title, startingAt: start), t.tokens.upperBound < limit { start = t.tokens.upperBound }
        var e = start
        while e < limit, MentionClassifier.isNameToken(ph, e), lexicon.hit(.cueVerb, startingAt: e) == nil { e += 1 }
        // The capital test first: it settles most runs' last word without reading the particle list.
        while e > start, !ph.tokens[e - 1].isCapitalized, ph.isNameParticle(e - 1), !isHyphenParticleName(e - 1) { e -= 1 }
        return start..<e
    }

    /// `Phrases.isNameToken`, asking the particle list ("al", "bin", "van", "al-Sudani") only of
    /// a word that is "y" or opens with a particle's first two letters: most words after a name do not.
    /// Inlined: as a call (214k on train), each one copied the 96-byte `Phrases` to the stack first.
    @inline(__always)
    static func isNameToken(_ ph: Phrases, _ i: Int) -> Bool {
        guard i >= 0, i < ph.tokens.count, ph.tokens[i].kind == .word else { return false }
        let t = ph.tokens[i]
        if t.isCapitalized { return true }
        let b0 = Bytes.lower(ph.bytes[t.start])
        guard t.end - t.start > 1 else { return b0 == UInt8(ascii: "y") && ph.isNameParticle(i) }
        switch (b0, Bytes.lower(ph.bytes[t.start + 1])) {
        case (0x61, 0x6C), (0x62, 0x69), (0x69, 0x62), (0x61, 0x62), (0x64, 0x65), (0x64, 0x61), (0x64, 0x69), (0x64, 0x75),
             (0x76, 0x61), (0x76, 0x6F), (0x6C, 0x65), (0x6C, 0x61), (0x65, 0x6C), (0x62, 0x65), (0x64, 0x6F):
            // al bi ib ab de da di du va vo le la el be do
            return ph.isNameParticle(i)
        default:
            return false
        }
    }

    private func isHyphenParticleName(_ i: Int) -> Bool {
        let t = tokens[i]
        return t.end - t.start > 3 && phrases.bytes[t.start + 2] == UInt8(ascii: "-")
    }

    /// The first run of name tokens in `r` that is not a sentence-initial determiner.
    private func firstRun(in r: Range<Int>) -> Range<Int> {
        let phrases = self.phrases
        var k = r.lowerBound
        while k < r.upperBound {
            if MentionClassifier.isNameToken(phrases, k) && !phrases.isDeterminer(k) && !phrases.isPossessive(k) {
                let run = self.run(from: k, limit: r.upperBound)
                if !run.isEmpty { return run }
            }
            k += 1
        }
        return r.upperBound..<r.upperBound
    }


    private func endsWithOrganisationWord(_ r: Range<Int>) -> Bool {
        guard let last = r.last else { return false }
        if let h = lexicon.hit(.organisationSuffix, endingAt: last) { phrases.trace.record(h.rule); return true }
        return lexicon.hit(.organisation, endingAt: last) != nil
    }

    private func isAllCaps(_ r: Range<Int>) -> Bool {
        guard r.count == 1, let k = r.first else { return false }
        let t = tokens[k]
        guard t.end - t.start >= 2 else { return false }
        for j in t.start..<t.end where Bytes.isLower(phrases.bytes[j]) { return false }
        return true
    }
}

