extension SieveContext {
    /// The context's per-article lists, kept emptied by the worker's MatchScratch between
    /// articles: each was an allocation and a free for every article. A context takes a list
    /// out (leaving an empty one), so two contexts on one scratch never share storage. Its
    /// variables are `@exclusivity(unchecked)`: a scratch belongs to one worker, and each access
    /// is a single swap, where the runtime check (swift_beginAccess) cost more than the swap.
    final class Scratch {
        @exclusivity(unchecked) var parts: [Lexicon.Part?] = []
        @exclusivity(unchecked) var marks: [Marks] = []
        @exclusivity(unchecked) var lexicons: [Lexicon] = []
        @exclusivity(unchecked) var lastInSentence: [Int32] = []
        @exclusivity(unchecked) var previousInSentence: [Int32] = []
        @exclusivity(unchecked) var sentenceBase: [Int] = []
        /// `keepReferencedSources`' renumbering.
        @exclusivity(unchecked) var sourceIndex: [Int] = []
        /// The quotation pairer's output for the paragraph being segmented, copied out at its
        /// exact size: appended to a paragraph's own array, it grew by reallocating.
        @exclusivity(unchecked) var quotes: [Quotation] = []
        @exclusivity(unchecked) var strayMarks: [Int] = []
        /// StatementJudge's per-paragraph speech-verb memo and per-sentence covering attributions.
        @exclusivity(unchecked) var speechCue: [Bool?] = []
        @exclusivity(unchecked) var covering: [Int] = []
        init() {}
    }

    /// Takes a kept list out of the scratch, leaving an empty one in its place.
    static func take<T>(_ kept: inout [T]) -> [T] {
        var list: [T] = []
        swap(&list, &kept)
        return list
    }

    /// Hands `list` back emptied; one a huge article grew past `limit` elements is let go, so
    /// later articles do not keep its memory. A list never taken (no storage: an article without
    /// attributions leaves its sentence lists untouched) leaves the kept one where it is.
    static func recycle<T>(_ list: inout [T], into kept: inout [T], limit: Int = 1 << 14) {
        guard list.capacity > 0, list.capacity <= limit else { return }
        list.removeAll(keepingCapacity: true)
        swap(&list, &kept)
    }
}
