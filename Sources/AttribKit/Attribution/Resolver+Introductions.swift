/// How the article introduces people: title + name, roles, plain full names, and the gender
/// an article shows for them.
extension Resolver {
    func isAllCaps(_ ph: Phrases, _ j: Int) -> Bool {
        let t = ph.tokens[j]
        guard t.end - t.start >= 2 else { return false }
        return !(t.start..<t.end).contains { Bytes.isLower(ph.bytes[$0]) }
    }

    /// A title or role with the name after it, as the paragraph walk finds it.
    typealias Introduction = (name: Range<Int>, role: Range<Int>, position: Int, words: Int, gender: Gender?, subject: Bool, context: Range<Int>)
    /// A run of name words: its byte range, where the run starts, whether it opens its sentence
    /// and whether the name has more than one word.
    typealias PlainName = (name: Range<Int>, position: Int, subject: Bool, spaced: Bool)

    /// Title + name anywhere in the text introduces a person and what the article calls them.
    mutating func introducePeople() {
        // The worker's lists, swapped out and back so they stay uniquely referenced.
        let kept = context.scratch.resolver
        var scratch = NameScratch()
        swap(&scratch, &kept.names)
        defer { scratch.reset(); swap(&scratch, &kept.names) }
        // An article has dozens of names: room for them at once instead of doubling up to them.
        scratch.names.reserveCapacity(64)
        scratch.introductions.reserveCapacity(16)
        for p in context.paragraphs.indices { collectNames(in: p, &scratch) }
        // Each introduction and each name adds one candidate at most: one allocation for all.
        personMentions.reserveCapacity(personMentions.count + scratch.introductions.count + scratch.names.count)
        // Full names first, so "Mr. Ferreira" joins "Tomas Ferreira" wherever each appears.
        // Indices sorted, not the tuples: the same order without copying two Strings at every step.
        let words = scratch.introductions.map(\.words)
        for i in scratch.introductions.indices.sorted(by: { words[$0] > words[$1] }) {
            let (name, role, position, _, gender, subject, context) = scratch.introductions[i]
            let id = person(at: name)
            let slot = Resolver.withKey(bytes(role)) { roleSlot(adding: $0) }
            scratch.holders.append((slot, (position, id, context)))
            if let gender, genders[id] == nil { genders[id] = gender }
            personMentions.append(Candidate(position: position, source: id, sentence: sentence(at: position), subject: subject))
        }
        // Any other full name the article uses ("Donald Trump") lets a bare surname ("Trump")
        // resolve to it; only one that opens a sentence is a candidate for pronouns.
        // Names inside sentences first: a sentence's first word may not belong to the name
        // ("Maybe Trump will …"), so an opening run whose surname is known is that person.
        for (name, _, subject, spaced) in scratch.names where spaced && !subject { _ = person(at: name) }
        // The names inside sentences are all known now and a known name never changes its
        // person: only the opening ones are looked up again.
        for (name, position, subject, spaced) in scratch.names where spaced && subject {
            // A known name is its person (what `person(at:)` would return), found with one key;
            // a subject's run ends in no possessive, so the name needs none dropped.
            let id = Resolver.withKey(bytes(name)) { key in
                byPersonName[key] ?? bySurname[UnsafeBufferPointer(rebasing: key[((key.lastIndex(of: 0x20) ?? -1) + 1)...])]
            } ?? person(at: name)
            personMentions.append(Candidate(position: position, source: id, sentence: sentence(at: position), subject: true))
        }
        // A lone surname that opens a sentence ("Pell said …") is a subject when the article
        // gave the full name somewhere; otherwise it may be any capitalised word.
        // A source the attributions name ("Pell said") counts as such a name too.
        // Twice at least, so a stray capital ("Republican said") is not taken for a name.
        for i in context.attributions.indices {
            if context.attributions[i].mention?.kind == .person, let n = context.attributions[i].mention?.name {
                Resolver.withKey(n) { key in
                    let found = speakerCounts.look(key)
                    if let e = speakerCounts.value(found) { speakerCounts.update(found, e + 1) } else { speakerCounts.insert(key, 1, found) }
                }
            }
        }
        for (name, position, subject, spaced) in scratch.names where subject && !spaced {
            // Looked up without caching, so "Johnson" still finds the nearest full name when its
            // own attribution is resolved.
            // One hash for the four tables.
            let (shared, known, speaker) = Resolver.withKey(bytes(name)) { key in
                let h = NameTable.hash(key)
                return (sharedSurnames[key, hashed: h] != nil, byPersonName[key, hashed: h] ?? bySurname[key, hashed: h],
                        (speakerCounts[key, hashed: h] ?? 0) >= 2)
            }
            guard !shared else { continue }
            if let id = known ?? (speaker ? person(at: name) : nil) {
                personMentions.append(Candidate(position: position, source: id, sentence: sentence(at: position), subject: true))
            }
        }
        personMentions.sort { $0.position < $1.position }
        fileIntroduced(&scratch.holders)
        inferGendersFromPronounSubjects()
    }

