/// Splits a block's bytes into tokens in one pass, without building strings.
struct Tokenizer {
    let bytes: UnsafeBufferPointer<UInt8>
    let rulebook: Rulebook
    let scratch: MatchScratch
    let trace: RuleTrace
    /// Markdown and HTML: skip tags, emphasis markers and link destinations.
    let markup: Bool
    /// HTML: character references such as `&ldquo;` and `&#8217;` count as the characters they stand for.
    var entities: Bool = false
    /// Sorted, disjoint byte ranges that are not prose (`Document.skips`).
    var skips: [Range<Int>] = []
    /// The abbreviation groups that have patterns, picked once per document, not per period.
    private let abbreviationPatterns: [AbbreviationPattern]
    /// The rulebook's literal index, held here: fetched from the rulebook per period, it was
    /// retained and released each time.
    private let literals: LiteralIndex
    /// Which abbreviation patterns a word's first two bytes leave possible (the worker's memo):
    /// most words before a period, such as the last of a sentence, rule out every pattern there.
    private let prefixes: PrefixMemo

    init(bytes: UnsafeBufferPointer<UInt8>, rulebook: Rulebook, scratch: MatchScratch, trace: RuleTrace, markup: Bool,
         entities: Bool = false, skips: [Range<Int>] = []) {
        self.bytes = bytes
        self.rulebook = rulebook
        self.scratch = scratch
        self.trace = trace
        self.markup = markup
        self.entities = entities
        self.skips = skips
        literals = rulebook.literals
        let patterns = rulebook.patternRules.compactMap { rule -> AbbreviationPattern? in
            guard rule.group.category == .abbreviation || rule.group.category == .abbreviationFinal, let regex = rule.wholeRegex else { return nil }
            return AbbreviationPattern(regex: Unmanaged.passUnretained(regex), category: rule.group.category, ref: rule.ref)
        }
        abbreviationPatterns = patterns
        prefixes = scratch.abbreviationPrefixes
        prefixes.prepare(count: patterns.count) { patterns[$0].regex.takeUnretainedValue() }
    }

    /// Appends the block's tokens to `store` and returns where they went, noting whether it holds
    /// a dash, a colon, a semicolon or a quotation mark (the rest of its marks come from quotation
    /// pairing): noted here, so no pass reads every token again for them.
    func tokens(in range: Range<Int>, marks: inout ParagraphMarks, into store: DocumentStore<Token>) -> Range<Int> {
        var out = store.sink()
        // Bit c for each plain punctuation byte c made a token of: one OR a token, whichever marks are asked.
        var punctuation: UInt64 = 0
        var i = range.lowerBound
        let end = range.upperBound
        guard let base = bytes.baseAddress, i < end else { return out.finish() }
        defer { Tokenizer.mark(&marks, punctuation: punctuation) }
        // The first skip that ends after the block starts; the index only moves forward. Before
        // `nextSkip` (that skip's start) no skip applies, so a token costs one comparison here.
        var k = skips.partitionPoint { $0.upperBound <= i }
        var nextSkip = k < skips.count ? skips[k].lowerBound : Int.max
        while i < end {
            // Runs of short words, spaces and plain punctuation, the bulk of prose, in a loop of
            // their own with its state in registers; it stops before anything else.
            let stop = min(end, nextSkip, bytes.count &- 7, i &+ Tokenizer.fastChunk)
            if i < stop {
                // At most a token a byte: asking for no more room than that, the store grows only when it must.
                let room = out.reserve(stop &- i)
                let made = Tokenizer.fastTokens(base, count: bytes.count, from: &i, stop: stop, end: end, into: room, punctuation: &punctuation)
                out.advance(by: made)
                if i >= end { break }
            }
            if i >= nextSkip {
                while k < skips.count, skips[k].upperBound <= i { k += 1 }
                if k < skips.count, skips[k].lowerBound <= i { i = skips[k].upperBound; continue }
                nextSkip = k < skips.count ? skips[k].lowerBound : Int.max
            }
            let c = base[i]
            // The bytes of most tokens are settled here; no rule of `other` claims them first.
            if (c | 0x20) &- 0x61 < 26 {
                // An ASCII letter (the wrapping subtraction leaves every other byte at 26 or more).
                let limit = min(end, i &+ Token.maxLength)
                let j = lettersEnd(base, from: i &+ 1, limit: limit)
                // Letters up to a byte scanWord never joins after them: the whole word, no period to classify.
                guard j == limit || Tokenizer.endsLetters(base[j]) else { i = word(at: i, letters: j, end: end, into: &out); continue }
                out.append(Token(start: i, length: j &- i, kind: .word, tags: c < 0x5B ? .capitalized : []))
                // The space after the word makes no token: skipped here rather than by a turn of
                // the loop (a skip range over it still applies at the next turn).
                i = j < end && base[j] == 0x20 ? j &+ 1 : j
                continue
            }
            if c < 0x40 {
                if Tokenizer.isSpaceBit(c) { i &+= 1; continue }
                if Tokenizer.isPlainPunctuation(c) {
                    punctuation |= 1 &<< UInt64(c)
                    out.append(Token(start: i, length: 1, kind: c == UInt8(ascii: "\"") ? .straightQuote : .punct, tags: []))
                    i &+= 1
                    continue
                }
                if Bytes.isDigit(c) { i = word(at: i, end: end, into: &out); continue }
            }
            let before = out.count
            i = other(at: i, block: range, into: &out)
            // `other` appends at most one token; every dash token comes from it, and every
            // quotation mark but a plain " byte (noted among the punctuation bits).
            if out.count > before {
                if out.elements[before].kind == .dash { marks.insert(.dash) } else if out.elements[before].isQuote { marks.insert(.quoteMark) }
            }
        }
        return out.finish()
    }

