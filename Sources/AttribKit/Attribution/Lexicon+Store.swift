/// Where a document's lexicons keep their hits: one store for every paragraph, each Lexicon a view.
extension Lexicon {
    /// The hits of every paragraph of a document, each paragraph's sorted run after the one
    /// before, and each paragraph's `firstAt` offsets (into its own run) likewise.
    struct Tables {
        var hits: [Hit] = []
        var firstAt: [Int32] = []
    }

    /// A document's `Tables` copied once into memory that does not move, which its lexicons view.
    final class Store {
        let hits: UnsafeMutableBufferPointer<Hit>
        let firstAt: UnsafeMutableBufferPointer<Int32>

        init(_ tables: borrowing Tables) {
            hits = .allocate(capacity: tables.hits.count)
            _ = hits.initialize(from: tables.hits)
            firstAt = .allocate(capacity: tables.firstAt.count)
            _ = firstAt.initialize(from: tables.firstAt)
        }

        deinit {
            hits.deallocate()
            firstAt.deallocate()
        }
    }

    /// One paragraph's part of `Tables`, made into its Lexicon once every paragraph is in: a
    /// slice taken earlier would make each later append copy the arrays.
    struct Part {
        let hits: Range<Int>
        let firstAt: Range<Int>
        let longest: Int
        let longHits: [Int32]
    }

    /// The hits of one paragraph in look-up order, copied out: for a caller without a
    /// SieveContext to keep a store alive (the rule tests).
    static func hits(tokens: UnsafeBufferPointer<Token>, range: Range<Int>, bytes: UnsafeBufferPointer<UInt8>, rulebook: Rulebook,
                     scratch: MatchScratch) -> [Hit] {
        var tables = Tables()
        let part = of(tokens: tokens, range: range, bytes: bytes, rulebook: rulebook, scratch: scratch, into: &tables)
        let lexicon = of(part, in: Store(tables))
        return withExtendedLifetime(lexicon) { Array(lexicon.allHits) }
    }
}
