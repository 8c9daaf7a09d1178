import Foundation
import Yams

/// A rule's setting in a configuration: turned off, or reported at a severity.
public enum RuleSetting: Sendable, Equatable {
    case off
    case severity(Severity)

    public var name: String {
        switch self {
        case .off: "off"
        case .severity(let s): s.rawValue
        }
    }

    init?(name: String) {
        if name == "off" { self = .off } else if let s = Severity(rawValue: name) { self = .severity(s) } else { return nil }
    }
}

/// A malformed configuration: the file, where in it, and what was expected.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    init(_ file: String, _ mark: Mark?, _ message: String) {
        self.file = ConfigResolver.display(file)
        line = mark?.line
        column = mark?.column
        self.message = message
    }

    public var description: String {
        guard let line, let column else { return "\(file): \(message)" }
        return "\(file):\(line):\(column): \(message)"
    }
}

/// One `.attrib.yml` (README: Configuration, suppressions and baselines).
public struct AttribConfig: Sendable {
    /// The file it was read from; its folder anchors `ignore` and `overrides` globs.
    public let file: String
    public var folder: String { PathName.folder(file) }
    public var rules: [String: RuleSetting] = [:]
    public var failOn: Severity?
    public var ignore: [String] = []
    public var overrides: [Override] = []
    /// `sources`: canonical names with their aliases, added as an organisation group.
    public var sources: [RuleGroup.Entity] = []
    /// `cues`: extra cue-verb lemmas.
    public var cues: [String] = []
    /// `vague`: extra vague-source terms.
    public var vague: [String] = []
    /// The groups of `rule-files`, already read and validated.
    public var ruleFileGroups: [RuleGroup] = []

    static let keys = "rules, fail-on, ignore, overrides, sources, cues, vague or rule-files"

    /// `overrides` entry: rule settings for the files its glob matches.
    public struct Override: Sendable {
        public let files: String
        public let rules: [String: RuleSetting]
    }

    /// Rule ids a configuration may name: the engine's rules and the ones added around it.
    public static let knownRules: [String] = FindingRule.allCases.map(\.rawValue) + [Suppressions.superfluousRule]

    public static func load(file: String) throws(ConfigError) -> AttribConfig {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(file, nil, "cannot read the configuration file")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), file: file)
    }

    public static func parse(yaml: String, file: String) throws(ConfigError) -> AttribConfig {
        var config = AttribConfig(file: file)
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw ConfigError(file, nil, "malformed YAML: \(error)")
        }
        guard let root else { return config }  // an empty file configures nothing
        let top = try mapping(root, file, "a mapping with \(keys)")
        for (key, value) in top {
            switch try string(key, file, "a key") {
            case "rules": config.rules = try rules(value, file)
            case "fail-on":
                let name = try string(value, file, "info, warning or error")
                guard let s = Severity(rawValue: name) else {
                    throw ConfigError(file, value.mark, "fail-on must be info, warning or error, not '\(name)'")
                }
                config.failOn = s
            case "ignore": config.ignore = try strings(value, file, "ignore must be a list of globs")
            case "overrides":
                guard let list = value.sequence else { throw ConfigError(file, value.mark, "overrides must be a list of {files, rules} mappings") }
                for entry in list {
                    let m = try mapping(entry, file, "an override must be a mapping with files and rules")
                    var files: String?
                    var settings: [String: RuleSetting] = [:]
                    for (k, v) in m {
                        switch try string(k, file, "a key") {
                        case "files": files = try string(v, file, "files must be a glob string")
                        case "rules": settings = try rules(v, file)
                        case let other: throw ConfigError(file, k.mark, "unknown key '\(other)' in an override; expected files or rules")
                        }
                    }
                    guard let files else { throw ConfigError(file, entry.mark, "an override needs a files glob") }
                    config.overrides.append(Override(files: files, rules: settings))
                }
            case "sources": config.sources = try entities(value, file)
            case "cues": config.cues = try strings(value, file, "cues must be a list of verb lemmas")
            case "vague": config.vague = try strings(value, file, "vague must be a list of terms")
            case "rule-files": config.ruleFileGroups = try ruleFiles(value, file)
            case let other:
                throw ConfigError(file, key.mark, "unknown key '\(other)'; expected \(keys)")
            }
        }
        return config
    }

    private static func yamlError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigError(file, mark, "malformed YAML: \(problem)")
        default:
            return ConfigError(file, nil, "malformed YAML: \(error)")
        }
    }

    private static func mapping(_ node: Node, _ file: String, _ expected: String) throws(ConfigError) -> Node.Mapping {
        guard let m = node.mapping else { throw ConfigError(file, node.mark, "expected \(expected)") }
        return m
    }

    private static func string(_ node: Node, _ file: String, _ expected: String) throws(ConfigError) -> String {
        guard let s = node.scalar?.string else { throw ConfigError(file, node.mark, "expected \(expected)") }
        return s
    }

    private static func strings(_ node: Node, _ file: String, _ message: String) throws(ConfigError) -> [String] {
        guard let list = node.sequence else { throw ConfigError(file, node.mark, message) }
        var out: [String] = []
        for item in list {
            guard let s = item.scalar?.string else { throw ConfigError(file, item.mark, message) }
            out.append(s)
        }
        return out
    }

    /// `{RULE: {severity: S}}`; `{RULE: S}` is accepted as a shorthand.
    private static func rules(_ node: Node, _ file: String) throws(ConfigError) -> [String: RuleSetting] {
        let m = try mapping(node, file, "rules must be a mapping of rule ids to {severity: off|info|warning|error}")
        var out: [String: RuleSetting] = [:]
        for (key, value) in m {
            let id = try string(key, file, "a rule id")
            guard knownRules.contains(id) else {
                throw ConfigError(file, key.mark, "unknown rule '\(id)'; expected one of \(knownRules.joined(separator: ", "))")
            }
            let severityNode: Node
            if value.scalar != nil {
                severityNode = value
            } else {
                let rule = try mapping(value, file, "{severity: off|info|warning|error} for rule '\(id)'")
                var found: Node?
                for (k, v) in rule {
                    let name = try string(k, file, "a key")
                    guard name == "severity" else { throw ConfigError(file, k.mark, "unknown key '\(name)' for rule '\(id)'; expected severity") }
                    found = v
                }
                guard let found else { throw ConfigError(file, value.mark, "rule '\(id)' needs a severity") }
                severityNode = found
            }
            let name = try string(severityNode, file, "severity off, info, warning or error")
            guard let setting = RuleSetting(name: name) else {
                throw ConfigError(file, severityNode.mark, "severity must be off, info, warning or error, not '\(name)'")
            }
            out[id] = setting
        }
        return out
    }
}
