/// A word, number, punctuation mark or quotation mark, as a byte range of the source text.
public struct Token: Sendable {
    // A token takes 8 bytes (a 32-bit offset, a 16-bit length): tokens are the largest
    // structure for a long article. Document.read refuses texts over 1 GB, and the tokenizer
    // cuts any token at Token.maxLength bytes.
    private let start32: Int32
    private var length: UInt16
    public let kind: Kind
    /// Set by the tokenizer, the lexicon pass and the quote pairer.
    var tags: Tags = []

    /// The longest token the tokenizer makes, in bytes; longer runs are cut at a character boundary.
    static let maxLength = 65_000

    /// Byte offset of the first byte.
    public var start: Int { Int(start32) }
    /// Byte offset just past the last byte.
    public var end: Int {
        get { Int(start32) + Int(length) }
        set { length = UInt16(clamping: newValue - Int(start32)) }
    }

    public init(start: Int, end: Int, kind: Kind) {
        start32 = Int32(truncatingIfNeeded: start)
        length = UInt16(clamping: end - start)
        self.kind = kind
    }

    /// A token of `length` bytes, which the caller keeps within `maxLength`: no clamping.
    init(start: Int, length: Int, kind: Kind, tags: Tags) {
        start32 = Int32(truncatingIfNeeded: start)
        self.length = UInt16(truncatingIfNeeded: length)
        self.kind = kind
        self.tags = tags
    }

    /// Starts with a capital letter.
    var isCapitalized: Bool {
        get { tags.contains(.capitalized) }
        set { if newValue { tags.insert(.capitalized) } else { tags.remove(.capitalized) } }
    }

    /// The shape of a token.
    public enum Kind: UInt8, Sendable {
        case word, number, punct, dash
        case openQuote, closeQuote, straightQuote, openSingle, closeSingle
    }

    var isQuote: Bool { kind.rawValue >= Kind.openQuote.rawValue }
    var isDoubleQuote: Bool { kind == .openQuote || kind == .closeQuote || kind == .straightQuote }
    @inline(__always) var isWordLike: Bool { kind == .word || kind == .number }
}

/// Facts about a token that later stages test often.
struct Tags: OptionSet, Sendable {
    let rawValue: UInt8
    static let inQuote = Tags(rawValue: 1 << 0)
    static let abbreviation = Tags(rawValue: 1 << 1)
    static let finalAbbreviation = Tags(rawValue: 1 << 2)
    static let quoteOpens = Tags(rawValue: 1 << 3)
    static let quoteCloses = Tags(rawValue: 1 << 4)
    static let unpaired = Tags(rawValue: 1 << 5)
    static let capitalized = Tags(rawValue: 1 << 6)
}

extension ParagraphTokens {
    /// Word-like tokens among indices `range` (those outside the array do not count).
    func countWords(_ range: Range<Int>) -> Int { withUnsafeBufferPointer { Token.countWords(in: $0, range) } }
}

extension Token {
    /// Word-like tokens among indices `range` of `tokens`, for every view of a paragraph's tokens.
    static func countWords(in tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>) -> Int {
        var n = 0
        for k in range.clamped(to: tokens.indices) where tokens[k].isWordLike { n += 1 }
        return n
    }

    /// Sets `inside` or `outside` for the word-like tokens among indices `range` of `tokens`
    /// in or out of a quotation, stopping once both are set: what a content's kind asks.
    static func quoteSides(in tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>, inside: inout Bool, outside: inout Bool) {
        for k in range.clamped(to: tokens.indices) where tokens[k].isWordLike {
            if tokens[k].tags.contains(.inQuote) { inside = true } else { outside = true }
            if inside && outside { return }
        }
    }
}
