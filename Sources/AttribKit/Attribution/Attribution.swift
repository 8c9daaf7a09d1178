/// A statement linked to where it comes from: content, cue and source, with the resolved speaker.
public struct Attribution: Sendable, Equatable {
    /// The statement's words; several spans for a quotation split by its cue.
    public var content: Spans
    public var cue: Range<Int>?
    /// The source as the sentence names it ("he", "the prime minister").
    public var source: Range<Int>?
    /// Index into the analysis' sources: who it is once resolved.
    public var speaker: Int?
    /// Conduits ("according to the Associated Press") as indices into the analysis' sources.
    public var via: [Int]
    public var kind: QuoteKind
    /// The paragraph and sentence the attribution starts in.
    public var paragraph: Int
    public var sentence: Int
    /// Rule groups that produced it: the cue's (listed twice by "according to"), the source
    /// mention's, and those of conduits merged in. Inline, not an array: an array was an
    /// allocation an attribution, and the mention already holds its own rule.
    private var cueRule: RuleRef?
    private var secondRule: RuleRef?
    /// The sieve pass that found it, by name.
    public var pass: String { passKind.rawValue }
    /// The pass as a case: compared and copied without the reference counting of a String.
    let passKind: Pass
    /// Source mention as classified, kept for resolution. Inline: passes now move attributions
    /// rather than copy them, so a box no longer saved reference counts and cost an allocation.
    var mention: Mention?
    /// Conduit mentions, resolved into `via`.
    var viaMentions: [Mention] {
        get { conduits?.mentions ?? [] }
        set { conduits = ConduitBox.make(mentions: newValue, rules: conduits?.rules ?? []) }
    }
    // Conduit mentions and merged rules share one box, absent for almost every attribution: as
    // two arrays they were two reference counts on every copy and release.
    private var conduits: ConduitBox?

    /// Every rule group that produced it, in the order they were listed: cue, source, merged.
    var rules: [RuleRef] {
        var out: [RuleRef] = []
        withUnsafePointer(to: self) { Attribution.forEachRule(of: $0) { out.append($0) } }
        return out
    }

    /// The one listing of an attribution's rule groups, read in place through a pointer.
    private static func forEachRule(of a: UnsafePointer<Attribution>, _ body: (RuleRef) -> Void) {
        if let r = a.pointee.cueRule { body(r) }
        if let r = a.pointee.secondRule { body(r) }
        if let r = a.pointee.mention?.rule { body(r) }
        if let box = a.pointee.conduits { for r in box.rules { body(r) } }
    }

    /// Takes in the rules of a conduit attribution merged into this one.
    mutating func merge(rulesOf other: borrowing Attribution) {
        conduits = ConduitBox.make(mentions: conduits?.mentions ?? [], rules: (conduits?.rules ?? []) + other.rules)
    }

    /// Records the rule groups of `all` without listing them in arrays first. Static, reading
    /// each field in place: a method called on each element copied the whole attribution.
    static func recordRules(of all: UnsafeBufferPointer<Attribution>, into trace: RuleTrace) {
        guard let base = all.baseAddress else { return }
        for i in all.indices { forEachRule(of: base + i) { trace.record($0) } }
    }
}

extension Attribution {
    // Not inlined, and outside the type so that it can hand over to the memberwise initialiser:
    // with every property set here, the attribution was built in a temporary and copied out
    // (five retains and five releases an attribution, inlined or not).
    @inline(never)
    init(content: Spans, cue: Range<Int>?, source: Range<Int>?, speaker: Int?, via: [Int], kind: QuoteKind,
         paragraph: Int, sentence: Int, rule: RuleRef? = nil, second: RuleRef? = nil, pass: Pass, mention: consuming Mention?,
         viaMentions: [Mention] = []) {
        self.init(content: content, cue: cue, source: source, speaker: speaker, via: via, kind: kind, paragraph: paragraph,
                  sentence: sentence, cueRule: rule, secondRule: second, passKind: pass, mention: consume mention,
                  conduits: ConduitBox.make(mentions: viaMentions, rules: []))
    }
}

extension Attribution {
    /// The sieve passes that make attributions.
    enum Pass: String, Sendable {
        case cue, according, frame, dash, colon, sourceless
    }
}

/// An attribution's conduit mentions and the rules of conduits merged into it; immutable, so
/// copies of one attribution share it, and a change makes a new box.
final class ConduitBox: Equatable, Sendable {
    let mentions: [Mention]
    let rules: [RuleRef]
    private init(mentions: [Mention], rules: [RuleRef]) { self.mentions = mentions; self.rules = rules }
    /// A box for these lists, or none when both are empty.
    static func make(mentions: [Mention], rules: [RuleRef]) -> ConduitBox? {
        mentions.isEmpty && rules.isEmpty ? nil : ConduitBox(mentions: mentions, rules: rules)
    }
    static func == (a: ConduitBox, b: ConduitBox) -> Bool { a === b || a.mentions == b.mentions && a.rules == b.rules }
}

/// Whether the content is quoted word for word, in part, or reported.
public enum QuoteKind: String, Sendable {
    case direct, partial, indirect
}

/// The part of a sentence a Cue governs, as found by a sieve pass before resolution.
struct Cue: Equatable {
    let tokens: Range<Int>
    let category: RuleCategory
    let rule: RuleRef
}
