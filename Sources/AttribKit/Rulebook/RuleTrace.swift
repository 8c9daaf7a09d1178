/// Records which rule groups changed an outcome while one document was analysed, so each
/// rule's own examples can be checked against what it actually did.
final class RuleTrace {
    private(set) var fired: Set<String> = []
    func record(_ id: String) { fired.insert(id) }
    func record<S: Sequence>(_ ids: S) where S.Element == String { fired.formUnion(ids) }
}
