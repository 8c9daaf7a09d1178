@testable import AttribKit
import Testing

/// Who a pronoun or a role phrase stands for.
struct ResolverTests {
    func speakers(_ text: String) throws -> [String?] {
        let a = try Support.analyze(text)
        return a.attributions.sorted { ($0.source?.lowerBound ?? 0) < ($1.source?.lowerBound ?? 0) }.map { a.speakerName($0) }
    }

    /// Each case: an invented passage and the speaker of its last attribution.
    static let cases: [(String, String)] = [
        // "she" skips a man introduced with a gendered title.
        ("Senator Mark Ruiz thanked Ms. Jones on Monday. “We won,” she said.", "Jones"),
        // "he" skips a woman introduced with a gendered role.
        ("Congressman Paul Derry met Congresswoman Ada Whitlow in Ohio. “The bill is dead,” he said.", "Paul Derry"),
        // A pronoun subject tells a person's gender for the next pronoun.
        ("Nora Pell visited the plant with Dr. Tomas Brandt. She toured the floor.\n“The plant will stay open,” she said.", "Nora Pell"),
        // A title after an indefinite article ("a former Miss Galaxy") is no person.
        ("Rita Vance is attacking a tweet about a former Miss Galaxy. She said the tweet was “cruel.”", "Rita Vance"),
        // The pronoun prefers the sentence's subject over its object.
        ("Rita Vance praised Judge Leon Marsh at the rally. “He was a fine judge,” she said.", "Rita Vance"),
        // A role owned by a named person stays the role.
        ("Omar Vance lost the race. Omar Vance's wife said the count was unfair.", "Omar Vance's wife"),
        ("The plan stalled, advisers to Mr. Omar Vance said on Monday.", "advisers to Mr. Omar Vance"),
        // An abbreviated title introduces the role word.
        ("Gov. Ella Brandt signed the bill on Monday. The law takes effect in May, the governor said.", "Ella Brandt"),
        // A modifier the holder was never introduced with leaves the role alone.
        ("Gov. Ella Brandt signed the bill on Monday. The law takes effect in May, the Texas governor said.", "the Texas governor"),
        // A shared surname is the nearest person with it.
        ("Rita Okafor led the vote in May. Secretary Leon Okafor says the count is safe.\nOkafor said the systems were tested.", "Leon Okafor"),
    ]

    @Test(arguments: cases)
    func lastSpeaker(_ text: String, _ expected: String) throws {
        #expect(try speakers(text).last == expected)
    }

    @Test func aNameInsideAQuotationIsNoAntecedent() throws {
        let s = try speakers("Tomas Brandt spoke first. “I agree with Prof. Ines Calder,” he said. “The data is clear,” she said.")
        #expect(s.last != "Ines Calder")
    }
}
