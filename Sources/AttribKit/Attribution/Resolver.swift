/// Resolves each attribution's source mention to one Source: a pronoun to the last compatible
/// person or group, a role or title to the person the article introduced with it, a surname to
/// the full name, and aliases to their canonical name.
struct Resolver {
    let context: SieveContext
    private(set) var sources: [Source] = []
    private var byKey: [String: Int] = [:]
    /// People by lower-cased name: their own table, so the hot look-up builds no key string.
    private var byPersonName: [String: Int] = [:]
    /// Role or title → the people introduced with it, by position.
    private var roleHolders: [String: [(position: Int, source: Int, context: String)]] = [:]
    /// Person mentions by byte position, for pronouns.
    private var personMentions: [Candidate] = []
    private var groupMentions: [(position: Int, source: Int)] = []
    /// What the article shows of a person's gender (a title, a role word, a pronoun subject).
    private var genders: [Int: Gender] = [:]
    /// First byte of every sentence, in text order, so a position finds its sentence.
    private var sentenceStarts: [Int] = []

    enum Gender { case male, female }

    /// A person a pronoun may stand for; a sentence subject is preferred over a name later in
    /// the same sentence (an object, a title in passing).
    struct Candidate {
        var position: Int
        var source: Int
        var sentence: Int
        var subject: Bool
    }

    /// Rule groups whose words mark the person they introduce as a man or a woman.
    static let genderedGroups: [String: Gender] = ["female-titles": .female, "female-roles": .female,
                                                   "male-titles": .male, "male-roles": .male]

    static let openingPrepositions: [StaticString] = ["in", "on", "at", "after", "before", "during", "since", "when", "while"]
    static let prepositions: [StaticString] = openingPrepositions + ["for", "against", "with", "from", "by", "to", "as", "about", "of", "over", "under"]

    private func isAllCaps(_ ph: Phrases, _ j: Int) -> Bool {
        let t = ph.tokens[j]
        guard t.end - t.start >= 2 else { return false }
        return !(t.start..<t.end).contains { Bytes.isLower(ph.bytes[$0]) }
    }

    /// Abbreviated titles and the role word an article uses for the same office later
    /// ("Gov. Mike Pence" … "the Indiana governor").
    static let titleRoles: [String: String] = ["gov.": "governor", "sen.": "senator", "rep.": "representative",
                                               "gen.": "general", "lt. gov.": "lieutenant governor", "prof.": "professor",
                                               "sheriff": "sheriff", "mayor": "mayor", "governor": "governor", "senator": "senator"]

    init(context: SieveContext) { self.context = context }

    mutating func resolve() {
        for p in context.paragraphs.indices { sentenceStarts += context.paragraphs[p].sentences.map(\.range.lowerBound) }
        introducePeople()
        // Text order, so a pronoun sees the speakers of the attributions before it.
        let order = context.attributions.indices.sorted {
            (context.attributions[$0].mention?.range.lowerBound ?? Int.max) < (context.attributions[$1].mention?.range.lowerBound ?? Int.max)
        }
        for i in order {
            guard let mention = context.attributions[i].mention else { continue }
            let position = mention.range.lowerBound
            let id = resolve(mention, at: position)
            context.setSpeaker(i, id, via: [])
            if let id {
                if sources[id].kind == .person {
                    Resolver.insert(Candidate(position: position, source: id, sentence: sentence(at: position), subject: true), into: &personMentions)
                } else { Resolver.insert((position, id), into: &groupMentions) }
            }
            let via = context.attributions[i].viaMentions.compactMap { resolve($0, at: $0.range.lowerBound) }
            context.setSpeaker(i, context.attributions[i].speaker ?? nil, via: via)
        }
    }

    private func sentence(at position: Int) -> Int {
        var lo = 0, hi = sentenceStarts.count
        while lo < hi { let mid = (lo + hi) / 2; if sentenceStarts[mid] <= position { lo = mid + 1 } else { hi = mid } }
        return lo - 1
    }

