/// A JSON value with ordered keys, printed stably for diffs: a container holding only scalars
/// (or empty containers) sits on one line, any other is spread one member a line, two-space indent.
indirect enum JSONTree {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONTree])
    case object([(String, JSONTree)])

    var isFlat: Bool {
        switch self {
        case .string, .int, .bool, .null: true
        case .array(let items): items.isEmpty
        case .object(let members): members.isEmpty
        }
    }

    /// The value printed as if it began at column `indent` (its first line is not indented).
    func rendered(indent: Int = 0) -> String {
        switch self {
        case .string(let s): return JSON.string(s)
        case .int(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy(\.isFlat) { return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]" }
            let pad = String(repeating: " ", count: indent + 2)
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 2) }.joined(separator: ",\n")
                + "\n" + String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            if members.allSatisfy({ $0.1.isFlat }) {
                return "{" + members.map { JSON.string($0.0) + ": " + $0.1.rendered() }.joined(separator: ", ") + "}"
            }
            let pad = String(repeating: " ", count: indent + 2)
            return "{\n" + members.map { pad + JSON.string($0.0) + ": " + $0.1.rendered(indent: indent + 2) }.joined(separator: ",\n")
                + "\n" + String(repeating: " ", count: indent) + "}"
        }
    }
}
