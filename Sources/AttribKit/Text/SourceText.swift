#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The validated UTF-8 bytes of one input, with the index that turns byte offsets into
/// line:column and code-point offsets of the original file.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset where each line starts; a line ends at LF, CRLF or a lone CR.
    public let lineStarts: [Int]
    /// Code points before every 16-byte block boundary, so conversion is a table read plus a
    /// count of at most 15 bytes (writers convert every span they print).
    private let blockCodePoints: [Int32]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        let n = bytes.count
        var starts = [0]
        var blocks: [Int32] = [0]
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let raw = UnsafeRawBufferPointer(b)
            // Code points before each 16-byte block, eight bytes at a time: a byte starts a code
            // point unless it is 10xxxxxx (bit 7 set, bit 6 clear). Written in place: an append
            // per block cost more than the counting.
            blocks = [Int32](unsafeUninitializedCapacity: n / 16 + 1) { out, initialized in
                var codePoints = 0
                var i = 0
                var k = 0
                while i + 16 <= n {
                    out[k] = Int32(truncatingIfNeeded: codePoints)
                    k += 1
                    let w0 = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let w1 = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    i += 16
                    // Mostly ASCII: no continuation byte to count (the build's population count
                    // is a dozen instructions, not one).
                    if (w0 | w1) & 0x8080_8080_8080_8080 == 0 { codePoints += 16; continue }
                    let c0 = (w0 & ~(w0 << 1)) & 0x8080_8080_8080_8080
                    let c1 = (w1 & ~(w1 << 1)) & 0x8080_8080_8080_8080
                    codePoints += 16 - c0.nonzeroBitCount - c1.nonzeroBitCount
                }
                out[k] = Int32(truncatingIfNeeded: codePoints)
                initialized = k + 1
            }
            // Line starts: memchr for LF, and a lone CR only looked for when the text has one.
            var p = 0
            while p < n, let hit = memchr(base + p, 0x0A, n - p) {
                p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(p)
            }
            if memchr(base, 0x0D, n) != nil {
                var merged = [0]
                var k = 0
                while k < n {
                    if b[k] == 0x0A || (b[k] == 0x0D && (k + 1 >= n || b[k + 1] != 0x0A)) { merged.append(k + 1) }
                    k += 1
                }
                starts = merged
            }
        }
        lineStarts = starts
        blockCodePoints = blocks
    }

    public init(_ string: String) { self.init(bytes: Array(string.utf8)) }

    public var count: Int { bytes.count }

    /// Code points before byte `offset` (offsets at the end of the text are allowed).
    public func codePointOffset(_ offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        let block = clamped >> 4
        // A block of sixteen code points has no continuation bytes: no need to count them.
        if block + 1 < blockCodePoints.count, blockCodePoints[block + 1] - blockCodePoints[block] == 16 {
            return Int(blockCodePoints[block]) + (clamped & 15)
        }
        var result = block < blockCodePoints.count ? Int(blockCodePoints[block]) : 0
        var i = block << 4
        while i < clamped {
            if bytes[i] & 0xC0 != 0x80 { result += 1 }
            i += 1
        }
        return result
    }

    /// 1-based line and column; the column counts code points, as editors count characters.
    public func position(of offset: Int) -> TextPosition {
        let clamped = max(0, min(offset, bytes.count))
        // The last line start at or before the offset (lineStarts[0] is 0, so there is one).
        let lo = lineStarts.partitionPoint { $0 <= clamped } - 1
        return TextPosition(line: lo + 1, column: codePointOffset(clamped) - codePointOffset(lineStarts[lo]) + 1)
    }

    public func string(_ range: Range<Int>) -> String {
        let r = max(0, range.lowerBound)..<min(bytes.count, max(range.lowerBound, range.upperBound))
        return String(decoding: bytes[r], as: UTF8.self)
    }
}

/// A 1-based line and column in the original file.
public struct TextPosition: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public var description: String { "\(line):\(column)" }
}