    /// Title + name anywhere in the text introduces a person and what the article calls them.
    private mutating func introducePeople() {
        var introductions: [(name: String, role: String, position: Int, words: Int, gender: Gender?, subject: Bool, context: String)] = []
        for p in context.paragraphs.indices {
            let classifier = context.classifier(p)
            let ph = classifier.phrases
            let firstTokens = Set(context.paragraphs[p].sentences.map(\.tokens.lowerBound))
            for hit in context.lexicons[p].hits(.title) + context.lexicons[p].hits(.role) {
                // A name inside a quotation is not someone the narration goes on to call "he".
                guard !ph.inQuote(hit.tokens.lowerBound) else { continue }
                let run = classifier.run(from: hit.tokens.upperBound, limit: context.paragraphs[p].tokens.count)
                guard run.count >= (context.lexicons[p].hit(.title, startingAt: hit.tokens.lowerBound) == nil ? 2 : 1) else { continue }
                // "a former Miss Universe": a title after an indefinite article names a title, not a person.
                if run.count == 1, (1...2).contains(where: { ph.isWord(hit.tokens.lowerBound - $0, "a") || ph.isWord(hit.tokens.lowerBound - $0, "an") }) { continue }
                // "Charlotte Mayor Jennifer Roberts said": capitalised words before the title still open the sentence.
                var first = hit.tokens.lowerBound
                while first > 0, ph.isNameToken(first - 1), !firstTokens.contains(first) { first -= 1 }
                // "Mr. Pell's plan": the owner is Pell, and not the sentence's subject.
                var name = classifier.phrases.text(run)
                let owner = name.hasSuffix("'s") || name.hasSuffix("’s")
                if owner { name = String(name.dropLast(2)) }
                introductions.append((name, classifier.phrases.text(hit.tokens).lowercased(),
                                      context.paragraphs[p].tokens[run.lowerBound].start, run.count,
                                      Resolver.genderedGroups[hit.ruleID], firstTokens.contains(first) && !owner,
                                      ph.text(max(0, hit.tokens.lowerBound - 3)..<hit.tokens.upperBound).lowercased()))
            }
        }
        // Full names first, so "Mr. Ferreira" joins "Tomas Ferreira" wherever each appears.
        for (name, role, position, _, gender, subject, context) in introductions.sorted(by: { $0.words > $1.words }) {
            let id = person(named: name)
            roleHolders[Resolver.titleRoles[role] ?? role, default: []].append((position, id, context))
            if let gender, genders[id] == nil { genders[id] = gender }
            personMentions.append(Candidate(position: position, source: id, sentence: sentence(at: position), subject: subject))
        }
        // Any other full name the article uses ("Donald Trump") lets a bare surname ("Trump")
        // resolve to it; only one that opens a sentence is a candidate for pronouns.
        let names = plainNames()
        // Names inside sentences first: a sentence's first word may not belong to the name
        // ("Maybe Trump will …"), so an opening run whose surname is known is that person.
        for (name, _, subject) in names where name.contains(" ") && !subject { _ = person(named: name) }
        for (name, position, subject) in names where name.contains(" ") {
            let surname = name.split(separator: " ").last.map { $0.lowercased() } ?? ""
            let id = subject && byPersonName[name.lowercased()] == nil ? bySurname[surname] ?? person(named: name) : person(named: name)
            if subject { personMentions.append(Candidate(position: position, source: id, sentence: sentence(at: position), subject: true)) }
        }
        // A lone surname that opens a sentence ("Pell said …") is a subject when the article
        // gave the full name somewhere; otherwise it may be any capitalised word.
        // A source the attributions name ("Pell said") counts as such a name too.
        // Twice at least, so a stray capital ("Republican said") is not taken for a name.
        var speakerCounts: [String: Int] = [:]
        for a in context.attributions where a.mention?.kind == .person {
            if let n = a.mention?.name?.lowercased() { speakerCounts[n, default: 0] += 1 }
        }
        let speakerNames = Set(speakerCounts.filter { $0.value >= 2 }.keys)
        for (name, position, subject) in names where subject && !name.contains(" ") && !sharedSurnames.contains(name.lowercased()) {
            let lower = name.lowercased()
            // Looked up without caching, so "Johnson" still finds the nearest full name when its
            // own attribution is resolved.
            if let id = byPersonName[lower] ?? bySurname[lower] ?? (speakerNames.contains(lower) ? person(named: name) : nil) {
                personMentions.append(Candidate(position: position, source: id, sentence: sentence(at: position), subject: true))
            }
        }
        personMentions.sort { $0.position < $1.position }
        for k in roleHolders.keys { roleHolders[k]?.sort { $0.position < $1.position } }
        inferGendersFromPronounSubjects()
    }

