/// Minimal JSON building for the hot path, without Foundation's encoder.
public enum JSON {
    public static func string(_ s: String) -> String {
        var out = JSONBytes(capacity: s.utf8.count + 2)
        out.string(s)
        return String(decoding: out.finish(), as: UTF8.self)
    }
}

/// A growable UTF-8 output buffer written through a raw pointer: a document's JSON is a few
/// hundred small pieces, and an Array call per piece cost more than the copying itself.
/// Past `largestChunk` the filled buffer moves into an array and writing starts over, so a
/// huge document's JSON is held once, in pieces, never twice while growing or finishing.
/// It may start in a buffer the caller lends (an array's storage being made), so that a line
/// which fits is written in place, not copied into an array afterwards.
struct JSONBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var filled: [[UInt8]] = []
    /// The size at which the buffer stops growing in place (4 MB; tests use less).
    private let largestChunk: Int
    /// Whether `base` is the lent buffer, which is neither grown nor freed here.
    private var lent = false
    /// The bytes left in the lent buffer once writing moved on to owned chunks.
    private var lentCount = 0

    init(capacity: Int = 4096, largestChunk: Int = 1 << 22) {
        self.largestChunk = max(largestChunk, 64)
        self.capacity = min(max(capacity, 64), self.largestChunk)
        base = .allocate(capacity: self.capacity)
    }

    /// Writes into `buffer` first (if it holds at least 64 bytes); `finishLent` tells how
    /// much of it was written and what came after it.
    init(lending buffer: UnsafeMutableBufferPointer<UInt8>, largestChunk: Int = 1 << 22) {
        self.largestChunk = max(largestChunk, 64)
        if let start = buffer.baseAddress, buffer.count >= 64 {
            base = start
            capacity = buffer.count
            lent = true
        } else {
            capacity = 4096
            base = .allocate(capacity: capacity)
        }
    }

    deinit { if !lent { base.deallocate() } }

    /// The bytes written into the lent buffer, and the pieces that followed it in order.
    consuming func finishLent() -> (lentCount: Int, rest: [[UInt8]]) {
        if lent { return (count, []) }
        if count > 0 { moveToFilled() }
        return (lentCount, filled)
    }

    /// The bytes written, as one array.
    consuming func finish() -> [UInt8] {
        let pieces = finishPieces()
        return pieces.count == 1 ? pieces[0] : Array(pieces.joined())
    }

    /// The bytes written, in pieces of at most `largestChunk` bytes (a long string may make one
    /// piece longer), in order.
    consuming func finishPieces() -> [[UInt8]] {
        moveToFilled()
        return filled
    }

    private mutating func moveToFilled() {
        let (base, count) = (self.base, self.count)
        filled.append([UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.initialize(from: base, count: count)
            initialized = count
        })
        self.count = 0
    }

    @inline(__always) private mutating func reserve(_ n: Int) {
        if capacity - count < n { grow(n) }
    }

    private mutating func grow(_ n: Int) {
        if lent {
            // The lent buffer is full: it ends the line's first piece, the rest goes to owned chunks.
            lent = false
            lentCount = count
            count = 0
            capacity = max(n, min(capacity * 2, largestChunk))
            base = .allocate(capacity: capacity)
            return
        }
        if capacity < largestChunk {
            // Small documents grow in place, as an array would.
            var c = capacity * 2
            while c - count < n { c *= 2 }
            if c <= largestChunk {
                let p = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
                p.initialize(from: base, count: count)
                base.deallocate()
                base = p
                capacity = c
                return
            }
        }
        if count > 0 { moveToFilled() }
        if n > capacity {
            base.deallocate()
            capacity = max(n, largestChunk)
            base = .allocate(capacity: capacity)
        }
    }

    @inline(__always) private mutating func copy(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        // A raw memory copy: initialize(from:count:) became a byte loop on long runs of text.
        UnsafeMutableRawPointer(base + count).copyMemory(from: p, byteCount: n)
        count += n
    }

    @inline(__always) private mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always) mutating func raw(_ s: StaticString) { copy(s.utf8Start, s.utf8CodeUnitCount) }

    mutating func int(_ n: Int) {
        // Int.min has 19 digits and a sign.
        reserve(20)
        var v = n.magnitude
        if n < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        let digits = JSONBytes.digitCount(v)
        // Unchecked arithmetic: p stays within the 20 bytes reserved, r below 100.
        var p = count &+ digits
        // Two digits per division, copied as one 16-bit word: positions and counts are mostly
        // several digits long.
        let pairs = UnsafeRawPointer(JSONBytes.digitPairs.utf8Start)
        let out = UnsafeMutableRawPointer(base)
        while v >= 100 {
            let r = Int(truncatingIfNeeded: v % 100)
            v /= 100
            p &-= 2
            out.storeBytes(of: pairs.loadUnaligned(fromByteOffset: r &* 2, as: UInt16.self), toByteOffset: p, as: UInt16.self)
        }
        if v >= 10 {
            let r = Int(truncatingIfNeeded: v)
            out.storeBytes(of: pairs.loadUnaligned(fromByteOffset: r &* 2, as: UInt16.self), toByteOffset: p &- 2, as: UInt16.self)
        } else {
            base[p &- 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v)
        }
        count &+= digits
    }

    /// The decimal digits of `v`: a short ladder of comparisons for the offsets and counts a
    /// line holds (below 10^8), a digit at a time only above; a loop from one digit up cost
    /// more than the digits' writing.
    @inline(__always) static func digitCount(_ v: UInt) -> Int {
        if v < 10_000 { return v < 100 ? (v < 10 ? 1 : 2) : (v < 1000 ? 3 : 4) }
        if v < 100_000_000 { return v < 1_000_000 ? (v < 100_000 ? 5 : 6) : (v < 10_000_000 ? 7 : 8) }
        var digits = 9
        var limit: UInt = 1_000_000_000
        // v < 10^20 and `digits` stops at 19 with `limit` at 10^19, so `limit` never overflows.
        while digits < 19, v >= limit { digits += 1; limit &*= 10 }
        return digits
    }

    private static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// `s` as a JSON string literal.
    mutating func string(_ s: String) {
        byte(0x22)
        Bytes.withUTF8(s) { escaped($0) }
        byte(0x22)
    }

    /// UTF-8 bytes with JSON escapes: runs needing none are copied by `copyPlain`, and each
    /// special byte after one is written escaped.
    mutating func escaped(_ b: UnsafeBufferPointer<UInt8>) {
        guard let src = b.baseAddress else { return }
        let n = b.count
        // Room for the rest of the input copied as it is (so a long string is one piece); an
        // escape, which writes more, asks for its room again.
        reserve(n)
        var i = 0
        while true {
            let j = JSONBytes.copyPlain(src, i, n, to: base + count)
            count += j - i
            if j == n { return }
            i = j + 1
            reserve(n - i + JSONBytes.longestEscape)
            count += JSONBytes.escape(src[j], to: base + count)
        }
    }

    /// Copies `src[i..<n]` to `out` up to its first byte JSON escapes, and returns that byte's
    /// index (`n` if none). Bytes are stored whole words at a time while they are checked, so
    /// `out` must hold `n - i` bytes; those past the returned index are scratch. The last
    /// partial block is the input's last sixteen bytes again (bytes already copied are copied
    /// again, the same), and a short input two overlapping words: only inputs below 4 bytes
    /// go byte by byte. (SIMD16<UInt8> compares were ten times slower: the build scalarises
    /// them lane by lane.)
    @inline(__always)
    static func copyPlain(_ src: UnsafePointer<UInt8>, _ i: Int, _ n: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let from = UnsafeRawPointer(src), to = UnsafeMutableRawPointer(out)
        var j = i
        while j &+ 16 <= n {
            let w0 = from.loadUnaligned(fromByteOffset: j, as: UInt64.self)
            let w1 = from.loadUnaligned(fromByteOffset: j &+ 8, as: UInt64.self)
            to.storeBytes(of: w0, toByteOffset: j &- i, as: UInt64.self)
            to.storeBytes(of: w1, toByteOffset: j &- i &+ 8, as: UInt64.self)
            if escapeMask(UInt64(littleEndian: w0)) | escapeMask(UInt64(littleEndian: w1)) != 0 { return j &+ firstSpecial(from + j) }
            j &+= 16
        }
        if j == n { return n }
        if n &- i >= 16 {
            let w0 = from.loadUnaligned(fromByteOffset: n &- 16, as: UInt64.self)
            let w1 = from.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            if escapeMask(UInt64(littleEndian: w0)) | escapeMask(UInt64(littleEndian: w1)) == 0 {
                to.storeBytes(of: w0, toByteOffset: n &- 16 &- i, as: UInt64.self)
                to.storeBytes(of: w1, toByteOffset: n &- 8 &- i, as: UInt64.self)
                return n
            }
        }
        let r = n &- j
        if r >= 8 {
            let w0 = from.loadUnaligned(fromByteOffset: j, as: UInt64.self)
            let w1 = from.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            to.storeBytes(of: w0, toByteOffset: j &- i, as: UInt64.self)
            to.storeBytes(of: w1, toByteOffset: n &- 8 &- i, as: UInt64.self)
            let m0 = escapeMask(UInt64(littleEndian: w0))
            if m0 != 0 { return j &+ m0.trailingZeroBitCount >> 3 }
            // The bytes w1 shares with w0 are plain, so its lowest flag is the first special byte.
            let m1 = escapeMask(UInt64(littleEndian: w1))
            return m1 != 0 ? n &- 8 &+ m1.trailingZeroBitCount >> 3 : n
        }
        if r >= 4 {
            let w0 = from.loadUnaligned(fromByteOffset: j, as: UInt32.self)
            let w1 = from.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
            to.storeBytes(of: w0, toByteOffset: j &- i, as: UInt32.self)
            to.storeBytes(of: w1, toByteOffset: n &- 4 &- i, as: UInt32.self)
            let m = escapeMask(UInt64(UInt32(littleEndian: w0)) | UInt64(UInt32(littleEndian: w1)) << 32)
            if m == 0 { return n }
            let k = m.trailingZeroBitCount >> 3
            return k < 4 ? j &+ k : n &- 8 &+ k
        }
        while j < n {
            let c = src[j]
            if needsEscape(c) { return j }
            out[j &- i] = c
            j &+= 1
        }
        return n
    }

    /// The offset of the first special byte among the sixteen at `p`, known to hold one.
    @inline(__always) static func firstSpecial(_ p: UnsafeRawPointer) -> Int {
        let m0 = escapeMask(UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)))
        if m0 != 0 { return m0.trailingZeroBitCount >> 3 }
        return 8 &+ escapeMask(UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))).trailingZeroBitCount >> 3
    }

    /// Whether JSON needs `c` escaped in a string: a control byte, `"` or a backslash.
    @inline(__always) static func needsEscape(_ c: UInt8) -> Bool { c < 0x20 || c == 0x22 || c == 0x5C }

    /// The most bytes `escape` writes for one byte.
    static let longestEscape = 6

    /// Writes the JSON escape of `c` (a control byte, `"` or a backslash) to `out`; returns its length.
    @inline(__always) static func escape(_ c: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = 0x5C
        switch c {
        case 0x22, 0x5C: out[1] = c
        case 0x0A: out[1] = UInt8(ascii: "n")
        case 0x0D: out[1] = UInt8(ascii: "r")
        case 0x09: out[1] = UInt8(ascii: "t")
        default:
            let hex: StaticString = "0123456789abcdef"
            out[1] = UInt8(ascii: "u"); out[2] = UInt8(ascii: "0"); out[3] = UInt8(ascii: "0")
            out[4] = hex.utf8Start[Int(c >> 4)]
            out[5] = hex.utf8Start[Int(c & 15)]
            return 6
        }
        return 2
    }

    /// Writes at most `n` bytes straight into the buffer through `body`, which returns how many it wrote.
    mutating func write(atMost n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(n)
        count += body(base + count)
    }

    /// The high bit of each byte of the (little-endian) word that is a control byte, `"` or
    /// `\`, plus maybe bytes above one of them. Each test is the "has a byte below n" / "has
    /// a zero byte" word trick: borrows only carry upward, so no such byte is missed and the
    /// lowest bit set is exactly the first one. Flipping bit 1 maps `"` (0x22) to 0x20 and
    /// keeps the control bytes below 0x20 and every other byte at 0x21 or above, so one
    /// "below 0x21" test finds both.
    @inline(__always) static func escapeMask(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let x = w ^ (ones &* 0x02)
        let s = w ^ (ones &* 0x5C)
        return (((x &- ones &* 0x21) & ~x) | ((s &- ones) & ~s)) & high
    }
}
