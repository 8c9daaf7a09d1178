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

    public init(bytes: [UInt8]) { self.init(bytes: bytes, codePointTable: nil) }

    /// With `codePointTable` already counted (UTF8Validation does it while it checks the bytes),
    /// the bytes are read once less.
    init(bytes: [UInt8], codePointTable: [Int32]?) {
        self.bytes = bytes
        let n = bytes.count
        var starts = [0]
        var blocks: [Int32] = [0]
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let raw = UnsafeRawBufferPointer(b)
            blocks = codePointTable.flatMap { $0.count == n / 16 + 1 ? $0 : nil } ?? SourceText.codePointTable(raw)
            // Line starts: memchr for LF, and a lone CR only looked for when the text has one.
            // Room for lines of a hundred-odd bytes, as prose has: growing from one entry
            // reallocated the array four or five times a document.
            starts.reserveCapacity(n / 96 + 8)
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

    /// Code points before each 16-byte block of `raw`, and before its last partial one.
    private static func codePointTable(_ raw: UnsafeRawBufferPointer) -> [Int32] {
        let n = raw.count
        // Written in place: an append per block cost more than the counting.
        return [Int32](unsafeUninitializedCapacity: n / 16 + 1) { out, initialized in
            var codePoints = 0
            var i = 0
            var k = 0
            while i + 16 <= n {
                out[k] = Int32(truncatingIfNeeded: codePoints)
                k += 1
                let w0 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                i += 16
                codePoints += SourceText.codePoints(inBlock: w0, w1)
            }
            out[k] = Int32(truncatingIfNeeded: codePoints)
            initialized = k + 1
        }
    }

    /// Code points that start in a 16-byte block read as two little-endian words: a byte starts
    /// one unless it is 10xxxxxx (bit 7 set, bit 6 clear).
    @inline(__always)
    static func codePoints(inBlock w0: UInt64, _ w1: UInt64) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080
        // Mostly ASCII: no continuation byte to count.
        if (w0 | w1) & high == 0 { return 16 }
        // Continuation bytes as 0 or 1 per byte, the two words' added (at most 2 a byte): one
        // multiply sums the bytes into the top one (at most 16, so no byte carries).
        let c0 = ((w0 & ~(w0 << 1)) & high) >> 7
        let c1 = ((w1 & ~(w1 << 1)) & high) >> 7
        return 16 - Int(truncatingIfNeeded: ((c0 &+ c1) &* 0x0101_0101_0101_0101) >> 56)
    }

    public init(_ string: String) { self.init(bytes: Array(string.utf8)) }

    public var count: Int { bytes.count }

    /// Code points before byte `offset` (offsets at the end of the text are allowed).
    public func codePointOffset(_ offset: Int) -> Int {
        bytes.withUnsafeBufferPointer { b in
            blockCodePoints.withUnsafeBufferPointer { Self.codePoints(before: offset, b, $0) }
        }
    }

    /// Code points before each end of `r`, with one look at the arrays (writers convert every
    /// span they print).
    func codePointOffsets(_ r: Range<Int>) -> (start: Int, end: Int) {
        bytes.withUnsafeBufferPointer { b in
            blockCodePoints.withUnsafeBufferPointer { (Self.codePoints(before: r.lowerBound, b, $0), Self.codePoints(before: r.upperBound, b, $0)) }
        }
    }

    /// The block's count from the table, less the continuation bytes (10xxxxxx) between the
    /// block start and the offset, found in two words: continuation bytes sit around the
    /// curly quotes next to which spans start and end, and a byte loop cost more than the rest.
    @inline(__always)
    private static func codePoints(before offset: Int, _ b: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<Int32>) -> Int {
        let n = b.count
        let clamped = max(0, min(offset, n))
        // clamped <= n, so the block is at most n / 16: the table has n / 16 + 1 entries.
        let block = clamped >> 4
        let start = block << 4
        let k = clamped & 15
        let before = Int(table[block]) + k
        // A block of sixteen code points (most) has no continuation bytes to count.
        if k == 0 || (block + 1 < table.count && table[block + 1] &- table[block] == 16) { return before }
        guard let base = b.baseAddress else { return before }
        var continuation = 0
        if start + 16 <= n {
            let raw = UnsafeRawPointer(base + start)
            let w0 = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            // The first k bytes: the low bytes of w0, then of w1 (k is 1...15).
            let m0: UInt64 = k >= 8 ? .max : (1 &<< UInt64(k &* 8)) &- 1
            let m1: UInt64 = k <= 8 ? 0 : (1 &<< UInt64((k &- 8) &* 8)) &- 1
            let high: UInt64 = 0x8080_8080_8080_8080
            let c0 = w0 & ~(w0 &<< 1) & high & m0
            let c1 = w1 & ~(w1 &<< 1) & high & m1
            // At most one bit per byte: the sum of the bytes' 0s and 1s, without a population count.
            continuation = Int(truncatingIfNeeded: ((c0 >> 7) &* 0x0101_0101_0101_0101) >> 56)
                &+ Int(truncatingIfNeeded: ((c1 >> 7) &* 0x0101_0101_0101_0101) >> 56)
        } else {
            // The last, partial block.
            for i in start..<clamped where base[i] & 0xC0 == 0x80 { continuation += 1 }
        }
        return before - continuation
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
