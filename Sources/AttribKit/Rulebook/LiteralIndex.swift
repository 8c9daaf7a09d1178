/// The rulebook's literal words and phrases, indexed by a hash of their first word, so a
/// paragraph's lexicon hits cost one table probe per token instead of one regex scan per group.
/// Groups' raw `patterns` still run on PCRE2. A class: it is taken for every paragraph and every
/// abbreviation candidate, and a struct of ten arrays cost ten retains and releases each time.
final class LiteralIndex: Sendable {
    /// One phrase of one rule group; its word hashes are `words[wordStart..<wordStart + wordCount]`.
    struct Entry: Sendable {
        let wordStart: Int32
        let wordCount: Int32
        let caseSensitive: Bool
        let category: RuleCategory
        let rule: RuleRef
        /// Whether the paragraph lexicon wants this category (precomputed: the check is per token).
        let inLexicon: Bool
    }

    let entries: [Entry]
    let words: [UInt64]
    /// Bytes in the longest single word listed, so longer text skips the look-up.
    let longestWord: Int
    private let caseless: HashTable
    private let exact: HashTable
    // Phrases are keyed by their first two words: "the" opens seventy-odd listed phrases, and
    // keying them by "the" alone made every "the" in an article try each one.
    private let caselessPairs: HashTable
    private let exactPairs: HashTable

    init(groups: [CompiledRule]) {
        var caselessLists: [UInt64: [Int]] = [:]
        var exactLists: [UInt64: [Int]] = [:]
        var caselessPairLists: [UInt64: [Int]] = [:]
        var exactPairLists: [UInt64: [Int]] = [:]
        var entries: [Entry] = []
        var words: [UInt64] = []
        var longest = 0
        for (index, rule) in groups.enumerated() {
            let g = rule.group
            for literal in g.literals {
                let split = literal.split(separator: " ")
                for w in split { longest = max(longest, w.utf8.count) }
                let hashes = split.map { w in WordHash.of(Array(w.utf8), lower: !g.caseSensitive) }
                guard let first = hashes.first else { continue }
                entries.append(Entry(wordStart: Int32(words.count), wordCount: Int32(hashes.count), caseSensitive: g.caseSensitive,
                                     category: g.category, rule: RuleRef(index), inLexicon: Lexicon.categories.contains(g.category)))
                words += hashes
                let key = hashes.count == 1 ? first : WordHash.pair(first, hashes[1])
                switch (g.caseSensitive, hashes.count == 1) {
                case (true, true): exactLists[key, default: []].append(entries.count - 1)
                case (false, true): caselessLists[key, default: []].append(entries.count - 1)
                case (true, false): exactPairLists[key, default: []].append(entries.count - 1)
                case (false, false): caselessPairLists[key, default: []].append(entries.count - 1)
                }
            }
        }
        // Entries regrouped so each key's entries are contiguous.
        var ordered: [Entry] = []
        caseless = HashTable(caselessLists, entries: entries, into: &ordered)
        exact = HashTable(exactLists, entries: entries, into: &ordered)
        caselessPairs = HashTable(caselessPairLists, entries: entries, into: &ordered)
        exactPairs = HashTable(exactPairLists, entries: entries, into: &ordered)
        self.entries = ordered
        self.words = words
        longestWord = longest
    }

    /// Ranges into `entries` of the one-word entries that are the token with these hashes.
    func entries(exact e: UInt64, lower l: UInt64) -> (Range<Int>, Range<Int>) { (exact.find(e), caseless.find(l)) }

    /// Ranges into `entries` of the phrases that open with these two words.
    func phrases(exact e: (UInt64, UInt64), lower l: (UInt64, UInt64)) -> (Range<Int>, Range<Int>) {
        (exactPairs.find(WordHash.pair(e.0, e.1)), caselessPairs.find(WordHash.pair(l.0, l.1)))
    }

    func word(_ entry: Entry, _ k: Int) -> UInt64 { words[Int(entry.wordStart) + k] }
}

/// Open addressing from a word hash to a run of entries; a probe is a few comparisons.
struct HashTable: Sendable {
    private var keys: [UInt64]
    private var runs: [Range<Int>]
    private let mask: Int

    init(_ lists: [UInt64: [Int]], entries: [LiteralIndex.Entry], into ordered: inout [LiteralIndex.Entry]) {
        var capacity = 16
        while capacity < lists.count * 2 { capacity *= 2 }
        keys = Array(repeating: 0, count: capacity)
        runs = Array(repeating: 0..<0, count: capacity)
        mask = capacity - 1
        for (key, list) in lists {
            let stored = key == 0 ? 1 : key
            var slot = Int(truncatingIfNeeded: stored) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = stored
            let start = ordered.count
            ordered += list.map { entries[$0] }
            runs[slot] = start..<ordered.count
        }
    }

    func find(_ key: UInt64) -> Range<Int> {
        let stored = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: stored) & mask
        while true {
            let k = keys[slot]
            if k == stored { return runs[slot] }
            if k == 0 { return 0..<0 }
            slot = (slot + 1) & mask
        }
    }
}

/// FNV-1a over a word's bytes, optionally ASCII-lower-cased, with ’ read as ' so either
/// apostrophe matches.
enum WordHash {
    static func of(_ bytes: [UInt8], lower: Bool) -> UInt64 {
        bytes.withUnsafeBufferPointer { of($0, 0..<$0.count, lower: lower) }
    }

    static func of(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, lower: Bool) -> UInt64 {
        let h = both(b, r)
        return lower ? h.lower : h.exact
    }

    /// The key of a phrase's first two words.
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { (a &* 0x9E37_79B9_7F4A_7C15) ^ b }

    /// The exact and the lower-cased hash in one pass.
    static func both(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (exact: UInt64, lower: UInt64) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var l: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = r.lowerBound
        while i < r.upperBound {
            var c = b[i]
            if c == 0xE2, i + 2 < r.upperBound, b[i + 1] == 0x80, b[i + 2] == 0x99 { c = UInt8(ascii: "'"); i += 2 }
            h = (h ^ UInt64(c)) &* 0x100_0000_01b3
            l = (l ^ UInt64(Bytes.lower(c))) &* 0x100_0000_01b3
            i += 1
        }
        return (h, l)
    }
}