    /// "Nora Pell ran the plant. She said …": a sentence that opens with "he" or "she" right
    /// after a sentence whose only person is its subject tells that person's gender.
    private mutating func inferGendersFromPronounSubjects() {
        var s = 0
        for p in context.paragraphs.indices {
            let ph = context.phrases(p)
            for sentence in context.paragraphs[p].sentences {
                defer { s += 1 }
                guard s > 0, let k = sentence.tokens.first(where: { ph.tokens[$0].isWordLike }) else { continue }
                let gender: Gender? = ph.isWord(k, "he") ? .male : ph.isWord(k, "she") ? .female : nil
                guard let gender else { continue }
                let before = personMentions.filter { $0.sentence == s - 1 }
                guard let only = before.first, only.subject, before.allSatisfy({ $0.source == only.source }), genders[only.source] == nil else { continue }
                genders[only.source] = gender
            }
        }
    }

    /// Mentions stay sorted by position, so the one before a pronoun is a binary search away.
    static func insert(_ m: (position: Int, source: Int), into list: inout [(position: Int, source: Int)]) {
        var lo = 0, hi = list.count
        while lo < hi { let mid = (lo + hi) / 2; if list[mid].position <= m.position { lo = mid + 1 } else { hi = mid } }
        list.insert(m, at: lo)
    }

    static func insert(_ m: Candidate, into list: inout [Candidate]) {
        var lo = 0, hi = list.count
        while lo < hi { let mid = (lo + hi) / 2; if list[mid].position <= m.position { lo = mid + 1 } else { hi = mid } }
        list.insert(m, at: lo)
    }

    static func last(before position: Int, in list: [(position: Int, source: Int)]) -> Int? {
        var lo = 0, hi = list.count
        while lo < hi { let mid = (lo + hi) / 2; if list[mid].position < position { lo = mid + 1 } else { hi = mid } }
        return lo > 0 ? list[lo - 1].source : nil
    }

    /// The person "he" or "she" stands for, from the nearest sentence with a compatible person:
    /// a woman for "she", else its subject, else the latest.
    private func antecedent(of m: Mention, at position: Int) -> Int? {
        let lower = m.text.lowercased()
        let gender: Gender? = lower == "he" || lower == "him" ? .male : lower == "she" || lower == "her" ? .female : nil
        var lo = 0, hi = personMentions.count
        while lo < hi { let mid = (lo + hi) / 2; if personMentions[mid].position < position { lo = mid + 1 } else { hi = mid } }
        // Compatible candidates of the sentence nearest before the pronoun, latest first.
        var inSentence: [Candidate] = []
        var k = lo - 1
        // A bounded walk: a pronoun looks back a few mentions, not over the whole article.
        while k >= 0, lo - k <= 40 {
            let c = personMentions[k]
            k -= 1
            if let gender, let g = genders[c.source], g != gender { continue }
            if let first = inSentence.first, c.sentence != first.sentence { break }
            inSentence.append(c)
        }
        // "she" and someone the article marks as a woman ("Ms. Jones"): she wins over a subject
        // of unknown gender. Not so for "he": unmarked people in news are mostly men, so "Mr."
        // on an object says little against the subject.
        let chosen = inSentence.first { c in gender == .female && genders[c.source] == .female }
            ?? inSentence.first { $0.subject } ?? inSentence.first
        return chosen?.source
    }

    /// The holder of a role nearest before `position`, else the first the article introduces.
    /// Capitalised words in the role phrase ("the Indiana governor", "the Republican nominee")
    /// must appear where the holder was introduced: an unmatched modifier leaves the role alone.
    private func holder(of role: String, at position: Int, phrase: String) -> Int? {
        guard let all = roleHolders[Resolver.titleRoles[role] ?? role] else { return nil }
        let words = phrase.split(separator: " ").dropFirst()
        // "Senator from Texas": only the words before a complement modify the role.
        let modifiers = words.prefix { !["of", "from", "for", "to", "in", "at", "with", "on"].contains($0) }.filter {
            $0.first?.isUppercase == true && !$0.hasSuffix("'s") && !$0.hasSuffix("’s") && !role.contains($0.lowercased())
        }.map { $0.lowercased() }
        let list = all.filter { h in modifiers.allSatisfy { h.context.contains($0) } }
        guard let first = list.first else { return nil }
        return list.last(where: { $0.position < position })?.source ?? first.source
    }

