/// A quotation: the tokens between an opening and a closing mark within one paragraph.
public struct Quotation: Sendable, Equatable {
    /// Token index of the opening mark, nil when the quote continues from the previous paragraph.
    public var open: Int?
    /// Token index of the closing mark, nil when the quote runs to the end of the paragraph.
    public var close: Int?
    /// Byte range from the opening mark through the closing mark.
    public var range: Range<Int>
}

/// Pairs quotation marks in one paragraph: curly and straight double quotes, NYT-style ''
/// and ``, and single quotes nested inside double ones.
enum QuotePairer {
    /// Where the pairing goes: lists the caller reuses for every paragraph of a document, to
    /// which `pair` appends (emptying them per paragraph cost a library call each).
    struct Result {
        var quotes: [Quotation]
        /// Marks that close nothing, by token index.
        var strayMarks: [Int]
        /// The last quote is still open at the end of the paragraph.
        var endsOpen = false
    }

    /// Tags the paragraph's tokens in place (in its document's store, before anything reads them).
    static func pair(_ tk: UnsafeMutableBufferPointer<Token>, paragraph: Range<Int>, into result: inout Result) {
        result.endsOpen = false
        var openAt: Int?
        var singleOpen = false
        // Tokens before the first quotation mark change nothing below: the loop starts there,
        // after a plain scan (most paragraphs have no mark at all).
        var i = 0
        while i < tk.count && !tk[i].isQuote { i += 1 }
        guard i < tk.count else { return }
        while i < tk.count {
            switch tk[i].kind {
            case .openQuote:
                // A “ typed where ” belongs ("Apparently not,“ he said): closes when glued to the word before.
                if let o = openAt, i > 0, tk[i - 1].end == tk[i].start, !tk[i - 1].isQuote {
                    close(tk, o, i, &result); openAt = nil; singleOpen = false
                } else if openAt == nil { openAt = i } else { result.strayMarks.append(i) }
            case .closeQuote:
                if let o = openAt { close(tk, o, i, &result); openAt = nil; singleOpen = false }
                else { result.strayMarks.append(i) }
            case .straightQuote:
                if let o = openAt { close(tk, o, i, &result); openAt = nil; singleOpen = false }
                else { openAt = i }
            case .openSingle:
                if openAt != nil { singleOpen = true }
            case .closeSingle:
                if openAt != nil && singleOpen { singleOpen = false }
            default:
                break
            }
            i += 1
        }
        if let o = openAt {
            result.endsOpen = true
            for k in (o + 1)..<tk.count { tk[k].tags.insert(.inQuote) }
            tk[o].tags.insert(.quoteOpens)
            let end = tk.last.map { $0.end } ?? paragraph.upperBound
            result.quotes.append(Quotation(open: o, close: nil, range: tk[o].start..<end))
        }
    }

    private static func close(_ tokens: UnsafeMutableBufferPointer<Token>, _ o: Int, _ c: Int, _ result: inout Result) {
        for k in (o + 1)..<c { tokens[k].tags.insert(.inQuote) }
        tokens[o].tags.insert(.quoteOpens)
        tokens[c].tags.insert(.quoteCloses)
        result.quotes.append(Quotation(open: o, close: c, range: tokens[o].start..<tokens[c].end))
    }
}
