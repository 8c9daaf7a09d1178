/// The tokenizer's byte-level fast paths: its loop over runs of short words, spaces and plain
/// punctuation, and the bit tests it and the main loop share.
extension Tokenizer {
    /// Bytes `fastTokens` reads per call, and so the most tokens it makes.
    static var fastChunk: Int { 1024 }

    /// Tokenizes from `i` while tokens start before `stop` and are words of ASCII letters (up to
    /// 64) that end at a byte scanWord never joins, spaces, or plain punctuation; leaves `i`
    /// at the first byte it does not settle and returns how many tokens it wrote. The caller
    /// keeps eight bytes readable from every index below `stop`, and room for `stop - i` tokens.
    /// Sets bit c of `punctuation` for each punctuation byte c it makes a token of.
    @inline(__always)
    static func fastTokens(_ base: UnsafePointer<UInt8>, count: Int, from start: inout Int, stop: Int, end: Int,
                                   into out: UnsafeMutablePointer<Token>, punctuation: inout UInt64) -> Int {
        let longWord = 64
        var i = start
        var made = 0
        var seen: UInt64 = 0
        let raw = UnsafeRawPointer(base)
        while i < stop {
            let c = base[i]
            if (c | 0x20) &- 0x61 < 26 {
                var others = nonLetters(raw, at: i)
                var j = i
                // Longer words eight bytes at a time, up to `longWord` bytes while eight stay readable.
                while others == 0 {
                    j &+= 8
                    guard j &+ 8 <= count, j &- i < longWord else { break }
                    others = nonLetters(raw, at: j)
                }
                if others == 0 { break }
                // The first byte is a letter, so a word has at least one.
                j &+= others.trailingZeroBitCount >> 3
                let tags: Tags = c < 0x5B ? .capitalized : []
                if j >= end {
                    // The letters run to the block's end.
                    out[made] = Token(start: i, length: end &- i, kind: .word, tags: tags)
                    made &+= 1
                    i = end
                    break
                }
                // A space, after most words, is tested first: it ends the word and makes no token.
                let after = base[j]
                if after == 0x20 {
                    out[made] = Token(start: i, length: j &- i, kind: .word, tags: tags)
                    made &+= 1
                    i = j &+ 1
                    continue
                }
                // A byte scanWord may join: the main loop's longer path.
                if !endsLetters(after) { break }
                out[made] = Token(start: i, length: j &- i, kind: .word, tags: tags)
                made &+= 1
                i = j
            } else if c < 0x40 && isSpaceBit(c) {
                i &+= 1
            } else if c < 0x40 && isPlainPunctuation(c) {
                seen |= 1 &<< UInt64(c)
                out[made] = Token(start: i, length: 1, kind: c == UInt8(ascii: "\"") ? .straightQuote : .punct, tags: [])
                made &+= 1
                i &+= 1
            } else {
                break
            }
        }
        start = i
        punctuation |= seen
        return made
    }

    /// Adds the marks the plain punctuation bytes of `punctuation` (bit c for byte c) stand for.
    @inline(__always)
    static func mark(_ marks: inout ParagraphMarks, punctuation: UInt64) {
        if punctuation & 1 << UInt64(UInt8(ascii: ":")) != 0 { marks.insert(.colon) }
        if punctuation & 1 << UInt64(UInt8(ascii: ";")) != 0 { marks.insert(.semicolon) }
        if punctuation & 1 << UInt64(UInt8(ascii: "\"")) != 0 { marks.insert(.quoteMark) }
    }

    /// Space, tab, line feed, vertical tab, form feed, carriage return (`Bytes.isSpace`), as bits of one constant.
    @inline(__always)
    static func isSpaceBit(_ c: UInt8) -> Bool { (0x1_0000_3E00 as UInt64) >> UInt64(c) & 1 != 0 }

    /// ! " ( ) , . : ; ? : bytes below 0x40 that every rule of `other` would make a one-byte
    /// token of, whatever follows (" a straight quote, the rest punctuation).
    @inline(__always)
    static func isPlainPunctuation(_ c: UInt8) -> Bool { (0x8C00_5306_0000_0000 as UInt64) >> UInt64(c) & 1 != 0 }

    /// Where the run of ASCII letters from `start` ends (at most `limit`), eight bytes at a time.
    @inline(__always)
    func lettersEnd(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int {
        var j = start
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        while j < limit && j &+ 8 <= n {
            let others = Tokenizer.nonLetters(raw, at: j)
            if others != 0 { return min(j &+ others.trailingZeroBitCount >> 3, limit) }
            j &+= 8
        }
        while j < limit && Bytes.isASCIILetter(base[j]) { j &+= 1 }
        return min(j, limit)
    }

    /// Per byte of the eight at `offset`, the high bit set when the byte is no ASCII letter:
    /// not (b | 0x20) in a...z with b < 0x80.
    @inline(__always)
    static func nonLetters(_ raw: UnsafeRawPointer, at offset: Int) -> UInt64 {
        let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        let y = (w | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
        let letters = (y &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(y &+ 0x0505_0505_0505_0505) & ~w & 0x8080_8080_8080_8080
        return ~letters & 0x8080_8080_8080_8080
    }

    /// Whether scanWord always stops at byte `c` after a run of letters: space and control bytes,
    /// and ASCII punctuation other than the joiners it tests (& - / ' . and digits' , and %).
    /// Bit c of two constants (bytes below 0x40, then 0x40–0x7F): no table look-up or lazy global.
    @inline(__always)
    static func endsLetters(_ c: UInt8) -> Bool {
        if c < 0x40 { return (0xFC00_1F3F_FFFF_FFFF as UInt64) >> UInt64(c) & 1 != 0 }
        if c < 0x80 { return (0xF800_0001_F800_0001 as UInt64) >> UInt64(c - 0x40) & 1 != 0 }
        return false
    }
}