    /// Appends the token starting at `i`, a byte the main loop does not settle: entities, markup,
    /// quotation marks, dashes, symbols and non-ASCII text; returns where the next token may start.
    private func other(at i: Int, block range: Range<Int>, into out: inout TokenSink) -> Int {
        let end = range.upperBound
        let b = bytes
        let c = b[i]
        if entities && c == UInt8(ascii: "&"), let (len, scalar) = entity(at: i, end: end) {
            switch scalar {
            case 0xA0: break
            case 0x201C, 0x201E, 0xAB: out.append(Token(start: i, end: i + len, kind: .openQuote))
            case 0x201D, 0xBB: out.append(Token(start: i, end: i + len, kind: .closeQuote))
            case 0x22: out.append(Token(start: i, end: i + len, kind: .straightQuote))
            case 0x2018: out.append(Token(start: i, end: i + len, kind: .openSingle))
            case 0x2019: out.append(Token(start: i, end: i + len, kind: .closeSingle))
            case 0x2013, 0x2014, 0x2015: out.append(Token(start: i, end: i + len, kind: .dash))
            default: out.append(Token(start: i, end: i + len, kind: .punct))
            }
            return i + len
        }
        if c == 0xC2 && i + 1 < end && b[i + 1] == 0xA0 { return i + 2 }
        if markup {
            if c == UInt8(ascii: "<") , let close = find(UInt8(ascii: ">"), from: i, to: end) { return close + 1 }
            if c == UInt8(ascii: "*") || c == UInt8(ascii: "_") || c == UInt8(ascii: "[") || c == UInt8(ascii: "`") { return i + 1 }
            if c == UInt8(ascii: "]") {
                if i + 1 < end, b[i + 1] == UInt8(ascii: "("), let close = find(UInt8(ascii: ")"), from: i, to: end) { return close + 1 }
                return i + 1
            }
        }
        // Three-byte punctuation in U+2010–U+203A: dashes, curly quotes, ellipsis.
        if c == 0xE2 && i + 2 < end && b[i + 1] == 0x80 {
            let kind: Token.Kind?
            switch b[i + 2] {
            case 0x9C, 0x9E: kind = .openQuote
            case 0x9D: kind = .closeQuote
            case 0x98: kind = .openSingle
            case 0x99: kind = .closeSingle
            case 0x93, 0x94, 0x95: kind = .dash
            case 0xA6: kind = .punct
            default: kind = nil
            }
            if let kind { out.append(Token(start: i, end: i + 3, kind: kind)); return i + 3 }
        }
        if c == 0xC2 && i + 1 < end && (b[i + 1] == 0xAB || b[i + 1] == 0xBB) {
            out.append(Token(start: i, end: i + 2, kind: b[i + 1] == 0xAB ? .openQuote : .closeQuote)); return i + 2
        }
        if c == UInt8(ascii: "'") && i + 1 < end && b[i + 1] == UInt8(ascii: "'") {
            out.append(Token(start: i, end: i + 2, kind: .straightQuote)); return i + 2
        }
        if c == UInt8(ascii: "`") && i + 1 < end && b[i + 1] == UInt8(ascii: "`") {
            out.append(Token(start: i, end: i + 2, kind: .openQuote)); return i + 2
        }
        if c == UInt8(ascii: "-") && i + 1 < end && b[i + 1] == UInt8(ascii: "-") {
            var j = i
            while j < end && j - i < Token.maxLength && b[j] == UInt8(ascii: "-") { j += 1 }
            out.append(Token(start: i, end: j, kind: .dash)); return j
        }
        if isWordByte(b, i, end) { return word(at: i, end: end, into: &out) }
        if c == UInt8(ascii: "'") {
            out.append(Token(start: i, end: i + 1, kind: .openSingle)); return i + 1
        }
        if c == UInt8(ascii: "-") && (i == range.lowerBound || Bytes.isSpace(b[i - 1])) && (i + 1 >= end || Bytes.isSpace(b[i + 1])) {
            out.append(Token(start: i, end: i + 1, kind: .dash)); return i + 1
        }
        // Any other byte: one punctuation token for the whole UTF-8 sequence.
        let len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
        out.append(Token(start: i, end: min(i + len, end), kind: .punct))
        return i + len
    }

