import AttribKit
import Foundation

/// Finds the inputs, analyses them on a pool of workers and hands results back in input order.
struct Runner {
    /// The analyzer of the Rules/ folder alone (standard input records, files without extras).
    let analyzer: Analyzer
    /// One analyzer per configuration that adds rule groups, by configuration file.
    let extended: [String: Analyzer]
    /// Progress on standard error while the inputs are checked, or nil.
    let progress: Progress?
    let inputs: [InputFile]
    let jobs: Int
    let badPaths: [(String, String)]
    let reading: Reading
    /// Per input path: its configuration (.attrib.yml or --config). Ignored files are not in `inputs`.
    let settings: [String: FileSettings]

    /// How inputs are read: the size limit, lossy decoding, and whether binary files are errors.
    struct Reading: Sendable {
        var limit = ByteSize.defaultFileLimit
        var lossy = false
        var skipBinary = false
    }

    init(common: CommonOptions, changedSince: String? = nil, progress: Bool = true) throws {
        // From here on Ctrl-C exits 130 and removes a half-written output file.
        Interrupt.install()
        reading = Reading(limit: common.maxFileSize, lossy: common.lossy, skipBinary: common.skipBinary)
        let rulesDirectory = try RulesLocator.find(explicit: common.rules)
        jobs = common.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let search = InputSearch(common: common, changedSince: changedSince, background: jobs > 1)
        do { analyzer = Analyzer(rulebook: try Rulebook.load(directory: rulesDirectory, parallel: jobs > 1)) } catch {
            Output.error("\(error)")
            throw ExitCodeError.usage
        }
        switch search.wait() {
        case .found(let found):
            (inputs, badPaths, settings) = (found.inputs, found.bad, found.settings)
        case .failed(let message):
            Output.error(message)
            throw ExitCodeError.usage
        }
        // Each configuration that adds rule groups is compiled once, however many files it covers.
        var extended: [String: Analyzer] = [:]
        do {
            for case let extras? in settings.values.map(\.extras) where extended[extras.file] == nil {
                extended[extras.file] = Analyzer(rulebook: try extras.rulebook(extending: analyzer.rulebook))
            }
        } catch {
            Output.error("\(error)")
            throw ExitCodeError.usage
        }
        self.extended = extended
        self.progress = progress ? Progress(total: inputs.count) : nil
    }

    func settings(for input: InputFile) -> FileSettings { settings[input.path] ?? FileSettings() }

    /// Like `forEach`, but `render` runs on the worker that analysed the file and only its UTF-8
    /// output (with what `check` needs of it) comes back to be written in input order.
    /// `beforeMessage` runs before each message on standard error.
    func forEachRendered(_ render: @escaping @Sendable (InputFile, Analysis) -> RenderedFile, beforeMessage: () -> Void = {},
                         _ body: (InputFile, RenderedFile) -> Void) -> Int {
        forEachOutcome(beforeMessage: beforeMessage, { input, outcome in
            if case .success(let analysis) = outcome { return .rendered(render(input, analysis)) }
            return outcome
        }) { input, outcome in
            if case .rendered(let file) = outcome { body(input, file) }
        }
    }

    /// Calls `body` for every readable input in order; returns how many inputs could not be read.
    func forEach(_ body: (InputFile, Analysis) -> Void) -> Int {
        forEachOutcome({ _, outcome in outcome }) { input, outcome in
            if case .success(let analysis) = outcome { body(input, analysis) }
        }
    }

