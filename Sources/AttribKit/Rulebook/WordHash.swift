/// A 64-bit hash of a word's bytes, optionally ASCII-lower-cased, with ’ read as ' so either
/// apostrophe matches. Every token of every paragraph is hashed, so ASCII words go eight bytes
/// at a time (a multiply per eight bytes instead of one per byte); other words take the byte
/// path, which packs the same eight-byte words and so gives the same hash for ASCII text.
enum WordHash {
    private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let k1: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let k2: UInt64 = 0xD6E8_FEB8_6659_FD93
    private static let high: UInt64 = 0x8080_8080_8080_8080

    static func of(_ bytes: [UInt8], lower: Bool) -> UInt64 {
        bytes.withUnsafeBufferPointer { of($0, 0..<$0.count, lower: lower) }
    }

    static func of(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, lower: Bool) -> UInt64 {
        let h = both(b, r)
        return lower ? h.lower : h.exact
    }

    /// The key of a phrase's first two words.
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { (a &* 0x9E37_79B9_7F4A_7C15) ^ b }

    /// The exact and the lower-cased hash in one pass. While no chunk changes under lower-casing
    /// (most words), the lower-cased hash is the exact one and is not computed twice.
    @inline(__always)
    static func both(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (exact: UInt64, lower: UInt64) {
        // Most tokens are ASCII and at most eight bytes with eight readable bytes from their
        // start: one masked load and one mix each, inlined into the caller's loop.
        let count = r.upperBound - r.lowerBound
        if count > 0, count <= 8, r.lowerBound >= 0, r.lowerBound + 8 <= b.count, let base = b.baseAddress {
            let w = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: r.lowerBound, as: UInt64.self))
                & (~0 >> UInt64(64 - 8 * count))
            if w & high == 0 {
                let exact = finish(mix(seed, w), count)
                let lw = Bytes.lowerASCII(w)
                return (exact, lw == w ? exact : finish(mix(seed, lw), count))
            }
        }
        return count > 8 && count <= 16 ? twoChunks(b, r) : chunks(b, r)
    }

    /// A word of nine to sixteen bytes (a quarter of an article's words): `chunks` without its
    /// loop, two loads and no bookkeeping, the same hash.
    @inline(never)
    private static func twoChunks(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (exact: UInt64, lower: UInt64) {
        let count = r.upperBound - r.lowerBound
        guard r.lowerBound >= 0, r.lowerBound + 16 <= b.count, let base = b.baseAddress else { return chunks(b, r) }
        let raw = UnsafeRawPointer(base)
        let w0 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: r.lowerBound, as: UInt64.self))
        let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: r.lowerBound + 8, as: UInt64.self)) & (~0 >> UInt64(128 - 8 * count))
        guard (w0 | w1) & high == 0 else { return chunks(b, r) }
        let exact = finish(mix(mix(seed, w0), w1), count)
        let l0 = Bytes.lowerASCII(w0), l1 = Bytes.lowerASCII(w1)
        // As in `chunks`, the lower-cased hash mixes the lower-cased chunks, the same words when nothing changed.
        return (exact, l0 == w0 && l1 == w1 ? exact : finish(mix(mix(seed, l0), l1), count))
    }

    /// Any length: eight-byte chunks while the bytes are ASCII, else the byte path.
    @inline(never)
    private static func chunks(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (exact: UInt64, lower: UInt64) {
        guard let base = b.baseAddress, r.lowerBound >= 0, r.upperBound <= b.count, !r.isEmpty else { return (finish(seed, 0), finish(seed, 0)) }
        let raw = UnsafeRawPointer(base)
        var h = seed, l = seed, same = true
        var i = r.lowerBound
        while i + 8 <= r.upperBound {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if w & high != 0 { return slow(b, r) }
            let lw = Bytes.lowerASCII(w)
            if !same || lw != w { l = mix(same ? h : l, lw); same = false }
            h = mix(h, w)
            i += 8
        }
        let rest = r.upperBound - i
        if rest > 0 {
            var w: UInt64
            if i + 8 <= b.count {
                // Bytes past the word are read but masked off; the load stays inside the buffer.
                w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & (~0 >> UInt64(64 - 8 * rest))
            } else {
                w = 0
                for k in 0..<rest { w |= UInt64(b[i + k]) << UInt64(8 * k) }
            }
            if w & high != 0 { return slow(b, r) }
            let lw = Bytes.lowerASCII(w)
            if !same || lw != w { l = mix(same ? h : l, lw); same = false }
            h = mix(h, w)
        }
        let exact = finish(h, r.count)
        return (exact, same ? exact : finish(l, r.count))
    }

    /// Any word: bytes read one at a time, ’ folded to ', packed into the same eight-byte words.
    private static func slow(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (exact: UInt64, lower: UInt64) {
        var h = seed, l = seed
        var w: UInt64 = 0, lw: UInt64 = 0
        var k = 0, length = 0
        var i = r.lowerBound
        while i < r.upperBound {
            var c = b[i]
            if c == 0xE2, i + 2 < r.upperBound, b[i + 1] == 0x80, b[i + 2] == 0x99 { c = UInt8(ascii: "'"); i += 2 }
            w |= UInt64(c) << UInt64(8 * k)
            lw |= UInt64(Bytes.lower(c)) << UInt64(8 * k)
            k += 1
            length += 1
            if k == 8 { h = mix(h, w); l = mix(l, lw); w = 0; lw = 0; k = 0 }
            i += 1
        }
        if k > 0 { h = mix(h, w); l = mix(l, lw) }
        return (finish(h, length), finish(l, length))
    }

    /// Bijective in `h` for a fixed `w`, so words of one eight-byte chunk and equal length never collide.
    @inline(__always) private static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = (h ^ w) &* k1
        return x ^ (x >> 32)
    }

    /// The length goes in last: a word's chunks are zero-padded.
    @inline(__always) private static func finish(_ h: UInt64, _ length: Int) -> UInt64 {
        var x = (h ^ UInt64(truncatingIfNeeded: length)) &* k2
        x ^= x >> 29
        return x
    }
}