    /// Appends the word, number or abbreviation starting at `i`; returns where it ends.
    /// `letters`, when past `i`, is where the run of ASCII letters from `i` ends (at most
    /// `Token.maxLength` bytes on), already found by the caller: the scan resumes there.
    private func word(at i: Int, letters: Int = 0, end: Int, into out: inout TokenSink) -> Int {
        let b = bytes
        let c = b[i]
        let (j, kind) = scanWord(from: i, letters: letters, to: end)
        var t = Token(start: i, end: j, kind: kind)
        t.isCapitalized = Bytes.isUpper(c) || (c == 0xC3 && i + 1 < end && b[i + 1] >= 0x80 && b[i + 1] <= 0x9E)
        if j < end && b[j] == UInt8(ascii: ".") && kind == .word { classifyPeriod(&t, end: end) }
        out.append(t)
        return t.end
    }

    /// The character reference at `i` (`&name;`, `&#N;`, `&#xH;`) among the ones that matter for
    /// quotations and spacing: its length in bytes and the code point it stands for.
    private func entity(at i: Int, end: Int) -> (Int, UInt32)? {
        let b = bytes
        var j = i + 1
        while j < end, j - i <= 9, b[j] != UInt8(ascii: ";") {
            guard Bytes.isASCIILetter(b[j]) || Bytes.isDigit(b[j]) || (j == i + 1 && b[j] == UInt8(ascii: "#")) else { return nil }
            j += 1
        }
        guard j < end, b[j] == UInt8(ascii: ";"), j > i + 1 else { return nil }
        let len = j + 1 - i
        if b[i + 1] == UInt8(ascii: "#") {
            var value: UInt32 = 0
            let hex = i + 2 < j && (b[i + 2] == UInt8(ascii: "x") || b[i + 2] == UInt8(ascii: "X"))
            var k = hex ? i + 3 : i + 2
            guard k < j else { return nil }
            while k < j {
                let d = b[k]
                let v: UInt32
                if Bytes.isDigit(d) { v = UInt32(d - 0x30) }
                else if hex, (d | 0x20) >= 0x61, (d | 0x20) <= 0x66 { v = UInt32((d | 0x20) - 0x61 + 10) }
                else { return nil }
                value = value * (hex ? 16 : 10) + v
                k += 1
            }
            return (len, value)
        }
        var name = 0 as UInt64
        for k in i + 1..<j { name = name << 8 | UInt64(b[k]) }
        guard let scalar = Self.named[name] else { return nil }
        return (len, scalar)
    }

