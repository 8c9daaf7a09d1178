import CYaml
import Foundation

/// Reads a plainly well-formed rule file straight from libyaml's events: one document, a
/// mapping with only `rules`, every group of the shape RuleFileValidator accepts, no anchor,
/// alias, tag or repeated key. Yams composes such a file into the same groups through a Node
/// tree (a class per event, a tag per node, a dictionary per mapping for its duplicate keys),
/// which cost three times the parse itself. Anything else gives nil, and the file is read the
/// full way, so every error is Yams' and RuleFileValidator's own.
enum RuleEvents {
    static func read(_ yaml: String) -> (groups: [RuleGroup], marks: [String: [PatternMark]])? {
        // Yams then reads in another encoding (and prints a note): left to it.
        guard getenv("YAMS_DEFAULT_ENCODING") == nil else { return nil }
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
            let reader = EventReader(base, count: bytes.count)
            guard reader.readFile() else { return nil }
            return (reader.groups, reader.marks)
        }
    }
}

/// Where a pattern stands in its rule file, for compile errors.
struct PatternMark: Sendable {
    let line: Int
    let column: Int
}

/// libyaml's parser over one file's bytes, read event by event into rule groups.
private final class EventReader {
    /// Allocated, not stored inline: libyaml keeps a pointer to its parser.
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let started: Bool
    private var event = yaml_event_t()
    private var holdsEvent = false
    private(set) var groups: [RuleGroup] = []
    private(set) var marks: [String: [PatternMark]] = [:]

