extension Attribution {
    /// An attribution's content spans: the first held inline, the rest (a quotation continued or
    /// split by its cue) in an array that stays empty, and unallocated, for almost every one.
    public struct Spans: RandomAccessCollection, MutableCollection, RangeReplaceableCollection, ExpressibleByArrayLiteral,
                         Equatable, Sendable {
        // Invariant: `rest` is empty while `head` is nil, so the synthesised equality is the
        // element-wise one.
        private var head: Range<Int>?
        private var rest: [Range<Int>] = []

        public init() {}
        /// One span, inline: an array literal would build a temporary array first.
        public init(_ first: Range<Int>) { head = first }
        public init(arrayLiteral elements: Range<Int>...) { self.init(elements) }
        public init<S: Sequence>(_ elements: S) where S.Element == Range<Int> {
            for r in elements { append(r) }
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { head == nil ? 0 : rest.count + 1 }
        public var isEmpty: Bool { head == nil }
        public var first: Range<Int>? { head }

        public subscript(i: Int) -> Range<Int> {
            get {
                if i == 0, let head { return head }
                return rest[i - 1]
            }
            set {
                if i == 0, head != nil { head = newValue } else { rest[i - 1] = newValue }
            }
        }

        /// Calls `body` with each span in order, read in place: iterating copied the spans and
        /// retained their array.
        func forEachInPlace(_ body: (Range<Int>) -> Void) {
            guard let head else { return }
            body(head)
            rest.withUnsafeBufferPointer { for r in $0 { body(r) } }
        }

        public mutating func append(_ r: Range<Int>) {
            if head == nil { head = r } else { rest.append(r) }
        }

        /// The general edit, for the rare insertion before the first span: through an array,
        /// re-split so that the invariant holds.
        public mutating func replaceSubrange<C: Collection>(_ bounds: Range<Int>, with new: C) where C.Element == Range<Int> {
            if bounds.lowerBound == endIndex, bounds.isEmpty {
                for r in new { append(r) }
                return
            }
            var all = Array(self)
            all.replaceSubrange(bounds, with: new)
            self = Spans(all)
        }
    }
}
