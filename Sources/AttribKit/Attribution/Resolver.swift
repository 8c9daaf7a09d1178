/// Resolves each attribution's source mention to one Source: a pronoun to the last compatible
/// person or group, a role or title to the person the article introduced with it, a surname to
/// the full name, and aliases to their canonical name.
struct Resolver {
    let context: SieveContext
    private(set) var sources: [Source] = []
    /// By source id: where a person's name lies in the text while its String is unbuilt. Most
    /// people an article names are never quoted, and their sources are dropped unnamed.
    var nameInText: [Range<Int>?] = []
    /// Roles, organisations and the rest by "kind:lower-cased name" (all lower-case already).
    var byKey = NameTable()
    /// People by lower-cased name: their own table, so the hot look-up builds no key string.
    var byPersonName = NameTable()
    /// A role's key (`withRoleKey`) → its slot in `holders`: hashed from the document's bytes,
    /// so an introduction builds no String for its role.
    var roleSlots = NameTable()
    /// The people introduced with a role, each slot's in position order, in one list kept by the
    /// worker: slot `s` has `introduced[introducedStart[s]..<introducedStart[s + 1]]`, and a slot
    /// made after the introductions has none. A list per slot was an allocation each.
    var introduced: [Holder] = []
    var introducedStart: [Int] = []
    /// By role slot: the holders met while resolving ("Gov. Pence said"), in position order.
    var later: [[Holder]] = []
    /// Person mentions by byte position, for pronouns.
    var personMentions: [Candidate] = []
    /// During resolution: introduced mentions not yet passed, in position order.
    var upcoming: [Candidate] = []
    var nextUpcoming = 0
    var groupMentions: [(position: Int, source: Int)] = []
    /// How often the attributions name each person, by lower-cased name.
    var speakerCounts = NameTable()
    /// What the article shows of a person's gender (a title, a role word, a pronoun subject).
    var genders = GenderTable()
    /// First byte of every sentence, in text order, so a position finds its sentence.
    var sentenceStarts: [Int] = []
    /// The text of every mention resolved to a source, in resolution order, each linked to the
    /// next of its source: what `Source.forms` is built from when a report reads it.
    private var formTexts: [String] = []
    private var formNext: [Int32] = []
    /// By source id: its latest entry in `formTexts`, -1 for none yet.
    var lastForm: [Int32] = []
    /// Room the form log is given at its first entry: the attributions, counted before the walk,
    /// which reads each mention in place inside the list's access.
    private var formCapacity = 0

    typealias Gender = RuleGroup.Gender

    /// Genders by source id in an array: a pronoun reads one for every candidate it passes.
    struct GenderTable {
        private var list: [Gender?] = []
        subscript(id: Int) -> Gender? {
            get { id >= 0 && id < list.count ? list[id] : nil }
            set {
                guard id >= 0 else { return }
                if id >= list.count { list.append(contentsOf: repeatElement(nil, count: id + 1 - list.count)) }
                list[id] = newValue
            }
        }
    }
    /// Someone holding a role, where, and the bytes of the words around that mention (for
    /// modifiers): lower-cased only when a role phrase has modifiers to look for, which few do.
    typealias Holder = (position: Int, source: Int, context: Range<Int>)

    /// A person a pronoun may stand for; a sentence subject is preferred over a name later in
    /// the same sentence (an object, a title in passing).
    struct Candidate {
        var position: Int
        var source: Int
        var sentence: Int
        var subject: Bool
    }

    static let openingPrepositions: WordList = ["in", "on", "at", "after", "before", "during", "since", "when", "while"]
    static let prepositions = WordList(openingPrepositions.words + ["for", "against", "with", "from", "by", "to", "as", "about", "of", "over", "under"])

    init(context: SieveContext) {
        self.context = context
        // An article names a few dozen sources and a handful of roles: one allocation each
        // instead of doubling up to them (the order the role table is walked in changes nothing).
        // The name tables and lists a worker's previous document left, emptied: six tables of
        // three arrays each were allocated for every document.
        swapTables(context.scratch.resolver)
        sources.reserveCapacity(32)
        nameInText.reserveCapacity(32)
        lastForm.reserveCapacity(32)
        later.reserveCapacity(8)
    }

