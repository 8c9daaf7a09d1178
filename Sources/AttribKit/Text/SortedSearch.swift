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
    /// sorted by `key`; appending, the usual case in text order, costs no shifting.
    mutating func insertSorted(_ element: Element, by key: (Element) -> Int) {
        let k = key(element)
        insert(element, at: partitionPoint { key($0) <= k })
    }
}
