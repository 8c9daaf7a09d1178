/// `github`: GitHub Actions workflow commands, one annotation per listed finding, as files come:
/// `::warning file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`.
public struct GitHubWriter: PerFileCheckWriter {
    let options: CheckOptions

    public init(_ options: CheckOptions = CheckOptions()) { self.options = options }

    public func render(_ analysis: Analysis, path: String, doc: String) -> String {
        if options.statsOnly { return "" }
        var out = ""
        for f in analysis.findings where f.severity >= options.listed {
            out += Self.annotation(f, in: analysis, path: path)
        }
        return out
    }

    /// With `--stats`, the summary as one notice; otherwise nothing (the annotations are the output).
    public func finish(_ summary: CheckSummary) -> String {
        guard options.statsOnly else { return "" }
        var line = summary.line
        line.removeLast()
        return "::notice title=attrib::" + Self.escapeData(line) + "\n"
    }

    static func annotation(_ f: Finding, in a: Analysis, path: String) -> String {
        let s = FindingSpan(f, in: a)
        let command = switch f.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
        var props = "file=\(escapeProperty(path)),line=\(s.line)"
        // GitHub takes columns only for an annotation on one line.
        if s.endLine == s.line { props += ",col=\(s.column),endLine=\(s.endLine),endColumn=\(s.endColumn)" } else { props += ",endLine=\(s.endLine)" }
        props += ",title=\(escapeProperty(f.rule))"
        return "::\(command) \(props)::\(escapeData(f.message))\n"
    }

    /// The message part: `%`, CR and LF are percent-encoded (as @actions/core does).
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A property value: as data, and `:` and `,` too.
    public static func escapeProperty(_ s: String) -> String {
        var out = ""
        for ch in escapeData(s).unicodeScalars {
            switch ch {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
