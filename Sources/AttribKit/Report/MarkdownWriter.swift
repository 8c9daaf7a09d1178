/// The Markdown attribution report: summary, Sources, Statements and Findings.
public struct MarkdownWriter {
    /// The lowest severity the Findings section lists (the summary counts every finding).
    public var minimumSeverity: Severity

    public init(minimumSeverity: Severity = .info) { self.minimumSeverity = minimumSeverity }

    static func cell(_ s: String) -> String {
        Excerpt.make(s, limit: 400).replacingAll("|", with: "\\|")
    }

    public func write(_ a: Analysis, displayPath: String) -> String {
        let text = a.text
        var out = "# Attribution report: \(displayPath)\n\n"
        let fm = a.document.frontMatter
        for key in ["title", "author", "date"] { if let v = fm[key] { out += "- \(key.capitalized): \(v)\n" } }
        if !fm.isEmpty { out += "\n" }
        let prose = a.proseStatements
        let attributed = prose.filter { $0.status == .attributed }.count
        let share = prose.isEmpty ? 0 : Int((Double(attributed) * 100 / Double(prose.count)).rounded())
        out += "## Summary\n\n"
        out += "- Statements: \(prose.count), attributed: \(attributed) (\(share)%)\n"
        let sourceless = Self.sourcelessCues(a)
        out += "- Attributions: \(a.attributions.count) from \(a.sources.count) \(a.sources.count == 1 ? "source" : "sources")"
            + (sourceless.isEmpty ? "" : ", \(sourceless.count) with no source") + "\n"
        out += "- Findings: \(a.count(.error)) errors, \(a.count(.warning)) warnings, \(a.count(.info)) info\n\n"
        out += "## Sources\n\n"
        if a.sources.isEmpty {
            out += "No sources found.\n\n"
        } else {
            out += "| Source | Forms used | Kind | Statements | Direct | Partial | Indirect | Via |\n|---|---|---|---|---|---|---|---|\n"
            for (i, s) in a.sources.enumerated() {
                let st = a.sourceStats[i]
                if st.statements == 0 { continue }
                out += "| \(Self.cell(s.name)) | \(Self.cell(s.forms.joined(separator: "; "))) | \(s.kind.rawValue) | \(st.statements) | \(st.direct) | \(st.partial) | \(st.indirect) | \(Self.cell(st.conduits.joined(separator: ", "))) |\n"
            }
            let conduitsOnly = a.sources.indices.filter { a.sourceStats[$0].statements == 0 }
            if !conduitsOnly.isEmpty {
                out += "\nConduits: " + conduitsOnly.map { "\(a.sources[$0].name) (\(a.sources[$0].kind.rawValue))" }.joined(separator: ", ") + "\n"
            }
            out += "\n"
        }
        out += "## Statements\n\n| Line | Status | Source | Cue | Excerpt |\n|---|---|---|---|---|\n"
        for st in a.statements {
            let line = text.position(of: st.range.lowerBound).line
            var source = "", cue = ""
            if let i = st.attribution {
                let at = a.attributions[i]
                let written = at.source.map { text.string($0) } ?? ""
                if let name = a.speakerName(at) {
                    source = Resolver.normalized(written) == Resolver.normalized(name) || written.isEmpty ? name : "\(name) (\(written))"
                } else { source = written.isEmpty ? "—" : "\(written) (unresolved)" }
                if !at.via.isEmpty { source += " via " + at.via.map { a.sources[$0].name }.joined(separator: ", ") }
                cue = at.cue.map { text.string($0) } ?? ""
            } else if let i = Self.first(in: st.range, sourceless) {
                // "The board is expected to vote": attributed in form, though no one is named.
                source = "(no source)"
                cue = a.attributions[i].cue.map { text.string($0) } ?? ""
            }
            out += "| \(line) | \(st.status.rawValue) | \(Self.cell(source)) | \(Self.cell(cue)) | \(Self.cell(a.excerpt(st.range, limit: 70))) |\n"
        }
        out += "\n## Findings\n\n"
        let listed = a.findings.filter { $0.severity >= minimumSeverity }
        if a.findings.isEmpty { out += "None.\n" } else if listed.isEmpty { out += "None at or above \(minimumSeverity.rawValue).\n" }
        for f in listed {
            let pos = text.position(of: f.range.lowerBound)
            out += "- line \(pos.line), column \(pos.column): **\(f.severity.rawValue)** \(f.message) [`\(f.rule)`]\n"
        }
        return out
    }
}

extension MarkdownWriter {
    /// Attributions with a cue and no source, sorted by where the cue starts.
    static func sourcelessCues(_ a: Analysis) -> [(cue: Int, index: Int)] {
        a.attributions.indices.compactMap { i in
            let at = a.attributions[i]
            guard at.source == nil, let cue = at.cue else { return nil }
            return (cue.lowerBound, i)
        }.sorted { $0.cue < $1.cue }
    }

    /// The first of them whose cue starts in `range`, by binary search.
    static func first(in range: Range<Int>, _ cues: [(cue: Int, index: Int)]) -> Int? {
        let lo = cues.partitionPoint { $0.cue < range.lowerBound }
        return lo < cues.count && range.contains(cues[lo].cue) ? cues[lo].index : nil
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
