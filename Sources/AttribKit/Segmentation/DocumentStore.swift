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

    /// Appends `values` and returns where they start.
    func append(_ values: UnsafeBufferPointer<Element>) -> Int {
        let start = count
        guard let from = values.baseAddress, !values.isEmpty else { return start }
        reserve(values.count)
        // Only when realloc failed: out of memory, as Array's growth would crash.
        guard let base, capacity - count >= values.count else { return start }
        (base + start).initialize(from: from, count: values.count)
        count += values.count
        return start
    }

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

    /// The values in place, for loops that read many of them.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(store) { try body(values) }
    }
}