    mutating func resolve() {
        // Appended in place: a mapped array per paragraph cost an allocation each; counted
        // first, so the list is allocated once instead of doubling up to its size.
        var sentenceCount = 0
        for p in context.paragraphs.indices { sentenceCount += context.paragraphs[p].sentences.count }
        sentenceStarts.reserveCapacity(sentenceCount)
        for p in context.paragraphs.indices {
            for sentence in context.paragraphs[p].sentences { sentenceStarts.append(sentence.range.lowerBound) }
        }
        introducePeople()
        // Text order, so a pronoun sees the speakers of the attributions before it.
        // Sort keys read once: the comparator copied an attribution's mention at every step.
        let starts = context.attributions.map { $0.mention?.range.lowerBound ?? Int.max }
        let order = starts.indices.sorted { starts[$0] < starts[$1] }
        // The mentions the introductions found are fed in as the walk passes them, so a speaker
        // is appended, not inserted mid-array (inserting made long transcripts quadratic).
        // Exchanged, so both lists stay the worker's kept ones.
        swap(&upcoming, &personMentions)
        personMentions.removeAll(keepingCapacity: true)
        // Each attribution adds one mention at most: room for all of them at once.
        personMentions.reserveCapacity(upcoming.count + context.attributions.count)
        formCapacity = context.attributions.count
        let context = context
        for i in order {
            // Lent in place, as the rest of the walk needs only its position: copied out, the
            // mention's four strings were retained and released for every attribution.
            guard let (id, position) = context.withMention(i, { m in (resolve(m, at: m.range.lowerBound), m.range.lowerBound) }) else { continue }
            if let id {
                if sources[id].kind == .person {
                    advance(through: position)
                    personMentions.insertSorted(Candidate(position: position, source: id, sentence: sentence(at: position), subject: true)) { $0.position }
                } else {
                    if groupMentions.isEmpty { groupMentions.reserveCapacity(context.attributions.count) }
                    groupMentions.insertSorted((position, id)) { $0.position }
                }
            }
            let via = context.attributions[i].viaMentions.compactMap { resolve($0, at: $0.range.lowerBound) }
            if let id { buildName(id) }
            for v in via { buildName(v) }
            context.setSpeaker(i, id, via: via)
        }
        linkForms()
        recycleTables()
    }

    /// Gives every source with a logged form the shared log its chain is in.
    private mutating func linkForms() {
        guard !formTexts.isEmpty else { return }
        let log = FormLog(texts: formTexts, next: formNext)
        for s in sources.indices where sources[s].firstForm >= 0 { sources[s].log = log }
    }

    /// Gives a referenced source the name it has in the text, if not built yet.
    private mutating func buildName(_ id: Int) {
        guard let r = nameInText[id] else { return }
        sources[id].name = String(decoding: bytes(r), as: UTF8.self)
        nameInText[id] = nil
    }

    /// Moves the introduced mentions at or before `position` into `personMentions`.
    mutating func advance(through position: Int) {
        while nextUpcoming < upcoming.count, upcoming[nextUpcoming].position <= position {
            personMentions.append(upcoming[nextUpcoming])
            nextUpcoming += 1
        }
    }

    func sentence(at position: Int) -> Int {
        let lo = sentenceStarts.partitionPoint { $0 <= position }
        return lo - 1
    }

    /// Logs a mention's text as a form of source `id` (trimmed and deduplicated when read).
    mutating func addForm(_ id: Int, _ text: String) {
        let k = Int32(truncatingIfNeeded: formTexts.count)
        if k == 0 { formTexts.reserveCapacity(formCapacity); formNext.reserveCapacity(formCapacity) }
        formTexts.append(text)
        formNext.append(-1)
        let last = Int(lastForm[id])
        if last >= 0 { formNext[last] = k } else { sources[id].firstForm = k }
        lastForm[id] = k
    }

