#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lower-cased names as UTF-8 byte keys to an id: the resolver's name tables, hashed once per
/// look-up over bytes instead of through String's Unicode-aware hashing and equality.
struct NameTable {
    /// A key of up to 16 bytes is held in `head` (`packed`), a longer one in the arena from `start`:
    /// copying every name into the arena cost more than the rest of an insert.
    private struct Entry {
        var hash: UInt64
        var start: Int
        var count: Int
        var value: Int
        var head: (UInt64, UInt64)
    }

    /// The longest key held in an entry itself.
    private static var inline: Int { 16 }

    /// A key of up to 16 bytes as two words, read as overlapping loads that cover every byte:
    /// two keys of one length are equal exactly when their words are.
    private static func packed(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let n = key.count
        guard let base = key.baseAddress, n > 0 else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        if n >= 8 { return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) }
        if n >= 4 { return (UInt64(raw.loadUnaligned(as: UInt32.self)), UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))) }
        return (UInt64(key[0]) | UInt64(key[n / 2]) << 8 | UInt64(key[n - 1]) << 16, 0)
    }

    /// Entry index + 1 per slot, 0 for empty; a power of two long.
    private var slots: [Int32] = []
    private var entries: [Entry] = []
    private var arena: [UInt8] = []

    /// Eight bytes a step, the tail read as overlapping loads: FNV-1a byte by byte cost about
    /// ten instructions a byte, and every name is hashed at each look-up. Nothing walks a table
    /// in slot order, so the hash decides no output.
    /// Every table hashes a key alike: a key looked up in several tables is hashed once.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = key.count
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: n) &* 0xFF51_AFD7_ED55_8CCD
        guard let base = key.baseAddress, n > 0 else { return h }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func mix(_ w: UInt64) {
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 32
        }
        var i = 0
        while n - i >= 8 {
            mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        let rest = n - i
        // These loads tell any two tails of the same length apart; lengths differ in the seed.
        if rest >= 4 {
            mix(UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32)
        } else if rest > 0 {
            mix(UInt64(key[i]) | UInt64(key[i + rest / 2]) << 8 | UInt64(key[n - 1]) << 16)
        }
        return h
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func slot(_ key: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> Int {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let s = Int(slots[i])
            if s == 0 { return i }
            let e = entries[s - 1]
            if e.hash == h, e.count == key.count, equal(e, key) { return i }
            i = (i + 1) & mask
        }
    }

    /// Whether an entry's key, of the same length, is `key`.
    private func equal(_ e: Entry, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard e.count > NameTable.inline else {
            let w = NameTable.packed(key)
            return w.0 == e.head.0 && w.1 == e.head.1
        }
        return arena.withUnsafeBufferPointer { a in
            guard let stored = a.baseAddress, let wanted = key.baseAddress, e.start + e.count <= a.count else { return false }
            return memcmp(stored + e.start, wanted, e.count) == 0
        }
    }

    subscript(key: UnsafeBufferPointer<UInt8>) -> Int? { self[key, hashed: NameTable.hash(key)] }

    /// The value for a key whose `hash` is known.
    subscript(key: UnsafeBufferPointer<UInt8>, hashed h: UInt64) -> Int? {
        guard !slots.isEmpty else { return nil }
        let s = Int(slots[slot(key, h)])
        return s == 0 ? nil : entries[s - 1].value
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The value for a name as written, lower-cased here.
    func find(name: String) -> Int? { Resolver.withKey(name) { self[$0] } }

    mutating func set(_ key: UnsafeBufferPointer<UInt8>, _ value: Int) {
        let found = look(key)
        if let s = found.entry { entries[s].value = value } else { insert(key, value, found) }
    }

    /// Where a look-up ended: the entry holding the key, else the free slot for it, and the
    /// key's hash, so a miss followed by an insert hashes and probes once.
    struct Lookup {
        fileprivate let hash: UInt64
        fileprivate let slot: Int
        fileprivate let entry: Int?
    }

    /// Looks `key` up, keeping where it would go.
    func look(_ key: UnsafeBufferPointer<UInt8>) -> Lookup { look(key, hashed: NameTable.hash(key)) }

    /// Looks up a key whose `hash` is known.
    func look(_ key: UnsafeBufferPointer<UInt8>, hashed h: UInt64) -> Lookup {
        guard !slots.isEmpty else { return Lookup(hash: h, slot: -1, entry: nil) }
        let i = slot(key, h)
        let s = Int(slots[i])
        return Lookup(hash: h, slot: i, entry: s == 0 ? nil : s - 1)
    }

    /// Sets the value of the entry a look-up found, without hashing the key again.
    mutating func update(_ found: Lookup, _ value: Int) {
        if let e = found.entry { entries[e].value = value }
    }

    /// The value a look-up found.
    func value(_ found: Lookup) -> Int? { found.entry.map { entries[$0].value } }

    /// Adds a key a `look` did not find, with no other insert into this table in between.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Int, _ found: Lookup) {
        var i = found.slot
        if i < 0 || (entries.count + 1) * 2 > slots.count { grow(); i = slot(key, found.hash) }
        if key.count > NameTable.inline {
            entries.append(Entry(hash: found.hash, start: arena.count, count: key.count, value: value, head: (0, 0)))
            arena.append(contentsOf: key)
        } else {
            entries.append(Entry(hash: found.hash, start: 0, count: key.count, value: value, head: NameTable.packed(key)))
        }
        slots[i] = Int32(entries.count)
    }

    /// Empties the table, keeping its storage for the next document; storage a huge document
    /// grew is let go, so later documents do not clear it again and again.
    mutating func removeAll() {
        guard slots.count <= 4096 else { self = NameTable(); return }
        // Most documents' tables are already empty here: clearing an empty array still went
        // through the generic replaceSubrange.
        guard !entries.isEmpty else { return }
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        entries.removeAll(keepingCapacity: true)
        ArticleLists.clear(&arena)
    }

    private mutating func grow() {
        // An article names a few dozen people: one allocation of each array covers most.
        if slots.isEmpty { entries.reserveCapacity(32); arena.reserveCapacity(512) }
        let size = max(64, slots.count * 2)
        slots = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for (n, e) in entries.enumerated() {
            var i = Int(truncatingIfNeeded: e.hash ^ (e.hash >> 29)) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(n + 1)
        }
    }
}

