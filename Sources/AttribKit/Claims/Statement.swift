/// A sentence (or a non-prose block) with its attribution status.
public struct Statement: Sendable, Equatable {
    public let range: Range<Int>
    public var status: Status
    /// The attribution that covers it, as an index into the analysis' attributions.
    public var attribution: Int?
    /// The rule group behind the status (a claim signal, a boilerplate pattern).
    public var ruleID: String?

    /// What the checker concluded about a statement.
    public enum Status: String, Sendable {
        case attributed
        case unattributedClaim = "unattributed claim"
        case background
        case headline
        case boilerplate
    }
}