    /// Last one or two words of every full name, lower-cased, to the person: how a surname
    /// ("al-Sudani", "Van Rijn") finds the full name without scanning every source.
    var bySurname = NameTable()
    /// Surnames two people in the article share ("Jeh Johnson", "Gary Johnson").
    var sharedSurnames = NameTable()

    /// A shared surname is the person with it mentioned last before `position`.
    func nearest(surname written: String, before position: Int) -> Int? {
        // Most articles share no surname: no lower-casing then.
        guard !sharedSurnames.isEmpty, sharedSurnames.find(name: written) != nil else { return nil }
        return nearest(shared: written, before: position)
    }

    /// The person last mentioned before `position` whose name ends in `written`, a surname
    /// `sharedSurnames` holds.
    func nearest(shared written: String, before position: Int) -> Int? {
        let surname = Resolver.lowered(written)
        let lo = personMentions.partitionPoint { $0.position < position }
        for k in stride(from: lo - 1, through: max(0, lo - 40), by: -1) {
            let id = personMentions[k].source
            let ends = if let r = nameInText[id] { Resolver.endsInWord(bytes(r), surname) } else { Resolver.endsInWord(sources[id].name, surname) }
            if ends { return id }
        }
        return nil
    }

    /// `lowered(name).hasSuffix(" " + surname)`, by byte when both are ASCII (where Characters
    /// are bytes but for CR LF, which no suffix opening with a space can split).
    static func endsInWord(_ name: String, _ surname: String) -> Bool {
        var name = name
        return name.withUTF8 { endsInWord($0, surname) }
    }

    /// `endsInWord` of the name these bytes spell.
    static func endsInWord(_ n: UnsafeBufferPointer<UInt8>, _ surname: String) -> Bool {
        var surname = surname
        let ascii = surname.withUTF8 { s -> Bool? in
            guard n.allSatisfy({ $0 < 0x80 }), s.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard n.count > s.count, n[n.count - s.count - 1] == 0x20 else { return false }
            let base = n.count - s.count
            for k in 0..<s.count where Bytes.lower(n[base + k]) != s[k] { return false }
            return true
        }
        return ascii ?? Resolver.lowered(n).hasSuffix(" " + surname)
    }

    /// Adds a source, returning its id; the only way sources are added. A person's name may be
    /// left in the text (`nameAt`), built only if an attribution refers to them.
    /// Built in place: a Source passed in was copied, its optional fields through outlined copies.
    mutating func add(name: String, kind: SourceKind, nameAt range: Range<Int>? = nil) -> Int {
        sources.append(Source(name: name, kind: kind))
        nameInText.append(range)
        lastForm.append(-1)
        return sources.count - 1
    }

    /// The entity filed under `prefix` and the lower-cased text (`normalized` when `normalise`),
    /// added if new. The key is built in bytes where the text lowers by byte, as the joined and
    /// lower-cased String would be: a prefix, a concatenation and two lower-cased Strings a mention.
    /// The prefix is a lower-case ASCII literal ("document:"): joined to the text, it was a
    /// String concatenation a mention, and it needs no lower-casing.
    /// A new entity is named `name`, or without it the text trimmed of commas and spaces: trimmed
    /// only for a new one.
    mutating func entity(_ prefix: StaticString, _ text: String, normalise: Bool, name: String?, kind: SourceKind) -> Int {
        // A copy read in place, so the closure can still pass `text` on for a new entity's name.
        var utf8 = text
        let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        let fast: Int? = utf8.withUTF8 { u in
            guard Resolver.lowersByByte(u) else { return nil }
            var s = 0, e = u.count
            if normalise {
                // `stripDeterminer`, then `trimmingCharacters(in: ", ")`: lower-casing by byte
                // leaves commas and spaces where they are, so trimming first is the same.
                if e >= 4, u[0] == 0x74 || u[0] == 0x54, u[1] == 0x68, u[2] == 0x65, u[3] == 0x20 { s = 4 }
                while s < e, u[s] == 0x2C || u[s] == 0x20 { s += 1 }
                while e > s, u[e - 1] == 0x2C || u[e - 1] == 0x20 { e -= 1 }
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: p.count + e - s) { out in
                _ = out.initialize(from: p)
                Resolver.lower(UnsafeBufferPointer(rebasing: u[s..<e]), into: UnsafeMutableBufferPointer(rebasing: out[p.count...]))
                return entity(key: UnsafeBufferPointer(out), name: name, text: text, kind: kind)
            }
        }
        if let fast { return fast }
        return Resolver.withKey(prefix.description + (normalise ? Resolver.normalized(text) : Resolver.lowered(text))) {
            entity(key: $0, name: name, text: text, kind: kind)
        }
    }

