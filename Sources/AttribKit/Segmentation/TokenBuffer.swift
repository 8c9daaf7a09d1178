/// Token storage that one worker reuses for every paragraph it splits.
final class TokenBuffer {
    fileprivate var base: UnsafeMutablePointer<Token>
    fileprivate var capacity: Int
    private static let initial = 256
    /// A huge paragraph's storage is not kept for the rest of the run.
    private static let kept = 1 << 16

    init() {
        capacity = TokenBuffer.initial
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    fileprivate func trim() {
        guard capacity > TokenBuffer.kept else { return }
        base.deallocate()
        capacity = TokenBuffer.initial
        base = .allocate(capacity: capacity)
    }
}

/// Appends the tokens of one paragraph to a `TokenBuffer`: a store and a count per token,
/// without Array's out-of-line uniqueness check on every append.
struct TokenSink {
    private let owner: TokenBuffer
    private var base: UnsafeMutablePointer<Token>
    private var capacity: Int
    private(set) var count = 0

    init(_ owner: TokenBuffer) {
        self.owner = owner
        base = owner.base
        capacity = owner.capacity
    }

    @inline(__always) mutating func append(_ t: Token) {
        if count == capacity { grow() }
        (base + count).initialize(to: t)
        count += 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Token>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
        owner.base = base
        owner.capacity = capacity
    }

    /// The tokens as an exact-size array (every paragraph's tokens live until its article is
    /// judged, so no slack); the sink must not be used afterwards.
    func finish() -> [Token] {
        let out = count == 0 ? [] : Array(UnsafeBufferPointer(start: base, count: count))
        owner.trim()
        return out
    }
}
