#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte classes used by the hand-written scanners, which avoid `Character` on hot paths.
enum Bytes {
    /// Calls `body` with the UTF-8 bytes of `s` in place (native strings are contiguous, and a
    /// mutable copy for `withUTF8` cost a retain); others are copied.
    @inline(__always)
    static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B }
    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isASCIILetter(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) }
    static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }

    /// Eight bytes with each ASCII capital lowered, as `lower` does one; other bytes, high ones
    /// included, are left as they are. Per byte, the low seven bits plus 0x3F reach bit 7 from
    /// A on and plus 0x25 from [ on, and no sum carries into the next byte.
    @inline(__always)
    static func lowerASCII(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high = ones &* 0x80
        let low7 = x & ~high
        let capital = (low7 &+ ones &* 0x3F) & ~(low7 &+ ones &* 0x25) & ~x & high
        return x | capital >> 2
    }

    /// Ends in "'s" or "’s": String.hasSuffix compares Characters, and names are checked for
    /// every capitalised run of an article.
    static func endsInPossessive<C: BidirectionalCollection<UInt8>>(_ u: C) -> Bool { possessiveSuffix(u) > 0 }

    /// Bytes in the possessive ending: 2 for "'s", 4 for "’s", 0 for none.
    static func possessiveSuffix<C: BidirectionalCollection<UInt8>>(_ u: C) -> Int {
        var i = u.endIndex
        func back() -> UInt8? { guard i != u.startIndex else { return nil }; u.formIndex(before: &i); return u[i] }
        guard back() == UInt8(ascii: "s"), let mark = back() else { return 0 }
        if mark == UInt8(ascii: "'") { return 2 }
        return mark == 0x99 && back() == 0x80 && back() == 0xE2 ? 4 : 0
    }

    /// First offset of `needle` in `haystack[range]`, or nil. memchr (vectorised in libc, unlike
    /// a Swift byte loop) finds each candidate for the needle's first byte that is not a
    /// lower-case letter or space: searching for the "a" of "attrib-" stopped at every "a".
    static func find(_ needle: [UInt8], in haystack: [UInt8], range: Range<Int>) -> Int? {
        haystack.withUnsafeBufferPointer { find(needle, in: $0, range: range) }
    }

    static func find(_ needle: [UInt8], in h: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int? {
        guard !needle.isEmpty, range.count >= needle.count,
              range.lowerBound >= 0, range.upperBound <= h.count else { return nil }
        guard let base = h.baseAddress else { return nil }
        let k = needle.firstIndex { !isLower($0) && !isSpace($0) } ?? 0
        let key = Int32(needle[k])
        // Candidates for the needle's byte k lie in [lower + k, last + k].
        var i = range.lowerBound + k
        let last = range.upperBound - needle.count + k
        while i <= last {
            guard let hit = memchr(base + i, key, last - i + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - k
            var j = 0
            while j < needle.count && h[at + j] == needle[j] { j += 1 }
            if j == needle.count { return at }
            i = at + k + 1
        }
        return nil
    }
}
