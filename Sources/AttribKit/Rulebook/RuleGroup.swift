import Yams

/// One entry group of the rulebook as written in Rules/*.yml: words or patterns of one
/// category, with the examples that must and must not trigger it.
public struct RuleGroup: Sendable {
    public let id: String
    public let category: RuleCategory
    public let description: String
    /// Literal words and phrases, matched whole and, unless `caseSensitive`, in any case.
    public let words: [String]
    /// Verb lemmas whose regular inflections are generated (say → says, saying; irregular
    /// forms go in `words`).
    public let lemmas: [String]
    /// Raw PCRE2 patterns for what words cannot say.
    public let patterns: [String]
    /// A cheap pattern that a text must contain before `patterns` run on it: something every
    /// match has, such as a digit. Patterns that open on common letters try nearly every
    /// position; one scan for a rare character rules most sentences out first.
    public let prefilter: String?
    /// The words every match of `patterns` starts with, for a group the paragraph lexicon runs:
    /// its patterns are then tried only where such a word stands, found by the hash look-up
    /// each token already gets, instead of scanning every paragraph.
    public let startsWith: [String]
    /// For titles and roles only one sex holds: the person they introduce is "he" or "she".
    public let gender: Gender?

    /// The pronoun a person introduced by a gendered title or role takes.
    public enum Gender: String, Sendable { case male, female }
    /// Canonical names with their aliases, for outlets and organisations.
    public let entities: [Entity]
    public let caseSensitive: Bool
    public let severity: Severity?
    public let examples: Examples

    /// A canonical name and the other forms an article may use for it.
    public struct Entity: Sendable {
        public let name: String
        public let aliases: [String]
        public init(name: String, aliases: [String]) { self.name = name; self.aliases = aliases }
    }

    /// Text that must trigger the group and text that must not.
    public struct Examples: Sendable {
        public let trigger: [String]
        public let ignore: [String]
        public init(trigger: [String] = [], ignore: [String] = []) { self.trigger = trigger; self.ignore = ignore }
    }

    init(id: String, category: RuleCategory, description: String, words: [String], lemmas: [String], patterns: [String],
         prefilter: String?, startsWith: [String] = [], gender: Gender?, entities: [Entity], caseSensitive: Bool, severity: Severity?,
         examples: Examples) {
        self.id = id
        self.category = category
        self.description = description
        self.words = words
        self.lemmas = lemmas
        self.patterns = patterns
        self.prefilter = prefilter
        self.startsWith = startsWith
        self.gender = gender
        self.entities = entities
        self.caseSensitive = caseSensitive
        self.severity = severity
        self.examples = examples
    }

    /// Reads a group that RuleFileValidator has checked, straight from the composed YAML: the
    /// Codable decoder took four fifths of the rules' loading time, which every run pays.
    init(validated m: [String: Node]) {
        // A scalar's string read directly: `Node.string` first looks for a mapping's `=` key.
        func strings(_ node: Node?) -> [String] {
            node?.sequence?.compactMap { item in if case .scalar(let s) = item { s.string } else { item.string } } ?? []
        }
        let examples = m["examples"]?.mapping
        self.init(id: m["id"]?.string ?? "",
                  category: m["category"]?.string.flatMap(RuleCategory.init(rawValue:)) ?? .boilerplate,
                  description: m["description"]?.string ?? "",
                  words: strings(m["words"]), lemmas: strings(m["lemmas"]), patterns: strings(m["patterns"]),
                  prefilter: m["prefilter"]?.string, startsWith: strings(m["starts-with"]), gender: m["gender"]?.string.flatMap(Gender.init(rawValue:)),
                  // Not `?? []`: an empty Node.Sequence gets a Tag, and a Tag compiles Yams' default resolver.
                  entities: m["entities"]?.sequence?.compactMap { e in
                      e.mapping?.value(forKey: "name")?.string.map { Entity(name: $0, aliases: strings(e.mapping?.value(forKey: "aliases"))) }
                  } ?? [],
                  caseSensitive: m["case-sensitive"]?.bool ?? false,
                  severity: m["severity"]?.string.flatMap(Severity.init(rawValue:)),
                  examples: Examples(trigger: strings(examples?.value(forKey: "trigger")), ignore: strings(examples?.value(forKey: "ignore"))))
    }

    /// Every literal form the group matches: words, generated inflections, entity names and aliases.
    public var literals: [String] {
        var out = words
        for lemma in lemmas { out += Inflection.forms(of: lemma) }
        for e in entities { out.append(e.name); out += e.aliases }
        return out
    }
}

/// What a rule group is for; the pipeline stage that reads it is named in each case.
public enum RuleCategory: String, Sendable, CaseIterable {
    // Input
    case boilerplate, label
    // Segmentation
    case abbreviation
    case abbreviationFinal = "abbreviation-final"
    case sentenceStarter = "sentence-starter"
    // Attribution: cues
    case cueVerb = "cue-verb"
    case cueAccording = "cue-according"
    case cueNoun = "cue-noun"
    case cueFrame = "cue-frame"
    case cueBelief = "cue-belief"
    /// Attribution with no source (PolNeAR's Attribution-no-source): a raising verb ("appears to"),
    /// a passive whose agent is left out ("is expected to"), a question put to someone ("Asked whether").
    case cueRaising = "cue-raising"
    case cuePassive = "cue-passive"
    case cueQuestion = "cue-question"
    // Attribution: sources
    case title, role, outlet, organisation
    case organisationSuffix = "organisation-suffix"
    case document
    case pronounPerson = "pronoun-person"
    case pronounGroup = "pronoun-group"
    case vague, anonymity
    case leadingAdverbial = "leading-adverbial"
    case trailingAdverbial = "trailing-adverbial"
    case nonSource = "non-source"
    case auxiliary
    case clauseBoundary = "clause-boundary"
    // Claims
    case claimFigure = "claim-figure"
    case claimEvent = "claim-event"
    case claimSuperlative = "claim-superlative"
    case claimPrediction = "claim-prediction"
    /// Words that tie a statement to someone's words, beliefs, plans or a poll without making an
    /// attribution attrib can resolve: such a sentence is not flagged as unsourced.
    case attributionSignal = "attribution-signal"
    /// Attribution-signal words that count only with an owner before them ("the senator's plan",
    /// "her plan"): someone's plan is theirs; "the plan" alone names no one.
    case ownedSignal = "owned-signal"
}

extension RuleCategory {
    /// Position in `allCases`, for array-indexed tables.
    var index: Int { RuleCategory.ordered.firstIndex(of: self) ?? 0 }
    private static let ordered = RuleCategory.allCases
}

/// How much a finding matters; `fail-on` compares against this order.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error
    var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
