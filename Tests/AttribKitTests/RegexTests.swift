import Testing
@testable import AttribKit

/// PCRE2 matching on bytes: the minimum-length shortcut refuses only subjects that cannot match.
struct RegexTests {
    func firstMatch(_ regex: Regex, _ text: String, from start: Int = 0) -> Range<Int>? {
        Array(text.utf8).withUnsafeBufferPointer { regex.firstMatch(in: $0, from: start, scratch: MatchScratch()) }
    }

    @Test func aSubjectOneByteShorterThanTheShortestMatchIsRefusedAndOneJustLongEnoughMatches() throws {
        let year = try Regex(#"in\s+\d{4}"#)
        #expect(firstMatch(year, "in 201") == nil)
        #expect(firstMatch(year, "in 2016") == 0..<7)
    }

    @Test func theMinimumCountsCharactersSoMultiByteSubjectsStillMatch() throws {
        // Three characters, six bytes: a byte count of five must be refused, six must match.
        let accents = try Regex("ééé")
        #expect(firstMatch(accents, "éé") == nil)
        #expect(firstMatch(accents, "ééé") == 0..<6)
    }

    @Test func aLookBehindReadsBeforeTheStartWithoutCountingTowardsTheMinimum() throws {
        let afterAB = try Regex("(?<=ab)c")
        #expect(firstMatch(afterAB, "abc", from: 2) == 2..<3)
        #expect(firstMatch(afterAB, "abc", from: 3) == nil)
    }
}
