/// Attribution indices per paragraph, sorted and without repeats, in one shared buffer: an
/// array per paragraph was an allocation and a free for every paragraph an attribution touches.
struct ParagraphTable {
    /// Paragraph p's indices are `items[bounds[2 * p]..<bounds[2 * p + 1]]`.
    private var items: [Int] = []
    /// Empty while every list is: a file of short lines without attributions allocates nothing.
    private var bounds: [Int] = []

    /// The paragraphs in the table.
    let count: Int

    /// A table of `paragraphs` empty lists.
    init(paragraphs: Int) { count = max(paragraphs, 0) }

    /// A table listing, for each (paragraph, index) pair, the index for the paragraph: pairs
    /// come by increasing index, so each list comes out sorted; the buffer is allocated once.
    init(paragraphs: Int, pairs: [(paragraph: Int32, index: Int32)]) {
        self.init(paragraphs: paragraphs)
        guard !pairs.isEmpty else { return }
        bounds = Array(repeating: 0, count: 2 * count)
        for pair in pairs { bounds[2 * Int(pair.paragraph) + 1] += 1 }
        var start = 0
        for p in 0..<count {
            let n = bounds[2 * p + 1]
            bounds[2 * p] = start
            bounds[2 * p + 1] = start
            start += n
        }
        items = Array(repeating: 0, count: pairs.count)
        for pair in pairs {
            let p = 2 * Int(pair.paragraph) + 1
            items[bounds[p]] = Int(pair.index)
            bounds[p] += 1
        }
    }

    /// The indices listed for paragraph `p`, sorted.
    subscript(p: Int) -> ArraySlice<Int> { bounds.isEmpty ? [] : items[bounds[2 * p]..<bounds[2 * p + 1]] }

    /// Lists `i` for paragraph `p` in order, unless it is there already. A list that does not end
    /// the buffer moves to its end first (its old place stays unused): inserting in place would
    /// shift every later paragraph's list.
    mutating func insert(_ i: Int, paragraph p: Int) {
        if bounds.isEmpty { bounds = Array(repeating: 0, count: 2 * count) }
        let lo = bounds[2 * p], hi = bounds[2 * p + 1]
        let at = items[lo..<hi].partitionPoint { $0 < i }
        if at < hi, items[at] == i { return }
        if hi == items.count {
            items.insert(i, at: at)
        } else {
            let start = items.count
            // Element by element: appending a slice of `items` to itself would copy the buffer.
            for k in lo..<at { items.append(items[k]) }
            items.append(i)
            for k in at..<hi { items.append(items[k]) }
            bounds[2 * p] = start
        }
        bounds[2 * p + 1] = bounds[2 * p] + hi - lo + 1
    }

    /// Whether paragraph `p` lists no index, read without making a slice.
    func isEmpty(_ p: Int) -> Bool { bounds.isEmpty || bounds[2 * p] == bounds[2 * p + 1] }

    /// Drops the indices that `drop` picks from every list, keeping the others in order.
    mutating func removeAll(where drop: (Int) -> Bool) {
        guard !items.isEmpty else { return }
        for p in 0..<count {
            let lo = bounds[2 * p], hi = bounds[2 * p + 1]
            var kept = lo
            for k in lo..<hi where !drop(items[k]) {
                // Written only once something was dropped: a table without drops stays untouched.
                if kept != k { items[kept] = items[k] }
                kept += 1
            }
            if kept != hi { bounds[2 * p + 1] = kept }
        }
    }
}
