/// Paragraphs of plain text: blank-line separated blocks, or one paragraph per line when the
/// article has no blank lines at all (as feeds and CMS exports often do).
enum PlainTextLayout {
    /// One pass over the lines, keeping both answers: every line's trimmed range, and the
    /// blank-line separated paragraphs; which one the article gets is known only at its end.
    static func blocks(in text: SourceText) -> BlockLayout {
        let starts = text.lineStarts
        var layout = BlockLayout()
        layout.ranges = text.bytes.withUnsafeBufferPointer { b in
            // Locals of this closure, not captures of a helper: captured, each access was checked
            // for exclusivity at run time.
            var lines: [Range<Int>] = []
            lines.reserveCapacity(starts.count)
            var paragraphs: [Range<Int>] = []
            // Only a blank line between two lines of text separates paragraphs; trailing ones do not.
            var blankAfterText = false, separated = false
            var runStart = -1, runEnd = 0
            for i in starts.indices {
                let s = starts[i]
                var e = i + 1 < starts.count ? starts[i + 1] : b.count
                while e > s, b[e - 1] == 0x0A || b[e - 1] == 0x0D { e -= 1 }
                if let r = Lines.trimmed(b, s..<e) {
                    if blankAfterText { separated = true }
                    lines.append(r)
                    if runStart < 0 { runStart = s }
                    runEnd = e
                } else {
                    if !lines.isEmpty { blankAfterText = true }
                    if runStart >= 0, let r = Lines.trimmed(b, runStart..<runEnd) { paragraphs.append(r) }
                    runStart = -1
                }
            }
            guard separated else { return lines }
            if runStart >= 0, let r = Lines.trimmed(b, runStart..<runEnd) { paragraphs.append(r) }
            return paragraphs
        }
        return layout
    }
}

/// Line ranges (without their terminators) and white-space trimming over raw bytes.
enum Lines {
    static func ranges(in text: SourceText) -> [Range<Int>] {
        let starts = text.lineStarts
        var out: [Range<Int>] = []
        out.reserveCapacity(starts.count)
        for (i, s) in starts.enumerated() {
            var e = i + 1 < starts.count ? starts[i + 1] : text.count
            while e > s, text.bytes[e - 1] == 0x0A || text.bytes[e - 1] == 0x0D { e -= 1 }
            out.append(s..<e)
        }
        return out
    }

    static func isBlank(_ text: SourceText, _ r: Range<Int>) -> Bool {
        trimmed(text, r) == nil
    }

    /// `r` without leading and trailing white space (including a BOM and no-break spaces), or nil if nothing is left.
    static func trimmed(_ text: SourceText, _ r: Range<Int>) -> Range<Int>? {
        text.bytes.withUnsafeBufferPointer { trimmed($0, r) }
    }

    /// `trimmed` over bytes already at hand.
    @inline(__always)
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int>? {
        var s = r.lowerBound, e = r.upperBound
        while s < e {
            if Bytes.isSpace(b[s]) { s += 1 }
            else if s + 2 < e, b[s] == 0xEF, b[s + 1] == 0xBB, b[s + 2] == 0xBF { s += 3 }
            else if s + 1 < e, b[s] == 0xC2, b[s + 1] == 0xA0 { s += 2 }
            else { break }
        }
        while e > s {
            if Bytes.isSpace(b[e - 1]) { e -= 1 }
            else if e - 2 > s, b[e - 2] == 0xC2, b[e - 1] == 0xA0 { e -= 2 }
            else { break }
        }
        return s < e ? s..<e : nil
    }
}
