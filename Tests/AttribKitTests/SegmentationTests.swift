@testable import AttribKit
import Testing

/// Sentence splitting and quotation pairing on real sentence shapes.
struct SegmentationTests {
    func sentences(_ text: String) throws -> [String] {
        let a = try Support.analyze("Headline of a story\n" + text)
        return a.statements.filter { $0.status != .headline }.map { a.text.string($0.range) }
    }

    @Test(arguments: [
        "In 2020 it was attacked in retaliation for the killing of Iran’s Maj. Gen. Qasem Soleimani, the head of the guard.",
        "Sen. Ortiz and Dr. Mertz met Mr. van Dijk on Jan. 12 at St. Mary’s.",
        "The proposal dates to John F. Kennedy, who won 49.7 percent, and to No. 3 on the list.",
        "Troops from the U.S. Central Command arrived.",
        "“We will stay. We will fight. We will win,” she said.",
    ])
    func doesNotSplit(_ sentence: String) throws {
        #expect(try sentences(sentence) == [sentence])
    }

    @Test func splitsAtSentenceEnds() throws {
        #expect(try sentences("The troops came home to the U.S. The ministry said so. “It is over.” Then he left.")
            == ["The troops came home to the U.S.", "The ministry said so.", "“It is over.”", "Then he left."])
    }

    /// Tokens store a 16-bit length: a longer run of letters or dashes is cut into pieces that
    /// cover it exactly, at character boundaries, instead of wrapping around.
    @Test func runLongerThanATokenIsCutAtCharacterBoundaries() throws {
        let word = String(repeating: "é", count: 40_000) + String(repeating: "-", count: 70_000)
        let before = "Headline\n\nIt was "
        let bytes = Array((before + word + " long.").utf8)
        let rulebook = Support.analyzer.rulebook
        let document = try Document.read(path: "long.txt", bytes: bytes, rulebook: rulebook)
        let paragraphs = bytes.withUnsafeBufferPointer { b in
            Segmenter(rulebook: rulebook, scratch: MatchScratch(), trace: RuleTrace()).paragraphs(of: document, bytes: b)
        }
        let tokens = try #require(paragraphs.last?.tokens)
        let start = before.utf8.count
        let pieces = tokens.filter { $0.start >= start && $0.end <= start + word.utf8.count }
        #expect(pieces.map { $0.end - $0.start } == [65_000, 15_000, 65_000, 5_000])
        #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.end == $1.start })
    }

    @Test func oddQuoteMarkIsAFindingNotAFailure() throws {
        let a = try Support.analyze("Storm hits the coast\n“We are here to stay, the mayor said.\nThe council met on Monday.")
        #expect(a.findings.map(\.rule).contains("unbalanced-quote"))
    }

    @Test func multiParagraphQuotationIsNotUnbalanced() throws {
        let text = "Storm hits the coast\n\n“The first part,” the minister said. “And the second part runs on\n\n“into this paragraph, which closes it.”"
        let a = try Support.analyze(text)
        #expect(!a.findings.map(\.rule).contains("unbalanced-quote"))
        #expect(a.attributions.count == 1)
        #expect(a.attributions.first?.content.count == 3)
    }

    @Test func positionsAreLineAndCodePointColumn() throws {
        let text = SourceText("é “a”\nsecond line")
        #expect(text.position(of: Array("é “a”\ns".utf8).count - 1) == TextPosition(line: 2, column: 1))
        #expect(text.position(of: Array("é “".utf8).count) == TextPosition(line: 1, column: 4))
        #expect(text.codePointOffset(Array("é “a”".utf8).count) == 5)
    }

    @Test func codePointOffsetsAgreeWithCountingAtEveryByte() {
        // All-ASCII blocks of sixteen bytes take a shortcut; blocks with “”, é and 🙂 count.
        let string = "The minister said the plan “would work” in Zürich 🙂 and left.\nThe end, she said."
        let text = SourceText(string)
        let bytes = Array(string.utf8)
        for offset in 0...bytes.count {
            let counted = bytes[..<offset].filter { $0 & 0xC0 != 0x80 }.count
            #expect(text.codePointOffset(offset) == counted, "offset \(offset)")
        }
    }

    @Test func invalidUTF8NamesTheByte() {
        #expect(throws: InputError.invalidUTF8(byteOffset: 3)) {
            try Support.analyzer.analyze(path: "x.txt", bytes: [0x41, 0x42, 0x43, 0xFF, 0x44])
        }
    }
}
