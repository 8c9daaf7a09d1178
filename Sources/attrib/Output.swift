import Foundation

/// Standard output and error, written as bytes without buffering surprises.
enum Output {
    static func write(_ s: String) { write(fd: 1, s) }

    static func error(_ s: String) { write(fd: 2, "attrib: " + s + "\n") }

    /// A reader that went away (`attrib check dir | head -1`) ends the run quietly.
    private static func write(fd: Int32, _ s: String) {
        guard !s.isEmpty else { return }
        var s = s
        s.withUTF8 { buf in
            var offset = 0
            while offset < buf.count, let base = buf.baseAddress {
                let n = Foundation.write(fd, base + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    Foundation.exit(errno == EPIPE ? 0 : 2)
                }
                offset += n
            }
        }
    }

    /// Writes to a temporary file beside `path` and renames it, so no partial file is left.
    static func writeAtomically(_ s: String, to path: String) throws {
        try Data(s.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Finds the Rules/ folder: --rules, $ATTRIB_RULES, beside the build or install, or ./Rules.
enum RulesLocator {
    static func find(explicit: String?) throws -> String {
        let fm = FileManager.default
        func isRules(_ dir: String) -> Bool { fm.fileExists(atPath: dir + "/cues.yml") }
        if let explicit {
            guard isRules(explicit) else { Output.error("\(explicit): not a rules folder (no cues.yml)"); throw ExitCodeError.usage }
            return explicit
        }
        if let env = ProcessInfo.processInfo.environment["ATTRIB_RULES"], !env.isEmpty {
            guard isRules(env) else { Output.error("\(env): ATTRIB_RULES is not a rules folder (no cues.yml)"); throw ExitCodeError.usage }
            return env
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        if let exe = Bundle.main.executableURL { dir = exe.resolvingSymlinksInPath().deletingLastPathComponent() }
        for _ in 0..<6 {
            for candidate in [dir.appendingPathComponent("Rules").path, dir.appendingPathComponent("share/attrib/Rules").path] where isRules(candidate) {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        if isRules("Rules") { return "Rules" }
        Output.error("cannot find the Rules/ folder: pass --rules DIR or set ATTRIB_RULES")
        throw ExitCodeError.usage
    }
}
