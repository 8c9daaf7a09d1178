import AttribKit
import Foundation

/// Finds the Rules/ folder: --rules, $ATTRIB_RULES, beside the build or install, or ./Rules.
enum RulesLocator {
    // Plain POSIX calls, not URL and Bundle: their first use set up Foundation's bundle and
    // URL machinery, a tenth of the start-up that every run and every `attrib check` pays.
    static func find(explicit: String?) throws -> String {
        func isRules(_ dir: String) -> Bool { access(dir + "/cues.yml", F_OK) == 0 }
        if let explicit {
            guard isRules(explicit) else { Output.error("\(explicit): not a rules folder (no cues.yml)"); throw ExitCodeError.usage }
            return explicit
        }
        if let value = getenv("ATTRIB_RULES"), value.pointee != 0 {
            let env = String(cString: value)
            guard isRules(env) else { Output.error("\(env): ATTRIB_RULES is not a rules folder (no cues.yml)"); throw ExitCodeError.usage }
            return env
        }
        if var dir = executableDirectory() {
            for _ in 0..<6 {
                for candidate in [dir + "/Rules", dir + "/share/attrib/Rules"] where isRules(candidate) { return candidate }
                dir = PathName.folder(dir)
            }
        }
        if isRules("Rules") { return "Rules" }
        Output.error("cannot find the Rules/ folder: pass --rules DIR or set ATTRIB_RULES")
        throw ExitCodeError.usage
    }

    /// The folder of the running program with symbolic links resolved, so that a link to the
    /// binary in ~/bin still finds the Rules/ beside the real one.
    static func executableDirectory() -> String? {
        var path: String?
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { b in
            b.baseAddress.map { readlink("/proc/self/exe", $0, b.count - 1) } ?? -1
        }
        if count > 0 {
            path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        } else if let first = CommandLine.arguments.first, let found = invokedPath(first, searchPath: getenv("PATH").map { String(cString: $0) }), let resolved = realpath(found, nil) {
            // No /proc (another system, or a container without it): the name it was started by.
            path = String(cString: resolved)
            free(resolved)
        }
        // Both ways give an absolute path, so its folder is never empty.
        return path.map(PathName.folder)
    }

    /// The file `name` (the program's argv[0]) names: itself when it holds a slash, else the
    /// first executable of that name on `searchPath` ($PATH), as the shell found it.
    static func invokedPath(_ name: String, searchPath: String?) -> String? {
        if name.contains("/") { return name }
        guard let searchPath else { return nil }
        for dir in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
