/// Compiler-style lines, one per finding: `path:line:column: severity: message [rule]`.
public struct TextWriter: Sendable {
    public var minimumSeverity: Severity
    /// Colours the severity word with ANSI escapes (the caller decides: a terminal and no NO_COLOR).
    public var color: Bool

    public init(minimumSeverity: Severity = .info, color: Bool = false) {
        self.minimumSeverity = minimumSeverity
        self.color = color
    }

    public func write(_ analysis: Analysis, displayPath: String) -> String {
        var out = ""
        for f in analysis.findings where f.severity >= minimumSeverity {
            out += line(f, in: analysis, displayPath: displayPath)
        }
        return out
    }

    /// One finding's line, ending in a newline.
    public func line(_ f: Finding, in analysis: Analysis, displayPath: String) -> String {
        let pos = analysis.text.position(of: f.range.lowerBound)
        return "\(displayPath):\(pos.line):\(pos.column): \(severityWord(f.severity)): \(f.message) [\(f.rule)]\n"
    }

    func severityWord(_ s: Severity) -> String {
        guard color else { return s.rawValue }
        let code = switch s {
        case .error: "1;31"     // bold red
        case .warning: "1;33"   // bold yellow
        case .info: "1;36"      // bold cyan
        }
        return "\u{1B}[\(code)m\(s.rawValue)\u{1B}[0m"
    }

    /// The closing line: files, findings by severity, statements and the attributed share.
    public static func summary(files: Int, unreadable: Int, errors: Int, warnings: Int, infos: Int, statements: Int, attributed: Int) -> String {
        let share = statements == 0 ? 0 : Int((Double(attributed) * 100 / Double(statements)).rounded())
        var line = "\(files) \(files == 1 ? "file" : "files") checked: \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings"), \(infos) info; \(statements) statements, \(share)% attributed"
        if unreadable > 0 { line += "; \(unreadable) \(unreadable == 1 ? "file" : "files") could not be read" }
        return line + "\n"
    }
}
