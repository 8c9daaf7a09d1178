/// `json`: one document for the whole run, schema version 1 (README: Output formats). Streams:
/// the head and each file are printed as they come, the summary at the end.
public struct JSONWriter: CheckWriter {
    /// Bumped when a key changes meaning or goes away; new keys may appear within a version.
    public static let schemaVersion = 1

    let options: CheckOptions
    var written = 0
    var started = false

    public init(_ options: CheckOptions = CheckOptions()) { self.options = options }

    static let head = "{\n  \"version\": \(schemaVersion),\n  \"tool\": \"attrib\",\n"

    public mutating func add(_ analysis: Analysis, path: String, doc: String) -> String {
        if options.statsOnly { return "" }
        var out = started ? "" : Self.head + "  \"files\": ["
        started = true
        out += (written == 0 ? "\n    " : ",\n    ") + Self.file(analysis, path: path, listed: options.listed).rendered(indent: 4)
        written += 1
        return out
    }

    public mutating func finish(_ summary: CheckSummary) -> String {
        var out = ""
        if !options.statsOnly {
            out += started ? "" : Self.head + "  \"files\": ["
            out += written == 0 ? "],\n" : "\n  ],\n"
        } else {
            out += Self.head
        }
        started = true
        return out + "  \"summary\": " + Self.summary(summary).rendered(indent: 2) + "\n}\n"
    }

    static func file(_ a: Analysis, path: String, listed: Severity) -> JSONTree {
        let counts = CheckSummary.of(a)
        let findings: [JSONTree] = a.findings.filter { $0.severity >= listed }.map { f in
            let s = FindingSpan(f, in: a)
            return .object([
                ("rule", .string(f.rule)), ("severity", .string(f.severity.rawValue)), ("message", .string(f.message)),
                ("line", .int(s.line)), ("column", .int(s.column)), ("end_line", .int(s.endLine)), ("end_column", .int(s.endColumn)),
                ("start", .int(s.start)), ("end", .int(s.end)),
            ])
        }
        return .object([
            ("path", .string(path)), ("findings", .array(findings)),
            ("statements", .int(counts.statements)), ("attributed", .int(counts.attributed)),
        ])
    }

    static func summary(_ s: CheckSummary) -> JSONTree {
        .object([
            ("files", .int(s.files)), ("unreadable", .int(s.unreadable)),
            ("errors", .int(s.errors)), ("warnings", .int(s.warnings)), ("info", .int(s.infos)),
            ("statements", .int(s.statements)), ("attributed", .int(s.attributed)), ("attributed_percent", .int(s.attributedPercent)),
        ])
    }
}
