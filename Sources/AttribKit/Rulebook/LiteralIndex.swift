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
    /// Which of the four tables may hold a word, by 16 bits of its lower-cased hash: most of an
    /// article's words are in no list, and one byte load answers them instead of four probes.
    private let firstWords: [UInt8]
    /// Which of the exact-word and the two phrase tables may hold a key (an exact word hash or
    /// a phrase's pair key), by 16 bits of it: the first-word filter is keyed by the lower-cased
    /// first word only, and most probes it let through ("the" and its next word) found nothing.
    private let keys: [UInt8]
    /// The lexicon patterns (indices into `Rulebook.lexiconPatterns`) that a word starts, by its
    /// lower-cased hash: the `starts-with` words, each pattern's case left to the pattern.
    private let patternStarts: HashTable
    private let startingPatterns: [Int32]

    /// `candidates` bits: one-word entries with exact case, then any case; phrases likewise;
    /// then a word that starts a lexicon pattern.
    static let exactWord: UInt8 = 1, caselessWord: UInt8 = 2, exactPhrase: UInt8 = 4, caselessPhrase: UInt8 = 8, patternStart: UInt8 = 16

    init(groups: [CompiledRule], lexiconPatterns: [LexiconPattern]) {
        // Each table's keys and entries side by side, in rulebook order: a dictionary of arrays
        // cost an allocation per word and a third of building the index.
        var caselessLists = KeyedList<Entry>(), exactLists = KeyedList<Entry>()
        var caselessPairLists = KeyedList<Entry>(), exactPairLists = KeyedList<Entry>()
        var words: [UInt64] = []
        var longest = 0
        var filter = [UInt8](repeating: 0, count: 1 << 16)
        var keyFilter = [UInt8](repeating: 0, count: 1 << 16)
        for (index, rule) in groups.enumerated() {
            let g = rule.group
            let inLexicon = Lexicon.categories.contains(g.category)
            for literal in g.literals {
                let start = words.count
                let (lowerFirst, wordLongest) = LiteralIndex.appendWordHashes(literal, lower: !g.caseSensitive, to: &words)
                longest = max(longest, wordLongest)
                let count = words.count - start
                guard count > 0 else { continue }
                let first = words[start]
                filter[LiteralIndex.slot(lowerFirst)] |= count == 1
                    ? (g.caseSensitive ? LiteralIndex.exactWord : LiteralIndex.caselessWord)
                    : (g.caseSensitive ? LiteralIndex.exactPhrase : LiteralIndex.caselessPhrase)
                let entry = Entry(wordStart: Int32(start), wordCount: Int32(count), caseSensitive: g.caseSensitive,
                                  category: g.category, rule: RuleRef(index), inLexicon: inLexicon)
                let key = count == 1 ? first : WordHash.pair(first, words[start + 1])
                if g.caseSensitive || count > 1 {
                    keyFilter[LiteralIndex.slot(key)] |= count == 1 ? LiteralIndex.exactWord
                        : (g.caseSensitive ? LiteralIndex.exactPhrase : LiteralIndex.caselessPhrase)
                }
                switch (g.caseSensitive, count == 1) {
                case (true, true): exactLists.append(key, entry)
                case (false, true): caselessLists.append(key, entry)
                case (true, false): exactPairLists.append(key, entry)
                case (false, false): caselessPairLists.append(key, entry)
                }
            }
        }
        var startLists = KeyedList<Int32>()
        for (p, pattern) in lexiconPatterns.enumerated() where pattern.startRegex != nil {
            for word in groups[pattern.ref.index].group.startsWith {
                var word = word
                let lower = word.withUTF8 { WordHash.of($0, 0..<$0.count, lower: true) }
                filter[LiteralIndex.slot(lower)] |= LiteralIndex.patternStart
                startLists.append(lower, Int32(p))
            }
        }
        var starting: [Int32] = []
        patternStarts = HashTable(startLists, into: &starting)
        startingPatterns = starting
        // Entries regrouped so each key's entries are contiguous.
        var ordered: [Entry] = []
        ordered.reserveCapacity(caselessLists.keys.count + exactLists.keys.count + caselessPairLists.keys.count + exactPairLists.keys.count)
        caseless = HashTable(caselessLists, into: &ordered)
        exact = HashTable(exactLists, into: &ordered)
        caselessPairs = HashTable(caselessPairLists, into: &ordered)
        exactPairs = HashTable(exactPairLists, into: &ordered)
        self.entries = ordered
        self.words = words
        longestWord = longest
        firstWords = filter
        keys = keyFilter
    }

    /// Appends a literal's word hashes to `words`; returns its first word's lower-cased hash (an
    /// exact-case word's lower-cased hash is that of any token that matches it) and its longest
    /// word in bytes. Words are split at spaces by byte when the literal is ASCII (a few thousand
    /// literals load on every run); otherwise by Character, where a space followed by a combining
    /// mark is no separator.
    private static func appendWordHashes(_ literal: String, lower: Bool, to words: inout [UInt64]) -> (UInt64, Int) {
        var literal = literal
        let ascii = literal.withUTF8 { b -> (UInt64, Int)? in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            var start = 0, lowerFirst: UInt64 = 0, longest = 0, first = true
            for i in 0...b.count where i == b.count || b[i] == 0x20 {
                if i > start {
                    let h = WordHash.both(b, start..<i)
                    words.append(lower ? h.lower : h.exact)
                    if first { lowerFirst = h.lower; first = false }
                    longest = max(longest, i - start)
                }
                start = i + 1
            }
            return (lowerFirst, longest)
        }
        if let ascii { return ascii }
        // Rejoined with single spaces so each word is a range of the same bytes.
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for w in literal.split(separator: " ") {
            if !bytes.isEmpty { bytes.append(0x20) }
            let start = bytes.count
            bytes += w.utf8
            ranges.append(start..<bytes.count)
        }
        return bytes.withUnsafeBufferPointer { b in
            for r in ranges { words.append(WordHash.of(b, r, lower: lower)) }
            let lowerFirst = ranges.first.map { WordHash.of(b, $0, lower: true) } ?? 0
            return (lowerFirst, ranges.map { $0.count }.max() ?? 0)
        }
    }

    private static func slot(_ lower: UInt64) -> Int { Int(truncatingIfNeeded: lower >> 48) }

    /// The tables worth probing for a token with this lower-cased hash (zero: none).
    func candidates(lower: UInt64) -> UInt8 { firstWords[LiteralIndex.slot(lower)] }

    /// The one-word entries with exact case for this token hash.
    func exactEntries(_ e: UInt64) -> Range<Int> { exact.find(e) }

    /// The one-word entries of any case for this lower-cased token hash.
    func caselessEntries(_ l: UInt64) -> Range<Int> { caseless.find(l) }

    /// Whether the table of `kind` (`exactWord`, `exactPhrase` or `caselessPhrase`) may hold
    /// `key`: an exact word hash, or the `WordHash.pair` of a phrase's first two words.
    @inline(__always)
    func mayHold(_ kind: UInt8, _ key: UInt64) -> Bool { keys[LiteralIndex.slot(key)] & kind != 0 }

    /// The exact-case phrases whose first two words have this `WordHash.pair`.
    func exactPhrases(_ key: UInt64) -> Range<Int> { exactPairs.find(key) }

    /// The any-case phrases whose lower-cased first two words have this `WordHash.pair`.
    func caselessPhrases(_ key: UInt64) -> Range<Int> { caselessPairs.find(key) }

    /// Ranges into `entries` of the one-word entries that are the token with these hashes.
    func entries(exact e: UInt64, lower l: UInt64) -> (Range<Int>, Range<Int>) { (exact.find(e), caseless.find(l)) }

    func word(_ entry: Entry, _ k: Int) -> UInt64 { words[Int(entry.wordStart) + k] }

    /// The lexicon patterns that this lower-cased token hash starts, as indices into `Rulebook.lexiconPatterns`.
    func patternsStarted(_ l: UInt64) -> ArraySlice<Int32> { startingPatterns[patternStarts.find(l)] }
}

