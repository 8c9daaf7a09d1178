/// The result model every writer reads: one article's statements, attributions, sources and findings.
public struct Analysis: Sendable {
    public let document: Document
    public let statements: [Statement]
    public let attributions: [Attribution]
    public let sources: [Source]
    public let findings: [Finding]
    /// Per source, in `sources` order: what the report's Sources table counts.
    public let sourceStats: [SourceStats]
    /// Rule groups that changed the outcome, for rule-example tests: named only when asked, as
    /// hashing every fired group's id into a set for each document showed in the profile.
    public var firedRules: Set<String> { fired.ids }
    let fired: FiredRules

    /// Counts for one source.
    public struct SourceStats: Sendable, Equatable {
        public var statements = 0
        public var direct = 0
        public var partial = 0
        public var indirect = 0
        /// Canonical names of the conduits its statements came through.
        public var conduits: [String] = []
    }

    init(document: Document, statements: [Statement], attributions: [Attribution], sources: [Source],
         findings: [Finding], fired: FiredRules) {
        self.document = document
        self.statements = statements
        self.attributions = attributions
        self.sources = sources
        // Most articles' findings come in position order already; the sort is stable, so
        // skipping it then changes nothing and saves copying every finding.
        // Sorted in place: the analyzer hands over the judge's only reference, where `sorted`
        // copied every finding (retaining its strings) into a new array first.
        var findings = findings
        for i in findings.indices.dropFirst() where findings[i].range.lowerBound < findings[i - 1].range.lowerBound {
            findings.sort { $0.range.lowerBound < $1.range.lowerBound }
            break
        }
        self.findings = findings
        self.fired = fired
        var stats = Array(repeating: SourceStats(), count: sources.count)
        // By index: `for a in attributions` copied every attribution, a dozen reference counts each.
        for i in attributions.indices {
            guard let s = attributions[i].speaker, s < stats.count else { continue }
            let kind = attributions[i].kind
            stats[s].statements += 1
            switch kind {
            case .direct: stats[s].direct += 1
            case .partial: stats[s].partial += 1
            case .indirect: stats[s].indirect += 1
            }
            for v in attributions[i].via where v < sources.count && !stats[s].conduits.contains(sources[v].name) {
                stats[s].conduits.append(sources[v].name)
            }
        }
        sourceStats = stats
    }

    public var text: SourceText { document.text }

    /// Statements that make claims of the article's own (all but headline and boilerplate).
    public var proseStatements: [Statement] {
        statements.filter { $0.status != .headline && $0.status != .boilerplate }
    }

    public var attributedShare: Double {
        let prose = proseStatements
        guard !prose.isEmpty else { return 0 }
        return Double(prose.filter { $0.status == .attributed }.count) / Double(prose.count)
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// The source's display name for attribution `a`: its resolved name, else the words used.
    public func speakerName(_ a: Attribution) -> String? { a.speaker.map { sources[$0].name } }

    /// Text of `range`, on one line and cut to `limit` characters with an ellipsis.
    public func excerpt(_ range: Range<Int>, limit: Int = 80) -> String {
        text.bytes.withUnsafeBufferPointer { Excerpt.make(UnsafeBufferPointer(rebasing: $0[range.clamped(to: 0..<$0.count)]), limit: limit) }
    }
}

/// One-line excerpts for messages and tables, built on UTF-8 bytes (this runs for every finding).
public enum Excerpt {
    public static func make(_ s: String, limit: Int) -> String {
        var s = s
        return s.withUTF8 { make($0, limit: limit) }
    }

    /// White space runs become one space; past `limit` code points the text is cut with an ellipsis.
    public static func make(_ b: UnsafeBufferPointer<UInt8>, limit: Int) -> String {
        String(unsafeUninitializedCapacity: capacity(b.count, limit: limit)) { write(b, limit: limit, to: $0.baseAddress) }
    }

    /// The most bytes `write` puts out for `count` input bytes: white space only shrinks, at
    /// most limit + 1 code points are copied, and an ellipsis may follow.
    static func capacity(_ count: Int, limit: Int) -> Int { min(count, (max(limit, 0) + 1) * 4) + 3 }

