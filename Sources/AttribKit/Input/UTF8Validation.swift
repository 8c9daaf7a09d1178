/// Finds the first byte that is not valid UTF-8, so the error can name its offset.
enum UTF8Validation {
    /// Offset of the first invalid byte, or nil when the whole buffer is valid.
    static func firstInvalidByte(_ b: [UInt8]) -> Int? {
        b.withUnsafeBufferPointer { firstInvalidByte($0, from: 0) }
    }

    /// Offset of the first invalid byte at or after `start`, or nil.
    static func firstInvalidByte(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        let n = b.count
        let raw = UnsafeRawBufferPointer(b)
        let high: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            // Thirty-two, then eight ASCII bytes at a time: news text is mostly ASCII. A block
            // with a high byte is skipped to that byte, not read a byte at a time up to it (curly
            // quotes and apostrophes put one in most blocks of a news article).
            if i + 32 <= n {
                let w0 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                let w2 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                let w3 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                if (w0 | w1 | w2 | w3) & high == 0 { i += 32; continue }
                i += w0 & high != 0 ? asciiBytes(w0 & high) : w1 & high != 0 ? 8 + asciiBytes(w1 & high)
                    : w2 & high != 0 ? 16 + asciiBytes(w2 & high) : 24 + asciiBytes(w3 & high)
            } else if i + 8 <= n {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & high
                if w == 0 { i += 8; continue }
                i += asciiBytes(w)
            } else if b[i] < 0x80 {
                i += 1
                continue
            }
            // b[i] is a lead or stray continuation byte.
            let (length, valid) = sequence(b, at: i)
            guard valid else { return i }
            i += length
        }
        return nil
    }

    /// As `firstInvalidByte(_:from:)` from 0, also writing SourceText's table of code points
    /// before every 16-byte block into `table` (room for `b.count / 16 + 1` entries) when the
    /// bytes are valid: one pass over an input's bytes instead of one to check and one to count.
    static func firstInvalidByte(_ b: UnsafeBufferPointer<UInt8>, codePointTable table: UnsafeMutablePointer<Int32>) -> Int? {
        let n = b.count
        guard let base = b.baseAddress else { table[0] = 0; return nil }
        let high: UInt64 = 0x8080_8080_8080_8080
        var codePoints = 0
        // Bytes before `checked` are valid; a sequence may run up to three bytes past its block.
        var checked = 0
        var i = 0
        var k = 0
        // Wrapping arithmetic: counts stay below the 1 GB Document.read allows, and overflow
        // checks were a third of the loop.
        while i &+ 16 <= n {
            // Two ASCII blocks at once, most of an article's text.
            if i &+ 32 <= n {
                let raw = UnsafeRawPointer(base + i)
                let ascii = (raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) & high == 0
                if ascii {
                    table[k] = Int32(truncatingIfNeeded: codePoints)
                    table[k &+ 1] = Int32(truncatingIfNeeded: codePoints &+ 16)
                    k &+= 2
                    codePoints &+= 32
                    i &+= 32
                    continue
                }
            }
            table[k] = Int32(truncatingIfNeeded: codePoints)
            k &+= 1
            let raw = UnsafeRawPointer(base + i)
            let w0 = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            // All ASCII: nothing to count, and nothing to check (a sequence left open before the
            // block would have a continuation byte in it).
            if (w0 | w1) & high == 0 { codePoints &+= 16; i &+= 16; continue }
            codePoints &+= SourceText.codePoints(inBlock: w0, w1)
            // Bit b: byte i + b is high. Only those are read; the bytes of a sequence checked in
            // the block before are passed over.
            var highs = highBytes(w0) | highBytes(w1) << 8
            let carried = checked &- i
            if carried > 0 { highs &= ~((1 &<< carried) &- 1) }
            while highs != 0 {
                let j = i &+ highs.trailingZeroBitCount
                let (length, valid) = sequence(b, at: j)
                guard valid else { return j }
                checked = j &+ length
                // Past the sequence's continuation bytes (it may end in the next block).
                let next = checked &- i
                highs = next >= 16 ? 0 : highs & ~((1 &<< next) &- 1)
            }
            i &+= 16
        }
        table[k] = Int32(truncatingIfNeeded: codePoints)
        return firstInvalidByte(b, from: max(checked, i))
    }

    /// Bit k set when byte k of a little-endian word has its high bit: the high bits gathered
    /// into the top byte by one multiply.
    @inline(__always) private static func highBytes(_ w: UInt64) -> Int {
        Int(truncatingIfNeeded: (((w & 0x8080_8080_8080_8080) >> 7) &* 0x0102_0408_1020_4080) >> 56)
    }

    /// ASCII bytes before the first high byte of a little-endian word, given its high bits (not 0).
    @inline(__always) private static func asciiBytes(_ highBits: UInt64) -> Int { highBits.trailingZeroBitCount >> 3 }

    /// The sequence starting at `i`: its length and whether it is well formed. An ill-formed
    /// sequence's length is its maximal subpart (the lead byte and the continuation bytes that
    /// were still acceptable), which is what one U+FFFD replaces (Unicode §3.9, "best practice").
    static func sequence(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (length: Int, valid: Bool) {
        let c = b[i]
        if c < 0x80 { return (1, true) }
        let length: Int
        var minSecond: UInt8 = 0x80, maxSecond: UInt8 = 0xBF
        switch c {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; minSecond = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; maxSecond = 0x9F
        case 0xF0: length = 4; minSecond = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; maxSecond = 0x8F
        default: return (1, false)
        }
        let n = b.count
        guard i + 1 < n, b[i + 1] >= minSecond, b[i + 1] <= maxSecond else { return (1, false) }
        var k = 2
        while k < length {
            guard i + k < n, b[i + k] & 0xC0 == 0x80 else { return (k, false) }
            k += 1
        }
        return (length, true)
    }
}
