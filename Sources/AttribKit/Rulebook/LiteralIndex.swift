/// The rulebook's literal words and phrases, indexed by a hash of their first word, so a
/// paragraph's lexicon hits cost one table look-up per token instead of one regex scan per group.
/// Groups' raw `patterns` still run on PCRE2.
struct LiteralIndex: Sendable {
    /// One phrase of one rule group, as word hashes.
    struct Entry: Sendable {
        let words: [UInt64]
        let caseSensitive: Bool
        let category: RuleCategory
        let rule: Int
        /// Whether the paragraph lexicon wants this category (precomputed: the check is per token).
        let inLexicon: Bool
    }

    private var caseless: [UInt64: [Entry]] = [:]
    private var exact: [UInt64: [Entry]] = [:]

    init(groups: [CompiledRule]) {
        for (index, rule) in groups.enumerated() {
            let g = rule.group
            for literal in g.literals {
                let words = literal.split(separator: " ").map { w in WordHash.of(Array(w.utf8), lower: !g.caseSensitive) }
                guard let first = words.first else { continue }
                let entry = Entry(words: words, caseSensitive: g.caseSensitive, category: g.category, rule: index,
                                  inLexicon: Lexicon.categories.contains(g.category))
                if g.caseSensitive { exact[first, default: []].append(entry) } else { caseless[first, default: []].append(entry) }
            }
        }
    }

    /// Entries whose first word is the token with these hashes.
    func entries(exact e: UInt64, lower l: UInt64) -> ([Entry]?, [Entry]?) { (exact[e], caseless[l]) }
}

/// FNV-1a over a word's bytes, optionally ASCII-lower-cased, with ’ read as ' so either
/// apostrophe matches.
enum WordHash {
    static func of(_ bytes: [UInt8], lower: Bool) -> UInt64 {
        bytes.withUnsafeBufferPointer { of($0, 0..<$0.count, lower: lower) }
    }

    static func of(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, lower: Bool) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = r.lowerBound
        while i < r.upperBound {
            var c = b[i]
            if c == 0xE2, i + 2 < r.upperBound, b[i + 1] == 0x80, b[i + 2] == 0x99 { c = UInt8(ascii: "'"); i += 2 }
            if lower { c = Bytes.lower(c) }
            h = (h ^ UInt64(c)) &* 0x100_0000_01b3
            i += 1
        }
        return h
    }
}
