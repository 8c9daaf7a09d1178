/// Choosing what a pronoun or a role refers to among the people mentioned before it.
extension Resolver {
    static func last(before position: Int, in list: [(position: Int, source: Int)]) -> Int? {
        let lo = list.partitionPoint { $0.position < position }
        return lo > 0 ? list[lo - 1].source : nil
    }

    /// The person "he" or "she" stands for, from the nearest sentence with a compatible person:
    /// a woman for "she", else its subject, else the latest.
    func antecedent(of m: Mention, at position: Int) -> Int? {
        let lower = Resolver.lowered(m.text)
        let gender: Gender? = lower == "he" || lower == "him" ? .male : lower == "she" || lower == "her" ? .female : nil
        let lo = personMentions.partitionPoint { $0.position < position }
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

    /// Words that open a role's complement ("Senator from Texas").
    static let complements: [StaticString] = ["of", "from", "for", "to", "in", "at", "with", "on"]

    /// The holder of a role nearest before `position`, else the first the article introduces.
    /// Capitalised words in the role phrase ("the Indiana governor", "the Republican nominee")
    /// must appear where the holder was introduced: an unmatched modifier leaves the role alone.
    func holder(of role: String, at position: Int, phrase: String) -> Int? {
        let key = Resolver.roleKey(role)
        let introduced = roleHolders[key] ?? [], later = laterHolders[key] ?? []
        guard !introduced.isEmpty || !later.isEmpty else { return nil }
        let words = Resolver.words(phrase).dropFirst()
        // "Senator from Texas": only the words before a complement modify the role.
        let modifiers = words.prefix { w in !Resolver.complements.contains { Resolver.isWord(w, $0) } }.filter {
            Resolver.isCapitalised($0) && !Bytes.endsInPossessive($0.utf8) && !role.contains($0.lowercased())
        }.map { $0.lowercased() }
        func matches(_ h: Holder) -> Bool { modifiers.allSatisfy { h.context.contains($0) } }
        // Bounded walks from a binary search, so an article with thousands of holders of one
        // title stays linear; the two lists together are the holders in text order.
        func lastBefore(_ all: [Holder]) -> Holder? {
            let lo = all.partitionPoint { $0.position < position }
            for k in stride(from: lo - 1, through: max(0, lo - Resolver.holderReach), by: -1) where matches(all[k]) { return all[k] }
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

    /// How many holders of one role a look-up considers either way.
    static let holderReach = 64
}