    /// Writes the excerpt of `b` to `out`, which holds `capacity(b.count, limit:)` bytes, and
    /// returns its length: a message is built in one buffer, without an array per excerpt.
    static func write(_ b: UnsafeBufferPointer<UInt8>, limit: Int, to out: UnsafeMutablePointer<UInt8>?) -> Int {
        write(b, limit: limit, to: out, json: false)
    }

    /// As `write`, each byte escaped as `JSONBytes.escaped` escapes it, into `out` holding
    /// `capacity(b.count, limit:) * JSONBytes.longestEscape` bytes: a finding's message goes
    /// into its JSON line in one pass, not through a buffer and a second pass.
    static func writeEscaped(_ b: UnsafeBufferPointer<UInt8>, limit: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        write(b, limit: limit, to: out, json: true)
    }

    @inline(__always) private static func write(_ b: UnsafeBufferPointer<UInt8>, limit: Int, to out: UnsafeMutablePointer<UInt8>?, json: Bool) -> Int {
        guard let out else { return 0 }
        // A cut excerpt keeps this many code points before its ellipsis; `cut` is where they end.
        let keep = max(0, limit - 2) + 1
        var written = 0
        var cut = 0
        var emitted = 0
        var lastSpace = true
        var i = 0
        let n = b.count
        while i < n, emitted <= limit {
            // Eight bytes at once while they come out as they are and cannot reach the cut:
            // printable ASCII needing no escape, spaces single and not after a space.
            if emitted + 8 < keep, i + 8 <= n, let base = b.baseAddress,
               case let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)),
               Excerpt.copiesWhole(w, afterSpace: lastSpace) {
                UnsafeMutableRawPointer(out + written).storeBytes(of: w.littleEndian, as: UInt64.self)
                written += 8
                emitted += 8
                i += 8
                lastSpace = w >> 56 == 0x20
                continue
            }
            let c = b[i]
            // Printable ASCII, most of any excerpt, in the shortest path.
            if c > 0x20 && c < 0x80 {
                if json && JSONBytes.needsEscape(c) {
                    written += JSONBytes.escape(c, to: out + written)
                } else {
                    out[written] = c
                    written += 1
                }
                i += 1
                lastSpace = false
                emitted += 1
                if emitted == keep { cut = written }
                continue
            }
            if Bytes.isSpace(c) || (c == 0xC2 && i + 1 < n && b[i + 1] == 0xA0) {
                i += c == 0xC2 ? 2 : 1
                if !lastSpace {
                    out[written] = 0x20
                    written += 1
                    emitted += 1
                    if emitted == keep { cut = written }
                }
                lastSpace = true
                continue
            }
            lastSpace = false
            let len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            let end = min(i + len, n)
            while i < end {
                let d = b[i]
                if json && JSONBytes.needsEscape(d) {
                    written += JSONBytes.escape(d, to: out + written)
                } else {
                    out[written] = d
                    written += 1
                }
                i += 1
            }
            emitted += 1
            if emitted == keep { cut = written }
        }
        let whole = i >= n && emitted <= limit
        if !whole { written = cut }
        while written > 0, out[written - 1] == 0x20 { written -= 1 }
        if !whole {
            out[written] = 0xE2; out[written + 1] = 0x80; out[written + 2] = 0xA6
            written += 3
        }
        return written
    }

    /// Whether the byte loop would copy all eight bytes of `w` unchanged, one code point each:
    /// all ASCII from the space up, none that JSON escapes, and no space after a space.
    @inline(__always) static func copiesWhole(_ w: UInt64, afterSpace: Bool) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        guard w & high == 0, JSONBytes.escapeMask(w) == 0 else { return false }
        // Exact per byte for ASCII (no borrows): the high bit marks each space.
        let t = w ^ 0x2020_2020_2020_2020
        let spaces = ~((t &+ low7) | t) & high
        let previous = (spaces << 8) | (afterSpace ? 0x80 : 0)
        return spaces & previous == 0
    }
}
