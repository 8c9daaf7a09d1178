import Foundation

/// One article to read: a file, or standard input.
struct InputFile: Sendable {
    let path: String
    let isStdin: Bool

    var displayPath: String { isStdin ? "<stdin>" : path }
    var stem: String {
        if isStdin { return "stdin" }
        let name = (path as NSString).lastPathComponent
        return (name as NSString).deletingPathExtension
    }

    static let extensions: Set<String> = ["txt", "md", "markdown", "html", "htm"]

    func read() throws -> [UInt8] {
        if isStdin { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ReadError("cannot open the file") }
        defer { try? handle.close() }
        guard let data = try handle.readToEnd() else { return [] }
        return [UInt8](data)
    }

    /// Files named on the command line, and articles found in folders (recursively, sorted).
    static func collect(_ paths: [String], bad: (String, String) -> Void) -> [InputFile] {
        var out: [InputFile] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" { out.append(InputFile(path: "-", isStdin: true)); continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { bad(path, "no such file or folder"); continue }
            if !isDir.boolValue { out.append(InputFile(path: path, isStdin: false)); continue }
            guard let walker = fm.enumerator(atPath: path) else { bad(path, "cannot read the folder"); continue }
            var found: [String] = []
            while let rel = walker.nextObject() as? String {
                let ext = (rel as NSString).pathExtension.lowercased()
                if extensions.contains(ext) { found.append(rel) }
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            for rel in found.sorted() {
                let full = base + "/" + rel
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { out.append(InputFile(path: full, isStdin: false)) }
            }
        }
        return out
    }
}

/// A file that could not be read, with the reason.
struct ReadError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
