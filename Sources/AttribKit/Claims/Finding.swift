/// One problem the checker reports: a rule id, a severity, a one-line message and where.
public struct Finding: Sendable, Equatable {
    public let rule: String
    public var severity: Severity
    public let message: String
    /// Byte range the finding points at (its start gives line:column).
    public let range: Range<Int>
    /// The sentence it concerns, for baselines and excerpts.
    public let sentence: Range<Int>?
}

/// The finding rules the checker knows, with their default severities.
public enum FindingRule: String, Sendable, CaseIterable {
    case quoteWithoutSpeaker = "quote-without-speaker"
    case unattributedClaim = "unattributed-claim"
    case vagueSource = "vague-source"
    case unattributedBackground = "unattributed-background"
    case unbalancedQuote = "unbalanced-quote"
    case ruleLimit = "rule-limit"
    /// Input repaired under `--lossy`: reported where the first bad bytes were.
    case invalidUTF8 = "invalid-utf8"
    case invalidUTF16 = "invalid-utf16"

    public var defaultSeverity: Severity {
        switch self {
        case .quoteWithoutSpeaker, .ruleLimit: .error
        case .unattributedClaim, .vagueSource, .unbalancedQuote, .invalidUTF8, .invalidUTF16: .warning
        case .unattributedBackground: .info
        }
    }

    public var summary: String {
        switch self {
        case .quoteWithoutSpeaker: "A direct quotation with no resolvable speaker."
        case .unattributedClaim: "A checkable claim (figure, recent event, superlative, prediction) with no source."
        case .vagueSource: "The only source is unnamed or vague and no reason for anonymity is given."
        case .unattributedBackground: "A general statement with no source."
        case .unbalancedQuote: "A quotation mark that opens or closes nothing."
        case .ruleLimit: "A rule pattern hit PCRE2's match limit on this input; the article was checked without it."
        case .invalidUTF8: "Bytes that are not valid UTF-8, replaced with U+FFFD under --lossy."
        case .invalidUTF16: "Code units that are not valid UTF-16, replaced with U+FFFD under --lossy."
        }
    }
}