    /// The named references the tokenizer understands, keyed by their ASCII bytes packed in a word.
    private static let named: [UInt64: UInt32] = {
        let table: [(String, UInt32)] = [
            ("ldquo", 0x201C), ("rdquo", 0x201D), ("bdquo", 0x201E), ("quot", 0x22), ("lsquo", 0x2018),
            ("rsquo", 0x2019), ("mdash", 0x2014), ("ndash", 0x2013), ("nbsp", 0xA0), ("amp", 0x26),
            ("hellip", 0x2026), ("apos", 0x27), ("laquo", 0xAB), ("raquo", 0xBB),
        ]
        var out: [UInt64: UInt32] = [:]
        for (n, s) in table { out[n.utf8.reduce(0 as UInt64) { $0 << 8 | UInt64($1) }] = s }
        return out
    }()

    private func find(_ byte: UInt8, from: Int, to: Int) -> Int? {
        var j = from
        while j < to { if bytes[j] == byte { return j }; j += 1 }
        return nil
    }

    /// Letters, digits, and non-ASCII bytes other than the punctuation handled above.
    private func isWordByte(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        let c = b[i]
        if Bytes.isASCIILetter(c) || Bytes.isDigit(c) { return true }
        if c == UInt8(ascii: "$") || c == UInt8(ascii: "#") || c == UInt8(ascii: "@") || c == UInt8(ascii: "&") { return i + 1 < end && !Bytes.isSpace(b[i + 1]) }
        if c >= 0xC3 && c != 0xE2 { return true }
        if c == 0xE2 && i + 2 < end && b[i + 1] == 0x82 { return true } // currency signs such as €
        if c == 0xC2 && i + 1 < end && b[i + 1] == 0xA3 { return true }  // £
        return false
    }

    /// A word runs over letters and digits and through inner apostrophes, hyphens, periods
    /// between digits, commas inside numbers, and the periods of letter abbreviations (U.S.).
    private func scanWord(from start: Int, letters run: Int, to end: Int) -> (Int, Token.Kind) {
        let b = bytes
        var j = start
        var digits = false, letters = false
        // A run longer than a token holds is cut; each step moves by whole characters.
        let limit = min(end, start + Token.maxLength)
        if run > start {
            // The letters the caller has read are not read again.
            letters = true
            j = min(run, limit)
        }
        while j < limit {
            var c = b[j]
            if Bytes.isASCIILetter(c) {
                // Most of a word is a run of ASCII letters: a loop of its own.
                letters = true
                j += 1
                while j < limit && Bytes.isASCIILetter(b[j]) { j += 1 }
                if j == limit { break }
                c = b[j]
            }
            // A space or control byte ends every word; the tests below would all fail for it.
            if c <= 0x20 { break }
            if entities && c == UInt8(ascii: "&") && j > start, let (len, scalar) = entity(at: j, end: end) {
                // don&rsquo;t and AT&amp;T stay one word; Farmers&rsquo; groups keeps its possessive.
                let after: UInt8 = j + len < end ? b[j + len] : 0x20
                let afterIsAlnum = Bytes.isASCIILetter(after) || Bytes.isDigit(after) || after >= 0xC3 && after != 0xE2
                if (scalar == 0x2019 || scalar == 0x27) && Bytes.isASCIILetter(after) { j += len; continue }
                if scalar == 0x26 && afterIsAlnum { j += len; continue }
                if scalar == 0x2019 && b[j - 1] == UInt8(ascii: "s") && Bytes.isSpace(after) && j + len + 1 < end
                    && Bytes.isLower(b[j + len + 1]) { j += len; break }
                break
            }
            if Bytes.isDigit(c) { digits = true; j += 1; continue }
            if c >= 0xC3 && c != 0xE2 {
                let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                letters = true; j += len; continue
            }
            if j == start && (c == UInt8(ascii: "$") || c == UInt8(ascii: "#") || c == UInt8(ascii: "@") || c == UInt8(ascii: "&")) { j += 1; continue }
            if c == 0xE2 && j + 2 < end && b[j + 1] == 0x82 { j += 3; continue }
            if c == 0xC2 && j + 1 < end && b[j + 1] == 0xA3 { j += 2; continue }
            let next = j + 1 < end ? b[j + 1] : 0
            let nextIsAlnum = Bytes.isASCIILetter(next) || Bytes.isDigit(next) || next >= 0xC3 && next != 0xE2
            if (c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == UInt8(ascii: "&")) && nextIsAlnum { j += 1; continue }
            if c == UInt8(ascii: "'") && Bytes.isASCIILetter(next) && j > start { j += 1; continue }
            // A plural possessive ("Workers' Union") keeps its apostrophe; it is no quotation mark.
            if c == UInt8(ascii: "'") && j > start && b[j - 1] == UInt8(ascii: "s") && next != UInt8(ascii: "'") && (j + 1 >= end || Bytes.isSpace(next)) {
                j += 1; break
            }
            if c == 0xE2 && j + 2 < end && b[j + 1] == 0x80 && b[j + 2] == 0x99 && j > start {
                let after: UInt8 = j + 3 < end ? b[j + 3] : 0x20
                if Bytes.isASCIILetter(after) { j += 3; continue }
                // "Farmers’ groups": a plural possessive, not a closing single quote.
                if b[j - 1] == UInt8(ascii: "s") && Bytes.isSpace(after) && j + 4 < end && Bytes.isLower(b[j + 4]) { j += 3; break }
            }
            if (c == UInt8(ascii: ".") || c == UInt8(ascii: ",")) && Bytes.isDigit(next) && digits { j += 1; continue }
            if c == UInt8(ascii: "%") && digits { j += 1; break }
            // Letter abbreviations such as U.S. or a.m.: a single letter, a period, a letter.
            if c == UInt8(ascii: ".") && Bytes.isASCIILetter(next) && j + 2 <= end && (j + 2 == end || !Bytes.isASCIILetter(b[j + 2])) && j - start <= 2 {
                j += 1; continue
            }
            break
        }
        return (j, digits && !letters ? .number : .word)
    }

