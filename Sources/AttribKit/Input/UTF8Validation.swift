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
        while i < n {
            // Thirty-two, then eight ASCII bytes at a time: news text is mostly ASCII.
            if i + 32 <= n, (raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                & 0x8080_8080_8080_8080 == 0 { i += 32; continue }
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            if b[i] < 0x80 { i += 1; continue }
            let (length, valid) = sequence(b, at: i)
            guard valid else { return i }
            i += length
        }
        return nil
    }

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
