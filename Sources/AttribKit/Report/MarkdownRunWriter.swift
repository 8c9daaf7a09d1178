/// `markdown` (and `attrib report`): the MarkdownWriter report per file. For several files it is
/// headed by one summary table across them (file | statements | attributed | errors | warnings |
/// info, and a total); `--stats` prints the table alone. Printed at the end (the table comes first).
public struct MarkdownRunWriter: CheckWriter {
    let options: CheckOptions
    var rows: [String] = []
    var sections: [String] = []

    public init(_ options: CheckOptions = CheckOptions()) { self.options = options }

    public mutating func add(_ analysis: Analysis, path: String, doc: String) -> String {
        rows.append(Self.row(MarkdownWriter.cell(path), CheckSummary.of(analysis)))
        if !options.statsOnly { sections.append(MarkdownWriter(minimumSeverity: options.listed).write(analysis, displayPath: path)) }
        return ""
    }

    public mutating func finish(_ summary: CheckSummary) -> String {
        var parts: [String] = []
        if options.statsOnly || rows.count > 1 {
            var table = "# Attribution summary\n\n| File | Statements | Attributed | Errors | Warnings | Info |\n|---|---:|---:|---:|---:|---:|\n"
            table += rows.joined()
            table += Self.row("**All \(summary.files) \(summary.files == 1 ? "file" : "files")**", summary)
            if summary.unreadable > 0 {
                table += "\n\(summary.unreadable) \(summary.unreadable == 1 ? "file" : "files") could not be read.\n"
            }
            parts.append(table)
        }
        parts += sections
        return parts.joined(separator: "\n")
    }

    static func row(_ label: String, _ s: CheckSummary) -> String {
        "| \(label) | \(s.statements) | \(s.attributedPercent)% | \(s.errors) | \(s.warnings) | \(s.infos) |\n"
    }
}
