import AttribKit
import Testing

/// Every example in Rules/: `trigger` text must make its group fire, `ignore` text must not.
struct RuleExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let rule: String
        let text: String
        let shouldFire: Bool
        var testDescription: String { "\(rule) \(shouldFire ? "fires on" : "ignores") \"\(text.prefix(50))\"" }
    }

    static let examples: [Example] = Support.rulebook.groups.flatMap { r in
        r.group.examples.trigger.map { Example(rule: r.group.id, text: $0, shouldFire: true) }
            + r.group.examples.ignore.map { Example(rule: r.group.id, text: $0, shouldFire: false) }
    }

    @Test("every rule group has at least one example of each kind")
    func everyGroupHasExamples() {
        for r in Support.rulebook.groups {
            #expect(!r.group.examples.trigger.isEmpty, "\(r.group.id) has no trigger example")
            #expect(!r.group.examples.ignore.isEmpty, "\(r.group.id) has no ignore example")
        }
    }

    @Test(arguments: examples)
    func example(_ e: Example) throws {
        let analysis = try Support.analyze(e.text)
        #expect(analysis.firedRules.contains(e.rule) == e.shouldFire, "fired: \(analysis.firedRules.sorted())")
    }
}
