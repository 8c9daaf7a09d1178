/// One prose block split into tokens, quotations and sentences.
public struct Paragraph: Sendable {
    public let blockIndex: Int
    public let range: Range<Int>
    public internal(set) var tokens: [Token]
    public internal(set) var quotes: [Quotation]
    public internal(set) var sentences: [Sentence]
    /// The paragraph ends inside a quotation (closed in a later paragraph, or never).
    public internal(set) var endsInsideQuote: Bool
    /// Stray quote marks, by token index.
    var strayMarks: [Int]
}

/// A sentence: a run of tokens in a paragraph, never split inside a quotation.
public struct Sentence: Sendable, Equatable {
    public let paragraph: Int
    /// Token indices in the paragraph.
    public let tokens: Range<Int>
    public let range: Range<Int>
}
