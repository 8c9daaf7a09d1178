/// `markdown` (and `attrib report`): the MarkdownWriter report per file. For several files it is
/// headed by one summary table across them (file | statements | attributed | errors | warnings |
/// info, and a total); `--stats` prints the table alone. Printed at the end (the table comes first),
/// from the spools its rows and sections wait in.
public struct MarkdownRunWriter: CheckWriter {
    let options: CheckOptions
    private let rows: any Spool
    private let sections: any Spool
    private var files = 0

    public init(_ options: CheckOptions = CheckOptions(), spools: SpoolMaker = MemorySpool.make) {
        self.options = options
        rows = spools()
        sections = spools()
    }

    public mutating func add(_ analysis: Analysis, path: String, doc: String) -> String {
        files += 1
        rows.append(Self.row(MarkdownWriter.cell(path), CheckSummary.of(analysis)))
        if !options.statsOnly {
            // A line break between sections (and after the table, written in `finish`).
            let section = MarkdownWriter(minimumSeverity: options.listed).write(analysis, displayPath: path)
            sections.append(files > 1 ? "\n" + section : section)
        }
        return ""
    }

    public mutating func finish(_ summary: CheckSummary) -> String { collect { finish(summary, into: $0) } }

    public mutating func finish(_ summary: CheckSummary, into write: (String) -> Void) {
        if Self.hasTable(options, files: files) {
            write("# Attribution summary\n\n| File | Statements | Attributed | Errors | Warnings | Info |\n|---|---:|---:|---:|---:|---:|\n")
            rows.drain(write)
            var total = Self.row("**All \(summary.files) \(summary.files == 1 ? "file" : "files")**", summary)
            if summary.unreadable > 0 {
                total += "\n\(summary.unreadable) \(summary.unreadable == 1 ? "file" : "files") could not be read.\n"
            }
            write(total)
            // Sections follow unless the table is printed alone (--stats).
            if !options.statsOnly { write("\n") }
        } else {
            rows.drain { _ in }
        }
        sections.drain(write)
    }

    /// The summary table heads the report for several files, and alone is `--stats`.
    private static func hasTable(_ options: CheckOptions, files: Int) -> Bool { options.statsOnly || files > 1 }

    static func row(_ label: String, _ s: CheckSummary) -> String {
        "| \(label) | \(s.statements) | \(s.attributedPercent)% | \(s.errors) | \(s.warnings) | \(s.infos) |\n"
    }
}
