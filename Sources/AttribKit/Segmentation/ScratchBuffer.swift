/// Storage of plain values (tokens, hashes, hits) that one worker reuses for every paragraph:
/// a pointer and a capacity, without Array's uniqueness checks and reference counting.
final class ScratchBuffer<Element> {
    fileprivate var base: UnsafeMutablePointer<Element>
    fileprivate var capacity: Int
    private static var initial: Int { 256 }
    /// A huge paragraph's storage is not kept for the rest of the run.
    private let kept: Int

    init(kept: Int = 1 << 16) {
        self.kept = kept
        capacity = ScratchBuffer.initial
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Room for at least `count` elements; earlier contents are not kept.
    func storage(atLeast count: Int) -> UnsafeMutableBufferPointer<Element> {
        if count > capacity {
            base.deallocate()
            capacity = max(count, 2 * capacity)
            base = .allocate(capacity: capacity)
        }
        return UnsafeMutableBufferPointer(start: base, count: count)
    }

    /// Drops storage grown past `kept` elements.
    func trim() {
        guard capacity > kept else { return }
        base.deallocate()
        capacity = ScratchBuffer.initial
        base = .allocate(capacity: capacity)
    }
}

/// Appends one paragraph's values to a `ScratchBuffer`: a store and a count each, without
/// Array's out-of-line uniqueness check on every append.
struct ScratchSink<Element> {
    /// Unretained: a sink lives within one call of its owner's holder (a worker's scratch or
    /// a local), and retaining the owner cost a retain and a release per paragraph.
    private unowned(unsafe) let owner: ScratchBuffer<Element>
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(_ owner: ScratchBuffer<Element>) {
        self.owner = owner
        base = owner.base
        capacity = owner.capacity
    }

    @inline(__always) mutating func append(_ t: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: t)
        count &+= 1
    }

    /// Room for `extra` more values, written through the pointer returned, then counted by
    /// `advance(by:)`: a loop that appends many values checks the capacity once.
    mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<Element> {
        while capacity &- count < extra { grow() }
        return base + count
    }

    /// Counts `n` values written after the last one through `reserve`'s pointer.
    mutating func advance(by n: Int) { count &+= n }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
        owner.base = base
        owner.capacity = capacity
    }

    /// The values appended so far, valid until the owner is next used.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}
