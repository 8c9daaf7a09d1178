/// A fixed list of lower-case words, packed for `Phrases.isWord(_:in:)`: a token is read once
/// into two 64-bit keys and compared only with the words of its length. A class: a struct of
/// four arrays cost four reference counts at every use of a static list.
final class WordList: ExpressibleByArrayLiteral, Sendable {
    /// A word of up to 16 bytes, little-endian, zero past its end.
    private struct Key: Equatable, Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0
    }

    let words: [StaticString]
    /// Words by length: `keys[first[n]..<first[n + 1]]` are the words of n bytes.
    private let keys: [Key]
    private let first: [Int]
    /// By length, the first and last bytes of its words as bits (a letter's own bit, bit 31 for
    /// anything else): most tokens asked about are rejected on these alone.
    private let ends: [(first: UInt32, last: UInt32)]
    /// Words too long to pack, compared byte by byte (no list has one today).
    private let long: [StaticString]
    private static let packed = 16
    /// Bit n set when a word has n bytes (bit 17: more than 16), and `bit(_:)` of every word's
    /// first byte: `mayContain` rejects most tokens with these before a call or a key is built.
    private let lengths: UInt32
    private let initials: UInt32

    convenience init(arrayLiteral words: StaticString...) { self.init(words) }

    init(_ words: [StaticString]) {
        self.words = words
        let short = words.filter { $0.utf8CodeUnitCount <= WordList.packed }.sorted { $0.utf8CodeUnitCount < $1.utf8CodeUnitCount }
        long = words.filter { $0.utf8CodeUnitCount > WordList.packed }
        keys = short.map { w in WordList.key(UnsafeBufferPointer(start: w.utf8Start, count: w.utf8CodeUnitCount), 0, w.utf8CodeUnitCount, lower: false) }
        var first = [Int](repeating: 0, count: WordList.packed + 2)
        for w in short { first[w.utf8CodeUnitCount + 1] += 1 }
        for n in 0...WordList.packed { first[n + 1] += first[n] }
        self.first = first
        var ends = [(first: UInt32, last: UInt32)](repeating: (0, 0), count: WordList.packed + 1)
        for w in short where w.utf8CodeUnitCount > 0 {
            let n = w.utf8CodeUnitCount
            ends[n].first |= WordList.bit(w.utf8Start[0])
            ends[n].last |= WordList.bit(w.utf8Start[n - 1])
        }
        self.ends = ends
        lengths = words.reduce(0) { $0 | 1 << UInt32(min($1.utf8CodeUnitCount, WordList.packed + 1)) }
        initials = words.reduce(0) { $1.utf8CodeUnitCount > 0 ? $0 | WordList.bit($1.utf8Start[0]) : $0 }
    }

    /// Whether a token of `n` bytes starting with `b` may be one of the words (never false for one
    /// that is): asked first in `Phrases.isWord`, it leaves the call to `contains` for few tokens.
    @inline(__always)
    func mayContain(first b: UInt8, count n: Int) -> Bool {
        lengths >> UInt32(truncatingIfNeeded: min(max(n, 0), WordList.packed + 1)) & 1 != 0 && initials & WordList.bit(b) != 0
    }

    /// A byte's bit in `ends`, ASCII letters in any case by letter.
    @inline(__always)
    private static func bit(_ b: UInt8) -> UInt32 {
        let l = Bytes.lower(b) &- UInt8(ascii: "a")
        return 1 << UInt32(l < 26 ? l : 31)
    }

    /// The bytes `start..<start + n` (n at most 16) as a key, ASCII letters lowered when asked.
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ n: Int, lower: Bool) -> Key {
        var k = Key()
        for i in 0..<n {
            let b = UInt64(lower ? Bytes.lower(bytes[start + i]) : bytes[start + i])
            if i < 8 { k.low |= b << (8 * i) } else { k.high |= b << (8 * (i - 8)) }
        }
        return k
    }

    /// The lower-cased key of `bytes[start..<start + n]`, read eight bytes at a time where 16 bytes
    /// from `start` lie inside the buffer (a byte at a time cost about 17 instructions a byte).
    @inline(__always)
    private static func lowerKey(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ n: Int) -> Key {
        guard let base = bytes.baseAddress, start >= 0, bytes.count - start >= 16 else { return key(bytes, start, n, lower: true) }
        let raw = UnsafeRawPointer(base + start)
        var k = Key(low: Bytes.lowerASCII(UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))),
                    high: Bytes.lowerASCII(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))))
        if n < 8 {
            k.low &= (1 << UInt64(8 * n)) &- 1
            k.high = 0
        } else if n < 16 {
            k.high &= (1 << UInt64(8 * (n - 8))) &- 1
        }
        return k
    }

    /// Whether `bytes[start..<end]` spells one of the words in any case.
    func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let n = end - start
        guard n > 0 else { return false }
        if n > WordList.packed {
            return long.contains { w in
                w.utf8CodeUnitCount == n && (0..<n).allSatisfy { Bytes.lower(bytes[start + $0]) == w.utf8Start[$0] }
            }
        }
        let e = ends[n]
        guard e.first & WordList.bit(bytes[start]) != 0, e.last & WordList.bit(bytes[end - 1]) != 0 else { return false }
        let lo = first[n], hi = first[n + 1]
        let k = WordList.lowerKey(bytes, start, n)
        for i in lo..<hi where keys[i] == k { return true }
        return false
    }
}
