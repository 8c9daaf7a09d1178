@testable import AttribKit
import Testing

/// Who a pronoun or a role phrase stands for.
struct ResolverTests {
    func speakers(_ text: String) throws -> [String?] {
        let a = try Support.analyze(text)
        return a.attributions.sorted { ($0.source?.lowerBound ?? 0) < ($1.source?.lowerBound ?? 0) }.map { a.speakerName($0) }
    }

    @Test func sheSkipsAManIntroducedWithAGenderedTitle() throws {
        let s = try speakers("Senator Mark Ruiz thanked Ms. Jones on Monday. “We won,” she said.")
        #expect(s.last == "Jones")
    }

    @Test func heSkipsAWomanIntroducedWithAGenderedRole() throws {
        let s = try speakers("Congressman Paul Derry met Congresswoman Ada Whitlow in Ohio. “The bill is dead,” he said.")
        #expect(s.last == "Paul Derry")
    }

    @Test func aPronounAfterAPronounSubjectKeepsTheGender() throws {
        let s = try speakers("Nora Pell visited the plant with Dr. Tomas Brandt. She toured the floor.\n“The plant will stay open,” she said.")
        #expect(s.last == "Nora Pell")
    }

    @Test func aTitleAfterAnIndefiniteArticleIsNoPerson() throws {
        let s = try speakers("Rita Vance is attacking a tweet about a former Miss Galaxy. She said the tweet was “cruel.”")
        #expect(s.last == "Rita Vance")
    }

    @Test func thePronounPrefersTheSubjectOverAnObject() throws {
        let s = try speakers("Rita Vance praised Judge Leon Marsh at the rally. “He was a fine judge,” she said.")
        #expect(s.last == "Rita Vance")
    }

    @Test func aNameInsideAQuotationIsNoAntecedent() throws {
        let s = try speakers("Tomas Brandt spoke first. “I agree with Prof. Ines Calder,” he said. “The data is clear,” she said.")
        #expect(s.last != "Ines Calder")
    }

    @Test func aRoleOwnedByANamedPersonIsNotThatPerson() throws {
        let s = try speakers("Omar Vance lost the race. Omar Vance's wife said the count was unfair.")
        #expect(s.last != "Omar Vance")
    }

    @Test func advisersToAPersonAreNotThatPerson() throws {
        let s = try speakers("The plan stalled, advisers to Mr. Omar Vance said on Monday.")
        #expect(s.last != "Omar Vance")
    }

    @Test func anAbbreviatedTitleIntroducesTheRole() throws {
        let s = try speakers("Gov. Ella Brandt signed the bill on Monday. The law takes effect in May, the governor said.")
        #expect(s.last == "Ella Brandt")
    }

    @Test func aRoleWithAModifierTheHolderLacksStaysUnresolved() throws {
        let s = try speakers("Gov. Ella Brandt signed the bill on Monday. The law takes effect in May, the Texas governor said.")
        #expect(s.last != "Ella Brandt")
    }

    @Test func aSharedSurnameIsTheNearestPersonWithIt() throws {
        let s = try speakers("Rita Okafor led the vote in May. Secretary Leon Okafor says the count is safe.\nOkafor said the systems were tested.")
        #expect(s.last == "Leon Okafor")
    }
}
