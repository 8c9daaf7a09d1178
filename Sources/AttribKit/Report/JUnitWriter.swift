/// `junit`: JUnit XML, one `<testcase classname="attrib" name="PATH">` per file. A file fails when
/// it has findings at or above `--fail-on`: its `<failure>` gives their count and their text lines;
/// the listed findings below `--fail-on` go to `<system-out>`. Printed at the end (the counts head
/// it), from the spool its test cases wait in.
public struct JUnitWriter: CheckWriter {
    let options: CheckOptions
    private let cases: any Spool
    private var caseCount = 0
    var failures = 0

    public init(_ options: CheckOptions = CheckOptions(), spools: SpoolMaker = MemorySpool.make) {
        self.options = options
        cases = spools()
    }

    public mutating func add(_ analysis: Analysis, path: String, doc: String) -> String {
        let text = TextWriter()
        let failing = analysis.findings.filter { $0.severity >= options.failOn }
        let other = analysis.findings.filter { $0.severity < options.failOn && $0.severity >= options.listed }
        var out = "    <testcase classname=\"attrib\" name=\"\(Self.escape(path, attribute: true))\""
        caseCount += 1
        if failing.isEmpty && other.isEmpty {
            cases.append(out + "/>\n")
            return ""
        }
        out += ">\n"
        func body(_ findings: [Finding]) -> String {
            var lines = findings.map { text.line($0, in: analysis, displayPath: path) }.joined()
            lines.removeLast()
            return Self.escape(lines, attribute: false)
        }
        if let worst = failing.map(\.severity).max() {
            failures += 1
            let message = "\(failing.count) \(failing.count == 1 ? "finding" : "findings") at or above \(options.failOn.rawValue)"
            out += "      <failure message=\"\(message)\" type=\"\(worst.rawValue)\">\(body(failing))</failure>\n"
        }
        if !other.isEmpty { out += "      <system-out>\(body(other))</system-out>\n" }
        cases.append(out + "    </testcase>\n")
        return ""
    }

    public mutating func finish(_ summary: CheckSummary) -> String { collect { finish(summary, into: $0) } }

    public mutating func finish(_ summary: CheckSummary, into write: (String) -> Void) {
        let counts = "tests=\"\(caseCount)\" failures=\"\(failures)\" errors=\"0\""
        write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"attrib\" \(counts)>\n"
            + "  <testsuite name=\"attrib\" \(counts) skipped=\"0\">\n")
        cases.drain(write)
        write("  </testsuite>\n</testsuites>\n")
    }

    /// XML 1.0 text or attribute value: markup characters as entities, characters XML cannot carry
    /// (most C0 controls, U+FFFE, U+FFFF) as U+FFFD; in attributes, tab and line breaks as
    /// character references so they survive attribute normalisation.
    public static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
