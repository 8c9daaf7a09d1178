@testable import AttribKit
import Testing

/// A title "Name: gist" attributes the gist to the name; "pledged delegates" and "her radio show" are no cues.
struct TitleColonTests {
    func cues(_ text: String) throws -> [(content: String, source: String?, cue: String?)] {
        let a = try Support.analyze(text)
        return a.attributions.map { at in
            (at.content.map { a.text.string($0) }.joined(separator: " | "), at.source.map { a.text.string($0) }, at.cue.map { a.text.string($0) })
        }
    }

    @Test func titleNameColonGist() throws {
        let got = try cues("Senator Ada Vance: The harbor budget deal is dead.\n\nThe council votes on Friday.\n")
        #expect(got.count == 1)
        #expect(got.first?.source == "Senator Ada Vance")
        #expect(got.first?.cue == ":")
        #expect(got.first?.content == "The harbor budget deal is dead")
    }

    @Test func titleEndingInASingleQuotedSentenceIsAttributed() throws {
        let got = try cues("Vance: ‘We Will Not Back Down On The Harbor.’\n\nThe council votes on Friday.\n")
        #expect(got.contains { $0.cue == ":" && $0.source == "Vance" && $0.content.contains("We Will Not Back Down") })
    }

    @Test func colonAfterALabelOrOutsideTheTitleIsNoCue() throws {
        #expect(try cues("The Latest: Council votes on the harbor plan.\n\nThe council votes on Friday.\n").isEmpty)
        #expect(try cues("The council votes on Friday.\n\nContributing: Ada Vance, Harbor Weekly.\n").isEmpty)
    }

    @Test func pledgedDelegatesIsNoPledge() throws {
        #expect(try cues("The council votes on Friday.\n\nVance leads by 200 pledged delegates after the vote.\n").isEmpty)
    }

    @Test func showAsAProgrammeIsNoCue() throws {
        #expect(try cues("The council votes on Friday.\n\nVance spoke about the plan on her radio show last week.\n").allSatisfy { $0.cue != "show" })
        #expect(try cues("The council votes on Friday.\n\nThe award show drew record crowds to the harbor.\n").isEmpty)
        #expect(try cues("The council votes on Friday.\n\nNew polls show the mayor well ahead of her rivals.\n").contains { $0.cue == "show" })
    }
}
