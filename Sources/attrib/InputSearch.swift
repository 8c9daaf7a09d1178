import AttribKit
import Foundation

/// The inputs of a run and their configurations, found on a thread of their own while the rules
/// load: the folder walk, `--changed-since` and the .attrib.yml look-ups are serial work that
/// every worker waits for, as the rulebook is (on PolNeAR train the workers start 4 ms sooner).
final class InputSearch: @unchecked Sendable {
    /// What a run reads: the files, the paths that could not be read, and the configuration of
    /// each file one covers.
    struct Found: Sendable {
        var inputs: [InputFile] = []
        var bad: [(String, String)] = []
        var settings: [String: FileSettings] = [:]
    }

    /// The search's answer, or the one-line error that ends the run.
    enum Outcome: Sendable {
        case found(Found)
        case failed(String)
    }

    private var outcome: Outcome = .failed("the input search did not finish")
    private let done = DispatchSemaphore(value: 0)

    /// Starts the search; with `background` false (one worker), it runs here and now.
    init(common: CommonOptions, changedSince: String?, background: Bool) {
        let paths = common.paths, stdinFilename = common.stdinFilename, config = common.config
        guard background else {
            outcome = Self.find(paths: paths, stdinFilename: stdinFilename, changedSince: changedSince, config: config)
            done.signal()
            return
        }
        Thread { [self] in
            // Written before the signal and read after the wait: the semaphore orders the two.
            outcome = Self.find(paths: paths, stdinFilename: stdinFilename, changedSince: changedSince, config: config)
            done.signal()
        }.start()
    }

    /// Waits for the search to end.
    func wait() -> Outcome {
        done.wait()
        return outcome
    }

    private static func find(paths: [String], stdinFilename: String?, changedSince: String?, config: String?) -> Outcome {
        var found = Found()
        var collected = InputFile.collect(paths) { path, why in found.bad.append((path, why)) }
        if let name = stdinFilename {
            collected = collected.map { $0.isStdin ? InputFile(path: $0.path, isStdin: true, stdinName: name) : $0 }
        }
        if let changedSince {
            do { collected = try GitChanges(ref: changedSince).filter(collected) } catch {
                return .failed("--changed-since: \(error.description)")
            }
        }
        do {
            let resolver = try ConfigResolver(explicitFile: config)
            // Only files a configuration covers are kept: the defaults need no entry, and a
            // folder of a hundred thousand articles should not hold one per file.
            for input in collected where found.settings[input.path] == nil {
                let s = try resolver.settings(for: input.isStdin ? input.stdinName : input.path)
                if s != FileSettings() { found.settings[input.path] = s }
            }
        } catch {
            return .failed("\(error)")
        }
        found.inputs = collected.filter { found.settings[$0.path]?.ignoredBy == nil }
        return .found(found)
    }
}
