/// Records which rule groups changed an outcome while one document was analysed, so each
/// rule's own examples can be checked against what it actually did.
final class RuleTrace {
    // Unchecked: one analysis records into it one call at a time, and the runtime access check
    // cost more than recording a rule.
    @exclusivity(unchecked) private var ids: Set<String> = []
    // Lexicon hits record by RuleRef: a flag per group, with no String hashing on the hot path.
    @exclusivity(unchecked) private var refs: [Bool] = []

    func record(_ id: String) { ids.insert(id) }
    func record(_ refs: [RuleRef]) { for r in refs { record(r) } }
    func record(_ ref: RuleRef) {
        if ref.index >= refs.count { refs += repeatElement(false, count: ref.index + 1 - refs.count) }
        refs[ref.index] = true
    }

    /// Every group recorded either way, named when read.
    func fired(in rulebook: Rulebook) -> FiredRules { FiredRules(named: ids, flags: refs, rulebook: rulebook) }
}

/// The rule groups one analysis recorded, as a RuleTrace left them: only rule-example tests read
/// their ids, so the set of names is built on demand rather than for every document.
struct FiredRules: Sendable {
    let named: Set<String>
    let flags: [Bool]
    let rulebook: Rulebook

    /// The ids of every group recorded either way.
    var ids: Set<String> { named.union(flags.indices.lazy.filter { self.flags[$0] }.map { rulebook.id(RuleRef($0)) }) }
}
