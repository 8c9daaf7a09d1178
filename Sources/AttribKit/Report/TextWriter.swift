/// Compiler-style lines, one per finding: `path:line:column: severity: message [rule]`.
public struct TextWriter {
    public var minimumSeverity: Severity

    public init(minimumSeverity: Severity = .info) { self.minimumSeverity = minimumSeverity }

    public func write(_ analysis: Analysis, displayPath: String) -> String {
        var out = ""
        for f in analysis.findings where f.severity >= minimumSeverity {
            let pos = analysis.text.position(of: f.range.lowerBound)
            out += "\(displayPath):\(pos.line):\(pos.column): \(f.severity.rawValue): \(f.message) [\(f.rule)]\n"
        }
        return out
    }

    /// The closing line: files, findings by severity, statements and the attributed share.
    public static func summary(files: Int, unreadable: Int, errors: Int, warnings: Int, infos: Int, statements: Int, attributed: Int) -> String {
        let share = statements == 0 ? 0 : Int((Double(attributed) * 100 / Double(statements)).rounded())
        var line = "\(files) \(files == 1 ? "file" : "files") checked: \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings"), \(infos) info; \(statements) statements, \(share)% attributed"
        if unreadable > 0 { line += "; \(unreadable) \(unreadable == 1 ? "file" : "files") could not be read" }
        return line + "\n"
    }
}
