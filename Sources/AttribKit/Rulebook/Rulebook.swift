import Foundation
import Yams

/// The rulebook: every group from Rules/*.yml, each compiled once into one PCRE2 pattern.
public final class Rulebook: Sendable {
    public let groups: [CompiledRule]
    /// Literal words of every group, for the per-token lexicon look-up.
    let literals: LiteralIndex
    /// Groups with raw patterns, which the lexicon still matches with PCRE2.
    let patternRules: [CompiledRule]
    /// Those of them the paragraph lexicon runs, with what their hits carry, read once here
    /// rather than through each group on every paragraph.
    let lexiconPatterns: [LexiconPattern]
    /// Groups by category, as an array: looked up for every sentence.
    private let byCategoryIndex: [[CompiledRule]]
    /// The groups that classify blocks, read once here rather than per document.
    let blockRules: BlockRules
    /// Lower-cased alias or name → canonical name, for outlets and organisations.
    let canonicalNames: [String: String]

    public init(groups: [RuleGroup]) throws(RulebookError) {
        var compiled: [CompiledRule] = []
        var seen = Set<String>()
        // RuleRef is 16 bits; no rulebook comes near, and a larger one is refused, not truncated.
        guard groups.count <= Int(UInt16.max) else { throw RulebookError(file: "", message: "more than \(UInt16.max) rule groups") }
        for g in groups {
            guard seen.insert(g.id).inserted else { throw RulebookError(file: "", message: "duplicate rule id '\(g.id)'") }
            do { compiled.append(try CompiledRule(g, ref: RuleRef(compiled.count))) } catch {
                throw RulebookError(file: "", message: "rule '\(g.id)': \(error.message) at offset \(error.offset)", ruleID: g.id)
            }
        }
        self.groups = compiled
        patternRules = compiled.filter { !$0.group.patterns.isEmpty }
        lexiconPatterns = patternRules.compactMap { rule in
            let category = rule.group.category
            guard Lexicon.categories.contains(category), !Lexicon.literalOnly.contains(category), let regex = rule.patternRegex else { return nil }
            return LexiconPattern(regex: .passUnretained(regex), startRegex: rule.startRegex.map(Unmanaged.passUnretained), category: category, ref: rule.ref)
        }
        literals = LiteralIndex(groups: compiled, lexiconPatterns: lexiconPatterns)
        byCategoryIndex = RuleCategory.allCases.map { c in compiled.filter { $0.group.category == c } }
        blockRules = BlockRules(boilerplate: byCategoryIndex[RuleCategory.boilerplate.index],
                                label: byCategoryIndex[RuleCategory.label.index], literals: literals)
        var names: [String: String] = [:]
        for c in compiled {
            for e in c.group.entities {
                names[e.name.lowercased()] = e.name
                for a in e.aliases { names[a.lowercased()] = e.name }
            }
        }
        canonicalNames = names
    }

    /// The id of the group a lexicon hit or literal entry points to.
    func id(_ ref: RuleRef) -> String { groups[ref.index].group.id }

    /// The gender a group's titles or roles give the person they introduce.
    func gender(_ ref: RuleRef) -> RuleGroup.Gender? { groups[ref.index].group.gender }

    public func rules(_ category: RuleCategory) -> [CompiledRule] { byCategoryIndex[category.index] }

    func canonicalName(for phrase: String) -> String? { canonicalNames[phrase.lowercased()] }

