import Foundation
import Yams

/// Composes a rule file with Yams' rule-less resolver when that provably gives the tree and
/// errors its default resolver gives. The default one compiles seven Foundation regexes and runs
/// them on every mapping key for the duplicate-key check: two fifths of the rules' loading time.
enum RuleYAML {
    /// The composed document, and whether the fast path built it (every mapping key is then a
    /// plain word the default resolver would also call a string, so keys compare as strings).
    static func compose(_ yaml: String) throws -> (root: Node?, plainKeys: Bool) {
        // Yams' default encoding is UTF-8 unless this variable overrides it (and prints a note).
        if getenv("YAMS_DEFAULT_ENCODING") == nil,
           case let root? = try? Yams.compose(yaml: yaml, Yams.Resolver.basic, Constructor.default, .utf8) as Node??,
           root.map(keysArePlain) ?? true {
            return (root, true)
        }
        // Any error, or a key the two resolvers might tag differently (so its duplicates and
        // tags could differ): the default resolver decides, exactly as before.
        return (try Yams.compose(yaml: yaml), false)
    }

    /// Whether every mapping key under `node` is a plain word: with no rule of the default
    /// resolver matching it, both resolvers tag it a string and duplicate keys are the same.
    private static func keysArePlain(_ node: Node) -> Bool {
        switch node {
        case .scalar: return true
        case .sequence(let s):
            // Scalar items, nearly all of a rule file, are passed over without a call each.
            for item in s {
                if case .scalar = item { continue }
                guard keysArePlain(item) else { return false }
            }
            return true
        case .mapping(let m):
            for (key, value) in m {
                guard case .scalar(let k) = key, keyTags.contains(k.tag.rawValue), isPlainWord(k.string),
                      keysArePlain(value) else { return false }
            }
            return true
        case .alias: return false
        }
    }

    /// An ASCII letter then letters, digits, `-` or `_`, and none of the default resolver's
    /// bool or null words: its int, float, timestamp, merge and value rules need another first
    /// character, and without a line break its `$` is the string's end.
    static func isPlainWord(_ s: String) -> Bool {
        var first = true
        for b in s.utf8 {
            let letter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
            let other = (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
            guard letter || (!first && other) else { return false }
            first = false
        }
        return !first && !resolvedWords.contains(s)
    }

    /// A key's tag once the rule-less resolver has tagged it, or before it has.
    private static let keyTags: Set<String> = [Tag.Name.str.rawValue, Tag.Name.implicit.rawValue]

    private static let resolvedWords: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    ]
}
