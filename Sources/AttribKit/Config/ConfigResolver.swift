import Foundation

/// What the configuration says for one file: rule settings after overrides, fail-on, and
/// whether an `ignore` glob skips it.
public struct FileSettings: Sendable, Equatable {
    /// The configuration file these come from; nil when none applies (the defaults).
    public var source: String?
    public var rules: [String: RuleSetting] = [:]
    public var failOn: Severity?
    public var ignore: [String] = []
    /// The `ignore` glob that skips the file, if any.
    public var ignoredBy: String?
    /// Rule groups the configuration adds (`sources`, `cues`, `vague`, `rule-files`), if any.
    public var extras: RuleExtras?

    public init(source: String? = nil) { self.source = source }

    /// The severity `finding` is reported at, or nil when its rule is off.
    func severity(of finding: Finding) -> Severity? {
        switch rules[finding.rule] {
        case .off: nil
        case .severity(let s): s
        case nil: finding.severity
        }
    }

    /// Every known rule with its effective setting, in a stable order.
    public var effectiveRules: [(rule: String, setting: RuleSetting)] {
        AttribConfig.knownRules.map { id in
            let fallback: RuleSetting = .severity(FindingRule(rawValue: id)?.defaultSeverity ?? (id == Suppressions.superfluousRule ? .info : .warning))
            return (id, rules[id] ?? fallback)
        }
    }

    /// The effective configuration as YAML, for `attrib config --print`.
    public func yaml(for path: String) -> String {
        var out = "# effective configuration for \(path)\n"
        out += "# from: \(source.map(ConfigResolver.display) ?? "no .attrib.yml found (defaults)")\n"
        if let ignoredBy { out += "# \(path) is ignored (matches \"\(ignoredBy)\")\n" }
        out += "fail-on: \((failOn ?? .error).rawValue)\n"
        out += "rules:\n"
        for (rule, setting) in effectiveRules { out += "  \(rule):\n    severity: \(setting.name)\n" }
        out += ignore.isEmpty ? "ignore: []\n" : "ignore:\n" + ignore.map { "  - \"\($0)\"\n" }.joined()
        if let extras { out += "# adds rule groups: \(extras.groups.map(\.id).joined(separator: ", "))\n" }
        return out
    }
}

/// Finds the configuration for each checked file: `--config` for all, else the nearest
/// `.attrib.yml` walking up from the file's folder. Not thread-safe; files are resolved up front.
public final class ConfigResolver {
    public static let fileName = ".attrib.yml"
    private let explicit: AttribConfig?
    private var byFolder: [String: AttribConfig?] = [:]
    /// The last file's folder as written (its path up to the last slash) and that folder's
    /// configuration: a folder's files come one after another, and looking each up made its
    /// path absolute, cut off its folder and hashed that (four thousand instructions a file).
    private var lastFolder: (prefix: String, config: AttribConfig?)?

    public init(explicitFile: String?) throws(ConfigError) {
        explicit = try explicitFile.map { f throws(ConfigError) in try AttribConfig.load(file: Self.absolute(f)) }
    }

    /// Settings for `path` (a file, or a folder with `folder`; nil for standard input, which only
    /// `--config` configures).
    public func settings(for path: String?, folder: Bool = false) throws(ConfigError) -> FileSettings {
        let config: AttribConfig?
        if let explicit { config = explicit } else if let path {
            if !folder, let last = lastFolder, Self.isPlainEntry(path, of: last.prefix) {
                config = last.config
            } else {
                let file = Self.absolute(path)
                config = try nearest(from: folder ? file : PathName.folder(file))
                if !folder, let prefix = Self.folderPrefix(path) { lastFolder = (prefix, config) }
            }
        } else { config = nil }
        guard let config else { return FileSettings() }
        let file = path.map(Self.absolute)
        var s = FileSettings(source: config.file)
        s.rules = config.rules
        s.failOn = config.failOn
        s.ignore = config.ignore
        s.extras = config.extras
        guard let file else { return s }
        let relative = Self.relative(file, to: config.folder)
        s.ignoredBy = config.ignore.first { Glob.matches($0, relative) }
        for o in config.overrides where Glob.matches(o.files, relative) {
            s.rules.merge(o.rules) { _, new in new }
        }
        return s
    }

