/// The per-article lists a worker keeps for its next article, each an allocation and a free
/// per article before: the sieve's, the quotation pairer's and the judge's. A stage takes a list
/// out (leaving an empty one), so two users of one worker's lists never share storage. The
/// variables are `@exclusivity(unchecked)`: the lists belong to one worker, and each access is a
/// single swap, where the runtime check (swift_beginAccess) cost more than the swap.
final class ArticleLists {
    // SieveContext.
    @exclusivity(unchecked) var parts: [Lexicon.Part?] = []
    @exclusivity(unchecked) var marks: [SieveContext.Marks] = []
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

    /// Takes a kept list out, leaving an empty one in its place.
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
        clear(&list)
        swap(&list, &kept)
    }

    /// Empties a list kept in place; one grown past `kept` elements (by a huge article) is let go.
    static func empty<T>(_ list: inout [T], kept: Int = 1 << 14) {
        if list.capacity > kept { list = [] } else { clear(&list) }
    }

    /// Empties `list`, keeping its storage. Most reused lists are empty already when emptied
    /// again, and `removeAll(keepingCapacity:)` on an empty array still goes through the generic
    /// replaceSubrange (about 75 instructions a call).
    @inline(__always) static func clear<T>(_ list: inout [T]) {
        if !list.isEmpty { list.removeAll(keepingCapacity: true) }
    }
}
