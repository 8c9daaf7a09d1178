/// Word tests on mention text for the resolver: on bytes where they run per mention.
extension Resolver {
    /// A phrase's space-separated words, split on bytes: String.split walks Characters, and
    /// every role and pronoun mention of an article is split this way.
    static func words(_ s: String) -> [Substring] { s.utf8.split(separator: 0x20).compactMap { Substring($0) } }

    /// Whether `body` holds for one of the words `words(_:)` would split from these bytes, asked
    /// in order until it does.
    static func anyWord(_ u: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var start = 0
        while start < u.count {
            guard u[start] != 0x20 else { start += 1; continue }
            var end = start
            while end < u.count, u[end] != 0x20 { end += 1 }
            if body(UnsafeBufferPointer(rebasing: u[start..<end])) { return true }
            start = end
        }
        return false
    }

    static func isWord(_ w: Substring, _ word: StaticString) -> Bool {
        w.utf8.elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    static func isWord(_ w: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        w.elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// Opens with a capital letter: ASCII by its byte, anything else as a Character.
    static func isCapitalised(_ w: Substring) -> Bool {
        var w = w
        return w.withUTF8 { isCapitalised($0) }
    }

    static func isCapitalised(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let b = w.first else { return false }
        return b < 0x80 ? Bytes.isUpper(b) : String(decoding: w, as: UTF8.self).first?.isUppercase == true
    }

    /// "prime minister" from "iraq's prime minister"; "head" stays "head of …".
    /// Built from the bytes of the words kept: splitting into Substrings and joining them cost
    /// thousands of instructions a role.
    static func headRole(_ role: String) -> String {
        var role = role
        return role.withUTF8 { u in
            var kept: [UInt8] = []
            kept.reserveCapacity(u.count)
            _ = anyWord(u) { w in
                if !Bytes.endsInPossessive(w) {
                    if !kept.isEmpty { kept.append(0x20) }
                    kept.append(contentsOf: w)
                }
                return false
            }
            return String(decoding: kept, as: UTF8.self)
        }
    }

    /// Byte tests for names: with Foundation imported, `contains(" ")` and `split` on a String
    /// go through Foundation's range(of:) and Character iteration, which showed in the profile.
    /// Read through the String's own bytes: `utf8.contains` went through the generic
    /// Sequence walk of String.UTF8View, about 230 instructions a name.
    static func hasSpace(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            for b in u where b == 0x20 { return true }
            return false
        }
    }

    static func stripDeterminer(_ s: String) -> String {
        for d in ["the ", "The "] where s.hasPrefix(d) { return String(s.dropFirst(d.count)) }
        return s
    }

    static func normalized(_ s: String) -> String {
        Resolver.lowered(stripDeterminer(s)).trimmingCharacters(in: ", ")
    }
}

extension String {
    /// Without leading and trailing characters from an ASCII `set`.
    func trimmingCharacters(in set: StaticString) -> String {
        let chars = UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount)
        var copy = self
        // The String's own bytes, not an Array copy of them: every mention's form is trimmed.
        return copy.withUTF8 { u in
            var s = 0, e = u.count
            while s < e, chars.contains(u[s]) { s += 1 }
            while e > s, chars.contains(u[e - 1]) { e -= 1 }
            return s == 0 && e == u.count ? self : String(decoding: UnsafeBufferPointer(rebasing: u[s..<e]), as: UTF8.self)
        }
    }
}
