/// One prose block split into tokens, quotations and sentences.
public struct Paragraph: Sendable {
    public let blockIndex: Int
    public let range: Range<Int>
    /// Its run of the document's tokens (DocumentStore): no array of its own.
    public internal(set) var tokens: ParagraphTokens
    public internal(set) var quotes: [Quotation]
    public internal(set) var sentences: ParagraphSentences
    /// The paragraph ends inside a quotation (closed in a later paragraph, or never).
    public internal(set) var endsInsideQuote: Bool
    /// Stray quote marks, by token index.
    var strayMarks: [Int]
    /// Which marks the quotation passes look for it holds, noted while it is segmented.
    var marks: ParagraphMarks

    /// Word-like tokens in `range`, counted without building an array.
    func countWords(_ range: Range<Int>) -> Int { tokens.countWords(range) }

    /// Quotations are kept in text order, so look-ups are binary searches (a paragraph may hold
    /// tens of thousands of quotation marks).
    private func firstQuote(startingAtOrAfter byte: Int) -> Int {
        quotes.partitionPoint { $0.range.lowerBound < byte }
    }

    /// The quotation whose closing mark is token `k`.
    func quote(closingAt k: Int) -> Quotation? {
        guard k < tokens.count else { return nil }
        let lo = quotes.partitionPoint { ($0.close ?? Int.max) < k }
        return lo < quotes.count && quotes[lo].close == k ? quotes[lo] : nil
    }

    /// The quotation whose opening mark is token `k`.
    func quote(openingAt k: Int) -> Quotation? {
        guard k < tokens.count else { return nil }
        let i = firstQuote(startingAtOrAfter: tokens[k].start)
        return i < quotes.count && quotes[i].open == k ? quotes[i] : nil
    }

    /// The first quotation that opens inside `range`, or one continued from the previous paragraph that overlaps it.
    func quote(in range: Range<Int>) -> Quotation? {
        if let first = quotes.first, first.open == nil, range.overlaps(first.range) { return first }
        let i = firstQuote(startingAtOrAfter: range.lowerBound)
        return i < quotes.count && range.contains(quotes[i].range.lowerBound) ? quotes[i] : nil
    }
}

/// A paragraph's tokens, in its document's store.
public typealias ParagraphTokens = ParagraphSlice<Token>
/// A paragraph's sentences, in its document's store.
public typealias ParagraphSentences = ParagraphSlice<Sentence>

/// Marks a pass may need, noted once per paragraph: the quotation passes skip paragraphs
/// without them instead of reading every one (a file of short lines has a paragraph a line).
struct ParagraphMarks: OptionSet, Sendable {
    let rawValue: UInt8
    init(rawValue: UInt8) { self.rawValue = rawValue }
    /// A token opens a quotation or lies inside one.
    static let quoted = ParagraphMarks(rawValue: 1 << 0)
    static let closingQuote = ParagraphMarks(rawValue: 1 << 1)
    static let dash = ParagraphMarks(rawValue: 1 << 2)
    static let colon = ParagraphMarks(rawValue: 1 << 3)
    static let semicolon = ParagraphMarks(rawValue: 1 << 4)
    /// A token is a quotation mark, paired or not: without one, quotation pairing has nothing to do.
    static let quoteMark = ParagraphMarks(rawValue: 1 << 5)
}

/// A sentence: a run of tokens in a paragraph, never split inside a quotation.
public struct Sentence: Sendable, Equatable {
    // 32-bit fields, 20 bytes instead of 40: a document of many one-line paragraphs holds one
    // Sentence per line. Document.read refuses texts over 1 GB, so every value fits.
    private let paragraph32: Int32
    private let firstToken: Int32
    private let endToken: Int32
    private let start: Int32
    private let end: Int32

    init(paragraph: Int, tokens: Range<Int>, range: Range<Int>) {
        paragraph32 = Int32(truncatingIfNeeded: paragraph)
        firstToken = Int32(truncatingIfNeeded: tokens.lowerBound)
        endToken = Int32(truncatingIfNeeded: tokens.upperBound)
        start = Int32(truncatingIfNeeded: range.lowerBound)
        end = Int32(truncatingIfNeeded: range.upperBound)
    }

    public var paragraph: Int { Int(paragraph32) }
    /// Token indices in the paragraph.
    public var tokens: Range<Int> { Int(firstToken)..<Int(endToken) }
    public var range: Range<Int> { Int(start)..<Int(end) }
}
