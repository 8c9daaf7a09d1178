extension SieveContext {
    /// The context's per-article lists, kept emptied by the worker's MatchScratch between
    /// articles: each was an allocation and a free for every article. A context takes a list
    /// out (leaving an empty one), so two contexts on one scratch never share storage.
    final class Scratch {
        var parts: [Lexicon.Part?] = []
        var marks: [Marks] = []
        var lexicons: [Lexicon] = []
        var lastInSentence: [Int32] = [], previousInSentence: [Int32] = []
        var sentenceBase: [Int] = []
        /// `keepReferencedSources`' renumbering.
        var sourceIndex: [Int] = []
        init() {}
    }

    /// Takes a kept list out of the scratch, leaving an empty one in its place.
    static func take<T>(_ kept: inout [T]) -> [T] {
        var list: [T] = []
        swap(&list, &kept)
        return list
    }

    /// Hands `list` back emptied; one a huge article grew past `limit` elements is let go, so
    /// later articles do not keep its memory.
    static func recycle<T>(_ list: inout [T], into kept: inout [T], limit: Int = 1 << 14) {
        guard list.capacity <= limit else { return }
        list.removeAll(keepingCapacity: true)
        swap(&list, &kept)
    }
}