    private mutating func entity(key: UnsafeBufferPointer<UInt8>, name: String?, text: String, kind: SourceKind) -> Int {
        let found = byKey.look(key)
        if let id = byKey.value(found) { return id }
        let id = add(name: name ?? text.trimmingCharacters(in: ", "), kind: kind)
        byKey.insert(key, id, found)
        return id
    }

    /// Borrowed: passed as a copy, an attribution's mention retained and released its strings.
    mutating func resolve(_ m: borrowing Mention, at position: Int) -> Int? {
        advance(through: position - 1)
        var id: Int?
        if m.isPronoun {
            if !m.pronounIsGroup { return antecedent(of: m, at: position) }
            return Resolver.last(before: position, in: groupMentions) ?? antecedent(of: m, at: position)
        }
        // The name of a new role, document or vague source: trimmed only for a new one.
        switch m.kind {
        case .person:
            if let name = m.name {
                id = Resolver.hasSpace(name) ? person(named: name) : person(surname: name, before: position)
                if let role = m.role, let id {
                    let slot = Resolver.withKey(role) { roleSlot(adding: $0) }
                    // Their own list, appended in text order: inserting into the introductions'
                    // list (copied out and back) made a long article with one recurring title quadratic.
                    later[slot].insertSorted((position, id, m.range)) { $0.position }
                }
            }
        case .role:
            if let role = m.role, !ownedByPerson(m.text), let holder = holder(of: role, at: position, phrase: m.text)
                ?? holder(of: Resolver.headRole(role), at: position, phrase: m.text) { id = holder }
            else { id = entity("role:", m.text, normalise: true, name: nil, kind: .role) }
        case .outlet, .organisation:
            let name = m.canonical ?? Resolver.stripDeterminer(m.text)
            id = entity("org:", name, normalise: false, name: name, kind: m.kind)
        case .document, .vague, .unresolved:
            // The kinds' raw values ("document", "vague", "unresolved") with a colon.
            let prefix: StaticString = switch m.kind { case .document: "document:"; case .vague: "vague:"; default: "unresolved:" }
            id = entity(prefix, m.text, normalise: true, name: nil, kind: m.kind)
        }
        if let id { addForm(id, m.text) }
        return id
    }

    /// "Mr. Pell's wife", "advisers to Mr. Pell": the role belongs to someone named, so it is
    /// not whoever the article introduced with that role.
    func ownedByPerson(_ text: String) -> Bool {
        var text = text
        // The tables, not `self`, in the closures: capturing the resolver copied all of it.
        let surnames = bySurname, people = byPersonName
        return text.withUTF8 { u in
            // Words as byte ranges: a Substring and a Character-wise `dropLast` for each cost
            // thousands of instructions a phrase.
            var afterToOrFor = false
            return Resolver.anyWord(u) { w in
                if afterToOrFor, Resolver.isCapitalised(w) { return true }
                afterToOrFor = Resolver.isWord(w, "to") || Resolver.isWord(w, "for")
                // One key for both tables.
                return Bytes.endsInPossessive(w) && Resolver.withKey(UnsafeBufferPointer(rebasing: w[..<Resolver.withoutPossessive(w)])) {
                    let h = NameTable.hash($0)
                    return surnames[$0, hashed: h] != nil || people[$0, hashed: h] != nil
                }
            }
        }
    }
}

extension Mention {
    /// Hands the mention to `body` borrowed. Mutating only so that `list[i].mention?.lend`
    /// reaches it in place through the list's modify access: a read copied it out.
    @inline(__always) mutating func lend<R>(_ body: (borrowing Mention) -> R) -> R { body(self) }
}
