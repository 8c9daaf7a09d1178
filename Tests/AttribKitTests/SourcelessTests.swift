@testable import AttribKit
import Testing

/// Attributions that name no source: their shapes, and what the claims judge makes of them.
struct SourcelessTests {
    func only(_ text: String) throws -> (content: String, source: String?, cue: String?) {
        let a = try Support.analyze(text)
        try #require(a.attributions.count == 1, "got \(Support.triples(a))")
        let at = a.attributions[0]
        return (at.content.map { a.text.string($0) }.joined(separator: " | "), at.source.map { a.text.string($0) }, at.cue.map { a.text.string($0) })
    }

    @Test func expectedSplitsSubjectAndInfinitive() throws {
        let r = try only("The port authority, which runs both terminals, is not expected to reopen the pier before May.")
        #expect(r.source == nil)
        #expect(r.cue == "is not expected")
        #expect(r.content == "The port authority, which runs both terminals | to reopen the pier before May")
    }

    @Test func appearsWithAnAdjective() throws {
        let r = try only("By Friday the ferry crews seemed exhausted.")
        #expect(r.source == nil)
        #expect(r.content == "the ferry crews | exhausted")
    }

    @Test func itAppearsThat() throws {
        let r = try only("It appears, however, that the tender was never published.")
        #expect(r.content == "that the tender was never published")
    }

    @Test func askedWhetherEndsAtTheComma() throws {
        let a = try Support.analyze("Asked whether the tariff would rise, the harbour master shrugged.")
        let sourceless = a.attributions.filter { $0.source == nil }
        try #require(sourceless.count == 1)
        #expect(sourceless[0].content.map { a.text.string($0) } == ["whether the tariff would rise"])
        #expect(sourceless[0].cue.map { a.text.string($0) } == "Asked")
    }

    @Test func askedBySomeoneIsNotSourceless() throws {
        let a = try Support.analyze("Asked by a reporter whether the tariff would rise, the harbour master shrugged.")
        #expect(a.attributions.allSatisfy { $0.source != nil })
    }

    @Test func speechVerbAfterSeemHasTheSubjectAsSource() throws {
        let r = try only("Mayor Lena Ortiz appeared to concede that the budget was short.")
        #expect(r.source == "Mayor Lena Ortiz")
        #expect(r.cue == "appeared to concede")
        #expect(r.content == "that the budget was short")
    }

    @Test func notAppearingOnTelevision() throws {
        let a = try Support.analyze("The harbour master appeared on television on Sunday.")
        #expect(a.attributions.isEmpty)
    }

    @Test func noSourceDoesNotAttributeTheSentence() throws {
        let a = try Support.analyze("The fund is expected to lose 40 percent of its value this year.")
        #expect(a.attributions.count == 1)
        #expect(a.statements.allSatisfy { $0.status != .attributed })
    }
}
