/// Where a document's lexicons keep their hits: one store for every paragraph, each Lexicon a
/// view, and each paragraph's hits put in order there.
extension Lexicon {
    /// The hits of every paragraph of a document, each paragraph's sorted run after the one
    /// before, and each paragraph's `firstAt` offsets (into its own run) likewise. Its own
    /// memory, which the document's `Store` keeps instead of a copy: two arrays cost a generic
    /// append call per paragraph each, and were copied once more into the store.
    final class Tables {
        // Unchecked: only the thread building a document's lexicons touches them, and the
        // dynamic exclusivity check cost more than the append it guarded.
        @exclusivity(unchecked) private(set) var hits: Column<Hit>
        @exclusivity(unchecked) private(set) var firstAt: Column<Int32>
        /// Hits longer than the look-up window, by index into their paragraph's run: rare.
        @exclusivity(unchecked) private(set) var longHits = Column<Int32>(capacity: 16)

        /// Sized for a document of `tokens` tokens in `paragraphs` paragraphs: at most one offset
        /// per token and paragraph, and rarely more hits than tokens. Grown by doubling, a long
        /// document's columns were copied a dozen times into fresh memory, a page fault every
        /// 4 KB (a sixth of a 4 MB file's faults); capacity never written is never faulted in.
        init(tokens: Int = 0, paragraphs: Int = 0) {
            hits = Column(capacity: max(1024, tokens))
            firstAt = Column(capacity: max(1024, tokens + paragraphs))
        }

        deinit {
            hits.base.deallocate()
            firstAt.base.deallocate()
            longHits.base.deallocate()
        }

        /// Copies one paragraph's hits after the last; returns where they now are, for sorting in place.
        func appendHits(_ source: UnsafeBufferPointer<Hit>) -> UnsafeMutableBufferPointer<Hit> { hits.append(source) }

        /// Room for one paragraph's `count` offsets after the last, written in place by `tables`.
        func appendOffsets(_ count: Int) -> UnsafeMutableBufferPointer<Int32> { firstAt.extend(by: count) }

        func appendLongHits(_ source: UnsafeBufferPointer<Int32>) { _ = longHits.append(source) }
    }

    /// Values appended at the end of memory that grows by doubling; only `Tables` frees it.
    struct Column<Element> {
        fileprivate(set) var base: UnsafeMutablePointer<Element>
        private(set) var count = 0
        private var capacity: Int

        init(capacity: Int = 1024) {
            base = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
            self.capacity = capacity
        }

        var all: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

        /// Copies `source` after the last value; returns where it now is.
        fileprivate mutating func append(_ source: UnsafeBufferPointer<Element>) -> UnsafeMutableBufferPointer<Element> {
            let at = extend(by: source.count)
            _ = at.initialize(from: source)
            return at
        }

        /// Counts `extra` values after the last and returns their memory, uninitialised: for
        /// plain values written in place instead of copied from a scratch buffer.
        fileprivate mutating func extend(by extra: Int) -> UnsafeMutableBufferPointer<Element> {
            if capacity - count < extra {
                let bigger = max(2 * capacity, count + extra)
                let moved = UnsafeMutablePointer<Element>.allocate(capacity: bigger)
                moved.moveInitialize(from: base, count: count)
                base.deallocate()
                base = moved
                capacity = bigger
            }
            let at = UnsafeMutableBufferPointer(start: base + count, count: extra)
            count += extra
            return at
        }
    }

    /// A document's `Tables`, kept whole (nothing appends to them any more) for its lexicons to view.
    final class Store {
        let hits: UnsafeMutableBufferPointer<Hit>
        let firstAt: UnsafeMutableBufferPointer<Int32>
        let longHits: UnsafeMutableBufferPointer<Int32>
        private let tables: Tables

        init(_ tables: Tables) {
            self.tables = tables
            hits = tables.hits.all
            firstAt = tables.firstAt.all
            longHits = tables.longHits.all
        }
    }

