/// A phrase that names a source, classified before resolution.
struct Mention: Sendable, Equatable {
    /// Byte range of the whole phrase.
    var range: Range<Int>
    /// The words of `range`: empty while the mention is a candidate, read from the bytes by
    /// `readText` when an attribution keeps it (most candidates are only tested and dropped).
    var text: String = ""
    var kind: SourceKind
    /// A personal name in the phrase ("Mohammed Shia al-Sudani"), if any.
    var name: String?
    /// The role or title it uses ("prime minister"), lower-cased, if any.
    var role: String?
    /// Canonical name from the gazetteer, for outlets and organisations.
    var canonical: String?
    var isPronoun: Bool = false
    var pronounIsGroup: Bool = false
    /// The rule group that classified it; a classification records at most one, and an array for
    /// it was an allocation a mention.
    var rule: RuleRef?
}

extension Mention {
    /// Reads the text, in place, for an attribution that keeps the mention; a mention taken
    /// over from an earlier attribution has it already.
    mutating func readText(_ bytes: UnsafeBufferPointer<UInt8>) {
        if text.isEmpty { text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
    }
}

/// What kind of thing a source is.
public enum SourceKind: String, Sendable, CaseIterable {
    case person = "named person"
    case role
    case organisation
    case outlet = "news outlet"
    case document
    case vague
    case unresolved
}