    /// Loads every `*.yml` in `directory` in name order, then each extra file.
    /// With `parallel`, the rule files are parsed on every core: start-up is serial work that
    /// every worker waits for. Errors are the same either way (the first file's in name order).
    public static func load(directory: String, extraFiles: [String] = [], parallel: Bool = false) throws(RulebookError) -> Rulebook {
        let fm = FileManager.default
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted() } catch {
            throw RulebookError(file: directory, message: "cannot read the rules folder")
        }
        if names.isEmpty { throw RulebookError(file: directory, message: "no .yml rule files") }
        var all: [RuleGroup] = []
        var marks: [String: (file: String, patterns: [PatternMark])] = [:]
        let paths = names.map { directory + "/" + $0 } + extraFiles
        let parsed = parallel ? parseAll(paths) : paths.map(ParsedFile.init(path:))
        for (path, result) in zip(paths, parsed) {
            let (groups, patternMarks) = try result.get()
            all += groups
            for (id, m) in patternMarks { marks[id] = (path, m) }
        }
        do { return try Rulebook(groups: all) } catch {
            // Point a pattern that does not compile at its line in its file.
            if let id = error.ruleID, let (file, patternMarks) = marks[id],
               let group = all.first(where: { $0.id == id }),
               let bad = group.patterns.indices.first(where: { i in (try? Regex(group.patterns[i])) == nil }), bad < patternMarks.count {
                let mark = patternMarks[bad]
                throw RulebookError(file: "\(file):\(mark.line):\(mark.column)", message: error.message)
            }
            throw RulebookError(file: directory, message: error.message)
        }
    }

    static func parse(file: String) throws(RulebookError) -> [RuleGroup] { try parseWithMarks(file: file).0 }

    /// One rule file's groups and pattern places, or why it cannot be loaded. Not a `Result`:
    /// its generic metadata costs a runtime conformance look-up (a hundredth of a one-file run).
    private enum ParsedFile {
        case parsed([RuleGroup], [String: [PatternMark]])
        case failed(RulebookError)

        init(path: String) {
            do {
                let (groups, marks) = try parseWithMarks(file: path)
                self = .parsed(groups, marks)
            } catch {
                self = .failed(error)
            }
        }

        func get() throws(RulebookError) -> ([RuleGroup], [String: [PatternMark]]) {
            switch self {
            case .parsed(let groups, let marks): return (groups, marks)
            case .failed(let error): throw error
            }
        }
    }

    /// Each file parsed on its own thread, results in the order of `paths`.
    private static func parseAll(_ paths: [String]) -> [ParsedFile] {
        let results = ParsedFiles(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            results.set(i, ParsedFile(path: paths[i]))
        }
        return results.all
    }

    /// The parsed files, filled in by concurrent threads, each its own slot, under a lock.
    private final class ParsedFiles: @unchecked Sendable {
        private var slots: [ParsedFile?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: ParsedFile) { lock.lock(); slots[i] = r; lock.unlock() }
        var all: [ParsedFile] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0 ?? .failed(RulebookError(file: "", message: "not parsed")) }
        }
    }

    static func parseWithMarks(file: String) throws(RulebookError) -> ([RuleGroup], [String: [PatternMark]]) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RulebookError(file: file, message: "cannot read the file")
        }
        var validator = RuleFileValidator(file: file)
        try validator.validate(String(decoding: data, as: UTF8.self))
        return (validator.groups, validator.patternMarks)
    }
}

/// A group's raw patterns as the paragraph lexicon runs them. The regexes are unmanaged: the
/// rulebook's groups own them, and strong references cost two retain/release pairs per
/// pattern and paragraph.
struct LexiconPattern: Sendable {
    let regex: Unmanaged<Regex>
    /// `regex` held to its start offset, for a group with `starts-with`: tried only at those words.
    let startRegex: Unmanaged<Regex>?
    let category: RuleCategory
    let ref: RuleRef
}

/// A rule group by its place in the rulebook: what lexicon hits carry instead of the id
/// String, so copying and sorting hits costs no reference counting and half the memory.
struct RuleRef: Hashable, Sendable {
    private let raw: UInt16
    init(_ index: Int) { raw = UInt16(truncatingIfNeeded: index) }
    var index: Int { Int(raw) }
}

/// A rule group with its words and patterns compiled into one alternation.
public final class CompiledRule: Sendable {
    public let group: RuleGroup
    /// Its place in the rulebook's `groups`.
    let ref: RuleRef
    /// The group's raw patterns as one PCRE2 alternation; its literal words are looked up by
    /// hash (LiteralIndex), so a group without patterns compiles nothing.
    public let patternRegex: Regex?
    /// The group's `prefilter`, compiled as written.
    public let prefilterRegex: Regex?
    /// The prefilter is one ASCII digit (`\d` or `[0-9]`, ASCII as patterns compile without
    /// PCRE2_UCP). Every match holds a prefilter match, so none starts after the subject's last
    /// digit: `patternRegex` is compiled so that its search can stop there.
    let digitPrefilter: Bool
    /// `patternRegex` matched only at its start offset (`\G`), when the group names the words
    /// its matches start with (`starts-with`).
    let startRegex: Regex?
    /// For an abbreviation group, `patternRegex` held to the whole subject: the first match it
    /// would find at the start, kept atomic, must end at the end. Its answer is the same, but a
    /// word that fails at its first byte is not searched on to its end (abbreviation candidates).
    let wholeRegex: Regex?

