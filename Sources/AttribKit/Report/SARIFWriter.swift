/// `sarif`: SARIF 2.1.0 for GitHub code scanning, one run with every finding rule and one result
/// per listed finding. Streams: the head, results as files come, the tail at the end.
public struct SARIFWriter: CheckWriter {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    let options: CheckOptions
    var written = 0
    var started = false

    public init(_ options: CheckOptions = CheckOptions()) { self.options = options }

    static let ruleIndex: [String: Int] = Dictionary(uniqueKeysWithValues: FindingRule.allCases.enumerated().map { ($1.rawValue, $0) })

    static var head: String {
        let rules: [JSONTree] = FindingRule.allCases.map { r in
            .object([
                ("id", .string(r.rawValue)), ("name", .string(name(r.rawValue))),
                ("shortDescription", .object([("text", .string(title(r.rawValue)))])),
                ("fullDescription", .object([("text", .string(r.summary))])),
                ("help", .object([("text", .string(r.summary))])),
                ("defaultConfiguration", .object([("level", .string(r.defaultSeverity.sarifLevel))])),
            ])
        }
        let tool = JSONTree.object([("driver", .object([("name", .string("attrib")), ("rules", .array(rules))]))])
        return "{\n  \"$schema\": \(JSON.string(schema)),\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
            + "      \"tool\": " + tool.rendered(indent: 6) + ",\n"
            + "      \"columnKind\": \"unicodeCodePoints\",\n"
            + "      \"results\": ["
    }

    public mutating func add(_ analysis: Analysis, path: String, doc: String) -> String {
        var out = started ? "" : Self.head
        started = true
        let uri = Self.uri(path)
        for f in analysis.findings where f.severity >= options.listed {
            out += (written == 0 ? "\n        " : ",\n        ") + Self.result(f, in: analysis, uri: uri).rendered(indent: 8)
            written += 1
        }
        return out
    }

    public mutating func finish(_ summary: CheckSummary) -> String {
        var out = started ? "" : Self.head
        started = true
        out += written == 0 ? "]" : "\n      ]"
        return out + ",\n      \"invocations\": [{\"executionSuccessful\": \(summary.unreadable == 0)}]\n    }\n  ]\n}\n"
    }

    static func result(_ f: Finding, in a: Analysis, uri: String) -> JSONTree {
        let s = FindingSpan(f, in: a)
        var members: [(String, JSONTree)] = [("ruleId", .string(f.rule))]
        if let i = ruleIndex[f.rule] { members.append(("ruleIndex", .int(i))) }
        members += [
            ("level", .string(f.severity.sarifLevel)),
            ("message", .object([("text", .string(f.message))])),
            ("locations", .array([.object([("physicalLocation", .object([
                ("artifactLocation", .object([("uri", .string(uri))])),
                ("region", .object([("startLine", .int(s.line)), ("startColumn", .int(s.column)),
                                    ("endLine", .int(s.endLine)), ("endColumn", .int(s.endColumn))])),
            ]))])])),
        ]
        return .object(members)
    }

    /// "quote-without-speaker" → "Quote without speaker".
    static func title(_ id: String) -> String {
        let words = id.split(separator: "-").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// "quote-without-speaker" → "QuoteWithoutSpeaker".
    static func name(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The path as given, as a relative URI reference: bytes outside RFC 3986's unreserved set and
    /// `/` are percent-encoded.
    public static func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
