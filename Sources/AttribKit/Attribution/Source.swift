/// A resolved source: one row of the report's Sources table.
public struct Source: Sendable, Equatable {
    /// The canonical name: a full personal name, a gazetteer name, or the phrase as first written.
    public var name: String
    public var kind: SourceKind
    /// Every form the article used for it, in order of first use (pronouns left out).
    public var forms: [String]
}