    /// Runs of two to four capitalised name tokens that are not organisations, outlets or titles.
    /// Each with its position and whether it opens its sentence (the subject, for pronouns).
    private func plainNames() -> [(name: String, position: Int, subject: Bool)] {
        var names: [(name: String, position: Int, subject: Bool)] = []
        for p in context.paragraphs.indices {
            let ph = context.phrases(p)
            let openerList = context.paragraphs[p].sentences.compactMap { $0.tokens.first { ph.tokens[$0].isWordLike } }
            let openers = Set(openerList)
            // "On Monday night, Pell …": a name right after an opening time or place phrase and
            // its comma is the subject too.
            var afterOpening = Set<Int>()
            for o in openerList where context.lexicons[p].hit(.leadingAdverbial, startingAt: o) != nil
                || Resolver.openingPrepositions.contains(where: { ph.isWord(o, $0) }) {
                var j = o + 1
                while j < ph.tokens.count, j - o < 8, !ph.isComma(j) { j += 1 }
                if ph.isComma(j) { afterOpening.insert(j + 1) }
            }
            let lexicon = context.lexicons[p]
            let classifier = context.classifier(p)
            var k = 0
            while k < ph.tokens.count {
                guard ph.tokens[k].isCapitalized, ph.tokens[k].kind == .word, !ph.inQuote(k), !ph.isDeterminer(k),
                      lexicon.hit(.title, startingAt: k) == nil, !lexicon.has(.clauseBoundary, at: k),
                      lexicon.hit(.leadingAdverbial, startingAt: k) == nil, !lexicon.has(.pronounPerson, at: k),
                      !lexicon.has(.pronounGroup, at: k) else { k += 1; continue }
                let run = classifier.run(from: k, limit: ph.tokens.count)
                defer { k = max(k + 1, run.upperBound) }
                // Not a subject: a run with a capitalised preposition ("In Honolulu", "Railing Against
                // Trump"), an all-capitals label ("QUESTIONABLE CLAIMS") or an owner ("Nora Pell's").
                let subject = (openers.contains(run.lowerBound) || afterOpening.contains(run.lowerBound))
                    && !run.contains { j in Resolver.prepositions.contains { ph.isWord(j, $0) } || isAllCaps(ph, j) }
                    && !ph.text(run).hasSuffix("'s") && !ph.text(run).hasSuffix("’s")
                guard (2...4).contains(run.count) || (run.count == 1 && subject), let last = run.last, ph.tokens[last].isCapitalized,
                      !run.contains(where: { lexicon.hit(.outlet, startingAt: $0) != nil || lexicon.hit(.organisation, startingAt: $0) != nil
                          || lexicon.hit(.organisationSuffix, startingAt: $0) != nil || lexicon.hit(.title, startingAt: $0) != nil })
                else { continue }
                // The last two words: "Rival Hillary Clinton" and "Republican Donald Trump" name
                // Hillary Clinton and Donald Trump; a middle initial keeps three ("John F. Kennedy").
                let initial = run.count >= 3 && (ph.tokens[last - 1].end - ph.tokens[last - 1].start <= 2 || ph.isNameParticle(last - 1))
                let nameStart = run.count == 1 ? last : initial ? last - 2 : last - 1
                // "Railing Against Trump": a preposition is no first name.
                if Resolver.prepositions.contains(where: { ph.isWord(nameStart, $0) }) { continue }
                names.append((ph.text(nameStart..<last + 1), ph.tokens[run.lowerBound].start, subject))
            }
        }
        return names
    }

    private mutating func addForm(_ id: Int, _ form: String) {
        if !sources[id].forms.contains(form) { sources[id].forms.append(form) }
    }

    /// Last one or two words of every full name, lower-cased, to the person: how a surname
    /// ("al-Sudani", "Van Rijn") finds the full name without scanning every source.
    private var bySurname: [String: Int] = [:]
    /// Surnames two people in the article share ("Jeh Johnson", "Gary Johnson").
    private var sharedSurnames: Set<String> = []

    /// A shared surname is the person with it mentioned last before `position`.
    private func nearest(surname: String, before position: Int) -> Int? {
        guard sharedSurnames.contains(surname) else { return nil }
        var lo = 0, hi = personMentions.count
        while lo < hi { let mid = (lo + hi) / 2; if personMentions[mid].position < position { lo = mid + 1 } else { hi = mid } }
        for k in stride(from: lo - 1, through: max(0, lo - 40), by: -1) {
            let id = personMentions[k].source
            if sources[id].name.lowercased().hasSuffix(" " + surname) { return id }
        }
        return nil
    }

