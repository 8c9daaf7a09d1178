/// The output formats of `attrib check --format` (README: Output formats).
public enum CheckFormat: String, Sendable, CaseIterable {
    case text, json, jsonl, sarif, github, junit, markdown

    /// Formats that have a summary of their own for `--stats`.
    public var supportsStats: Bool {
        switch self {
        case .text, .json, .github, .markdown: true
        case .jsonl, .sarif, .junit: false
        }
    }

    /// `spools`: where `junit` and `markdown` keep what they print after their head.
    public func makeWriter(_ options: CheckOptions, spools: SpoolMaker = MemorySpool.make) -> any CheckWriter {
        switch self {
        case .text: TextCheckWriter(options)
        case .json: JSONWriter(options)
        case .jsonl: JSONLinesCheckWriter(options)
        case .sarif: SARIFWriter(options)
        case .github: GitHubWriter(options)
        case .junit: JUnitWriter(options, spools: spools)
        case .markdown: MarkdownRunWriter(options, spools: spools)
        }
    }
}

/// What `attrib check` asked for, shared by every format.
public struct CheckOptions: Sendable {
    /// The lowest severity listed (`--min-severity`).
    public var minimumSeverity: Severity
    /// The severity that fails the run (`--fail-on`); JUnit marks a file failed from it.
    public var failOn: Severity
    /// `--quiet`: list error findings only, and no summary in text.
    public var quiet: Bool
    /// `--stats`: the summary only.
    public var statsOnly: Bool
    /// ANSI colour for the text format's severity word.
    public var color: Bool

    public init(minimumSeverity: Severity = .info, failOn: Severity = .error, quiet: Bool = false,
                statsOnly: Bool = false, color: Bool = false) {
        self.minimumSeverity = minimumSeverity
        self.failOn = failOn
        self.quiet = quiet
        self.statsOnly = statsOnly
        self.color = color
    }

    /// The lowest severity a writer lists.
    public var listed: Severity { quiet ? .error : minimumSeverity }
}

/// Totals for a run: every finding counts, whatever is listed.
public struct CheckSummary: Sendable, Equatable {
    public var files = 0
    public var unreadable = 0
    public var errors = 0
    public var warnings = 0
    public var infos = 0
    /// Prose statements (headline and boilerplate left out) and the attributed ones among them.
    public var statements = 0
    public var attributed = 0

    public init() {}

    public static func of(_ a: Analysis) -> CheckSummary {
        var s = CheckSummary()
        s.add(a)
        return s
    }

    /// Adds another run's (or one file's) counts.
    public mutating func add(_ other: CheckSummary) {
        files += other.files
        unreadable += other.unreadable
        errors += other.errors
        warnings += other.warnings
        infos += other.infos
        statements += other.statements
        attributed += other.attributed
    }

    public mutating func add(_ a: Analysis) {
        files += 1
        for f in a.findings {
            switch f.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
        let prose = a.proseStatements
        statements += prose.count
        attributed += prose.filter { $0.status == .attributed }.count
    }

    public var attributedPercent: Int {
        statements == 0 ? 0 : Int((Double(attributed) * 100 / Double(statements)).rounded())
    }

    /// Findings at or above `severity`.
    public func count(atOrAbove severity: Severity) -> Int {
        switch severity {
        case .error: errors
        case .warning: errors + warnings
        case .info: errors + warnings + infos
        }
    }

    /// The text summary line, with its newline.
    public var line: String {
        TextWriter.summary(files: files, unreadable: unreadable, errors: errors, warnings: warnings, infos: infos,
                           statements: statements, attributed: attributed)
    }
}

/// Writes one run of `attrib check` in one format. `add` is called for every analysed file in input
/// order and returns what can be printed at once; `finish` returns the rest, or hands it out in
/// pieces (a format that keeps its files' parts in spools streams them from there).
public protocol CheckWriter {
    mutating func add(_ analysis: Analysis, path: String, doc: String) -> String
    mutating func finish(_ summary: CheckSummary) -> String
    mutating func finish(_ summary: CheckSummary, into write: (String) -> Void)
}

/// A format whose text for a file depends on that file alone (`text`, `github`, `jsonl`): the
/// command line renders it on the worker that analysed the file, as `extract` does.
public protocol PerFileCheckWriter: CheckWriter, Sendable {
    func render(_ analysis: Analysis, path: String, doc: String) -> String
}

extension PerFileCheckWriter {
    public func add(_ analysis: Analysis, path: String, doc: String) -> String { render(analysis, path: path, doc: doc) }
}

extension CheckWriter {
    public mutating func finish(_ summary: CheckSummary, into write: (String) -> Void) { write(finish(summary)) }

    /// The pieces `body` writes, as one String.
    func collect(_ body: ((String) -> Void) -> Void) -> String {
        var out = ""
        body { out += $0 }
        return out
    }

    /// The whole output for `files` (what the command prints, for tests and library callers).
    public mutating func render(_ files: [(analysis: Analysis, path: String, doc: String)], unreadable: Int = 0) -> String {
        var out = ""
        var summary = CheckSummary()
        for f in files {
            summary.add(f.analysis)
            out += add(f.analysis, path: f.path, doc: f.doc)
        }
        summary.unreadable = unreadable
        return out + finish(summary)
    }
}

/// Where a finding is: 1-based line and column of its first character and of the position just
/// past its last (half-open, as SARIF regions), and its code-point offsets in the file.
public struct FindingSpan: Sendable, Equatable {
    public let line: Int
    public let column: Int
    public let endLine: Int
    public let endColumn: Int
    public let start: Int
    public let end: Int

    public init(_ f: Finding, in a: Analysis) {
        let text = a.text
        let from = text.position(of: f.range.lowerBound)
        let to = text.position(of: f.range.upperBound)
        line = from.line
        column = from.column
        endLine = to.line
        endColumn = to.column
        start = text.codePointOffset(f.range.lowerBound)
        end = text.codePointOffset(f.range.upperBound)
    }
}

extension Severity {
    /// SARIF's and GitHub's word for the severity ("note"/"notice" for info).
    var sarifLevel: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }
}

/// `text`: compiler-style lines as they come, then the summary line.
struct TextCheckWriter: PerFileCheckWriter {
    let options: CheckOptions
    let writer: TextWriter

    init(_ options: CheckOptions) {
        self.options = options
        writer = TextWriter(minimumSeverity: options.listed, color: options.color)
    }

    func render(_ analysis: Analysis, path: String, doc: String) -> String {
        options.statsOnly ? "" : writer.write(analysis, displayPath: path)
    }

    func finish(_ summary: CheckSummary) -> String { options.quiet ? "" : summary.line }
}

/// `jsonl`: the `attrib extract` objects, one per file as they come.
struct JSONLinesCheckWriter: PerFileCheckWriter {
    let writer: JSONLinesWriter

    init(_ options: CheckOptions) { writer = JSONLinesWriter(minimumSeverity: options.listed) }

    func render(_ analysis: Analysis, path: String, doc: String) -> String {
        writer.write(analysis, path: path, doc: doc)
    }

    func finish(_ summary: CheckSummary) -> String { "" }
}