    /// Decides whether the period after a word belongs to it as an abbreviation: listed
    /// abbreviations by hash look-up, shapes such as initials by the groups' patterns.
    private func classifyPeriod(_ t: inout Token, end: Int) {
        let range = t.start..<t.end + 1
        let hashes = WordHash.both(bytes, range)
        let index = literals
        let (exact, caseless) = index.entries(exact: hashes.exact, lower: hashes.lower)
        // Final abbreviations first (they may end a sentence), exact case before any case.
        if !exact.isEmpty || !caseless.isEmpty {
            let entries = index.entries
            for category in [RuleCategory.abbreviationFinal, .abbreviation] {
                for i in exact where entries[i].category == category && entries[i].wordCount == 1 {
                    mark(&t, category, entries[i].rule); return
                }
                for i in caseless where entries[i].category == category && entries[i].wordCount == 1 {
                    mark(&t, category, entries[i].rule); return
                }
            }
        }
        let candidate = UnsafeBufferPointer(rebasing: bytes[range])
        let may = prefixes.patterns(mayMatch: candidate, scratch: scratch)
        for (k, pattern) in abbreviationPatterns.enumerated() where may & 1 << k != 0 {
            let m = pattern.regex._withUnsafeGuaranteedRef { $0.firstMatch(in: candidate, from: 0, scratch: scratch) }
            if let m, m == 0..<candidate.count {
                mark(&t, pattern.category, pattern.ref)
                return
            }
        }
    }

    /// An abbreviation group's whole-word regex. The rulebook, which the tokenizer holds, keeps
    /// the regex alive: unmanaged and used as a guaranteed reference, so the loop over periods
    /// retains nothing (an unowned(unsafe) field was still retained around each call).
    private struct AbbreviationPattern {
        let regex: Unmanaged<Regex>
        let category: RuleCategory
        let ref: RuleRef
    }

    private func mark(_ t: inout Token, _ category: RuleCategory, _ rule: RuleRef) {
        t.end += 1
        t.tags.insert(category == .abbreviation ? .abbreviation : .finalAbbreviation)
        trace.record(rule)
    }
}
