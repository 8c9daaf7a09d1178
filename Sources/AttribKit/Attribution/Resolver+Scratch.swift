/// What a worker keeps of the resolver from one article to the next: its tables and lists,
/// emptied, so an article does not allocate them again.
extension Resolver {
    /// Name tables kept by a worker from one document to the next, one field each: an array of
    /// them was allocated, filled and emptied for every document.
    final class Scratch {
        var byKey = NameTable(), byPersonName = NameTable(), roleSlots = NameTable()
        var bySurname = NameTable(), sharedSurnames = NameTable(), speakerCounts = NameTable()
        /// The lists `introducePeople` collects names in.
        var names = NameScratch()
        /// The resolver's per-article lists, kept emptied: each was allocated for every article.
        var nameInText: [Range<Int>?] = [], lastForm: [Int32] = [], sentenceStarts: [Int] = []
        var personMentions: [Candidate] = [], upcoming: [Candidate] = []
        var introduced: [Holder] = [], introducedStart: [Int] = []
        init() {}
    }

    /// Exchanges the resolver's name tables with the kept ones.
    mutating func swapTables(_ kept: Scratch) {
        swap(&byKey, &kept.byKey); swap(&byPersonName, &kept.byPersonName); swap(&roleSlots, &kept.roleSlots)
        swap(&bySurname, &kept.bySurname); swap(&sharedSurnames, &kept.sharedSurnames); swap(&speakerCounts, &kept.speakerCounts)
        swap(&nameInText, &kept.nameInText); swap(&lastForm, &kept.lastForm); swap(&sentenceStarts, &kept.sentenceStarts)
        swap(&personMentions, &kept.personMentions); swap(&upcoming, &kept.upcoming)
        swap(&introduced, &kept.introduced); swap(&introducedStart, &kept.introducedStart)
    }

    /// Hands the name tables back, emptied, for the worker's next document; the empty tables
    /// kept in their place are the ones this document started with.
    mutating func recycleTables() {
        byKey.removeAll(); byPersonName.removeAll(); roleSlots.removeAll()
        bySurname.removeAll(); sharedSurnames.removeAll(); speakerCounts.removeAll()
        ArticleLists.empty(&nameInText); ArticleLists.empty(&lastForm); ArticleLists.empty(&sentenceStarts)
        ArticleLists.empty(&personMentions); ArticleLists.empty(&upcoming)
        ArticleLists.empty(&introduced); ArticleLists.empty(&introducedStart)
        swapTables(context.scratch.resolver)
    }

    /// Lists reused from paragraph to paragraph and, kept by the worker, from one article to the
    /// next while names are collected, and the static word lists read once: a static costs a
    /// `swift_once` at every use. Made for every article, the lists grew from nothing in each.
    struct NameScratch {
        /// A paragraph's sentence starts and openers (first word-like tokens), the token after an
        /// opening phrase's comma, and its role hits (indices into its hits) in the order found.
        var firstTokens = PositionList(), openers = PositionList(), afterOpening = PositionList(), roleHits = PositionList()
        /// The article's introductions and plain names, in text order.
        var introductions: [Introduction] = [], names: [PlainName] = []
        /// The introductions' role holders by slot, in the order introduced.
        var holders: [(slot: Int, holder: Holder)] = []
        let prepositions = Resolver.prepositions, openingPrepositions = Resolver.openingPrepositions

        /// Empties the per-article lists for the next article; lists a huge article grew are let
        /// go, so later articles do not keep their memory.
        mutating func reset() {
            ArticleLists.empty(&introductions, kept: 4096)
            ArticleLists.empty(&names, kept: 4096)
            ArticleLists.empty(&holders, kept: 4096)
        }
    }

    /// Token positions emptied by resetting their count: `removeAll(keepingCapacity:)` cost about
    /// ninety instructions, and every paragraph with a capital emptied such lists.
    struct PositionList {
        private var storage: [Int] = []
        private(set) var count = 0

        var isEmpty: Bool { count == 0 }

        /// Empties the list; storage a huge paragraph grew is let go.
        mutating func removeAll() {
            if storage.count > 1 << 14 { storage = [] }
            count = 0
        }

        mutating func append(_ x: Int) {
            if count < storage.count { storage[count] = x } else { storage.append(x) }
            count += 1
        }

        subscript(i: Int) -> Int { storage[i] }

        mutating func sort() { storage[0..<count].sort() }

        /// Whether the list, sorted, holds `x`.
        func sortedContains(_ x: Int) -> Bool {
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if storage[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return lo < count && storage[lo] == x
        }
    }

    /// Membership in a sorted list for positions asked in non-decreasing order: a cursor that only
    /// moves forward, where a binary search per capitalised word cost a dozen probes each.
    struct SortedCursor {
        private var next = 0
        mutating func contains(_ x: Int, in sorted: PositionList) -> Bool {
            while next < sorted.count, sorted[next] < x { next += 1 }
            return next < sorted.count && sorted[next] == x
        }
    }
}