    /// Unanchored patterns match whole words; a pattern that starts with `^` is left anchored
    /// so PCRE2 tries it at the subject's start only.
    init(_ group: RuleGroup, ref: RuleRef) throws(RegexError) {
        self.group = group
        self.ref = ref
        // One word-boundary test around the whole alternation rather than one per pattern: the
        // look-behind then runs once per candidate position (a fifth less time on claim rules).
        let anchored = group.patterns.filter { $0.hasPrefix("^") }.map { "(?:\($0))" }
        let free = group.patterns.filter { !$0.hasPrefix("^") }.map { "(?:\($0))" }
        let wrapped = free.isEmpty ? [] : ["(?<![\\w-])(?:" + free.joined(separator: "|") + ")(?![\\w])"]
        let all = anchored + wrapped
        digitPrefilter = group.prefilter == "\\d" || group.prefilter == "[0-9]"
        let options: Regex.Options = group.caseSensitive ? [] : [.caseless]
        let alternation = all.joined(separator: "|")
        // The alternation as is, or held by `prefix` and `suffix`, for the uses a group has.
        func compiled(_ prefix: String = "", _ suffix: String = "", if wanted: Bool = true,
                      also extra: Regex.Options = []) throws(RegexError) -> Regex? {
            all.isEmpty || !wanted ? nil : try Regex(prefix + alternation + suffix, options: options.union(extra))
        }
        patternRegex = try compiled(also: digitPrefilter ? .offsetLimit : [])
        startRegex = try compiled("\\G(?:", ")", if: !group.startsWith.isEmpty)
        wholeRegex = try compiled("\\A(?>", ")\\z", if: group.category == .abbreviation || group.category == .abbreviationFinal)
        prefilterRegex = try group.prefilter.map { p throws(RegexError) in try Regex(p, options: options) }
    }

    /// Whether the group matches all of `text`: a listed one-word literal, or one of its patterns.
    func matchesWhole(_ text: WholeText, literals: LiteralIndex, scratch: MatchScratch) -> Bool {
        for i in text.exact where literals.entries[i].wordCount == 1 && literals.entries[i].rule == ref { return true }
        for i in text.caseless where literals.entries[i].wordCount == 1 && literals.entries[i].rule == ref { return true }
        guard let regex = patternRegex else { return false }
        // A whole match starts at the first byte: one PCRE2 cannot start a match with settles it
        // without a call (most blocks of a file of short lines). A pattern that would exceed its
        // match limit further in is then not reported; the answer, no, is the same.
        if let first = text.bytes.first, !regex.mayStartMatch(with: first) { return false }
        return regex.firstMatch(in: text.bytes, from: 0, scratch: scratch) == 0..<text.bytes.count
    }

    /// A literal phrase as a pattern: metacharacters escaped, any run of spaces matches any
    /// white space, and straight and curly apostrophes match each other.
    static func literal(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case " ": out += "\\s+"
            case "'", "’": out += "['’]"
            case "\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}", "/", "-", "#":
                out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }
}

/// A rule file that cannot be loaded, naming the file and what is wrong.
public struct RulebookError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String
    /// The rule group at fault, when one is.
    public var ruleID: String? = nil
    public var description: String { file.isEmpty ? message : "\(file): \(message)" }
}

/// A text tested whole against several rule groups, its literal look-up done once for all.
struct WholeText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Literal entries spelled like the whole text, case-sensitive and caseless.
    let exact: Range<Int>
    let caseless: Range<Int>

    /// With no `literals` (none of the groups tested lists words) the look-up is skipped.
    init(_ bytes: UnsafeBufferPointer<UInt8>, literals: LiteralIndex?) {
        self.bytes = bytes
        if let literals, bytes.count <= literals.longestWord {
            let h = WordHash.both(bytes, 0..<bytes.count)
            (exact, caseless) = literals.entries(exact: h.exact, lower: h.lower)
        } else {
            (exact, caseless) = (0..<0, 0..<0)
        }
    }
}
