import Foundation
import Testing
@testable import attrib

/// The worker pool hands results back in submission order, and its byte limit keeps large
/// results from piling up behind a slow one.
struct OrderedResultsTests {
    /// Jobs started but not yet delivered, at their most, for a pool of `workers` whose every
    /// result weighs one byte; also checks the order.
    private func mostInFlight(workers: Int, byteLimit: Int, jobs: Int = 400) -> Int {
        let counts = Counts()
        let pool = OrderedResults<Int, Int>(workers: workers, window: 64, byteLimit: byteLimit, weight: { _ in 1 }) { _ in
            { job in
                counts.started()
                // Uneven work, so later jobs often finish before earlier ones.
                usleep(useconds_t(job % 7 == 0 ? 400 : 20))
                return job
            }
        }
        var delivered: [Int] = []
        let deliver = { (value: Int) in delivered.append(value); counts.delivered() }
        for job in 0..<jobs { pool.submit(job, delivering: deliver) }
        pool.finish(delivering: deliver)
        #expect(delivered == Array(0..<jobs))
        return counts.most
    }

    @Test func byteLimitStopsWorkersTakingJobs() {
        // With a limit of one byte a worker takes no job while a result waits to be written:
        // each worker holds at most one job, and the submitter one result it is writing.
        #expect(mostInFlight(workers: 3, byteLimit: 1) <= 3 + 1)
        // Without it, the window lets the workers run far ahead of the slow jobs.
        #expect(mostInFlight(workers: 3, byteLimit: 1 << 30) > 3 + 1)
    }

    /// A job that waits for its turn starts only once every result before it is written, so no
    /// two such jobs run at once; with a small byte limit as well, nothing deadlocks.
    @Test(arguments: [1, 1 << 30])
    func jobWaitingForItsTurnStartsAfterEveryEarlierResult(byteLimit: Int) {
        let counts = Counts()
        let writtenBefore = Counts()
        let pool = OrderedResults<Int, Int>(workers: 3, window: 64, byteLimit: byteLimit, weight: { _ in 1 }) { pool in
            { [unowned pool] job in
                if job % 5 == 0 {
                    pool.waitForTurn(job)
                    // Every earlier result has been delivered: the submitter has returned from it.
                    writtenBefore.record(counts.deliveredCount >= job ? 0 : 1)
                }
                usleep(useconds_t(job % 3 == 0 ? 300 : 30))
                return job
            }
        }
        var delivered: [Int] = []
        let deliver = { (value: Int) in delivered.append(value); counts.delivered() }
        for job in 0..<300 { pool.submit(job, delivering: deliver) }
        pool.finish(delivering: deliver)
        #expect(delivered == Array(0..<300))
        #expect(writtenBefore.mistakes == 0)
    }

    /// `check` and `report` turn each analysis into text on the submitting thread: a large file's
    /// turn waits until every earlier result is let go, not only taken, or two large analyses
    /// would be alive at once (a folder of 4 MB files reached 83 MB with `report`, over its bound).
    @Test func turnWaitsUntilEarlierResultsAreReleased() {
        let released = Counts()
        let early = Counts()
        let pool = OrderedResults<Int, Tracked>(workers: 2, window: 64, byteLimit: 1 << 30, weight: { _ in 1 }) { pool in
            { [unowned pool] job in
                if job % 4 == 0 {
                    pool.waitForTurn(job)
                    early.record(released.deliveredCount >= job ? 0 : 1)
                }
                usleep(useconds_t(job % 3 == 0 ? 200 : 20))
                return Tracked(job, released)
            }
        }
        var order: [Int] = []
        // The submitter works on each value a while before letting it go, as `report` renders.
        let deliver = { (value: Tracked) in order.append(value.job); usleep(100) }
        for job in 0..<120 { pool.submit(job, delivering: deliver) }
        pool.finish(delivering: deliver)
        #expect(order == Array(0..<120))
        #expect(early.mistakes == 0)
        #expect(released.deliveredCount == 120)
    }

    @Test func oneWorkerRunsEachJobAsSubmitted() {
        #expect(mostInFlight(workers: 1, byteLimit: 1, jobs: 50) == 1)
    }
}

/// Started and delivered jobs, counted across threads.
private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private var peak = 0
    private var deliveries = 0
    private var wrong = 0

    var most: Int { lock.withLock { peak } }
    var deliveredCount: Int { lock.withLock { deliveries } }
    var mistakes: Int { lock.withLock { wrong } }

    func record(_ mistake: Int) { lock.withLock { wrong += mistake } }

    func started() {
        lock.lock()
        running += 1
        peak = max(peak, running)
        lock.unlock()
    }

    func delivered() {
        lock.lock()
        running -= 1
        deliveries += 1
        lock.unlock()
    }
}

/// A result that counts itself released.
private final class Tracked: Sendable {
    let job: Int
    private let released: Counts
    init(_ job: Int, _ released: Counts) {
        self.job = job
        self.released = released
    }
    deinit { released.delivered() }
}
