@testable import AttribKit
import Testing

/// Each sieve pattern on a sentence of the kind news writing uses.
struct AttributionTests {
    func only(_ text: String) throws -> (content: String, source: String?, speaker: String?, kind: QuoteKind, cue: String?) {
        let a = try Support.analyze(text)
        try #require(a.attributions.count == 1, "got \(Support.triples(a))")
        let at = a.attributions[0]
        return (at.content.map { a.text.string($0) }.joined(separator: " | "), at.source.map { a.text.string($0) },
                a.speakerName(at), at.kind, at.cue.map { a.text.string($0) })
    }

    @Test func quoteThenSpeakerSaid() throws {
        let r = try only("“We will not leave,” Mayor Lena Ortiz said.")
        #expect(r.content == "“We will not leave,”")
        #expect(r.source == "Mayor Lena Ortiz")
        #expect(r.speaker == "Lena Ortiz")
        #expect(r.kind == .direct)
    }

    @Test func quoteThenSaidSpeaker() throws {
        let r = try only("\"We will not leave,\" said Daniel Mertz.")
        #expect(r.source == "Daniel Mertz")
        #expect(r.content == "\"We will not leave,\"")
    }

    @Test func speakerSaidThat() throws {
        let r = try only("The ministry said on Tuesday that the talks had failed.")
        #expect(r.source == "The ministry")
        #expect(r.content == "that the talks had failed")
        #expect(r.kind == .indirect)
    }

    @Test func splitQuotationIsOneAttributionInTwoPieces() throws {
        let r = try only("“We tried,” she said, “and we failed.”")
        #expect(r.content == "“We tried,” | “and we failed.”")
        #expect(r.cue == "said")
    }

    @Test func accordingToAtTheEnd() throws {
        let r = try only("Troops began leaving in August, according to several reports from local media.")
        #expect(r.content == "Troops began leaving in August")
        #expect(r.source == "several reports from local media")
        #expect(r.cue == "according to")
    }

    @Test func cueWordAfterHyphenIsPartOfTheSource() throws {
        let r = try only("The head of the U.S.-backed coalition announced that the talks had resumed.")
        #expect(r.source == "The head of the U.S.-backed coalition")
        #expect(r.cue == "announced")
    }

    @Test func toldListenerThat() throws {
        let r = try only("Okafor told reporters that the strike would go on.")
        #expect(r.content == "that the strike would go on")
        #expect(r.source == "Okafor")
    }

    @Test func appositionStaysWithTheSpeaker() throws {
        let r = try only("Daniel Mertz, the head of the port authority, said the cranes were idle.")
        #expect(r.source == "Daniel Mertz, the head of the port authority")
        #expect(r.speaker == "Daniel Mertz")
    }

    @Test func dashAttribution() throws {
        let a = try Support.analyze("Drought talks\n“Water is the new oil” — Minister Ana de Souza")
        try #require(a.attributions.count == 1)
        let r = (speaker: a.speakerName(a.attributions[0]), kind: a.attributions[0].kind)
        #expect(r.speaker == "Ana de Souza")
        #expect(r.kind == .direct)
    }

    @Test func pronounResolvesToTheLastPersonNamed() throws {
        let a = try Support.analyze("Budget day in the capital\nFinance Minister Clara Okonjo-Reyes spoke on Monday.\n“The budget is balanced,” she said.")
        #expect(a.attributions.map { a.speakerName($0) } == ["Clara Okonjo-Reyes"])
    }

    @Test func conduitAfterSpeaker() throws {
        let a = try Support.analyze("“The talks are over,” Ms. Adeyemi said, according to Reuters.")
        try #require(a.attributions.count == 1)
        #expect(a.attributions[0].via.map { a.sources[$0].name } == ["Reuters"])
        #expect(a.speakerName(a.attributions[0]) == "Adeyemi")
    }

    @Test func capitalisedCueWordInANameIsNoCue() throws {
        let a = try Support.analyze("The agreement between the United States and Iraq was reached in 2024.")
        #expect(a.attributions.isEmpty)
    }
}
