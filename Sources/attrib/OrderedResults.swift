import Foundation

/// A pool of worker threads whose results come back in submission order as soon as each is
/// ready. Workers take the next job themselves, so a long file holds up only its own worker,
/// and the submitting thread writes results while they go on. At most `window` jobs are
/// submitted and not yet taken back, so memory stays bounded however long the input is.
final class OrderedResults<Job: Sendable, Value: Sendable>: @unchecked Sendable {
    private var jobs: [Int: Job] = [:]
    private var results: [Int: Value] = [:]
    private var submitted = 0
    private var claimed = 0
    private var taken = 0
    private var closed = false
    private let condition = NSCondition()
    /// How many jobs may be out at once (submitted, not yet taken back).
    let window: Int

    /// Starts `workers` threads that run `work` on each job.
    init(workers: Int, window: Int, work: @escaping @Sendable (Job) -> Value) {
        self.window = max(1, window)
        for _ in 0..<max(1, workers) {
            let thread = Thread { [self] in
                while let (i, job) = self.claim() { self.put(i, work(job)) }
            }
            // The main thread's stack size, so deep input behaves the same at any --jobs.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Jobs submitted and not yet taken back; submit only while this is under `window`.
    var outstanding: Int { condition.lock(); defer { condition.unlock() }; return submitted - taken }

    func submit(_ job: Job) {
        condition.lock()
        jobs[submitted] = job
        submitted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// No more jobs: the workers end once the submitted ones are done.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next result in submission order, waiting for it; nil when every job has been taken.
    func take() -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if taken == submitted { return nil }
            if let value = results.removeValue(forKey: taken) {
                taken += 1
                return value
            }
            condition.wait()
        }
    }

    private func claim() -> (Int, Job)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let job = jobs.removeValue(forKey: claimed) {
                claimed += 1
                return (claimed - 1, job)
            }
            if closed { return nil }
            condition.wait()
        }
    }

    private func put(_ i: Int, _ value: Value) {
        condition.lock()
        results[i] = value
        condition.broadcast()
        condition.unlock()
    }
}