    init(_ base: UnsafePointer<UInt8>, count: Int) {
        started = yaml_parser_initialize(parser) == 1
        if started {
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, base, count)
        }
    }

    deinit {
        if holdsEvent { yaml_event_delete(&event) }
        if started { yaml_parser_delete(parser) }
        parser.deallocate()
    }

    func readFile() -> Bool {
        guard started, next() == YAML_STREAM_START_EVENT, next() == YAML_DOCUMENT_START_EVENT,
              next() == YAML_MAPPING_START_EVENT, next() == YAML_SCALAR_EVENT, scalar() == "rules",
              next() == YAML_SEQUENCE_START_EVENT else { return false }
        while true {
            guard let type = next() else { return false }
            if type == YAML_SEQUENCE_END_EVENT { break }
            guard type == YAML_MAPPING_START_EVENT, readGroup() else { return false }
        }
        return next() == YAML_MAPPING_END_EVENT && next() == YAML_DOCUMENT_END_EVENT && next() == YAML_STREAM_END_EVENT
    }

    /// Moves to the next event: nil on a syntax error, and on an alias, anchor or tag, which
    /// only the full composer handles.
    private func next() -> yaml_event_type_t? {
        if holdsEvent { yaml_event_delete(&event); holdsEvent = false }
        guard yaml_parser_parse(parser, &event) == 1 else { return nil }
        holdsEvent = true
        switch event.type {
        case YAML_ALIAS_EVENT: return nil
        case YAML_SCALAR_EVENT:
            guard event.data.scalar.anchor == nil, event.data.scalar.tag == nil else { return nil }
        case YAML_SEQUENCE_START_EVENT:
            guard event.data.sequence_start.anchor == nil, event.data.sequence_start.tag == nil else { return nil }
        case YAML_MAPPING_START_EVENT:
            guard event.data.mapping_start.anchor == nil, event.data.mapping_start.tag == nil else { return nil }
        default: break
        }
        return event.type
    }

    /// The current scalar event's text; nil for any other event, and for a text that opens
    /// with a byte-order mark, which Yams' Foundation decoding might drop.
    private func scalar() -> String? {
        guard event.type == YAML_SCALAR_EVENT else { return nil }
        let bytes = UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The current event's place as Yams marks it (from 1).
    private var mark: PatternMark {
        PatternMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
    }

    /// A list of scalars, the current event being its start, with each item's place.
    private func strings() -> (values: [String], marks: [PatternMark])? {
        guard event.type == YAML_SEQUENCE_START_EVENT else { return nil }
        var values: [String] = []
        var marks: [PatternMark] = []
        while true {
            guard let type = next() else { return nil }
            if type == YAML_SEQUENCE_END_EVENT { return (values, marks) }
            guard let s = scalar() else { return nil }
            values.append(s)
            marks.append(mark)
        }
    }

    /// A mapping, the current event being its start: each key a scalar named once, its value
    /// read whole by `value`, which is handed the key with the value's first event current.
    private func mapping(_ value: (String) -> Bool) -> Bool {
        var seen: [String] = []
        while true {
            guard let type = next() else { return false }
            if type == YAML_MAPPING_END_EVENT { return true }
            guard let key = scalar(), !seen.contains(key) else { return false }
            seen.append(key)
            guard next() != nil, value(key) else { return false }
        }
    }

    /// One group, the current event being its mapping's start; false when anything in it is
    /// not as RuleFileValidator accepts it.
    private func readGroup() -> Bool {
        var text: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var patternMarks: [PatternMark] = []
        var caseSensitive = false
        var entities: [RuleGroup.Entity] = []
        var examples: [String: [String]] = [:]
        let read = mapping { key in
            switch key {
            case "id", "category", "description", "severity", "gender", "prefilter":
                guard let s = scalar() else { return false }
                text[key] = s
            case "case-sensitive":
                // Yams reads a bool from a plain scalar only: a quoted one is tagged a string.
                guard let s = scalar(), event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE else { return false }
                switch s.lowercased() {
                case "true", "yes", "on": caseSensitive = true
                case "false", "no", "off": caseSensitive = false
                default: return false
                }
            case "words", "lemmas", "patterns", "starts-with":
                guard let list = strings() else { return false }
                lists[key] = list.values
                if key == "patterns" { patternMarks = list.marks }
            case "entities":
                guard let list = readEntities() else { return false }
                entities = list
            case "examples":
                guard event.type == YAML_MAPPING_START_EVENT else { return false }
                return mapping { kind in
                    guard kind == "trigger" || kind == "ignore", let list = strings() else { return false }
                    examples[kind] = list.values
                    return true
                }
            default: return false
            }
            return true
        }
        guard read, let id = text["id"], !id.isEmpty, let category = text["category"].flatMap(RuleCategory.init(rawValue:)) else { return false }
        let severity = text["severity"].flatMap(Severity.init(rawValue:))
        let gender = text["gender"].flatMap(RuleGroup.Gender.init(rawValue:))
        let patterns = lists["patterns"]
        let startsWith = lists["starts-with"] ?? []
        guard (severity != nil) == (text["severity"] != nil), (gender != nil) == (text["gender"] != nil),
              text["prefilter"]?.containsASCII("(?C") != true, patterns?.contains(where: { $0.containsASCII("(?C") }) != true,
              RuleFileValidator.startsWithProblem(startsWith, patterns: patterns?.count ?? 0, category: category) == nil else { return false }
        if patterns != nil { marks[id] = patternMarks }
        groups.append(RuleGroup(id: id, category: category, description: text["description"] ?? "", words: lists["words"] ?? [],
                                lemmas: lists["lemmas"] ?? [], patterns: patterns ?? [], prefilter: text["prefilter"], startsWith: startsWith, gender: gender,
                                entities: entities, caseSensitive: caseSensitive, severity: severity,
                                examples: RuleGroup.Examples(trigger: examples["trigger"] ?? [], ignore: examples["ignore"] ?? [])))
        return true
    }

    /// A list of `{name, aliases}`, the current event being its start.
    private func readEntities() -> [RuleGroup.Entity]? {
        guard event.type == YAML_SEQUENCE_START_EVENT else { return nil }
        var list: [RuleGroup.Entity] = []
        while true {
            guard let type = next() else { return nil }
            if type == YAML_SEQUENCE_END_EVENT { return list }
            var name: String?
            var aliases: [String] = []
            let read = type == YAML_MAPPING_START_EVENT && mapping { key in
                switch key {
                case "name":
                    guard let s = scalar() else { return false }
                    name = s
                case "aliases":
                    guard let list = strings() else { return false }
                    aliases = list.values
                default: return false
                }
                return true
            }
            guard read, let name else { return nil }
            list.append(RuleGroup.Entity(name: name, aliases: aliases))
        }
    }
}

extension String {
    /// Whether the text holds `needle` (ASCII, not empty), as Foundation's `contains` answers:
    /// by a byte search, as Foundation's range(of:) costs some 15,000 instructions a call (a
    /// fortieth of the rules' loading). Foundation itself answers for a non-ASCII text that
    /// holds the needle's first byte: it matches canonically equivalent text, and ASCII
    /// punctuation, which every needle here starts with, is in no canonical decomposition.
    func containsASCII(_ needle: StaticString) -> Bool {
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = n.first, first < 0x80 else { return contains(String(decoding: n, as: UTF8.self)) }
        var text = self
        let found: Bool? = text.withUTF8 { b in
            guard b.contains(first) else { return false }
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard b.count >= n.count else { return false }
            for i in 0...(b.count - n.count) where b[i] == first && n.indices.allSatisfy({ b[i + $0] == n[$0] }) { return true }
            return false
        }
        return found ?? contains(String(decoding: n, as: UTF8.self))
    }
}
