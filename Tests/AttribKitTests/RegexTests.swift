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

    /// Every byte a match of `regex` starts with over these subjects must be in its start set.
    func startsCovered(_ regex: Regex, _ subjects: [String]) -> Bool {
        guard let starts = regex.startBytes else { return true }
        return subjects.allSatisfy { s in firstMatch(regex, s).map { starts.contains(Array(s.utf8)[$0.lowerBound]) } ?? true }
    }

    @Test func theStartSetHoldsBothCasesOfACaselessFirstLetterAndNothingElseASCII() throws {
        let post = try Regex("(?i)^the post .+$")
        let starts = try #require(post.startBytes)
        #expect(starts.contains(UInt8(ascii: "T")) && starts.contains(UInt8(ascii: "t")))
        #expect(!starts.contains(UInt8(ascii: "X")) && !starts.contains(UInt8(ascii: " ")))
        #expect(startsCovered(post, ["The post x", "tHE POST y"]))
        let labels = try Regex("^(?:Photo|Video)(?::.*)?$")
        #expect(startsCovered(labels, ["Photo", "Video: a", "photo"]))
        #expect(labels.startBytes.map { !$0.contains(UInt8(ascii: "W")) } ?? true)
    }

    @Test func noStartSetWhenAMatchCanBeEmptyOrKMovesItsStart() throws {
        #expect(try Regex("a*").startBytes == nil)
        #expect(try Regex(#"ab\Kc"#).startBytes == nil)
    }

    @Test func aWholeBlockRuleAnswersTheSameWithItsStartSet() throws {
        let rulebook = Support.rulebook
        let literals = rulebook.literals
        let footer = try #require(rulebook.rules(.boilerplate).first { $0.group.id == "syndication-footer" })
        for (text, whole) in [("The post Talks resume appeared first on Wire.", true), ("Xthe post a appeared first on b", false), ("", false)] {
            let bytes = Array(text.utf8)
            let answer = bytes.withUnsafeBufferPointer { footer.matchesWhole(WholeText($0, literals: literals), literals: literals, scratch: MatchScratch()) }
            #expect(answer == whole, "\(text)")
        }
    }

    @Test func anOffsetLimitStopsTheSearchForAStartButNotTheMatchAndPlainPatternsIgnoreIt() throws {
        let bytes = Array("up 12 and about 7 percent".utf8)
        let limited = try Regex(#"about\s+\d+|\d+"#, options: .offsetLimit)
        let plain = try Regex(#"about\s+\d+"#)
        let scratch = MatchScratch()
        bytes.withUnsafeBufferPointer { b in
            // The last digit is at 16: "about" at 10 may start there, a match from 3 on is found first.
            #expect(limited.firstMatch(in: b, from: 6, to: b.count, startingBy: 16, scratch: scratch) == 10..<17)
            #expect(limited.firstMatch(in: b, from: 6, to: b.count, startingBy: 9, scratch: scratch) == nil)
            #expect(limited.firstMatch(in: b, from: 0, to: b.count, startingBy: 3, scratch: scratch) == 3..<5)
            #expect(plain.firstMatch(in: b, from: 0, to: b.count, startingBy: 3, scratch: scratch) == 10..<17)
            #expect(scratch.limitFailures.isEmpty)
        }
    }

    @Test func theLastDigitIsFoundInEveryLaneAndOnlyWithinTheRange() {
        for n in 0..<20 {
            for d in 0..<n {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: n)
                bytes[d] = UInt8(ascii: "7")
                bytes.withUnsafeBufferPointer { b in
                    #expect(ClaimDetector.lastDigit(b, 0..<n) == d)
                    #expect(ClaimDetector.lastDigit(b, 0..<d) == -1)
                    #expect(ClaimDetector.lastDigit(b, d..<n) == d)
                }
            }
        }
        let edges = Array("/:09\u{80}\u{B0}".utf8)
        edges.withUnsafeBufferPointer { #expect(ClaimDetector.lastDigit($0, 0..<$0.count) == 3) }
    }
}
