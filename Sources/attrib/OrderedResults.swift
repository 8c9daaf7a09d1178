import Foundation

/// Results of a worker pool, handed back in input order as soon as each is ready. Workers claim
/// the next index themselves, so a long file holds up only its own worker, and the consumer
/// writes while they go on; at most `window` results wait unconsumed, so memory stays bounded.
final class OrderedResults<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private var claimed = 0
    private var consumed = 0
    private let window: Int
    private let condition = NSCondition()

    init(count: Int, window: Int) {
        slots = Array(repeating: nil, count: count)
        self.window = max(1, window)
    }

    /// The next index to work on, waiting while the window is full; nil when all are claimed.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while claimed < slots.count && claimed >= consumed + window { condition.wait() }
        guard claimed < slots.count else { return nil }
        claimed += 1
        return claimed - 1
    }

    func put(_ i: Int, _ value: Value) {
        condition.lock()
        slots[i] = value
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for result `i`, releases its slot and opens the window by one.
    func take(_ i: Int) -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = slots[i] {
                slots[i] = nil
                consumed = i + 1
                condition.broadcast()
                return value
            }
            condition.wait()
        }
    }
}
