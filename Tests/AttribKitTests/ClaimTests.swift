import AttribKit
import Testing

/// Unattributed findings are raised only where nothing ties a statement to a speaker: a quotation
/// whose speaker is named just before or after it, or a sentence with a sign of attribution
/// attrib cannot resolve, is not flagged.
struct ClaimTests {
    func rules(_ text: String) throws -> [String] {
        try Support.analyze(text).findings.map(\.rule).filter { $0 == "quote-without-speaker" || $0 == "unattributed-claim" }
    }

    @Test func orphanQuotationIsFlagged() throws {
        #expect(try rules("The harbor was quiet.\n\n\"Nobody here remembers a winter this long and this cold.\"\n") == ["quote-without-speaker"])
    }

    @Test(arguments: [
        // Introduced by a colon at the end of the paragraph before.
        "The mayor ended with a warning to the council:\n\n\"Nobody here remembers a winter this long and this cold.\"\n",
        // Introduced by a colon in the same sentence, with a verb attrib does not list.
        "The mayor bristled: \"Nobody here remembers a winter this long and this cold.\"\n",
        // A tag after the closing comma, with a verb attrib does not list.
        "\"Nobody here remembers a winter this long and this cold,\" bristled the mayor.\n",
        // Introduced by words and a comma.
        "At the bottom the flyer reads, \"Nobody here remembers a winter this long and this cold.\"\n",
        // Signed with a dash after the closing mark.
        "\"Nobody here remembers a winter this long and this cold.\" ― Anna Berg\n",
        // A paragraph that continues the speaker's quotation.
        "\"We will reopen the port in March,\" the mayor said.\n\n\"Nobody here remembers a winter this long and this cold.\"\n",
        // A speech verb earlier in the paragraph, though its attribution is not resolved.
        "The harbor master, Q-7, said by radio. \"Nobody here remembers a winter this long and this cold.\"\n",
        // A fragment woven into the sentence.
        "The flyer urged residents to \"stand up for the harbor and its people.\"\n",
        // Signed on the line after.
        "\"Nobody here remembers a winter this long and this cold.\"\n\n-Anna Berg, harbor master\n",
    ])
    func quotationWithSpeakerNearIsNotFlagged(_ text: String) throws {
        #expect(try rules(text) == [])
    }

    @Test func figureWithAttributionSignalIsNotFlagged() throws {
        #expect(try rules("The port is expected to handle 4,000 ships next year.\n") == [])
        #expect(try rules("In a survey of 900 residents, 41 percent backed the plan.\n") == [])
    }

    @Test func unsourcedFigureIsStillFlagged() throws {
        #expect(try rules("The port handled 4,000 ships last year.\n") == ["unattributed-claim"])
    }

    /// A colon ending the paragraph before introduces the next one, as it does a quotation; the
    /// paragraph's later sentences stand on their own.
    @Test func figureIntroducedByColonIsNotFlagged() throws {
        let intro = "The harbor master also points out some figures:\n\n"
        #expect(try rules(intro + "The port handled 4,000 ships last year.\n") == [])
        #expect(try rules(intro + "The port was busy. It handled 4,000 ships last year.\n") == ["unattributed-claim"])
        #expect(try rules("The harbor master also pointed out some figures.\n\nThe port handled 4,000 ships last year.\n") == ["unattributed-claim"])
    }
}