    /// The introductions and plain names of paragraph `p`, appended to `scratch`. One walk for
    /// both, with one classifier built for both and only for a paragraph with a title, a role or
    /// a capital: each built its own Phrases and classifier, copied twice, for every paragraph.
    func collectNames(in p: Int, _ scratch: inout NameScratch) {
        // Read in place from the first title or role hit: most paragraphs have none, and copying
        // the others into a list cost more than the walks.
        let firstHit = context.lexicons[p].allHits.firstIndex { $0.category == .title || $0.category == .role }
        // Names start with a capitalised word; the words before the first cannot start one.
        // Only a capitalised word outside quotations can open a plain name: a paragraph whose
        // capitals are all quoted has none, and builds no classifier for them.
        let firstCapital = context.paragraphs[p].tokens.withUnsafeBufferPointer { t in
            let k = Resolver.nextNameStart(t, from: 0)
            return k < t.count ? k : nil
        }
        guard firstHit != nil || firstCapital != nil else { return }
        let classifier = context.classifier(p)
        if let firstHit { collectIntroductions(in: p, from: firstHit, classifier.phrases, classifier, &scratch) }
        if let firstCapital { plainNames(in: p, from: firstCapital, classifier.phrases, classifier, &scratch) }
    }

    /// The introductions in paragraph `p` (its Phrases and classifier), from its hit `first`:
    /// titles first, then roles, each with the name after it. Appended to `scratch.introductions`.
    func collectIntroductions(in p: Int, from first: Int, _ ph: Phrases, _ classifier: MentionClassifier, _ scratch: inout NameScratch) {
        let all = UnsafeBufferPointer(rebasing: ph.lexicon.allHits)
        // Sentence starts are in token order: a binary search finds one.
        scratch.firstTokens.removeAll()
        for sentence in context.paragraphs[p].sentences { scratch.firstTokens.append(sentence.tokens.lowerBound) }
        // Titles, then roles: the order the introductions are ranked in, the longest hit at each
        // start (what `Lexicon.appendHits` gives). One walk over the hits: titles introduced as
        // met, roles noted and introduced after them.
        scratch.roleHits.removeAll()
        var lastTitle = -1, lastRole = -1
        for k in first..<all.count {
            let hit = all[k], start = hit.tokens.lowerBound
            if hit.category == .title, start != lastTitle {
                lastTitle = start
                introduce(hit, ph, classifier, &scratch)
            } else if hit.category == .role, start != lastRole {
                lastRole = start
                scratch.roleHits.append(k)
            }
        }
        for i in 0..<scratch.roleHits.count { introduce(all[scratch.roleHits[i]], ph, classifier, &scratch) }
    }

    /// The introduction a title or role hit makes, if any, appended to `scratch.introductions`.
    private func introduce(_ hit: Lexicon.Hit, _ ph: Phrases, _ classifier: MentionClassifier, _ scratch: inout NameScratch) {
        // A name inside a quotation is not someone the narration goes on to call "he".
        guard !ph.inQuote(hit.tokens.lowerBound) else { return }
        let run = classifier.run(from: hit.tokens.upperBound, limit: ph.tokens.count)
        guard run.count >= (ph.lexicon.hit(.title, startingAt: hit.tokens.lowerBound) == nil ? 2 : 1) else { return }
        // "a former Miss Universe": a title after an indefinite article names a title, not a person.
        if run.count == 1, (1...2).contains(where: { ph.isWord(hit.tokens.lowerBound - $0, "a") || ph.isWord(hit.tokens.lowerBound - $0, "an") }) { return }
        // "Charlotte Mayor Jennifer Roberts said": capitalised words before the title still open the sentence.
        var first = hit.tokens.lowerBound
        while first > 0, MentionClassifier.isNameToken(ph, first - 1), !scratch.firstTokens.sortedContains(first) { first -= 1 }
        // "Mr. Pell's plan": the owner is Pell, and not the sentence's subject.
        var name = ph.byteRange(run)
        let owner = Bytes.endsInPossessive(bytes(name))
        if owner { name = name.lowerBound..<name.lowerBound + Resolver.withoutPossessive(bytes(name)) }
        scratch.introductions.append((name, ph.byteRange(hit.tokens),
                    ph.tokens[run.lowerBound].start, run.count,
                    context.rulebook.gender(hit.rule), scratch.firstTokens.sortedContains(first) && !owner,
                    ph.byteRange(max(0, hit.tokens.lowerBound - 3)..<hit.tokens.upperBound)))
    }

