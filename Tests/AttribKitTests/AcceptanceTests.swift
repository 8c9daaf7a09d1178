import AttribKit
import Foundation
import Testing

/// The article the project was first asked to handle, with the attributions an editor expects.
struct AcceptanceTests {
    static let analysis: Analysis? = {
        let path = "Corpus/ain-al-asad-troops.txt"
        guard let data = FileManager.default.contents(atPath: Support.root + "/" + path) else { return nil }
        return try? Support.analyzer.analyze(path: path, bytes: [UInt8](data))
    }()

    func attribution(containing fragment: String) throws -> (speaker: String?, source: String?, cue: String?, via: [String]) {
        let a = try #require(Self.analysis)
        let at = try #require(a.attributions.first { at in at.content.contains { a.text.string($0).contains(fragment) } }, "no attribution for \(fragment)")
        return (a.speakerName(at), at.source.map { a.text.string($0) }, at.cue.map { a.text.string($0) }, at.via.map { a.sources[$0].name })
    }

    @Test(arguments: [
        ("small force", "Mohammed Shia al-Sudani", "Iraq’s prime minister", "announced", [String]()),
        ("a force of 250-350", "Mohammed Shia al-Sudani", "Iraqi Prime Minister Mohammed Shia al-Sudani", "said", []),
        ("gradual reductions", "Mohammed Shia al-Sudani", "the prime minister", "said", ["Associated Press"]),
        ("These personnel will assist", "Mohammed Shia al-Sudani", "al-Sudani", "said", ["Kurdistan24"]),
        ("would be completed by last month", "Iraqi officials", "Iraqi officials", "announced", []),
        ("American forces began leaving al-Asad in August", "several reports from local media", "several reports from local media", "according to", []),
        ("the withdrawal was underway in late September", "U.S. Central Command", "CENTCOM", "only acknowledged", []),
        ("the base was set to be fully handed over", "the agreement between the two countries", "the agreement between the two countries", "According to", []),
        ("developments in Syria", "Mohammed Shia al-Sudani", "al-Sudani", "said", []),
        ("American forces would complete the first phase", "the agreement reached last fall", "the agreement reached last fall", "Under", []),
        ("had agreed in principle", "the head of the U.S.-backed Syrian Democratic Forces", "the head of the U.S.-backed Syrian Democratic Forces", "announced", []),
    ])
    func attributed(_ fragment: String, _ speaker: String, _ source: String, _ cue: String, _ via: [String]) throws {
        let got = try attribution(containing: fragment)
        #expect(got.speaker == speaker)
        #expect(got.source == source)
        #expect(got.cue == cue)
        #expect(got.via == via)
    }

    @Test func findingsAreExactlyTheEditorsList() throws {
        let a = try #require(Self.analysis)
        let lines = TextWriter(minimumSeverity: .warning).write(a, displayPath: "story.txt").split(separator: "\n").map(String.init)
        #expect(lines == [
            "story.txt:6:95: warning: vague source \"Iraqi officials\" [vague-source]",
            "story.txt:6:217: warning: vague source \"several reports from local media\" [vague-source]",
            "story.txt:11:248: warning: figure \"from 2,500 to fewer than 2,000\" has no source [unattributed-claim]",
            "story.txt:12:186: warning: recent event \"Earlier this year\" has no source [unattributed-claim]",
        ])
    }

    @Test func headlineLabelsAndBoilerplateGetNoFinding() throws {
        let a = try #require(Self.analysis)
        let quiet = a.statements.filter { $0.status == .headline || $0.status == .boilerplate }.map { a.text.string($0.range) }
        #expect(quiet.count == 4)
        #expect(quiet.contains("Top Stories This Week"))
        #expect(quiet.contains("Description"))
        for f in a.findings { #expect(!quiet.contains { a.text.string(f.range).contains($0) }) }
    }

    @Test func alSudaniIsOneSourceWithEveryForm() throws {
        let a = try #require(Self.analysis)
        let rows = a.sources.filter { $0.name == "Mohammed Shia al-Sudani" }
        #expect(rows.count == 1)
        #expect(rows.first?.forms == ["Iraq’s prime minister", "Iraqi Prime Minister Mohammed Shia al-Sudani", "the prime minister", "al-Sudani"])
    }

    @Test func soleimaniStaysInOneSentence() throws {
        let a = try #require(Self.analysis)
        #expect(a.statements.contains { a.text.string($0.range).contains("Maj. Gen. Qasem Soleimani, the head of the Islamic Revolutionary Guard Corps.") })
    }
}
