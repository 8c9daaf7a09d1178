/// Records which rule groups changed an outcome while one document was analysed, so each
/// rule's own examples can be checked against what it actually did.
final class RuleTrace {
    private var ids: Set<String> = []
    // Lexicon hits record by RuleRef: a flag per group, with no String hashing on the hot path.
    private var refs: [Bool] = []

    func record(_ id: String) { ids.insert(id) }
    func record(_ refs: [RuleRef]) { for r in refs { record(r) } }
    func record(_ ref: RuleRef) {
        if ref.index >= refs.count { refs += repeatElement(false, count: ref.index + 1 - refs.count) }
        refs[ref.index] = true
    }

    /// The ids of every group recorded either way.
    func fired(in rulebook: Rulebook) -> Set<String> {
        ids.union(refs.indices.lazy.filter { self.refs[$0] }.map { rulebook.id(RuleRef($0)) })
    }
}
