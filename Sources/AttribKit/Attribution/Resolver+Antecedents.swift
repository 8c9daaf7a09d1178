/// Choosing what a pronoun or a role refers to among the people mentioned before it.
extension Resolver {
    static func last(before position: Int, in list: [(position: Int, source: Int)]) -> Int? {
        let lo = list.partitionPoint { $0.position < position }
        return lo > 0 ? list[lo - 1].source : nil
    }

    /// The person "he" or "she" stands for, from the nearest sentence with a compatible person:
    /// a woman for "she", else its subject, else the latest.
    func antecedent(of m: Mention, at position: Int) -> Int? {
        let gender = Resolver.pronounGender(m.text)
        let lo = personMentions.partitionPoint { $0.position < position }
        // Compatible candidates of the sentence nearest before the pronoun, latest first: the
        // first of them, the first subject and the first woman, kept without a list.
        var sentence = 0, latest: Int?, subject: Int?, woman: Int?
        var k = lo - 1
        // A bounded walk: a pronoun looks back a few mentions, not over the whole article.
        while k >= 0, lo - k <= 40 {
            let c = personMentions[k]
            k -= 1
            let g = genders[c.source]
            if let gender, let g, g != gender { continue }
            if latest != nil, c.sentence != sentence { break }
            if latest == nil { latest = c.source; sentence = c.sentence }
            if subject == nil, c.subject { subject = c.source }
            // "she" and someone the article marks as a woman ("Ms. Jones"): she wins over a subject
            // of unknown gender. Not so for "he": unmarked people in news are mostly men, so "Mr."
            // on an object says little against the subject.
            if woman == nil, gender == .female, g == .female { woman = c.source }
        }
        return woman ?? subject ?? latest
    }

    /// "he"/"him" male, "she"/"her" female, in any case; nothing else. Compared by byte: only
    /// ASCII lower-cases to these words (the Kelvin sign, the one other letter that lower-cases
    /// to ASCII, is "k").
    static func pronounGender(_ text: String) -> Gender? {
        var text = text
        return text.withUTF8 { u in
            func isWord(_ w: StaticString) -> Bool {
                guard u.count == w.utf8CodeUnitCount else { return false }
                for k in 0..<u.count where Bytes.lower(u[k]) != w.utf8Start[k] { return false }
                return true
            }
            return isWord("he") || isWord("him") ? .male : isWord("she") || isWord("her") ? .female : nil
        }
    }

    /// Abbreviated titles and the role word an article uses for the same office later
    /// ("Gov. Mike Pence" … "the Indiana governor").
    static let titleRoles: [(title: StaticString, role: StaticString)] = [
        ("gov.", "governor"), ("sen.", "senator"), ("rep.", "representative"), ("gen.", "general"),
        ("lt. gov.", "lieutenant governor"), ("prof.", "professor")]

