import Testing
@testable import AttribKit

/// The one-pass check-and-count of an input's bytes against the plain check and a byte count.
struct UTF8ValidationTests {
    /// Pieces that cross block boundaries in every way: ASCII runs, two- to four-byte
    /// sequences, and ill-formed ones (stray continuation, truncated, overlong, surrogate).
    static let pieces: [[UInt8]] = [
        Array("The minister said ".utf8), Array("a".utf8), Array("“”".utf8), Array("é".utf8), Array("🙂".utf8),
        Array(repeating: 0x20, count: 31), [0x80], [0xE2, 0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF],
    ]

    @Test func agreesWithThePlainCheckAndCountsCodePoints() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            let valid = round % 2 == 0
            while bytes.count < Int.random(in: 0...120, using: &rng) {
                let piece = Self.pieces[Int.random(in: 0..<(valid ? 6 : Self.pieces.count), using: &rng)]
                bytes += piece
            }
            let entries = bytes.count / 16 + 1
            let table = [Int32](unsafeUninitializedCapacity: entries) { out, initialized in
                initialized = entries
                let plain = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidByte($0, from: 0) }
                let merged = bytes.withUnsafeBufferPointer { b in out.baseAddress.flatMap { UTF8Validation.firstInvalidByte(b, codePointTable: $0) } }
                #expect(plain == merged, "\(bytes)")
                if merged != nil { UnsafeMutableBufferPointer(rebasing: out[..<entries]).initialize(repeating: -1) }
            }
            guard !table.contains(-1) else { continue }
            let text = SourceText(bytes: bytes, codePointTable: table)
            for offset in 0...bytes.count {
                #expect(text.codePointOffset(offset) == bytes[..<offset].filter { $0 & 0xC0 != 0x80 }.count, "\(bytes) at \(offset)")
            }
        }
    }
}