    /// One paragraph's part of `Tables`, made into its Lexicon once every paragraph is in: a
    /// slice taken earlier would make each later append copy the arrays.
    struct Part {
        let hits: Range<Int>
        let firstAt: Range<Int>
        let longest: Int
        /// Where its long hits are in the store's `longHits`.
        let longHits: Range<Int>
    }

    /// The hits of one paragraph in look-up order, copied out: for a caller without a
    /// SieveContext to keep a store alive (the rule tests).
    static func hits(tokens: UnsafeBufferPointer<Token>, range: Range<Int>, bytes: UnsafeBufferPointer<UInt8>, rulebook: Rulebook,
                     scratch: MatchScratch) -> [Hit] {
        var tables = Tables()
        let part = of(tokens: tokens, range: range, bytes: bytes, rulebook: rulebook, scratch: scratch, into: &tables)
        let store = Store(tables)
        let lexicon = of(part, in: store)
        return withExtendedLifetime(store) { Array(lexicon.allHits) }
    }

    /// Appends the hits sorted by start and their offsets to `tables`, and returns the longest
    /// hit's length; by counting sort: the same order as a stable sort by (start, longest first).
    static func tables(_ hits: UnsafeBufferPointer<Hit>, tokens n: Int, offsets buffer: ScratchBuffer<Int32>,
                       into tables: Tables) -> Int {
        let count = hits.count
        var longest = 0
        // Offsets written straight into the tables, not into a scratch buffer and copied: the
        // copy cost a generic append and a memcpy per paragraph.
        let offsets = tables.appendOffsets(n + 1)
        // Literal hits come in token order, and only pattern hits can be out of place: while the
        // starts do not go down, each token's offset is the index of the first hit from it on,
        // written in one pass instead of counted and summed.
        // `sorted`: also longest first within each start, so the insertion sort has nothing to do.
        // Starts and lengths read as numbers, not ranges: building a Range checks its bounds.
        var ordered = true, sorted = true, next = 0, previousStart = 0, previousLength = Int.max
        for i in 0..<count {
            let start = hits[i].start, length = hits[i].length
            longest = max(longest, length)
            if start &+ 1 < next { ordered = false }
            if start == previousStart && length > previousLength { sorted = false }
            previousStart = start
            previousLength = length
            while next <= start {
                offsets[next] = Int32(truncatingIfNeeded: i)
                next &+= 1
            }
        }
        if ordered {
            while next <= n {
                offsets[next] = Int32(truncatingIfNeeded: count)
                next &+= 1
            }
        } else {
            offsets.initialize(repeating: 0)
            for hit in hits { offsets[hit.tokens.lowerBound + 1] += 1 }
            for t in 0..<n { offsets[t + 1] += offsets[t] }
        }
        let s = tables.appendHits(hits)
        if !(ordered && sorted) {
            if !ordered {
                let cursor = buffer.storage(atLeast: n)
                for t in 0..<n { cursor[t] = offsets[t] }
                for hit in hits {
                    let t = hit.tokens.lowerBound
                    s[Int(cursor[t])] = hit
                    cursor[t] += 1
                }
            }
            insertionSort(count) { s[$0].tokens.lowerBound == s[$1].tokens.lowerBound && s[$0].tokens.count < s[$1].tokens.count } swap: { s.swapAt($0, $1) }
        }
        return longest
    }

    /// Stable insertion sort of positions 0..<count where `before(i, j)` says element i (earlier)
    /// must move after element j: linear when runs are short, as hits per token are.
    private static func insertionSort(_ count: Int, _ outOfOrder: (Int, Int) -> Bool, swap: (Int, Int) -> Void) {
        guard count > 1 else { return }
        for i in 1..<count {
            var j = i
            while j > 0, outOfOrder(j - 1, j) { swap(j - 1, j); j -= 1 }
        }
    }
}