/// Open addressing from a word hash to a run of entries; a probe is a few comparisons.
struct HashTable: Sendable {
    private var keys: [UInt64]
    private var runs: [Range<Int>]
    private let mask: Int

    /// Each key's elements, in the order listed, become one run appended to `ordered`.
    init<Element>(_ list: KeyedList<Element>, into ordered: inout [Element]) {
        // Sized as before by the distinct keys, counted first in a table sized for all of them.
        var all = 16
        while all < list.keys.count * 2 { all *= 2 }
        var seen = [UInt64](repeating: 0, count: all)
        var distinct = 0
        for key in list.keys where HashTable.slot(of: key, in: &seen, mask: all - 1).isNew { distinct += 1 }
        var capacity = 16
        while capacity < distinct * 2 { capacity *= 2 }
        keys = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        var counts = [Int](repeating: 0, count: capacity)
        var slots: [Int] = []
        slots.reserveCapacity(list.keys.count)
        for key in list.keys {
            let slot = HashTable.slot(of: key, in: &keys, mask: mask).slot
            counts[slot] += 1
            slots.append(slot)
        }
        // Runs in slot order; `counts` becomes each run's next free place.
        let base = ordered.count
        var runs = [Range<Int>](repeating: 0..<0, count: capacity)
        var next = base
        for slot in 0..<capacity where counts[slot] > 0 {
            runs[slot] = next..<next + counts[slot]
            counts[slot] = next
            next += runs[slot].count
        }
        self.runs = runs
        ordered += list.elements
        for (i, slot) in slots.enumerated() {
            ordered[counts[slot]] = list.elements[i]
            counts[slot] += 1
        }
    }

    /// The slot holding `key` in `table`, claimed for it when it was not there.
    private static func slot(of key: UInt64, in table: inout [UInt64], mask: Int) -> (slot: Int, isNew: Bool) {
        let stored = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: stored) & mask
        while true {
            if table[slot] == stored { return (slot, false) }
            if table[slot] == 0 { table[slot] = stored; return (slot, true) }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
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

/// Keys and the elements they index, side by side in the order added (a key may repeat).
struct KeyedList<Element> {
    var keys: [UInt64] = []
    var elements: [Element] = []

    mutating func append(_ key: UInt64, _ element: Element) {
        keys.append(key)
        elements.append(element)
    }
}