    private func forEachOutcome(beforeMessage: () -> Void = {}, _ transform: @escaping @Sendable (InputFile, Outcome) -> Outcome,
                                _ body: (InputFile, Outcome) -> Void) -> Int {
        var unreadable = 0
        for (path, why) in badPaths { Output.error("\(path): \(why)"); unreadable += 1 }
        defer { progress?.finish() }
        // Captured by value for the workers: the configuration and analyzer of each file are
        // looked up when it is claimed, so nothing is held per file of a large folder.
        let inputs = self.inputs, reading = self.reading, settings = self.settings, extended = self.extended, base = analyzer
        let makeWorker: @Sendable (OrderedResults<Int, Outcome>) -> (Int) -> Outcome = { pool in
            // One set of match buffers per worker, reused for every file it takes.
            let scratch = MatchScratch()
            // Unowned: the pool holds this closure (with one worker, as its inline work).
            return { [unowned pool] i in
                let config = settings[inputs[i].path] ?? FileSettings()
                // Its configuration's extended rulebook, else the base one.
                let analyzer = config.extras.flatMap { extended[$0.file] } ?? base
                // A large file's analysis takes several times its size (Memory.analysisBytesPerTextByte):
                // two at once, or one kept waiting behind a slower file, would pass the memory
                // bound (64 MB and four times the largest file). It waits until every file before it is written, so
                // large files go one at a time and each is written as soon as it is done.
                let outcome = Runner.analyze(inputs[i], analyzer, reading, config, scratch) { pool.waitForTurn(i) }
                return transform(inputs[i], outcome)
            }
        }
        func deliver(_ i: Int, _ outcome: Outcome) {
            let input = inputs[i]
            switch outcome {
            case .success, .rendered: progress?.clearForOutput(); body(input, outcome)
            case .failure(let message): progress?.clear(); beforeMessage(); Output.error("\(input.displayPath): \(message)"); unreadable += 1
            case .skipped(let message): progress?.clear(); beforeMessage(); Output.error("note: \(input.displayPath): \(message)")
            }
            progress?.done(input)
        }
        // A wide window: each time the submitter wakes to write, it preempts a worker.
        let pool = OrderedResults<Int, Outcome>(workers: min(jobs, inputs.count), window: jobs * 32, weight: \.bytes, makeWorker: makeWorker)
        var written = 0
        func next(_ outcome: Outcome) { deliver(written, outcome); written += 1 }
        for i in inputs.indices { pool.submit(i, delivering: next) }
        pool.finish(delivering: next)
        return unreadable
    }

    /// Reads and analyses one input; `beforeLarge` runs first for one of `Memory.largeFileBytes` or more.
    static func analyze(_ input: InputFile, _ analyzer: Analyzer, _ reading: Reading, _ settings: FileSettings, _ scratch: MatchScratch,
                        beforeLarge: () -> Void = {}) -> Outcome {
        let bytes: [UInt8]
        do { bytes = try input.read(limit: reading.limit) } catch { return .failure(error.description) }
        let large = bytes.count >= Memory.largeFileBytes
        if large { beforeLarge() }
        do {
            let analysis = try analyzer.analyze(path: input.displayPath, bytes: bytes, lossy: reading.lossy, settings: settings, scratch: scratch)
            if large { Memory.releaseFreed() }
            return .success(analysis)
        } catch {
            if case .binary = error {
                return reading.skipBinary ? .skipped(error.description)
                    : .failure(error.description + " (--skip-binary skips binary files without an error)")
            }
            return .failure(error.description)
        }
    }

    enum Outcome: Sendable {
        case success(Analysis)
        /// The analysis already turned into output text by the worker.
        case rendered(RenderedFile)
        /// Not read: an error, counted in the exit status.
        case failure(String)
        /// Not read on purpose (a binary file with --skip-binary): a note, not an error.
        case skipped(String)

        /// About what the outcome holds in memory, for the pool's byte limit.
        var bytes: Int {
            switch self {
            case .success(let analysis): analysis.document.text.bytes.count * Memory.analysisBytesPerTextByte
            case .rendered(let file): file.pieces.reduce(0) { $0 + $1.count }
            case .failure(let message), .skipped(let message): message.utf8.count
            }
        }
    }
}

/// Exit codes thrown past ArgumentParser.
enum ExitCodeError: Error {
    case usage
}

/// One file's output, made on the worker that analysed it.
struct RenderedFile: Sendable {
    /// Its output, UTF-8, in pieces (a long document's JSON line comes in several).
    let pieces: [[UInt8]]
    /// Its counts for `check`'s summary.
    var counts = CheckSummary()
    /// For `check`: it has a finding at or above its `--fail-on` threshold.
    var fails = false
}
