/// Resolves each attribution's source mention to one Source: a pronoun to the last compatible
/// person or group, a role or title to the person the article introduced with it, a surname to
/// the full name, and aliases to their canonical name.
struct Resolver {
    let context: SieveContext
    private(set) var sources: [Source] = []
    private var byKey: [String: Int] = [:]
    /// People by lower-cased name: their own table, so the hot look-up builds no key string.
    private var byPersonName: [String: Int] = [:]
    /// Role or title → the person introduced with it anywhere in the article.
    private var roleHolders: [String: Int] = [:]
    /// Person mentions by byte position, for pronouns.
    private var personMentions: [(position: Int, source: Int)] = []
    private var groupMentions: [(position: Int, source: Int)] = []

    init(context: SieveContext) { self.context = context }

    mutating func resolve() {
        introducePeople()
        for i in context.attributions.indices {
            guard let mention = context.attributions[i].mention else { continue }
            let position = mention.range.lowerBound
            let id = resolve(mention, at: position)
            context.setSpeaker(i, id, via: [])
            if let id {
                if sources[id].kind == .person { Resolver.insert((position, id), into: &personMentions) } else { Resolver.insert((position, id), into: &groupMentions) }
            }
            let via = context.attributions[i].viaMentions.compactMap { resolve($0, at: $0.range.lowerBound) }
            context.setSpeaker(i, context.attributions[i].speaker ?? nil, via: via)
        }
    }

    /// Title + name anywhere in the text introduces a person and what the article calls them.
    private mutating func introducePeople() {
        var introductions: [(name: String, role: String, position: Int, words: Int)] = []
        for p in context.paragraphs.indices {
            let classifier = context.classifier(p)
            for hit in context.lexicons[p].hits(.title) + context.lexicons[p].hits(.role) {
                let run = classifier.run(from: hit.tokens.upperBound, limit: context.paragraphs[p].tokens.count)
                guard run.count >= (context.lexicons[p].hit(.title, startingAt: hit.tokens.lowerBound) == nil ? 2 : 1) else { continue }
                introductions.append((classifier.phrases.text(run), classifier.phrases.text(hit.tokens).lowercased(),
                                      context.paragraphs[p].tokens[run.lowerBound].start, run.count))
            }
        }
        // Full names first, so "Mr. Ferreira" joins "Tomas Ferreira" wherever each appears.
        for (name, role, position, _) in introductions.sorted(by: { $0.words > $1.words }) {
            let id = person(named: name)
            if roleHolders[role] == nil { roleHolders[role] = id }
            personMentions.append((position, id))
        }
        personMentions.sort { $0.position < $1.position }
        // Any other full name the article uses ("Donald Trump") lets a bare surname ("Trump")
        // resolve to it; these names are not candidates for pronouns.
        for name in plainNames() {
            _ = person(named: name)
        }
    }

    /// Mentions stay sorted by position, so the one before a pronoun is a binary search away.
    static func insert(_ m: (position: Int, source: Int), into list: inout [(position: Int, source: Int)]) {
        var lo = 0, hi = list.count
        while lo < hi { let mid = (lo + hi) / 2; if list[mid].position <= m.position { lo = mid + 1 } else { hi = mid } }
        list.insert(m, at: lo)
    }

    static func last(before position: Int, in list: [(position: Int, source: Int)]) -> Int? {
        var lo = 0, hi = list.count
        while lo < hi { let mid = (lo + hi) / 2; if list[mid].position < position { lo = mid + 1 } else { hi = mid } }
        return lo > 0 ? list[lo - 1].source : nil
    }

    /// Runs of two to four capitalised name tokens that are not organisations, outlets or titles.
    private func plainNames() -> [String] {
        var names: [String] = []
        for p in context.paragraphs.indices {
            let ph = context.phrases(p)
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
                guard (2...4).contains(run.count), let last = run.last, ph.tokens[last].isCapitalized,
                      !run.contains(where: { lexicon.hit(.outlet, startingAt: $0) != nil || lexicon.hit(.organisation, startingAt: $0) != nil
                          || lexicon.hit(.organisationSuffix, startingAt: $0) != nil || lexicon.hit(.title, startingAt: $0) != nil })
                else { continue }
                // The last two words: "Rival Hillary Clinton" and "Republican Donald Trump" name
                // Hillary Clinton and Donald Trump; a middle initial keeps three ("John F. Kennedy").
                let initial = run.count >= 3 && (ph.tokens[last - 1].end - ph.tokens[last - 1].start <= 2 || ph.isNameParticle(last - 1))
                names.append(ph.text((initial ? last - 2 : last - 1)..<last + 1))
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

    private mutating func person(named name: String) -> Int {
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
            if bySurname[suffix] == nil { bySurname[suffix] = id }
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
            let pool = m.pronounIsGroup ? groupMentions : personMentions
            id = Resolver.last(before: position, in: pool)
            if id == nil, m.pronounIsGroup { id = Resolver.last(before: position, in: personMentions) }
            return id
        }
        switch m.kind {
        case .person:
            if let name = m.name {
                id = person(named: name)
                if let role = m.role, roleHolders[role] == nil { roleHolders[role] = id }
            }
        case .role:
            if let role = m.role, let holder = roleHolders[role] ?? roleHolders[Resolver.headRole(role)] { id = holder }
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
