import Foundation

/// A pool of worker threads whose results come back in submission order as soon as each is
/// ready. Workers take the next job themselves, so a long file holds up only its own worker,
/// and the submitting thread writes results while they go on. At most `window` jobs are
/// submitted and not yet delivered, so memory stays bounded however long the input is.
/// With one worker there are no threads: each job runs as it is submitted. Each worker makes its
/// own work function once (`makeWorker`), so it can keep reusable state such as match buffers.
/// Nobody is woken for nothing: a worker only when a job arrives for it, and the submitting
/// thread only once half a window of results is ready (or every job is done), because waking it
/// for each small file preempted a worker on a machine with as many cores as workers.
/// Results also count their bytes (`weight`): past `byteLimit` undelivered, workers take no new
/// job until the submitter has written some out, so a wide window of large files stays bounded.
/// A job that needs the memory to itself can wait for its turn (`waitForTurn`): until every
/// result before it has been written.
final class OrderedResults<Job: Sendable, Value: Sendable>: @unchecked Sendable {
    private var jobs: [Int: Job] = [:]
    /// Each with its weight, taken once when it is put.
    private var results: [Int: (value: Value, bytes: Int)] = [:]
    private var submitted = 0
    private var claimed = 0
    private var taken = 0
    /// Results handed to `deliver` that it has returned from, their values released.
    private var delivered = 0
    private var done = 0
    private var closed = false
    private var idleWorkers = 0
    private var deliveryWaiting = false
    private var heldBytes = 0
    private var memoryWaiting = 0
    private var turnWaiting = 0
    private let condition = NSCondition()
    private let window: Int
    /// Results ready in order before the waiting submitter is woken.
    private let batch: Int
    private let weight: @Sendable (Value) -> Int
    /// Undelivered result bytes at which workers stop taking jobs.
    private let byteLimit: Int
    /// The work itself when the pool is single-threaded (nil with threads); set once in init,
    /// used only by the submitting thread.
    private var inline: ((Job) -> Value)? = nil

    /// Starts `workers` threads (none for one worker), each running its own `makeWorker(pool)` on
    /// the jobs it takes. The pool holds the work it makes, so the work holds the pool unowned.
    init(workers: Int, window: Int, byteLimit: Int = 8 << 20, weight: @escaping @Sendable (Value) -> Int = { _ in 0 },
         makeWorker: @escaping @Sendable (OrderedResults) -> (Job) -> Value) {
        self.window = max(1, window)
        batch = max(1, self.window / 2)
        self.byteLimit = byteLimit
        self.weight = weight
        guard workers > 1 else {
            inline = makeWorker(self)
            return
        }
        for _ in 0..<workers {
            let thread = Thread { [self] in
                let work = makeWorker(self)
                while let (i, job) = self.claim() { self.put(i, work(job)) }
            }
            // The main thread's stack size, so deep input behaves the same at any --jobs.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Hands `job` to the workers, first passing `deliver` the results that are due, in order,
    /// while the window is full.
    func submit(_ job: Job, delivering deliver: (Value) -> Void) {
        if let inline { deliver(inline(job)); return }
        while outstanding >= window, deliverNext(deliver) {}
        condition.lock()
        jobs[submitted] = job
        submitted += 1
        // Only workers wait while the submitter runs, so a signal reaches one of them.
        if idleWorkers > 0 { condition.signal() }
        condition.unlock()
    }

    /// No more jobs: passes `deliver` every remaining result in order; the workers then end.
    func finish(delivering deliver: (Value) -> Void) {
        guard inline == nil else { return }
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        while deliverNext(deliver) {}
    }

    /// Passes `deliver` the next result; false when every job has been taken. Counted as
    /// delivered once `deliver` has returned and the value is gone: a large file's turn waits
    /// for that, so `check` and `report`, which turn an analysis into text on this thread, never
    /// hold one analysis while the next large one is made.
    private func deliverNext(_ deliver: (Value) -> Void) -> Bool {
        guard deliverOne(deliver) else { return false }
        condition.lock()
        delivered += 1
        if turnWaiting > 0 { condition.broadcast() }
        condition.unlock()
        return true
    }

    /// The value lives only in here, so it is released when this returns.
    private func deliverOne(_ deliver: (Value) -> Void) -> Bool {
        guard let value = take() else { return false }
        deliver(value)
        return true
    }

    /// Blocks the worker running the job submitted `index`-th until every result before it has
    /// been delivered and let go (at once with one worker, where each job runs in its turn).
    func waitForTurn(_ index: Int) {
        guard inline == nil else { return }
        condition.lock()
        defer { condition.unlock() }
        while delivered < index {
            turnWaiting += 1
            // The submitter may be waiting for a fuller batch: what is ready goes out now.
            if deliveryWaiting { condition.broadcast() }
            condition.wait()
            turnWaiting -= 1
        }
    }

    private var outstanding: Int { condition.lock(); defer { condition.unlock() }; return submitted - taken }

    /// The next result in submission order, waiting for it; nil when every job has been taken.
    private func take() -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if taken == submitted { return nil }
            if let result = results.removeValue(forKey: taken) {
                taken += 1
                heldBytes -= result.bytes
                if memoryWaiting > 0 && heldBytes < byteLimit { condition.broadcast() }
                return result.value
            }
            deliveryWaiting = true
            condition.wait()
            deliveryWaiting = false
        }
    }

    private func claim() -> (Int, Job)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            // The result the submitter waits for is then already claimed (claims go in order),
            // so whoever holds it will deliver it and wake this worker.
            if heldBytes >= byteLimit {
                memoryWaiting += 1
                condition.wait()
                memoryWaiting -= 1
                continue
            }
            if let job = jobs.removeValue(forKey: claimed) {
                claimed += 1
                return (claimed - 1, job)
            }
            if closed { return nil }
            idleWorkers += 1
            condition.wait()
            idleWorkers -= 1
        }
    }

    private func put(_ i: Int, _ value: Value) {
        let bytes = weight(value)
        condition.lock()
        results[i] = (value, bytes)
        heldBytes += bytes
        done += 1
        // Broadcast, not signal: idle workers may wait on the same condition as the submitter.
        if deliveryWaiting, results[taken] != nil,
           results.count >= batch || done == submitted || heldBytes >= byteLimit / 4 || turnWaiting > 0 {
            condition.broadcast()
        }
        condition.unlock()
    }
}