    private func nearest(from folder: String) throws(ConfigError) -> AttribConfig? {
        if let cached = byFolder[folder] { return cached }
        let candidate = folder == "/" ? "/" + Self.fileName : folder + "/" + Self.fileName
        var isDir: ObjCBool = false
        let found: AttribConfig?
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue {
            found = try AttribConfig.load(file: candidate)
        } else if folder == "/" || folder.isEmpty {
            found = nil
        } else {
            found = try nearest(from: PathName.folder(folder))
        }
        byFolder[folder] = .some(found)
        return found
    }

    /// `path` up to and including its last slash ("" when it has none), when what follows is a
    /// plain name (not empty, "." or ".."): every path with that prefix and a plain name then has
    /// the same absolute folder, whatever the prefix holds.
    private static func folderPrefix(_ path: String) -> String? {
        Bytes.withUTF8(path) { b in
            var start = b.count
            while start > 0, b[start - 1] != UInt8(ascii: "/") { start -= 1 }
            guard isPlainName(UnsafeBufferPointer(rebasing: b[start...])) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: b[..<start]), as: UTF8.self)
        }
    }

    /// Whether `path` is `prefix` (a `folderPrefix`) followed by a plain name, by bytes.
    private static func isPlainEntry(_ path: String, of prefix: String) -> Bool {
        Bytes.withUTF8(prefix) { p in
            Bytes.withUTF8(path) { b in
                guard b.count > p.count else { return false }
                if let x = b.baseAddress, let y = p.baseAddress, memcmp(x, y, p.count) != 0 { return false }
                var i = p.count
                while i < b.count {
                    if b[i] == UInt8(ascii: "/") { return false }
                    i += 1
                }
                return isPlainName(UnsafeBufferPointer(rebasing: b[p.count...]))
            }
        }
    }

    private static func isPlainName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let dot = UInt8(ascii: ".")
        return !(name.isEmpty || name.count <= 2 && name.allSatisfy { $0 == dot })
    }

    /// `path` made absolute with "." and ".." folded, as URL.standardizedFileURL does (symbolic
    /// links stay), by string work: URL cost more than analysing a short article.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        // Nearly every path is already folded; splitting and joining cost 20k instructions a file.
        if isFolded(full) { return full }
        var parts: [Substring] = []
        for part in full.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            let s = Substring(part)
            if s == "." { continue }
            if s == ".." { _ = parts.popLast(); continue }
            parts.append(s)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether folding leaves `path` as it is: absolute, with no empty, "." or ".." component
    /// and no slash at the end.
    private static func isFolded(_ path: String) -> Bool {
        // Over the bytes: the String's UTF-8 iterator cost 35 instructions a byte.
        Bytes.withUTF8(path) { bytes in
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            guard bytes.first == slash else { return false }
            var length = 0, dots = 0
            for b in bytes.dropFirst() {
                if b == slash {
                    if length == dots && length <= 2 { return false }
                    length = 0; dots = 0
                } else {
                    length += 1
                    if b == dot { dots += 1 }
                }
            }
            return !(length == dots && length <= 2)
        }
    }

    /// `path` as shown in messages: relative to the working folder when inside it.
    public static func display(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        return relative(path, to: URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path)
    }

    /// `file` relative to `folder` when inside it, else the absolute path.
    static func relative(_ file: String, to folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }
}

/// Globs for `ignore` and `overrides`: `*` and `?` within a path segment, `**` across segments.
/// A glob without `/` matches a file or folder name at any depth; a glob that matches a folder
/// matches everything in it.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        while p.hasSuffix("/") { p.removeLast() }
        var segments = p.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !p.contains("/") { segments.insert("**", at: 0) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // The path itself or any folder above it.
        for n in stride(from: parts.count, through: 1, by: -1) where match(segments[...], parts[..<n]) { return true }
        return false
    }

    private static func match(_ g: ArraySlice<String>, _ p: ArraySlice<String>) -> Bool {
        guard let first = g.first else { return p.isEmpty }
        if first == "**" {
            var rest = p
            while true {
                if match(g.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let name = p.first, segment(Array(first.unicodeScalars)[...], Array(name.unicodeScalars)[...]) else { return false }
        return match(g.dropFirst(), p.dropFirst())
    }

    private static func segment(_ g: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let c = g.first else { return s.isEmpty }
        if c == "*" {
            var rest = s
            while true {
                if segment(g.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let x = s.first, c == "?" || c == x else { return false }
        return segment(g.dropFirst(), s.dropFirst())
    }
}
