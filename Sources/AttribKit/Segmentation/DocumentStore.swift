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

    /// The slice of values `range`, which stays valid however the store grows later.
    func slice(_ range: Range<Int>) -> ParagraphSlice<Element> {
        ParagraphSlice(store: self, start: range.lowerBound, count: range.count)
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
    private let store: DocumentStore<Element>?
    // 32-bit: Document.read refuses texts over 1 GB, and a store holds at most one value a byte.
    private let start32: Int32
    private let count32: Int32

    fileprivate init(store: DocumentStore<Element>, start: Int, count: Int) {
        self.store = store
        start32 = Int32(truncatingIfNeeded: start)
        count32 = Int32(truncatingIfNeeded: count)
    }

    /// No values.
    public init() {
        store = nil
        start32 = 0
        count32 = 0
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(count32) }
    public var count: Int { Int(count32) }
    public var isEmpty: Bool { count32 == 0 }
    @inline(__always) public func index(after i: Int) -> Int { i + 1 }
    @inline(__always) public func index(before i: Int) -> Int { i - 1 }
    public var indices: Range<Int> { 0..<Int(count32) }

    public subscript(i: Int) -> Element {
        @inline(__always) get {
            precondition(i >= 0 && i < Int(count32), "ParagraphSlice index out of range")
            // A non-empty slice has a store with storage (its values were appended to it).
            return store.unsafelyUnwrapped.base.unsafelyUnwrapped[Int(start32) &+ i]
        }
    }

    /// The values in place, for loops that read many of them.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        guard count32 > 0, let base = store?.base else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try withExtendedLifetime(store) { try body(UnsafeBufferPointer(start: base + Int(start32), count: Int(count32))) }
    }
}
