import Foundation

/// One document's tokens or sentences in a single buffer, which every paragraph's slice shares:
/// a paragraph costs no allocation and no free (a file of one-word lines has 100,000 of them).
/// Plain values only (`Token`, `Sentence`), so the buffer grows by `realloc`: a large one is
/// remapped, not copied, and its old and new storage are never resident at once.
final class DocumentStore<Element>: @unchecked Sendable {
    // Unchecked: the segmenter fills and edits the store before it returns the paragraphs;
    // from then on it is only read.
    fileprivate private(set) var base: UnsafeMutablePointer<Element>?
    private var capacity = 0
    private(set) var count = 0

    /// Room for `expected` values from the start: a document's stores grew by doubling, and its
    /// reallocations copied as much again as the values themselves.
    init(expected: Int) { reserve(expected) }

    deinit { free(base) }

    /// Values `range` for editing; the pointer is valid until the next append.
    func mutable(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> {
        guard let base, range.lowerBound >= 0, range.upperBound <= count else { return UnsafeMutableBufferPointer(start: nil, count: 0) }
        return UnsafeMutableBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// The slice of values `range`, to be made only once nothing more is appended: it points
    /// into the buffer, which an append may move.
    func slice(_ range: Range<Int>) -> ParagraphSlice<Element> {
        let values = mutable(range)
        guard let start = values.baseAddress, !values.isEmpty else { return ParagraphSlice() }
        return ParagraphSlice(store: self, start: start, count: values.count)
    }

    private func reserve(_ extra: Int) {
        guard capacity - count < extra else { return }
        let wanted = max(count + extra, 2 * capacity, 64)
        guard let grown = realloc(base, wanted * MemoryLayout<Element>.stride) else { return }
        base = grown.bindMemory(to: Element.self, capacity: wanted)
        capacity = wanted
    }

    /// A sink that appends one paragraph's values in place, after the last ones.
    func sink() -> StoreSink<Element> { StoreSink(self) }

    /// Storage with room for `extra` values after the first `used`, and its capacity; values
    /// past `count` are the sink's, and moved along if the buffer moves.
    fileprivate func room(_ extra: Int, after used: Int) -> (UnsafeMutablePointer<Element>, Int) {
        reserve(used &- count &+ extra)
        // Only when realloc failed: out of memory, where Array's growth would stop too.
        guard let base, capacity - used >= extra else { preconditionFailure("DocumentStore: out of memory") }
        return (base, capacity)
    }

    /// Counts the values a sink wrote up to `end`.
    fileprivate func commit(upTo end: Int) { count = end }
}

/// The tokenizer's sink.
typealias TokenSink = StoreSink<Token>

/// Appends one paragraph's values straight to the end of its document's store: no buffer to
/// copy them from afterwards. Nothing else may append to the store until the sink finishes.
struct StoreSink<Element> {
    /// Unretained: a sink lives within one call that holds its store.
    private unowned(unsafe) let store: DocumentStore<Element>
    /// The store's storage from this sink's first value on.
    private var base: UnsafeMutablePointer<Element>
    /// Room from `base` on.
    private var capacity: Int
    private let start: Int
    private(set) var count = 0

    fileprivate init(_ store: DocumentStore<Element>) {
        self.store = store
        start = store.count
        let (all, size) = store.room(1, after: start)
        base = all + start
        capacity = size &- start
    }

    @inline(__always) mutating func append(_ t: Element) {
        if count == capacity { grow(1) }
        (base + count).initialize(to: t)
        count &+= 1
    }

    /// Room for `extra` more values, written through the pointer returned, then counted by
    /// `advance(by:)`: a loop that appends many values checks the capacity once.
    mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<Element> {
        if capacity &- count < extra { grow(extra) }
        return base + count
    }

    /// Counts `n` values written after the last one through `reserve`'s pointer.
    mutating func advance(by n: Int) { count &+= n }

    private mutating func grow(_ extra: Int) {
        let (all, size) = store.room(extra, after: start &+ count)
        base = all + start
        capacity = size &- start
    }

    /// The values appended so far, valid until the store next grows.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// Counts the values in the store and returns where they are; the sink must not be used afterwards.
    func finish() -> Range<Int> {
        store.commit(upTo: start &+ count)
        return start..<start &+ count
    }
}

/// A paragraph's tokens or sentences: a read-only run of its document's store, indexed from 0.
public struct ParagraphSlice<Element>: RandomAccessCollection, @unchecked Sendable {
    // Unchecked: the store is immutable once the paragraphs are returned (see DocumentStore).
    /// Held so the values outlive every paragraph that reads them.
    private let store: DocumentStore<Element>?
    // The values' address, not an offset in the store: reading one costs what an Array's does.
    private let values: UnsafeBufferPointer<Element>

    fileprivate init(store: DocumentStore<Element>, start: UnsafeMutablePointer<Element>, count: Int) {
        self.store = store
        values = UnsafeBufferPointer(start: start, count: count)
    }

    /// No values.
    public init() {
        store = nil
        values = UnsafeBufferPointer(start: nil, count: 0)
    }

    public var count: Int { values.count }
    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }
    @inline(__always) public func index(after i: Int) -> Int { i + 1 }
    @inline(__always) public func index(before i: Int) -> Int { i - 1 }
    public var indices: Range<Int> { 0..<values.count }

    public subscript(i: Int) -> Element {
        @inline(__always) get {
            // An UnsafeBufferPointer checks only in debug builds; paragraphs are read by index.
            precondition(UInt(bitPattern: i) < UInt(bitPattern: values.count), "ParagraphSlice index out of range")
            return values[i]
        }
    }

    /// The values' buffer without holding the store, valid only while the paragraph that holds
    /// this slice is kept alive by its caller: withUnsafeBufferPointer retains the store.
    var unsafeValues: UnsafeBufferPointer<Element> { values }

    /// The values in place, for loops that read many of them.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(store) { try body(values) }
    }
}
