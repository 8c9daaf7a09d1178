@testable import AttribKit
import Testing

/// Sentence shapes around a cue that the attribution must survive: long described subjects,
/// progressive and negated cues, group subjects of belief verbs, inverted speakers.
struct CueShapeTests {
    struct Case: Sendable, CustomStringConvertible {
        let text: String
        let source: String
        let cue: String
        let content: String
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(text: "Cecelia Ames, 67, a retired nurse in Allentown, Pa., said the plan was bad.",
             source: "Cecelia Ames, 67, a retired nurse in Allentown, Pa.", cue: "said", content: "the plan was bad"),
        Case(text: "Sen. Jo Hart (D-Mo.), who chairs the panel, said the vote would be close.",
             source: "Sen. Jo Hart (D-Mo.), who chairs the panel", cue: "said", content: "the vote would be close"),
        Case(text: "The plan, the mayor said, would cost too much.",
             source: "the mayor", cue: "said", content: "The plan | would cost too much"),
        Case(text: "\"It is a disgrace,\" the mayor said of the tariff.",
             source: "the mayor", cue: "said", content: "\"It is a disgrace,\""),
        Case(text: "He spoke to voters who say the tariff is unfair.",
             source: "who", cue: "say", content: "the tariff is unfair"),
        Case(text: "Harbour officials went on to say the port would close.",
             source: "Harbour officials", cue: "went on to say", content: "the port would close"),
        Case(text: "Her campaign manager, Rob Mook, said the count was wrong.",
             source: "Her campaign manager, Rob Mook", cue: "said", content: "the count was wrong"),
        Case(text: "The mayor, the city's top official, on Tuesday called the remarks unfair.",
             source: "The mayor, the city's top official", cue: "called", content: "the remarks unfair"),
        Case(text: "The senator is criticizing the new harbour tariff.",
             source: "The senator", cue: "is criticizing", content: "the new harbour tariff"),
        Case(text: "The ministry did not mention the border dispute.",
             source: "The ministry", cue: "did not mention", content: "the border dispute"),
        Case(text: "The mayor doesn't want to tangle with the council.",
             source: "The mayor", cue: "doesn't want", content: "to tangle with the council"),
        Case(text: "The rabbis planned to boycott the speech.",
             source: "The rabbis", cue: "planned", content: "to boycott the speech"),
        Case(text: "\"We will win,\" vowed the harbour master.",
             source: "the harbour master", cue: "vowed", content: "\"We will win,\""),
        Case(text: "The plan is bad, said Jane Roe.",
             source: "Jane Roe", cue: "said", content: "The plan is bad"),
        Case(text: "\"It will be hard,\" said a data expert who has worked for two campaigns.",
             source: "a data expert who has worked for two campaigns", cue: "said", content: "\"It will be hard,\""),
    ]

    @Test(arguments: cases) func shape(_ c: Case) throws {
        let a = try Support.analyze(c.text)
        try #require(a.attributions.count == 1, "got \(Support.triples(a))")
        let at = a.attributions[0]
        #expect(at.source.map { a.text.string($0) } == c.source)
        #expect(at.cue.map { a.text.string($0) } == c.cue)
        #expect(at.content.map { a.text.string($0) }.joined(separator: " | ") == c.content)
    }

    /// A participle after a quotation speaks for the same speaker but does not take the quotation,
    /// so the next quoted sentence stays with "said"; "referring to" keeps its preposition.
    @Test func participleAfterQuotation() throws {
        let a = try Support.analyze("\"We can win,\" he said, noting that the polls were close. \"Nobody expected it.\"")
        let byCue = Dictionary(a.attributions.compactMap { at in at.cue.map { (a.text.string($0), at) } }, uniquingKeysWith: { first, _ in first })
        #expect(byCue["said"]?.content.map { a.text.string($0) } == ["\"We can win,\"", "\"Nobody expected it.\""])
        #expect(byCue["noting"]?.content.map { a.text.string($0) } == ["that the polls were close"])
        let b = try Support.analyze("\"It was a mistake,\" she said, referring to the vote.")
        #expect(b.attributions.contains { at in at.cue.map { b.text.string($0) } == "referring to" })
    }

    /// A relative clause with a cue of its own is a separate attribution, not part of the source.
    @Test func reportingRelativeClauseLeavesTheSource() throws {
        let a = try Support.analyze("The mayor, who says the tariff is unfair, told the council the vote would be close.")
        let told = a.attributions.first { at in at.cue.map { a.text.string($0) } == "told" }
        #expect(told?.source.map { a.text.string($0) } == "The mayor")
    }

    /// Officials after "according to" are the source; only a news outlet is a conduit.
    @Test func accordingToOfficialsIsTheSource() throws {
        let a = try Support.analyze("The council is considering a new tariff, according to two officials.")
        try #require(a.attributions.count == 1, "got \(Support.triples(a))")
        #expect(a.attributions[0].source.map { a.text.string($0) } == "two officials")
    }
}
