/// A resolved source: one row of the report's Sources table.
public struct Source: Sendable, Equatable {
    /// The canonical name: a full personal name, a gazetteer name, or the phrase as first written.
    public var name: String
    public var kind: SourceKind
    /// Every form the article used for it, in order of first use (pronouns left out). Built when
    /// read, from the mention texts the resolver logged: only the Markdown and HTML reports read
    /// it, and trimming, comparing and storing every form cost extraction an array per source.
    public var forms: [String] { log?.forms(from: Int(firstForm)) ?? [] }
    /// The document's logged mention texts, and where this source's chain in it begins.
    var log: FormLog?
    var firstForm: Int32 = -1

    init(name: String, kind: SourceKind) {
        self.name = name
        self.kind = kind
    }

    public static func == (a: Source, b: Source) -> Bool {
        a.name == b.name && a.kind == b.kind && a.forms == b.forms
    }
}

/// The mention texts an article's sources were resolved from, in text order, each linked to the
/// next of the same source: shared by all of the article's sources, immutable once built.
final class FormLog: Sendable {
    private let texts: [String]
    private let next: [Int32]

    init(texts: [String], next: [Int32]) {
        self.texts = texts
        self.next = next
    }

    /// The forms on the chain from `first`: trimmed of commas and spaces, each once, in order.
    func forms(from first: Int) -> [String] {
        var out: [String] = []
        var k = first
        while k >= 0, k < texts.count {
            let form = texts[k].trimmingCharacters(in: ", ")
            if !out.contains(form) { out.append(form) }
            // Chains only run forward: a bad link ends the walk instead of looping.
            k = Int(next[k]) > k ? Int(next[k]) : -1
        }
        return out
    }
}
