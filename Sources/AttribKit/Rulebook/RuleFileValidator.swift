import Yams

/// Checks a rule file's shape before decoding, so every mistake is reported as
/// `file:line:column: what was expected`. Rule files are data only: they cannot name other
/// files, URLs or programs, and keys the format does not define are refused.
struct RuleFileValidator {
    let file: String

    static let groupKeys: Set<String> = ["id", "category", "description", "words", "lemmas", "patterns", "prefilter", "starts-with",
                                         "gender", "entities", "case-sensitive", "severity", "examples"]

    /// Where each group's patterns stand in the file, by group id, for compile errors.
    private(set) var patternMarks: [String: [PatternMark]] = [:]

    /// The groups, read from the composed document once each has passed its checks.
    private(set) var groups: [RuleGroup] = []

    /// `eventReader` false composes even a plainly well-formed file (tests compare the two ways).
    mutating func validate(_ yaml: String, eventReader: Bool = true) throws(RulebookError) {
        if eventReader, let read = RuleEvents.read(yaml) {
            (groups, patternMarks) = (read.groups, read.marks)
            return
        }
        let root: Node?
        let plainKeys: Bool
        do { (root, plainKeys) = try RuleYAML.compose(yaml) } catch let error as YamlError {
            throw RuleFileValidator.syntaxError(error, file: file)
        } catch {
            throw RulebookError(file: file, message: "malformed YAML: \(error)")
        }
        guard let root, case .mapping(let top) = root else { throw fail(root, "expected a mapping with the key 'rules'") }
        for (key, _) in top where key.string != "rules" { throw fail(key, "unknown key '\(key.string ?? "?")'; a rule file has only 'rules'") }
        // Yams' subscript also compares tags, and builds a default-resolver node to do it.
        guard let rules = plainKeys ? top.value(forKey: "rules") : top["rules"] else { throw fail(root, "expected the key 'rules'") }
        guard case .sequence(let groups) = rules else { throw fail(rules, "expected a list of rule groups under 'rules'") }
        for group in groups { try validateGroup(group) }
    }

