import Foundation
import Testing
@testable import attrib

/// A report's sections wait in a temporary file and come back whole, in pieces that end on a
/// character, whatever the read size.
struct SpoolTests {
    @Test(arguments: [4, 5, 6, 7, 9, 1 << 20])
    func fileSpoolGivesTheTextBackWhole(chunk: Int) throws {
        let spool = try #require(FileSpool.make(chunk: chunk))
        let parts = ["a—é", "𝄞b", "", "plain text\n", "“quoted” — 𝄞𝄞 ü"]
        for part in parts { spool.append(part) }
        var pieces: [String] = []
        spool.drain { pieces.append($0) }
        #expect(pieces.joined() == parts.joined())
        #expect(pieces.allSatisfy { $0.utf8.count <= chunk })
        // Drained is emptied: what is kept next comes back alone.
        spool.append("next")
        var again: [String] = []
        spool.drain { again.append($0) }
        #expect(again == ["next"])
        #expect(spool.failure == 0)
    }

    @Test func characterEndStopsBeforeACutCharacter() {
        let bytes = Array("a𝄞".utf8)   // 1 + 4 bytes
        #expect(FileSpool.characterEnd(bytes, 5) == 5)
        #expect(FileSpool.characterEnd(bytes, 4) == 1)
        #expect(FileSpool.characterEnd(bytes, 2) == 1)
        #expect(FileSpool.characterEnd(bytes, 1) == 1)
    }
}