    /// Calls `body` with the key a role's holders are filed under, from the role's lower-cased
    /// NFC bytes: an abbreviated title as its role word.
    static func withRoleKey<R>(_ role: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // Every abbreviated title ends in a full stop: other roles skip the list.
        guard role.last == 0x2E else { return body(role) }
        for (title, word) in titleRoles where role.elementsEqual(UnsafeBufferPointer(start: title.utf8Start, count: title.utf8CodeUnitCount)) {
            return body(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
        }
        return body(role)
    }

    /// The slot of a role (lower-cased NFC bytes), added if new.
    mutating func roleSlot(adding role: UnsafeBufferPointer<UInt8>) -> Int {
        Resolver.withRoleKey(role) { key in
            let found = roleSlots.look(key)
            if let slot = roleSlots.value(found) { return slot }
            later.append([])
            roleSlots.insert(key, later.count - 1, found)
            return later.count - 1
        }
    }

    /// Words that open a role's complement ("Senator from Texas").
    static let complements: WordList = ["of", "from", "for", "to", "in", "at", "with", "on"]

    /// The holder of a role nearest before `position`, else the first the article introduces.
    /// Capitalised words in the role phrase ("the Indiana governor", "the Republican nominee")
    /// must appear where the holder was introduced: an unmatched modifier leaves the role alone.
    func holder(of role: String, at position: Int, phrase: String) -> Int? {
        // The table, not `self`, in the closures: capturing the resolver copied all of it, three
        // times a look-up.
        let table = roleSlots
        guard let slot = Resolver.withKey(role, { Resolver.withRoleKey($0) { table[$0] } }) else { return nil }
        let filed = slot + 1 < introducedStart.count
        let introduced = filed ? self.introduced[introducedStart[slot]..<introducedStart[slot + 1]] : []
        let later = self.later[slot][...]
        guard !introduced.isEmpty || !later.isEmpty else { return nil }
        // "Senator from Texas": only the words before a complement modify the role. Most phrases
        // ("the governor") have no capitalised word to keep: their words are not split at all.
        let modifiers = !Resolver.mayHaveModifiers(phrase) ? [] : Resolver.words(phrase).dropFirst()
            .prefix { w in !Resolver.complements.words.contains { Resolver.isWord(w, $0) } }.filter {
                Resolver.isCapitalised($0) && !Bytes.endsInPossessive($0.utf8) && !role.contains($0.lowercased())
            }.map { $0.lowercased() }
        // Short ASCII contexts are searched by byte, not as lower-cased Strings built for every
        // holder passed: without a carriage return (CR LF is the one ASCII pair that makes one
        // Character) their Characters are their bytes, so the search finds the same.
        let byByte = modifiers.allSatisfy { m in !m.isEmpty && m.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
        func matches(_ h: Holder) -> Bool {
            guard !modifiers.isEmpty else { return true }
            let raw = bytes(h.context)
            if byByte, raw.count <= 256, raw.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
                return modifiers.allSatisfy { Resolver.containsLowered(raw, $0) }
            }
            let context = Resolver.lowered(raw)
            return modifiers.allSatisfy { context.contains($0) }
        }
        // Bounded walks from a binary search, so an article with thousands of holders of one
        // title stays linear; the two lists together are the holders in text order.
        func lastBefore(_ all: ArraySlice<Holder>) -> Holder? {
            let lo = all.partitionPoint { $0.position < position }
            for k in stride(from: lo - 1, through: max(all.startIndex, lo - Resolver.holderReach), by: -1) where matches(all[k]) { return all[k] }
            return nil
        }
        switch (lastBefore(introduced), lastBefore(later)) {
        case let (a?, b?): return b.position >= a.position ? b.source : a.source
        case let (a?, nil): return a.source
        case let (nil, b?): return b.source
        case (nil, nil):
            let a = introduced.prefix(Resolver.holderReach).first(where: matches)
            let b = later.prefix(Resolver.holderReach).first(where: matches)
            if let a, let b { return b.position < a.position ? b.source : a.source }
            return (a ?? b)?.source
        }
    }

    /// Whether a word after the phrase's first may be capitalised (`isCapitalised`): an ASCII
    /// first byte says so itself; any other is left to the Character test.
    static func mayHaveModifiers(_ phrase: String) -> Bool {
        var phrase = phrase
        return phrase.withUTF8 { u in
            var first = true
            return anyWord(u) { w in
                if first { first = false; return false }
                return w[0] >= 0x80 || Bytes.isUpper(w[0])
            }
        }
    }

    /// Whether the ASCII bytes `raw`, lower-cased, hold the lower-case ASCII `word`.
    static func containsLowered(_ raw: UnsafeBufferPointer<UInt8>, _ word: String) -> Bool {
        var word = word
        return word.withUTF8 { w in
            guard w.count <= raw.count else { return false }
            search: for s in 0...(raw.count - w.count) {
                for k in 0..<w.count where Bytes.lower(raw[s + k]) != w[k] { continue search }
                return true
            }
            return false
        }
    }

    /// How many holders of one role a look-up considers either way.
    static let holderReach = 64
}
