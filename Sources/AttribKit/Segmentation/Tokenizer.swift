/// Splits a block's bytes into tokens in one pass, without building strings.
struct Tokenizer {
    let bytes: UnsafeBufferPointer<UInt8>
    let rulebook: Rulebook
    let scratch: MatchScratch
    let trace: RuleTrace
    /// Markdown and HTML: skip tags, emphasis markers and link destinations.
    let markup: Bool

    func tokens(in range: Range<Int>) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(range.count / 5 + 1)
        var i = range.lowerBound
        let end = range.upperBound
        let b = bytes
        while i < end {
            let c = b[i]
            if Bytes.isSpace(c) { i += 1; continue }
            if c == 0xC2 && i + 1 < end && b[i + 1] == 0xA0 { i += 2; continue }
            if markup {
                if c == UInt8(ascii: "<") , let close = find(UInt8(ascii: ">"), from: i, to: end) { i = close + 1; continue }
                if c == UInt8(ascii: "*") || c == UInt8(ascii: "_") || c == UInt8(ascii: "[") || c == UInt8(ascii: "`") { i += 1; continue }
                if c == UInt8(ascii: "]") {
                    if i + 1 < end, b[i + 1] == UInt8(ascii: "("), let close = find(UInt8(ascii: ")"), from: i, to: end) { i = close + 1 } else { i += 1 }
                    continue
                }
            }
            // Three-byte punctuation in U+2010–U+203A: dashes, curly quotes, ellipsis.
            if c == 0xE2 && i + 2 < end && b[i + 1] == 0x80 {
                let d = b[i + 2]
                switch d {
                case 0x9C: out.append(Token(start: i, end: i + 3, kind: .openQuote)); i += 3; continue
                case 0x9D: out.append(Token(start: i, end: i + 3, kind: .closeQuote)); i += 3; continue
                case 0x98: out.append(Token(start: i, end: i + 3, kind: .openSingle)); i += 3; continue
                case 0x99:
                    out.append(Token(start: i, end: i + 3, kind: .closeSingle)); i += 3; continue
                case 0x93, 0x94, 0x95: out.append(Token(start: i, end: i + 3, kind: .dash)); i += 3; continue
                case 0xA6: out.append(Token(start: i, end: i + 3, kind: .punct)); i += 3; continue
                case 0x9E: out.append(Token(start: i, end: i + 3, kind: .openQuote)); i += 3; continue
                default: break
                }
            }
            if c == 0xC2 && i + 1 < end && (b[i + 1] == 0xAB || b[i + 1] == 0xBB) {
                out.append(Token(start: i, end: i + 2, kind: b[i + 1] == 0xAB ? .openQuote : .closeQuote)); i += 2; continue
            }
            if c == UInt8(ascii: "\"") { out.append(Token(start: i, end: i + 1, kind: .straightQuote)); i += 1; continue }
            if c == UInt8(ascii: "'") && i + 1 < end && b[i + 1] == UInt8(ascii: "'") {
                out.append(Token(start: i, end: i + 2, kind: .straightQuote)); i += 2; continue
            }
            if c == UInt8(ascii: "`") && i + 1 < end && b[i + 1] == UInt8(ascii: "`") {
                out.append(Token(start: i, end: i + 2, kind: .openQuote)); i += 2; continue
            }
            if c == UInt8(ascii: "-") && i + 1 < end && b[i + 1] == UInt8(ascii: "-") {
                var j = i
                while j < end && b[j] == UInt8(ascii: "-") { j += 1 }
                out.append(Token(start: i, end: j, kind: .dash)); i = j; continue
            }
            if isWordByte(b, i, end) {
                let (j, kind) = scanWord(from: i, to: end)
                var t = Token(start: i, end: j, kind: kind)
                t.isCapitalized = Bytes.isUpper(c) || (c >= 0xC3 && c <= 0xC3 && i + 1 < end && b[i + 1] >= 0x80 && b[i + 1] <= 0x9E)
                if j < end && b[j] == UInt8(ascii: ".") && kind == .word { classifyPeriod(&t, end: end) }
                out.append(t)
                i = t.end
                continue
            }
            if c == UInt8(ascii: "'") {
                out.append(Token(start: i, end: i + 1, kind: .openSingle)); i += 1; continue
            }
            if c == UInt8(ascii: "-") && (i == range.lowerBound || Bytes.isSpace(b[i - 1])) && (i + 1 >= end || Bytes.isSpace(b[i + 1])) {
                out.append(Token(start: i, end: i + 1, kind: .dash)); i += 1; continue
            }
            // Any other byte: one punctuation token for the whole UTF-8 sequence.
            let len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            out.append(Token(start: i, end: min(i + len, end), kind: .punct))
            i += len
        }
        return out
    }

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
    private func scanWord(from start: Int, to end: Int) -> (Int, Token.Kind) {
        let b = bytes
        var j = start
        var digits = 0, letters = 0
        while j < end {
            let c = b[j]
            if Bytes.isASCIILetter(c) { letters += 1; j += 1; continue }
            if Bytes.isDigit(c) { digits += 1; j += 1; continue }
            if c >= 0xC3 && c != 0xE2 {
                let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                letters += 1; j += len; continue
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
            if (c == UInt8(ascii: ".") || c == UInt8(ascii: ",")) && Bytes.isDigit(next) && digits > 0 { j += 1; continue }
            if c == UInt8(ascii: "%") && digits > 0 { j += 1; break }
            // Letter abbreviations such as U.S. or a.m.: a single letter, a period, a letter.
            if c == UInt8(ascii: ".") && Bytes.isASCIILetter(next) && j + 2 <= end && (j + 2 == end || !Bytes.isASCIILetter(b[j + 2])) && j - start <= 2 {
                j += 1; continue
            }
            break
        }
        return (j, digits > 0 && letters == 0 ? .number : .word)
    }

    /// Decides whether the period after a word belongs to it as an abbreviation: listed
    /// abbreviations by hash look-up, shapes such as initials by the groups' patterns.
    private func classifyPeriod(_ t: inout Token, end: Int) {
        let range = t.start..<t.end + 1
        let hashes = WordHash.both(bytes, range)
        let index = rulebook.literals
        let (exact, caseless) = index.entries(exact: hashes.exact, lower: hashes.lower)
        for category in [RuleCategory.abbreviationFinal, .abbreviation] {
            for run in [exact, caseless] {
                if let i = run.first(where: { index.entries[$0].category == category && index.entries[$0].wordCount == 1 }) {
                    mark(&t, category, rulebook.groups[Int(index.entries[i].rule)].group.id)
                    return
                }
            }
        }
        let candidate = UnsafeBufferPointer(rebasing: bytes[range])
        for rule in rulebook.patternRules where rule.group.category == .abbreviation || rule.group.category == .abbreviationFinal {
            if let m = rule.patternRegex?.firstMatch(in: candidate, from: 0, scratch: scratch), m == 0..<candidate.count {
                mark(&t, rule.group.category, rule.group.id)
                return
            }
        }
    }

    private func mark(_ t: inout Token, _ category: RuleCategory, _ id: String) {
        t.end += 1
        t.tags.insert(category == .abbreviation ? .abbreviation : .finalAbbreviation)
        trace.record(id)
    }
}
