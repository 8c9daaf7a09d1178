import Foundation
import Yams

/// The rule groups a configuration adds to the rulebook (`sources`, `cues`, `vague`,
/// `rule-files`), with the configuration file they come from. Two values are the same extras
/// when they come from the same file, so one rulebook is compiled per configuration.
public struct RuleExtras: Sendable, Equatable {
    /// The configuration file (absolute path).
    public let file: String
    public let groups: [RuleGroup]

    public static func == (a: RuleExtras, b: RuleExtras) -> Bool { a.file == b.file }

    /// The base rulebook's groups followed by these.
    public func rulebook(extending base: Rulebook) throws(ConfigError) -> Rulebook {
        do { return try Rulebook(groups: base.groups.map(\.group) + groups) } catch {
            throw ConfigError(file, nil, error.message)
        }
    }
}

extension RuleGroup {
    /// A group built from configuration keys rather than a rule file.
    init(id: String, category: RuleCategory, description: String, words: [String] = [], lemmas: [String] = [],
         entities: [Entity] = [], caseSensitive: Bool = false, severity: Severity? = nil) {
        self.init(id: id, category: category, description: description, words: words, lemmas: lemmas, patterns: [], prefilter: nil,
                  gender: nil, entities: entities, caseSensitive: caseSensitive, severity: severity, examples: Examples())
    }
}

extension AttribConfig {
    /// The groups for `sources`, `cues` and `vague`, then those of `rule-files`; nil when the
    /// configuration adds nothing to the rulebook.
    public var extras: RuleExtras? {
        var groups: [RuleGroup] = []
        if !sources.isEmpty {
            groups.append(RuleGroup(id: "config-sources", category: .organisation,
                                    description: "Organisations from \(ConfigResolver.display(file)).",
                                    entities: sources, caseSensitive: true))
        }
        if !cues.isEmpty {
            groups.append(RuleGroup(id: "config-cues", category: .cueVerb,
                                    description: "Cue verbs from \(ConfigResolver.display(file)).", lemmas: cues))
        }
        if !vague.isEmpty {
            groups.append(RuleGroup(id: "config-vague", category: .vague,
                                    description: "Vague-source terms from \(ConfigResolver.display(file)).",
                                    words: vague, severity: .warning))
        }
        groups += ruleFileGroups
        return groups.isEmpty ? nil : RuleExtras(file: file, groups: groups)
    }

    /// `sources`: `{canonical name: [aliases]}` (a single alias string is accepted too).
    static func entities(_ node: Node, _ file: String) throws(ConfigError) -> [RuleGroup.Entity] {
        let message = "sources must be a mapping of canonical names to lists of aliases"
        guard let m = node.mapping else { throw ConfigError(file, node.mark, message) }
        var out: [RuleGroup.Entity] = []
        for (key, value) in m {
            guard let name = key.scalar?.string, !name.isEmpty else { throw ConfigError(file, key.mark, "expected a source name") }
            var aliases: [String] = []
            if let list = value.sequence {
                for item in list {
                    guard let a = item.scalar?.string, !a.isEmpty else { throw ConfigError(file, item.mark, "expected an alias of '\(name)'") }
                    aliases.append(a)
                }
            } else if let s = value.scalar?.string {
                if !["", "~", "null"].contains(s) { aliases = [s] }
            } else {
                throw ConfigError(file, value.mark, "expected a list of aliases for '\(name)'")
            }
            out.append(RuleGroup.Entity(name: name, aliases: aliases))
        }
        return out
    }

    /// `rule-files`: paths relative to the configuration's folder, which must stay inside it.
    static func ruleFiles(_ node: Node, _ file: String) throws(ConfigError) -> [RuleGroup] {
        let message = "rule-files must be a list of rule file paths relative to the configuration's folder"
        guard let list = node.sequence else { throw ConfigError(file, node.mark, message) }
        let folder = PathName.folder(ConfigResolver.absolute(file))
        let realFolder = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        var groups: [RuleGroup] = []
        for item in list {
            guard let path = item.scalar?.string, !path.isEmpty else { throw ConfigError(file, item.mark, message) }
            if path.contains("://") || path.lowercased().hasPrefix("file:") || path.lowercased().hasPrefix("data:") {
                throw ConfigError(file, item.mark, "rule-files cannot be URLs ('\(path)'); give a path inside the configuration's folder")
            }
            if path.hasPrefix("/") || path.hasPrefix("~") {
                throw ConfigError(file, item.mark, "rule-files must be relative to the configuration's folder, not '\(path)'")
            }
            if path.split(separator: "/").contains("..") {
                throw ConfigError(file, item.mark, "rule file '\(path)' is outside the configuration's folder")
            }
            let full = folder + "/" + path
            let real = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
            guard real.hasPrefix(realFolder.hasSuffix("/") ? realFolder : realFolder + "/") else {
                throw ConfigError(file, item.mark, "rule file '\(path)' leads outside the configuration's folder (a symbolic link); not read")
            }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: real, isDirectory: &isDir), !isDir.boolValue else {
                throw ConfigError(file, item.mark, "rule file '\(path)' does not exist or is not a file")
            }
            do { groups += try Rulebook.parseWithMarks(file: full).0 } catch {
                throw ConfigError(error.file, nil, error.message)
            }
        }
        return groups
    }
}