    private mutating func person(named written: String) -> Int {
        // "Mr. Pell's plan": the person is Pell.
        let name = written.count > 3 && (written.hasSuffix("'s") || written.hasSuffix("’s")) ? String(written.dropLast(2)) : written
        let lower = name.lowercased()
        if let id = byPersonName[lower] { return id }
        // Word boundaries by byte: String.split walks Characters, which showed in the profile.
        let u = Array(lower.utf8)
        let spaces = u.indices.filter { u[$0] == 0x20 }
        if spaces.count <= 1, let id = bySurname[lower] {
            byPersonName[lower] = id
            return id
        }
        sources.append(Source(name: name, kind: .person, forms: []))
        let id = sources.count - 1
        byPersonName[lower] = id
        // Surname keys: the last word, then the last two ("van rijn").
        for space in spaces.suffix(2).reversed() {
            let suffix = String(decoding: u[(space + 1)...], as: UTF8.self)
            if bySurname[suffix] == nil { bySurname[suffix] = id } else if bySurname[suffix] != id { sharedSurnames.insert(suffix) }
        }
        return id
    }

    private mutating func entity(_ key: String, name: String, kind: SourceKind) -> Int {
        if let id = byKey[key] { return id }
        sources.append(Source(name: name, kind: kind, forms: []))
        byKey[key] = sources.count - 1
        return sources.count - 1
    }

    private mutating func resolve(_ m: Mention, at position: Int) -> Int? {
        var id: Int?
        if m.isPronoun {
            if !m.pronounIsGroup { return antecedent(of: m, at: position) }
            return Resolver.last(before: position, in: groupMentions) ?? antecedent(of: m, at: position)
        }
        switch m.kind {
        case .person:
            if let name = m.name {
                id = name.contains(" ") ? person(named: name) : nearest(surname: name.lowercased(), before: position) ?? person(named: name)
                if let role = m.role, let id {
                    let key = Resolver.titleRoles[role] ?? role
                    var list = roleHolders[key] ?? []
                    list.insert((position, id, m.text.lowercased()), at: list.firstIndex { $0.position > position } ?? list.count)
                    roleHolders[key] = list
                }
            }
        case .role:
            if let role = m.role, !ownedByPerson(m.text), let holder = holder(of: role, at: position, phrase: m.text)
                ?? holder(of: Resolver.headRole(role), at: position, phrase: m.text) { id = holder }
            else { id = entity("role:" + Resolver.normalized(m.text), name: m.text.trimmingCharacters(in: ", "), kind: .role) }
        case .outlet, .organisation:
            let name = m.canonical ?? Resolver.stripDeterminer(m.text)
            id = entity("org:" + name.lowercased(), name: name, kind: m.kind)
        case .document, .vague, .unresolved:
            id = entity("\(m.kind.rawValue):" + Resolver.normalized(m.text), name: m.text.trimmingCharacters(in: ", "), kind: m.kind)
        }
        if let id { addForm(id, m.text.trimmingCharacters(in: ", ")) }
        return id
    }

    /// "Mr. Pell's wife", "advisers to Mr. Pell": the role belongs to someone named, so it is
    /// not whoever the article introduced with that role.
    private func ownedByPerson(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        for (k, w) in words.enumerated() {
            if w.hasSuffix("'s") || w.hasSuffix("’s") {
                let owner = w.dropLast(2).lowercased()
                if bySurname[owner] != nil || byPersonName[owner] != nil { return true }
            }
            if (w == "to" || w == "for"), k + 1 < words.count, words[k + 1].first?.isUppercase == true { return true }
        }
        return false
    }

    /// "prime minister" from "iraq's prime minister"; "head" stays "head of …".
    static func headRole(_ role: String) -> String {
        role.split(separator: " ").filter { !$0.hasSuffix("'s") && !$0.hasSuffix("’s") }.joined(separator: " ")
    }

    static func stripDeterminer(_ s: String) -> String {
        for d in ["the ", "The "] where s.hasPrefix(d) { return String(s.dropFirst(d.count)) }
        return s
    }

    static func normalized(_ s: String) -> String {
        stripDeterminer(s).lowercased().trimmingCharacters(in: ", ")
    }
}

extension String {
    /// Without leading and trailing characters from an ASCII `set`.
    func trimmingCharacters(in set: StaticString) -> String {
        let chars = UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount)
        let u = Array(utf8)
        var s = 0, e = u.count
        while s < e, chars.contains(u[s]) { s += 1 }
        while e > s, chars.contains(u[e - 1]) { e -= 1 }
        return s == 0 && e == u.count ? self : String(decoding: u[s..<e], as: UTF8.self)
    }
}