extension Resolver {
    /// Calls `body` with the key of a name as written: lower-cased byte by byte where that is
    /// what `String.lowercased()` does, else lower-cased as a String and put in NFC, so two keys
    /// are equal exactly when the lower-cased Strings are.
    static func withKey<R>(_ raw: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard lowersByByte(raw) else {
            return try String(decoding: raw, as: UTF8.self).lowercased()._nfcCodeUnits.withUnsafeBufferPointer(body)
        }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count) { out in
            lower(raw, into: out)
            return try body(UnsafeBufferPointer(out))
        }
    }

    /// `raw` lower-cased into `out` (as long), for bytes `lowersByByte` accepts.
    static func lower(_ raw: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) {
        // One pass without branches on the byte before: À…Þ but × (C3 80…9E) lower-case to
        // à…þ, 0x20 up in the second byte, like ASCII letters.
        var previous: UInt8 = 0
        let n = min(raw.count, out.count)
        var start = 0
        // Eight ASCII bytes at a time: the Latin-1 rule needs a byte of 0x80 or more after C3,
        // so a word with no high bit lowers by its ASCII capitals alone.
        if let from = raw.baseAddress, let to = out.baseAddress {
            let src = UnsafeRawPointer(from), dst = UnsafeMutableRawPointer(to)
            let high: UInt64 = 0x8080_8080_8080_8080
            while n - start >= 8 {
                let w = src.loadUnaligned(fromByteOffset: start, as: UInt64.self)
                guard w & high == 0 else { break }
                dst.storeBytes(of: Bytes.lowerASCII(w), toByteOffset: start, as: UInt64.self)
                previous = UInt8(truncatingIfNeeded: w >> 56)
                start += 8
            }
            // The rest, when ASCII, as one word overlapping bytes already done (lowered again, they
            // come out the same), or two half words for a short name: byte by byte, a name's last
            // bytes cost more than its first eight.
            if n - start < 8, start < n {
                if n >= 8 {
                    let w = src.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                    if w & high == 0 { dst.storeBytes(of: Bytes.lowerASCII(w), toByteOffset: n - 8, as: UInt64.self); start = n }
                } else if n >= 4 {
                    let a = UInt64(src.loadUnaligned(as: UInt32.self)), b = UInt64(src.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
                    if (a | b) & 0x8080_8080 == 0 {
                        dst.storeBytes(of: UInt32(truncatingIfNeeded: Bytes.lowerASCII(a)), as: UInt32.self)
                        dst.storeBytes(of: UInt32(truncatingIfNeeded: Bytes.lowerASCII(b)), toByteOffset: n - 4, as: UInt32.self)
                        start = n
                    }
                }
            }
        }
        for i in start..<n {
            let b = raw[i]
            let upper = b &- 0x41 < 26 || (previous == 0xC3 && b &- 0x80 <= 0x1E && b != 0x97)
            out[i] = upper ? b &+ 0x20 : b
            previous = b
        }
    }

    /// The same String as `lowercased()`, built by byte where `lowersByByte` allows.
    static func lowered(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard lowersByByte(raw) else { return String(decoding: raw, as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: raw.count) { out in
            lower(raw, into: out)
            return raw.count
        }
    }

    static func lowered(_ s: String) -> String {
        var s = s
        return s.withUTF8 { lowered($0) }
    }

    /// ASCII, Latin-1 (lead bytes C2 and C3) and general punctuation from U+2002 to U+206F
    /// (curly quotes, dashes): no combining mark among them, none with a canonical decomposition
    /// and no case but Latin-1's, so the lower-cased String is NFC and differs only in those bytes.
    /// Lower-casing anything else as a String cost twenty thousand instructions a name.
    static func lowersByByte(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        // Eight bytes at a time for the ASCII test that settles almost every name.
        var words: UInt64 = 0, all: UInt8 = 0, j = 0
        if let base = raw.baseAddress {
            let p = UnsafeRawPointer(base)
            while raw.count - j >= 8 { words |= p.loadUnaligned(fromByteOffset: j, as: UInt64.self); j += 8 }
        }
        while j < raw.count { all |= raw[j]; j += 1 }
        if words & 0x8080_8080_8080_8080 == 0, all < 0x80 { return true }
        var i = 0
        while i < raw.count {
            let b = raw[i]
            if b < 0x80 { i += 1; continue }
            if b == 0xC2 || b == 0xC3, i + 1 < raw.count { i += 2; continue }
            if b == 0xE2, i + 2 < raw.count,
               raw[i + 1] == 0x80 && raw[i + 2] >= 0x82 || raw[i + 1] == 0x81 && raw[i + 2] <= 0xAF { i += 3; continue }
            return false
        }
        return true
    }

    static func withKey<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var s = s
        return try s.withUTF8 { try withKey($0, body) }
    }

    /// How many bytes of a name are left without its possessive ending, dropped as two
    /// Characters as `String.dropLast(2)` would.
    static func withoutPossessive(_ raw: UnsafeBufferPointer<UInt8>) -> Int {
        if raw.allSatisfy({ $0 < 0x80 }) { return raw.count - 2 }
        return String(decoding: raw, as: UTF8.self).dropLast(2).utf8.count
    }

    /// The document's bytes of a name found in the text.
    func bytes(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: context.bytes[r]) }

    /// The person a name in the document's bytes stands for, added if new.
    mutating func person(at r: Range<Int>) -> Int { person(bytes: bytes(r), at: r.lowerBound) }

    mutating func person(named written: String) -> Int {
        var written = written
        return written.withUTF8 { person(bytes: $0, at: nil) }
    }

    /// The person a one-word name stands for: with a shared surname the one mentioned last
    /// before `position`, else `person(named:)`'s. One key for the shared-surname test and the
    /// person's look-up, where each built and hashed its own.
    mutating func person(surname written: String, before position: Int) -> Int {
        var utf8 = written
        return utf8.withUTF8 { u in
            // A possessive is dropped for the person's key but not the shared surname's.
            guard !(u.count > 3 && Bytes.endsInPossessive(u)) else {
                return nearest(surname: written, before: position) ?? person(bytes: u, at: nil)
            }
            return Resolver.withKey(u) { key in
                let h = NameTable.hash(key)
                // Most articles share no surname: no look-up then.
                if !sharedSurnames.isEmpty, sharedSurnames[key, hashed: h] != nil, let id = nearest(shared: written, before: position) { return id }
                return person(key: key, hashed: h, name: u, at: nil)
            }
        }
    }

    /// The person for a name as written, added if new; `start` is where the bytes begin in the
    /// text, if they are the text's, so a new person's name String waits until it is quoted.
    mutating func person(bytes written: UnsafeBufferPointer<UInt8>, at start: Int?) -> Int {
        // "Mr. Pell's plan": the person is Pell.
        let name = written.count > 3 && Bytes.endsInPossessive(written)
            ? UnsafeBufferPointer(rebasing: written[..<Resolver.withoutPossessive(written)]) : written
        return Resolver.withKey(name) { key in person(key: key, hashed: NameTable.hash(key), name: name, at: start) }
    }

    /// The person for a name's `key` (hashed `h`): the name's bytes and where they begin in the
    /// text, as `person(bytes:at:)` takes them, possessive dropped.
    mutating func person(key: UnsafeBufferPointer<UInt8>, hashed h: UInt64, name: UnsafeBufferPointer<UInt8>, at start: Int?) -> Int {
        // One hash for both tables.
        let found = byPersonName.look(key, hashed: h)
        if let id = byPersonName.value(found) { return id }
        var spaces = 0, last = -1, beforeLast = -1
        for (i, b) in key.enumerated() where b == 0x20 { spaces += 1; beforeLast = last; last = i }
        if spaces <= 1, let id = bySurname[key, hashed: h] {
            byPersonName.insert(key, id, found)
            return id
        }
        let id = if let start { add(name: "", kind: .person, nameAt: start..<start + name.count) }
            else { add(name: String(decoding: name, as: UTF8.self), kind: .person) }
        byPersonName.insert(key, id, found)
        // Surname keys: the last word, then the last two ("van rijn").
        // Not a loop over [last, beforeLast]: that array was allocated for every new person.
        if last >= 0 { fileSurname(UnsafeBufferPointer(rebasing: key[(last + 1)...]), id) }
        if beforeLast >= 0 { fileSurname(UnsafeBufferPointer(rebasing: key[(beforeLast + 1)...]), id) }
        return id
    }

    /// Files a person under a surname, or marks the surname shared when someone else has it.
    mutating func fileSurname(_ suffix: UnsafeBufferPointer<UInt8>, _ id: Int) {
        let found = bySurname.look(suffix)
        if let known = bySurname.value(found) { if known != id { sharedSurnames.set(suffix, 1) } } else { bySurname.insert(suffix, id, found) }
    }
}
