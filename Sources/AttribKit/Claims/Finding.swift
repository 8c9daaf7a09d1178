/// One problem the checker reports: a rule id, a severity, a one-line message and where.
public struct Finding: Sendable, Equatable {
    public let rule: String
    /// `rule` as a case, when it is one of attrib's own: the JSON Lines writer tests and writes
    /// it without comparing or escaping the string, twice for every finding.
    let known: FindingRule?
    public var severity: Severity
    /// The message as written, kept unbuilt until read: JSON Lines writes it straight from the
    /// source bytes, and `check` never prints the findings below its severity.
    let text: FindingMessage
    /// Byte range the finding points at (its start gives line:column).
    public let range: Range<Int>
    /// The sentence it concerns, for baselines and excerpts.
    public let sentence: Range<Int>?

    public init(rule: String, severity: Severity, message: String, range: Range<Int>, sentence: Range<Int>?) {
        self.init(rule: rule, known: FindingRule(rawValue: rule), severity: severity, text: .plain(message), range: range, sentence: sentence)
    }

    init(rule: FindingRule, severity: Severity, text: FindingMessage, range: Range<Int>, sentence: Range<Int>?) {
        self.init(rule: rule.rawValue, known: rule, severity: severity, text: text, range: range, sentence: sentence)
    }

    private init(rule: String, known: FindingRule?, severity: Severity, text: FindingMessage, range: Range<Int>, sentence: Range<Int>?) {
        self.rule = rule
        self.known = known
        self.severity = severity
        self.text = text
        self.range = range
        self.sentence = sentence
    }

    /// The one-line message.
    public var message: String { text.string }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.rule == b.rule && a.severity == b.severity && a.range == b.range && a.sentence == b.sentence && a.message == b.message
    }
}

/// A finding's message: plain text, or a prefix, an excerpt of the source and a suffix.
/// A struct, not an enum with payloads: JSON Lines reads an excerpt's fields in place through
/// a pointer, where matching an enum case copied the payload (retaining its source) per finding.
struct FindingMessage: Sendable {
    /// The whole text of a plain message; nil for an excerpt.
    let plain: String?
    /// The excerpt, when `plain` is nil (an empty one otherwise).
    let quoted: Quoted

    static func plain(_ s: String) -> FindingMessage {
        FindingMessage(plain: s, quoted: Quoted(prefix: "", source: [], range: 0..<0, limit: 0, quoted: false, suffix: ""))
    }

    static func excerpt(_ q: Quoted) -> FindingMessage { FindingMessage(plain: nil, quoted: q) }

    /// `prefix`, the excerpt of `source[range]` cut at `limit` code points (in double quotes
    /// when `quoted`), and `suffix`. Prefix and suffix are fixed texts with no byte JSON
    /// escapes, so JSON Lines copies them as they are, the quotes written escaped beside them.
    struct Quoted: Sendable {
        let prefix: StaticString
        let source: [UInt8]
        let range: Range<Int>
        let limit: Int
        let quoted: Bool
        let suffix: StaticString

        /// Writes prefix, excerpt and suffix to `out`, which holds `capacity` bytes; returns the length.
        func write(to out: UnsafeMutablePointer<UInt8>) -> Int {
            var n = prefix.utf8CodeUnitCount
            out.initialize(from: prefix.utf8Start, count: n)
            if quoted { out[n] = 0x22; n += 1 }
            n += source.withUnsafeBufferPointer { Excerpt.write(UnsafeBufferPointer(rebasing: $0[range]), limit: limit, to: out + n) }
            if quoted { out[n] = 0x22; n += 1 }
            (out + n).initialize(from: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
            return n + suffix.utf8CodeUnitCount
        }

        var capacity: Int { prefix.utf8CodeUnitCount + Excerpt.capacity(range.count, limit: limit) + suffix.utf8CodeUnitCount + 2 }

        /// The excerpt of `write`, JSON-escaped, into `escapedExcerptCapacity` bytes: prefix,
        /// quotes and suffix are written apart, as the fixed texts they are.
        func writeEscapedExcerpt(to out: UnsafeMutablePointer<UInt8>) -> Int {
            source.withUnsafeBufferPointer { Excerpt.writeEscaped(UnsafeBufferPointer(rebasing: $0[range]), limit: limit, to: out) }
        }

        var escapedExcerptCapacity: Int { Excerpt.capacity(range.count, limit: limit) * JSONBytes.longestEscape }
    }

    var string: String {
        if let plain { return plain }
        return String(unsafeUninitializedCapacity: quoted.capacity) { buffer in buffer.baseAddress.map { quoted.write(to: $0) } ?? 0 }
    }
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