    /// Files the introductions' holders by role slot, each slot's in position order (a stable
    /// sort, so holders at one position keep the order they were introduced in).
    mutating func fileIntroduced(_ held: inout [(slot: Int, holder: Holder)]) {
        held.sort { $0.slot != $1.slot ? $0.slot < $1.slot : $0.holder.position < $1.holder.position }
        introduced.reserveCapacity(held.count)
        introducedStart.reserveCapacity(later.count + 1)
        var k = 0
        for slot in later.indices {
            introducedStart.append(k)
            while k < held.count, held[k].slot == slot { introduced.append(held[k].holder); k += 1 }
        }
        introducedStart.append(k)
    }

    /// "Nora Pell ran the plant. She said …": a sentence that opens with "he" or "she" right
    /// after a sentence whose only person is its subject tells that person's gender.
    mutating func inferGendersFromPronounSubjects() {
        // Only a sentence right after one with a person mentioned can tell a gender: those are
        // read, in text order, instead of every sentence of the article. Mentions are sorted by
        // position, so by sentence too.
        var i = 0, p = 0, base = 0
        while i < personMentions.count {
            let previous = personMentions[i].sentence
            var end = i + 1
            while end < personMentions.count, personMentions[end].sentence == previous { end += 1 }
            let before = personMentions[i..<end]
            i = end
            let s = previous + 1
            guard s > 0 else { continue }
            // The paragraph holding sentence `s`, walked to as `s` grows.
            while p < context.paragraphs.count, s >= base + context.paragraphs[p].sentences.count {
                base += context.paragraphs[p].sentences.count
                p += 1
            }
            guard p < context.paragraphs.count else { break }
            // The mentions first: most sentences' people tell no gender (not one subject, or a
            // gender known already), and their next sentence's tokens need not be read.
            guard let only = before.first, only.subject, before.allSatisfy({ $0.source == only.source }), genders[only.source] == nil else { continue }
            // Tokens and bytes only: building the paragraph's Phrases showed in the profile.
            let tokens = context.paragraphs[p].tokens
            guard let k = context.paragraphs[p].sentences[s - base].tokens.first(where: { tokens[$0].isWordLike }) else { continue }
            let gender: Gender? = isWord(tokens[k], "he") ? .male : isWord(tokens[k], "she") ? .female : nil
            guard let gender else { continue }
            genders[only.source] = gender
        }
    }

    /// Runs of two to four capitalised name tokens that are not organisations, outlets or titles.
    /// Each with its position and whether it opens its sentence (the subject, for pronouns).
    /// A name is its byte range in the document, `spaced` when it has more than one word.
    /// Appended to `scratch.names`; `firstCapital` is the paragraph's first capitalised word outside quotations.
    func plainNames(in p: Int, from firstCapital: Int, _ ph: Phrases, _ classifier: MentionClassifier, _ scratch: inout NameScratch) {
        let lexicon = ph.lexicon, prepositions = scratch.prepositions
        scratch.openers.removeAll()
        scratch.afterOpening.removeAll()
        // One walk over the sentences for both lists.
        for sentence in context.paragraphs[p].sentences {
            guard let o = sentence.tokens.first(where: { ph.tokens[$0].isWordLike }) else { continue }
            scratch.openers.append(o)
            // "On Monday night, Pell …": a name right after an opening time or place phrase and
            // its comma is the subject too.
            guard lexicon.hit(.leadingAdverbial, startingAt: o) != nil
                || ph.isWord(o, in: scratch.openingPrepositions) else { continue }
            var j = o + 1
            while j < ph.tokens.count, j - o < 8, !ph.isComma(j) { j += 1 }
            if ph.isComma(j) { scratch.afterOpening.append(j + 1) }
        }
        // Openers are in token order already; both are searched, not hashed. Most paragraphs
        // have one such phrase at most: no sort call for them.
        if scratch.afterOpening.count > 1 { scratch.afterOpening.sort() }
        // Asked at `k` and then at its run's start, neither ever before the last position asked.
        var openers = SortedCursor(), afterOpening = SortedCursor()
        var k = firstCapital
        while k < ph.tokens.count {
            // Most tokens are not capitalised: passed in a tight walk over the token buffer
            // instead of one checked subscript and trip round this loop each.
            // Quoted capitals too: none opens a name.
            k = ph.tokens.withUnsafeBufferPointer { Resolver.nextNameStart($0, from: k) }
            guard k < ph.tokens.count else { break }
            // A lone capitalised word is a name only as a subject: without a name token after
            // it, its run is this word at most, so one that opens nothing is passed by at once.
            guard openers.contains(k, in: scratch.openers) || afterOpening.contains(k, in: scratch.afterOpening) || MentionClassifier.isNameToken(ph, k + 1),
                  !Resolver.mayBeDeterminer(ph, k) || !ph.isDeterminer(k),
                  !Resolver.opensNoName(lexicon.hits(startingIn: k..<k + 1)) else { k += 1; continue }
            let run = classifier.run(from: k, limit: ph.tokens.count)
            defer { k = max(k + 1, run.upperBound) }
            // Not a subject: a run with a capitalised preposition ("In Honolulu", "Railing Against
            // Trump"), an all-capitals label ("QUESTIONABLE CLAIMS") or an owner ("Nora Pell's").
            let subject = (openers.contains(run.lowerBound, in: scratch.openers) || afterOpening.contains(run.lowerBound, in: scratch.afterOpening))
                && !run.contains { j in ph.isWord(j, in: prepositions) || isAllCaps(ph, j) }
                && (run.isEmpty || !Bytes.endsInPossessive(UnsafeBufferPointer(rebasing: ph.bytes[ph.byteRange(run)])))
            guard (2...4).contains(run.count) || (run.count == 1 && subject), let last = run.last, ph.tokens[last].isCapitalized,
                  !run.contains(where: { j in lexicon.hits(startingIn: j..<j + 1).contains { Resolver.namesNoPerson($0.category) } })
            else { continue }
            // The last two words: "Rival Hillary Clinton" and "Republican Donald Trump" name
            // Hillary Clinton and Donald Trump; a middle initial keeps three ("John F. Kennedy").
            let initial = run.count >= 3 && (ph.tokens[last - 1].end - ph.tokens[last - 1].start <= 2 || ph.isNameParticle(last - 1))
            let nameStart = run.count == 1 ? last : initial ? last - 2 : last - 1
            // "Railing Against Trump": a preposition is no first name.
            if ph.isWord(nameStart, in: prepositions) { continue }
            let name = ph.byteRange(nameStart..<last + 1)
            scratch.names.append((name, ph.tokens[run.lowerBound].start, subject, bytes(name).contains(0x20)))
        }
    }

