import Foundation

/// `--changed-since REF`: the files git reports as changed since REF (`git diff --name-only REF`)
/// plus untracked ones, in the repository around the working folder.
struct GitChanges {
    let ref: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// The inputs that changed; standard input is always kept.
    func filter(_ inputs: [InputFile]) throws(Failure) -> [InputFile] {
        let changed = try changedFiles()
        return inputs.filter { $0.isStdin || changed.contains(Self.canonical($0.path)) }
    }

    /// Absolute, symlink-resolved paths of the changed and untracked files.
    func changedFiles() throws(Failure) -> Set<String> {
        let cwd = FileManager.default.currentDirectoryPath
        let top = try git(["rev-parse", "--show-toplevel"], in: cwd,
                          failure: { _ in "not in a git repository (\(cwd))" })
            .trimmingCharacters(in: .newlines)
        guard !top.isEmpty else { throw Failure("not in a git repository") }
        if ref.hasPrefix("-") { throw Failure("unknown git ref '\(ref)'") }
        _ = try git(["rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"], in: top,
                    failure: { _ in "unknown git ref '\(ref)'" })
        let diff = try git(["diff", "--name-only", "-z", "--no-renames", ref, "--"], in: top,
                           failure: { "git diff failed: \($0)" })
        let untracked = try git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"], in: top,
                                failure: { "git ls-files failed: \($0)" })
        let base = URL(fileURLWithPath: top).resolvingSymlinksInPath().path
        var out = Set<String>()
        for name in (diff + untracked).split(separator: "\0") where !name.isEmpty {
            out.insert(Self.canonical(base + "/" + name))
        }
        return out
    }

    /// An absolute path with the folder's symbolic links resolved (the file's own name kept).
    static func canonical(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let url = URL(fileURLWithPath: full).standardizedFileURL
        return url.deletingLastPathComponent().resolvingSymlinksInPath().path + "/" + url.lastPathComponent
    }

    /// Runs git with `arguments` in `folder` and returns its standard output; a non-zero exit
    /// is `failure(stderr)`.
    private func git(_ arguments: [String], in folder: String, failure: (String) -> String) throws(Failure) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + arguments
        p.currentDirectoryURL = URL(fileURLWithPath: folder)
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["LC_ALL"] = "C"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw Failure("cannot run git: \(error.localizedDescription)") }
        // Read both pipes to the end before waiting, so a large output cannot fill a pipe and stall git.
        let errData = ErrorCollector(err.fileHandleForReading)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = errData.wait()
        p.waitUntilExit()
        if p.terminationStatus == 127 { throw Failure("cannot run git: it is not installed") }
        guard p.terminationStatus == 0 else {
            throw Failure(failure(String(decoding: e, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return String(decoding: o, as: UTF8.self)
    }
}

/// Reads a pipe to its end on another thread.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let group = DispatchGroup()
    init(_ handle: FileHandle) {
        group.enter()
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            group.leave()
        }
    }
    func wait() -> Data { group.wait(); return data }
}
