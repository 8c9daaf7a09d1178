/// Reads noun phrases and structural words off one paragraph's tokens. A value of plain bytes:
/// no field is reference-counted, so a copy (a builder, a classifier, an argument) is a move of
/// memory, where the tokens' counted store made each one an outlined copy, a retain and a release.
struct Phrases {
    let tokens: TokenView
    let lexicon: Lexicon
    let bytes: UnsafeBufferPointer<UInt8>
    /// Not retained: the SieveContext that makes every Phrases holds its trace, and outlives
    /// them as it does the lexicon's store; a second counted reference made each copy go
    /// through the type's generic copy function.
    unowned(unsafe) let trace: RuleTrace

    init(tokens: TokenView, lexicon: Lexicon, bytes: UnsafeBufferPointer<UInt8>, trace: RuleTrace) {
        self.tokens = tokens
        self.lexicon = lexicon
        self.bytes = bytes
        self.trace = trace
    }

    func text(_ r: Range<Int>) -> String {
        guard !r.isEmpty else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[tokens[r.lowerBound].start..<tokens[r.upperBound - 1].end]), as: UTF8.self)
    }

    @inline(__always) func byteRange(_ r: Range<Int>) -> Range<Int> { tokens[r.lowerBound].start..<tokens[r.upperBound - 1].end }

    /// Case-insensitive comparison of token `i` with an ASCII word.
    /// A word in "'s" or "’s" with at least one letter before it ("Hart's", not a bare "'s").
    func isPossessive(_ i: Int) -> Bool {
        let t = tokens[i]
        let suffix = Bytes.possessiveSuffix(UnsafeBufferPointer(rebasing: bytes[t.start..<t.end]))
        return suffix > 0 && t.end - t.start > suffix
    }

    /// Whether token `i` is one of `words` (any case), by packed keys.
    /// The list's length and first-letter test comes first: most tokens asked about fail it, and
    /// the call to `contains` was most of the cost. Not inlined into callers: in `CueBuilder.verb`
    /// that made closures copy the builder.
    func isWord(_ i: Int, in words: WordList) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        let t = tokens[i]
        guard t.end > t.start, words.mayContain(first: bytes[t.start], count: t.end - t.start) else { return false }
        return words.contains(bytes, t.start, t.end)
    }

    func isWord(_ i: Int, _ word: StaticString) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        let t = tokens[i]
        return t.end - t.start == word.utf8CodeUnitCount && Phrases.matches(t, word, bytes)
    }

    /// Token `t`, of the same length as `word`, spells it in any case.
    private static func matches(_ t: Token, _ word: StaticString, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let w = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount where Bytes.lower(bytes[t.start + k]) != w[k] { return false }
        return true
    }

    /// Token `i` is the ASCII punctuation mark `c` (a scalar, not a Character: this is asked for
    /// nearly every token, and a Character's ASCII value is costly to read).
    func isPunct(_ i: Int, _ c: Unicode.Scalar) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .punct, c.isASCII else { return false }
        return bytes[tokens[i].start] == UInt8(truncatingIfNeeded: c.value)
    }

    func isComma(_ i: Int) -> Bool { isPunct(i, ",") }

    func isTerminal(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .punct else { return false }
        let c = bytes[tokens[i].start]
        return c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") || c == 0xE2
    }

    func isClosingQuote(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].tags.contains(.quoteCloses) }
    func isOpeningQuote(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].tags.contains(.quoteOpens) }
    func inQuote(_ i: Int) -> Bool { tokens[i].tags.contains(.inQuote) }

    func hasWords(_ r: Range<Int>) -> Bool { r.contains { tokens[$0].isWordLike } }

    static let determiners: WordList = ["the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "several", "some", "many", "two", "three", "other", "another", "one", "most", "few", "all", "both", "senior", "top"]

    /// Articles, demonstratives and possessives: the first twelve of `determiners`.
    private static let articles = WordList(Array(determiners.words.prefix(12)))

    func isDeterminer(_ i: Int) -> Bool { isWord(i, in: Phrases.articles) }

    /// Any word that opens a noun phrase before its noun, quantifiers included ("several", "most").
    func opensNounPhrase(_ i: Int) -> Bool { isWord(i, in: Phrases.determiners) }

    /// An adverb in -ly ("bluntly", "repeatedly"), which PolNeAR keeps in the cue.
    func isLyAdverb(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word, !tokens[i].isCapitalized else { return false }
        let t = tokens[i]
        return t.end - t.start > 4 && bytes[t.end - 2] == UInt8(ascii: "l") && bytes[t.end - 1] == UInt8(ascii: "y")
    }

    /// A word in -ing longer than four letters ("saying", "adding"): a participle or gerund.
    func isIngWord(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        let t = tokens[i]
        guard t.end - t.start > 4 else { return false }
        return bytes[t.end - 3] == UInt8(ascii: "i") && bytes[t.end - 2] == UInt8(ascii: "n") && bytes[t.end - 1] == UInt8(ascii: "g")
    }

    private static let nameParticles: WordList = ["al", "bin", "bint", "ibn", "abu", "de", "da", "di", "du", "del", "della", "der",
                                                        "den", "van", "von", "le", "la", "el", "ben", "dos", "das", "y"]

    /// Name particles that may be lower-case inside a personal name (al-Sudani, bin Salman, van Dijk).
    func isNameParticle(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word else { return false }
        let t = tokens[i]
        // Asked of nearly every word next to a capital: the list is read only for short words.
        if t.end - t.start <= 5, isWord(i, in: Phrases.nameParticles) { return true }
        if t.end - t.start > 3, bytes[t.start] == UInt8(ascii: "a") || bytes[t.start] == UInt8(ascii: "e"),
           bytes[t.start + 1] == UInt8(ascii: "l"), bytes[t.start + 2] == UInt8(ascii: "-") { return true }
        return false
    }

    func isNameToken(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word else { return false }
        return tokens[i].isCapitalized || isNameParticle(i)
    }

    /// The noun phrase that ends at token `end`, reading left no further than `lowerBound`.
    func nounPhrase(endingAt end: Int, lowerBound: Int) -> Range<Int>? {
        guard end >= lowerBound, end < tokens.count, tokens[end].isWordLike, !inQuote(end) else { return nil }
        if lexicon.has(.clauseBoundary, at: end) { return nil }
        if isWord(end, in: Phrases.notClosing) { return nil }
        var s = end
        while s - 1 >= lowerBound, end - s < 16 {
            let k = s - 1
            let t = tokens[k]
            if t.isWordLike && !inQuote(k) {
                // "Mr. Peck and Mr. Mahaney said": "and" between two names joins them.
                if isWord(k, "and"), k - 1 >= lowerBound, isNameToken(k - 1), isNameToken(s) || isDeterminer(s) { s = k; continue }
                // "Her advisers and allies say": a short conjunct that opens the clause joins too.
                if isWord(k, "and"), let left = openingConjunct(before: k, lowerBound: lowerBound) { s = left; break }
                if let h = lexicon.hit(.clauseBoundary, startingAt: k), h.tokens.count == 1 { trace.record(h.rule); break }
                if lexicon.hit(.cueVerb, endingAt: k) != nil { break }
                s = k
            } else if t.kind == .punct, (isPunct(k, "-") || isPunct(k, "&") || isPunct(k, ".")), k - 1 >= lowerBound, tokens[k - 1].isWordLike {
                s = k
            } else { break }
        }
        // "More than six in 10 said": the comparison is part of the count.
        if s - 2 >= lowerBound, isWord(s - 1, "than"), isWord(s - 2, "more") || isWord(s - 2, "less") || isWord(s - 2, "fewer") { s -= 2 }
        // A time or linking phrase that opens the clause is not part of the source, nor is a
        // preposition or relative word the reading ran into ("with each candidate questioning").
        var moved = true
        while moved && s < end {
            moved = false
            if let h = lexicon.hit(.leadingAdverbial, startingAt: s), h.tokens.upperBound <= end { s = h.tokens.upperBound; moved = true; trace.record(h.rule) }
            // "In a statement, the ministry said": the frame belongs to the cue's side, not the source.
            if let h = lexicon.hit(.cueNoun, startingAt: s), h.tokens.upperBound < end, isComma(h.tokens.upperBound) { s = h.tokens.upperBound; moved = true }
            while s < end, isComma(s) || isWord(s, in: Phrases.notOpening) { s += 1; moved = true }
        }
        return s..<end + 1
    }

    /// Words a source phrase never ends with.
    static let notClosing: WordList = ["of", "the", "a", "an", "to", "in", "for", "on", "at", "with", "by", "from", "is", "are", "was", "were"]

    /// Words a source phrase never starts with.
    static let notOpening: WordList = ["with", "to", "by", "in", "of", "for", "from", "at", "which", "did", "does", "do"]

    /// Where the conjunct before `and` starts, when it is a few words opening the clause (after
    /// at most a leading adverbial): "Her advisers and allies", not "she supported it and she".
    func openingConjunct(before and: Int, lowerBound: Int) -> Int? {
        var k = and - 1
        while k >= lowerBound, and - k <= 4, tokens[k].isWordLike, !inQuote(k), !lexicon.has(.clauseBoundary, at: k),
              lexicon.hit(.auxiliary, startingAt: k) == nil, lexicon.hit(.cueVerb, startingAt: k) == nil,
              lexicon.hit(.cueBelief, startingAt: k) == nil { k -= 1 }
        let start = k + 1
        guard start < and else { return nil }
        if start == lowerBound { return start }
        if let h = lexicon.hit(.leadingAdverbial, endingAt: start - 1), h.tokens.lowerBound == lowerBound { return start }
        return nil
    }

    /// The noun phrase that starts at `start`, reading right to a comma or the end of the clause;
    /// an apposition after a name ("Daniel Mertz, the head of …") is included.
    func nounPhrase(startingAt start: Int, upperBound: Int) -> Range<Int>? {
        var e = start
        while e < upperBound, e - start < 20 {
            let t = tokens[e]
            if t.isWordLike && !inQuote(e) {
                // "an economic adviser to President Obama and a professor at …": one apposition.
                if isWord(e, "and"), e + 1 < upperBound, isDeterminer(e + 1) || isNameToken(e + 1) { e += 1; continue }
                if e > start, lexicon.has(.clauseBoundary, at: e) { break }
                e += 1
            } else if t.kind == .punct, isPunct(e, "-") || isPunct(e, "&") {
                e += 1
            } else if isComma(e), e > start, tokens[e - 1].isCapitalized, e + 1 < upperBound, isDeterminer(e + 1) {
                e += 1
            } else { break }
        }
        return e > start ? start..<e : nil
    }
}

/// A paragraph's tokens without a counted reference to their store: the SieveContext that makes
/// every Phrases holds the paragraphs, and so the store, for longer than any Phrases lives (as it
/// does the lexicon's store and the trace). Indices are checked as `ParagraphSlice` checks them.
struct TokenView: RandomAccessCollection {
    private let values: UnsafeBufferPointer<Token>

    init(_ values: UnsafeBufferPointer<Token>) { self.values = values }

    var startIndex: Int { 0 }
    var endIndex: Int { values.count }
    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }
    var indices: Range<Int> { 0..<values.count }
    @inline(__always) func index(after i: Int) -> Int { i + 1 }
    @inline(__always) func index(before i: Int) -> Int { i - 1 }

    subscript(i: Int) -> Token {
        @inline(__always) get {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: values.count), "TokenView index out of range")
            return values[i]
        }
    }

    /// Word-like tokens among indices `range`, as `ParagraphTokens.countWords` counts them.
    func countWords(_ range: Range<Int>) -> Int { Token.countWords(in: values, range) }

    /// The tokens in place, as `ParagraphSlice.withUnsafeBufferPointer` gives them.
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Token>) throws -> R) rethrows -> R { try body(values) }
}