    /// The first capitalised word outside quotations from `k` on, `t.count` if none: the only
    /// tokens that may open a plain name. Inlined: this walk passes every token of every
    /// paragraph with a capital, and a call per capital cost more than the walk saved. Testing
    /// four tokens' tags at a time measured no better: a news paragraph has a capital every
    /// few tokens.
    @inline(__always)
    static func nextNameStart(_ t: UnsafeBufferPointer<Token>, from k: Int) -> Int {
        var j = max(k, 0)
        while j < t.count {
            while j < t.count, !t[j].isCapitalized { j += 1 }
            guard j < t.count else { break }
            if t[j].kind == .word, !t[j].tags.contains(.inQuote) { return j }
            j += 1
        }
        return t.count
    }

    /// The five look-ups that keep a capital from opening a name, in one walk over the hits at
    /// its token (longest first): a title or leading adverbial, or a one-word clause boundary or
    /// pronoun as the longest hit of its category (what `Lexicon.has(_:at:)` asks).
    static func opensNoName(_ hits: Lexicon.Hits) -> Bool {
        var seen: UInt8 = 0
        for h in hits {
            let bit: UInt8
            switch h.category {
            case .title, .leadingAdverbial: return true
            case .clauseBoundary: bit = 1
            case .pronounPerson: bit = 2
            case .pronounGroup: bit = 4
            default: continue
            }
            if seen & bit == 0 {
                if h.tokens.count == 1 { return true }
                seen |= bit
            }
        }
        return false
    }

    /// A hit of this category on a word of a run makes it no personal name.
    static func namesNoPerson(_ c: RuleCategory) -> Bool {
        switch c {
        case .outlet, .organisation, .organisationSuffix, .title: return true
        default: return false
        }
    }

    /// Token `t` is `word` in any case (as `Phrases.isWord`, without building Phrases).
    func isWord(_ t: Token, _ word: StaticString) -> Bool {
        guard t.end - t.start == word.utf8CodeUnitCount else { return false }
        for k in 0..<word.utf8CodeUnitCount where Bytes.lower(context.bytes[t.start + k]) != word.utf8Start[k] { return false }
        return true
    }

    /// Could token `i` be one of `Phrases.isDeterminer`'s words? Five bytes at most, opening
    /// with a, h, i, o or t ("the", "his", "its", "our", "an"): the rest skip its twelve comparisons.
    static func mayBeDeterminer(_ ph: Phrases, _ i: Int) -> Bool {
        let t = ph.tokens[i]
        guard t.end - t.start <= 5 else { return false }
        switch Bytes.lower(ph.bytes[t.start]) {
        case 0x61, 0x68, 0x69, 0x6F, 0x74: return true
        default: return false
        }
    }
}
