/// A word, number, punctuation mark or quotation mark, as a byte range of the source text.
public struct Token: Sendable {
    public var start: Int
    public var end: Int
    public var kind: Kind
    /// Set by the lexicon pass and the quote pairer.
    var tags: Tags = []
    /// For a lexicon hit that starts here: the index just past its last token, per category.
    var isCapitalized: Bool = false

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
