/// A word, number, punctuation mark or quotation mark, as a byte range of the source text.
public struct Token: Sendable {
    // Offsets are stored in 32 bits, so a token takes 16 bytes instead of 32: tokens are the
    // largest structure for a long article. Document.read refuses texts over 1 GB.
    private var start32: Int32
    private var end32: Int32
    public var kind: Kind
    /// Starts with a capital letter.
    var isCapitalized: Bool = false
    /// Set by the lexicon pass and the quote pairer.
    var tags: Tags = []

    /// Byte offset of the first byte.
    public var start: Int {
        get { Int(start32) }
        set { start32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// Byte offset just past the last byte.
    public var end: Int {
        get { Int(end32) }
        set { end32 = Int32(truncatingIfNeeded: newValue) }
    }

    public init(start: Int, end: Int, kind: Kind) {
        start32 = Int32(truncatingIfNeeded: start)
        end32 = Int32(truncatingIfNeeded: end)
        self.kind = kind
    }

    /// The shape of a token.
    public enum Kind: UInt8, Sendable {
        case word, number, punct, dash
        case openQuote, closeQuote, straightQuote, openSingle, closeSingle
    }

    var isQuote: Bool { kind.rawValue >= Kind.openQuote.rawValue }
    var isDoubleQuote: Bool { kind == .openQuote || kind == .closeQuote || kind == .straightQuote }
    var isWordLike: Bool { kind == .word || kind == .number }
}

/// Facts about a token that later stages test often.
struct Tags: OptionSet, Sendable {
    let rawValue: UInt32
    static let inQuote = Tags(rawValue: 1 << 0)
    static let abbreviation = Tags(rawValue: 1 << 1)
    static let finalAbbreviation = Tags(rawValue: 1 << 2)
    static let quoteOpens = Tags(rawValue: 1 << 3)
    static let quoteCloses = Tags(rawValue: 1 << 4)
    static let unpaired = Tags(rawValue: 1 << 5)
}