    private mutating func validateGroup(_ node: Node) throws(RulebookError) {
        guard case .mapping(let mapping) = node else { throw fail(node, "expected a rule group (a mapping with id, category, …)") }
        // Keyed by plain String once (see Node.Mapping.value(forKey:)).
        var m: [String: Node] = [:]
        for (key, value) in mapping {
            guard let k = key.string, RuleFileValidator.groupKeys.contains(k) else {
                throw fail(key, "unknown key '\(key.string ?? "?")'; rule groups take \(RuleFileValidator.groupKeys.sorted().joined(separator: ", ")) (rules cannot include files or URLs)")
            }
            m[k] = value
        }
        guard let id = m["id"]?.string, !id.isEmpty else { throw fail(m["id"] ?? node, "expected a non-empty string 'id'") }
        guard let category = m["category"] else { throw fail(node, "rule '\(id)': expected a 'category'") }
        guard let c = category.string, RuleCategory(rawValue: c) != nil else {
            throw fail(category, "rule '\(id)': unknown category '\(category.string ?? "?")'; expected one of \(RuleCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for key in ["words", "lemmas", "patterns", "starts-with"] { try stringList(m[key], "rule '\(id)': '\(key)'") }
        if let s = m["starts-with"], let problem = RuleFileValidator.startsWithProblem(s.sequence?.compactMap(\.string) ?? [],
                                                                                        patterns: m["patterns"]?.sequence?.count ?? 0,
                                                                                        category: RuleCategory(rawValue: c)) {
            throw fail(s, "rule '\(id)': \(problem)")
        }
        if let s = m["severity"], Severity(rawValue: s.string ?? "") == nil {
            throw fail(s, "rule '\(id)': expected a severity: info, warning or error")
        }
        if let cs = m["case-sensitive"], cs.bool == nil { throw fail(cs, "rule '\(id)': expected true or false for 'case-sensitive'") }
        if let d = m["description"], d.string == nil { throw fail(d, "rule '\(id)': expected a string 'description'") }
        if let g = m["gender"], RuleGroup.Gender(rawValue: g.string ?? "") == nil {
            throw fail(g, "rule '\(id)': expected a gender: male or female")
        }
        if let f = m["prefilter"] {
            guard let text = f.string else { throw fail(f, "rule '\(id)': expected a pattern string 'prefilter'") }
            if text.contains("(?C") { throw fail(f, "rule '\(id)': PCRE2 callouts (?C…) are not allowed in rules") }
        }
        if let examples = m["examples"] {
            guard case .mapping(let e) = examples else { throw fail(examples, "rule '\(id)': expected 'examples' with 'trigger' and 'ignore' lists") }
            for (key, value) in e {
                guard key.string == "trigger" || key.string == "ignore" else { throw fail(key, "rule '\(id)': examples take only 'trigger' and 'ignore'") }
                try stringList(value, "rule '\(id)': examples '\(key.string ?? "")'")
            }
        }
        if let entities = m["entities"] {
            guard case .sequence(let list) = entities else { throw fail(entities, "rule '\(id)': expected a list of {name, aliases}") }
            for e in list {
                guard case .mapping(let em) = e, em.value(forKey: "name")?.string != nil else { throw fail(e, "rule '\(id)': expected an entity with a 'name'") }
                for (key, _) in em where key.string != "name" && key.string != "aliases" { throw fail(key, "rule '\(id)': entities take only 'name' and 'aliases'") }
                try stringList(em.value(forKey: "aliases"), "rule '\(id)': 'aliases'")
            }
        }
        if let patterns = m["patterns"], case .sequence(let list) = patterns {
            for p in list {
                // Callouts would hand control to code outside the rulebook; a rule is only a pattern.
                if let text = p.string, text.contains("(?C") { throw fail(p, "rule '\(id)': PCRE2 callouts (?C…) are not allowed in rules") }
            }
            patternMarks[id] = list.compactMap { $0.mark.map { PatternMark(line: $0.line, column: $0.column) } }
        }
        groups.append(RuleGroup(validated: m))
    }

    /// What is wrong with a group's `starts-with`, if anything: it names single words, and only
    /// for patterns that the paragraph lexicon runs (elsewhere it would be silently ignored).
    static func startsWithProblem(_ words: [String], patterns: Int, category: RuleCategory?) -> String? {
        guard !words.isEmpty else { return nil }
        if patterns == 0 { return "'starts-with' needs 'patterns' to start" }
        if let bad = words.first(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            return "'starts-with' lists single words, not '\(bad)'"
        }
        guard let category, Lexicon.categories.contains(category), !Lexicon.literalOnly.contains(category) else {
            return "'starts-with' applies only to the patterns of cue, source and adverbial groups, which the paragraph lexicon runs"
        }
        return nil
    }

    private func stringList(_ node: Node?, _ what: String) throws(RulebookError) {
        guard let node else { return }
        guard case .sequence(let list) = node else { throw fail(node, "\(what): expected a list of strings") }
        // Every scalar has a string, and nothing else is a string item.
        for item in list {
            guard case .scalar = item else { throw fail(item, "\(what): expected a string") }
        }
    }

    func fail(_ node: Node?, _ message: String) -> RulebookError {
        RulebookError(file: node?.mark.map { "\(file):\($0.line):\($0.column)" } ?? file, message: message)
    }

    static func syntaxError(_ error: YamlError, file: String) -> RulebookError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RulebookError(file: "\(file):\(mark.line):\(mark.column)", message: "malformed YAML: \(problem)")
        default:
            return RulebookError(file: file, message: "malformed YAML: \(error)")
        }
    }
}

extension Node.Mapping {
    /// The value under a plain string key. Yams' own subscript builds a Node for the key and
    /// resolves its YAML tag on every call, which was most of the rules' loading time.
    func value(forKey key: String) -> Node? { first { $0.key.string == key }?.value }
}
