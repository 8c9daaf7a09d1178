/// Paragraphs of plain text: blank-line separated blocks, or one paragraph per line when the
/// article has no blank lines at all (as feeds and CMS exports often do).
enum PlainTextLayout {
    static func blocks(in text: SourceText) -> BlockLayout {
        var layout = BlockLayout()
        if let ranges = lineBlocks(in: text) {
            layout.ranges = ranges
            return layout
        }
        let lines = Lines.ranges(in: text)
        // Each line trimmed once; a blank line is one with nothing left.
        let content = lines.map { Lines.trimmed(text, $0) }
        // Only a blank line between two lines of text separates paragraphs; trailing ones do not.
        let firstText = content.firstIndex { $0 != nil } ?? 0
        let lastText = content.lastIndex { $0 != nil } ?? 0
        guard firstText < lastText && content[firstText...lastText].contains(where: { $0 == nil }) else {
            layout.ranges = content.compactMap { $0 }
            return layout
        }
        var start: Int?
        var end = 0
        for (line, trimmed) in zip(lines, content) {
            if trimmed == nil {
                if let s = start, let r = Lines.trimmed(text, s..<end) { layout.ranges.append(r) }
                start = nil
            } else {
                if start == nil { start = line.lowerBound }
                end = line.upperBound
            }
        }
        if let s = start, let r = Lines.trimmed(text, s..<end) { layout.ranges.append(r) }
        return layout
    }
}

extension PlainTextLayout {
    /// Every line's trimmed range when no blank line separates two lines of text (one paragraph a
    /// line), else nil: one pass over the line starts, without the line and trimmed-line arrays
    /// a file of short lines paid two allocations' worth of work a line for.
    static func lineBlocks(in text: SourceText) -> [Range<Int>]? {
        let starts = text.lineStarts
        var out: [Range<Int>] = []
        out.reserveCapacity(starts.count)
        var blankAfterText = false
        let separated: Bool = text.bytes.withUnsafeBufferPointer { b in
            for i in starts.indices {
                var e = i + 1 < starts.count ? starts[i + 1] : b.count
                while e > starts[i], b[e - 1] == 0x0A || b[e - 1] == 0x0D { e -= 1 }
                guard let r = Lines.trimmed(b, starts[i]..<e) else {
                    if !out.isEmpty { blankAfterText = true }
                    continue
                }
                if blankAfterText { return true }
                out.append(r)
            }
            return false
        }
        return separated ? nil : out
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
