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

    /// Every length up to 40 with a special byte (or two) at every place, against a byte-by-byte
    /// escaping: the scanner's word, tail and short-string paths each meet them.
    @Test func escapingMatchesAByteLoopAtEveryLengthAndPlace() {
        func reference(_ b: [UInt8]) -> String {
            var s = ""
            for c in b {
                switch c {
                case 0x22: s += "\\\""
                case 0x5C: s += "\\\\"
                case 0x0A: s += "\\n"
                case 0x0D: s += "\\r"
                case 0x09: s += "\\t"
                case 0..<0x20: s += "\\u00" + String(c, radix: 16).leftPadded(2)
                default: s += String(decoding: [c], as: UTF8.self)
                }
            }
            return s
        }
        for n in 0...40 {
            for place in -1..<n {
                for special: UInt8 in [0x22, 0x5C, 0x01, 0x1F, 0x0A] {
                    var b = (0..<n).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                    if place >= 0 { b[place] = special }
                    if place >= 1 { b[place / 2] = 0x22 }
                    var out = JSONBytes(capacity: 64)
                    b.withUnsafeBufferPointer { out.escaped($0) }
                    #expect(String(decoding: out.finish(), as: UTF8.self) == reference(b))
                }
            }
        }
    }

    /// A finding's message in JSON Lines is the JSON string of its plain text, quoted or not.
    @Test func aMessageIsWrittenAsItsPlainTextEscaped() {
        let source = Array("He said \"no\" \\ twice\tthen left.".utf8)
        for quoted in [true, false] {
            let m = FindingMessage.excerpt(.init(prefix: "quotation ", source: source, range: 0..<source.count, limit: 20,
                                                 quoted: quoted, suffix: " has no speaker"))
            let finding = Finding(rule: .quoteWithoutSpeaker, severity: .error, text: m, range: 0..<1, sentence: nil)
            var out = JSONBytes()
            withUnsafePointer(to: finding) { out.message(of: $0) }
            #expect(String(decoding: out.finish(), as: UTF8.self) == JSON.string(m.string))
        }
    }

    /// The static rule names JSON Lines writes are the rules' raw values.
    @Test func ruleNamesAreTheirRawValues() {
        for rule in FindingRule.allCases { #expect(rule.json.description == rule.rawValue) }
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
