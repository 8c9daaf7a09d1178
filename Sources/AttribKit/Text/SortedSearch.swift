extension RandomAccessCollection where Index == Int {
    /// How many leading elements satisfy `isBefore`, which must hold for a prefix and then
    /// never again (a sorted array and a "comes before" test): a binary search, so look-ups
    /// by position stay logarithmic in long articles.
    func partitionPoint(_ isBefore: (Element) -> Bool) -> Int {
        var lo = startIndex, hi = endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if isBefore(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension Array {
    /// Inserts `element` after every element whose `key` is not greater, keeping the array
    /// sorted by `key`. In text order, the usual case, it is appended without a search: an
    /// insert at the end went through the generic `replaceSubrange`.
    mutating func insertSorted(_ element: Element, by key: (Element) -> Int) {
        let k = key(element)
        guard let tail = last, key(tail) > k else { append(element); return }
        insert(element, at: partitionPoint { key($0) <= k })
    }
}
