import Testing
@testable import AttribKit

/// The JSON output buffer: a line longer than one chunk comes out whole and in order, in pieces.
struct JSONBytesTests {
    /// Writes `count` objects with an escaped string and a number each, as the line writer does.
    func write(_ count: Int, into out: inout JSONBytes) {
        out.raw("[")
        for i in 0..<count {
            if i > 0 { out.raw(",") }
            out.raw("{\"n\":"); out.int(i - 3)
            out.raw(",\"text\":"); out.string("said \"yes\"\n")
            out.raw("}")
        }
        out.raw("]")
    }

    func expected(_ count: Int) -> String {
        "[" + (0..<count).map { "{\"n\":\($0 - 3),\"text\":\"said \\\"yes\\\"\\n\"}" }.joined(separator: ",") + "]"
    }

    @Test func aLineOfManyChunksIsTheSameAsOneWrittenWithoutChunks() {
        var chunked = JSONBytes(capacity: 64, largestChunk: 100)
        write(500, into: &chunked)
        let pieces = chunked.finishPieces()
        #expect(pieces.count > 100)
        #expect(pieces.allSatisfy { $0.count <= 100 })
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == expected(500))

        var whole = JSONBytes()
        write(500, into: &whole)
        #expect(String(decoding: whole.finish(), as: UTF8.self) == expected(500))
    }

    @Test func aStringLongerThanAChunkIsOnePieceOfItsOwn() {
        var out = JSONBytes(capacity: 64, largestChunk: 64)
        out.raw("[")
        out.string(String(repeating: "a", count: 1000))
        out.raw("]")
        let pieces = out.finishPieces()
        #expect(pieces.map(\.count) == [2, 1000, 2])
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == "[\"" + String(repeating: "a", count: 1000) + "\"]")
    }
}
