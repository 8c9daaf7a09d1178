/// The main sieve pass: every cue outside a quotation (speech and belief verbs, "according to",
/// "under the agreement") with its source and content, in the orders news writing uses.
struct CuePass: SievePass {
    func run(_ context: SieveContext) {
        // Every cue is a lexicon hit: a paragraph without a cue among its hits (most have only
        // names, roles or adverbials) has nothing to read, and is skipped before its Phrases is built.
        // One array for every sentence's attributions: a new one each time was an allocation a sentence.
        var found: [Attribution] = []
        for p in context.paragraphs.indices where context.lexicons[p].allHits.contains(where: { CuePass.isCue($0.category) }) {
            let ph = context.phrases(p)
            let lexicon = ph.lexicon
            let tokens = ph.tokens
            var builder = CueBuilder(context: context, p: p, s: 0, sentence: 0..<0, ph: ph)
            // The tokenizer noted whether the paragraph holds a semicolon; most do not, and their
            // sentences are not searched for one.
            let semicolons = context.has(.semicolon, paragraph: p)
            for (s, sentence) in context.paragraphs[p].sentences.enumerated() {
                // `move` leaves it empty for most sentences.
                ArticleLists.clear(&found)
                // Only tokens where a hit starts can hold a cue: the sentence's hits are walked once,
                // grouped by start, instead of four look-ups for every word.
                let hits = lexicon.hits(startingIn: sentence.tokens)
                guard hits.contains(where: { CuePass.isCue($0.category) }) else { continue }
                // A headline in Title Case ("County Says Trump Leads") capitalises its verbs too; read
                // only when a capitalised cue word asks.
                var titleCase: Bool?
                // One builder a paragraph, moved on to each sentence: one a cue, then one a sentence,
                // retained and released its references each time.
                builder.s = s
                builder.sentence = sentence.tokens
                builder.semicolonFree = !semicolons || CuePass.hasNoSemicolon(sentence.tokens, ph)
                var i = hits.startIndex
                /// The first token not yet read: a cue spanning several tokens is not read again from inside.
                var next = sentence.tokens.lowerBound
                while i < hits.endIndex {
                    // Most hits are no cue (names, roles, adverbials): passed over one by one, not
                    // grouped. A cue's group starts at its first cue hit; the hits before it are none.
                    guard CuePass.isCue(hits[i].category) else { i += 1; continue }
                    var k = hits[i].tokens.lowerBound
                    var according: Lexicon.Hit?, verb: Lexicon.Hit?, belief: Lexicon.Hit?, frame: Lexicon.Hit?
                    // The first hit of each category at this start, as `Lexicon.hit(_:startingAt:)` gives it.
                    while i < hits.endIndex, hits[i].tokens.lowerBound == k {
                        let h = hits[i]
                        switch h.category {
                        case .cueAccording: if according == nil { according = h }
                        case .cueVerb: if verb == nil { verb = h }
                        case .cueBelief: if belief == nil { belief = h }
                        case .cueFrame: if frame == nil { frame = h }
                        default: break
                        }
                        i += 1
                    }
                    if verb != nil { belief = nil }
                    guard k >= next else { continue }
                    let token = tokens[k]
                    guard token.kind == .word, !token.tags.contains(.inQuote) else { continue }
                    if according == nil && verb == nil && belief == nil && frame == nil { continue }
                    next = k + 1
                    if found.indices.suffix(4).contains(where: { found[$0].source?.contains(token.start) ?? false }) { continue }
                    // A capitalised cue word inside a sentence is a name ("United States"), not a verb.
                    if token.isCapitalized, k > sentence.tokens.lowerBound, !ph.isOpeningQuote(k - 1), according == nil {
                        let title = titleCase ?? CuePass.isTitleCase(sentence.tokens, ph)
                        titleCase = title
                        if !title || CuePass.endsName(at: k, lexicon) { continue }
                    }
                    if let h = according {
                        if let a = builder.according(h) { found.append(consume a) }
                        k = h.tokens.upperBound - 1
                    } else if let h = frame {
                        if let a = builder.frame(h) { found.append(consume a) }
                    } else if let h = verb ?? belief {
                        k = h.tokens.upperBound - 1
                        if let a = builder.verb(Cue(tokens: h.tokens, category: verb != nil ? .cueVerb : .cueBelief, rule: h.rule), earlier: found) {
                            let cueEnd = a.cue?.upperBound
                            // Appended last: read after the append, the attribution was copied.
                            found.append(consume a)
                            // A cue that took in a second verb ("went on to say") is not read again from that verb.
                            if let end = cueEnd, let e = Lexicon.token(endingAt: end, in: tokens, from: k) { k = e }
                        }
                    }
                    next = k + 1
                }
                // The pairwise clean-ups are quadratic; a "sentence" with dozens of cues is no prose.
                if found.count > 40 { found.forEach(context.add) }
                else if !found.isEmpty {
                    // In place: each clean-up used to copy every attribution into a new array.
                    CuePass.mergeConduits(&found)
                    CuePass.splitCoordinated(&found, ph)
                    let nested = CuePass.nested(found)
                    for i in found.indices where !nested.contains(i) { CuePass.trimReportingClause(&found[i], ph) }
                    CuePass.move(&found, skipping: nested, into: context)
                }
            }
        }
    }

    /// Adds the attributions of `found` but those at `skipping` to the context, in order, and
    /// leaves `found` empty with its capacity. Moved, not copied: a copy added and the original
    /// released with `found` cost a retain and a release of each of its arrays.
    static func move(_ found: inout [Attribution], skipping: [Int], into context: SieveContext) {
        // remove(at:) moves the element out and the rest down without retaining them: quadratic,
        // so only for the at most 40 attributions of a sentence that is prose.
        var i = 0
        while !found.isEmpty {
            let a = found.remove(at: 0)
            if !skipping.contains(i) { context.add(a) }
            i += 1
        }
    }

    static func isCue(_ c: RuleCategory) -> Bool { c == .cueVerb || c == .cueBelief || c == .cueAccording || c == .cueFrame }

    static let semicolon: [UInt8] = [UInt8(ascii: ";")]

    /// No semicolon token in `r`. Nearly every sentence has no ';' byte at all, which memchr
    /// settles without reading its tokens.
    static func hasNoSemicolon(_ r: Range<Int>, _ ph: Phrases) -> Bool {
        if !r.isEmpty, r.lowerBound >= 0, r.upperBound <= ph.tokens.count,
           Bytes.find(CuePass.semicolon, in: ph.bytes, range: ph.byteRange(r)) == nil { return true }
        return !r.contains { ph.isPunct($0, ";") }
    }

    /// Most longer words capitalised, as in a headline; short function words ("of", "to") are not counted.
    static func isTitleCase(_ r: Range<Int>, _ ph: Phrases) -> Bool {
        var words = 0, capitals = 0
        for k in r where ph.tokens[k].kind == .word && !ph.inQuote(k) && ph.tokens[k].end - ph.tokens[k].start > 3 {
            words += 1
            if ph.tokens[k].isCapitalized { capitals += 1 }
        }
        return words >= 3 && capitals * 5 >= words * 4
    }

    /// "the Associated Press": the cue word closes a known outlet or organisation name.
    static func endsName(at k: Int, _ lexicon: Lexicon) -> Bool {
        for category in [RuleCategory.outlet, .organisation] {
            if let h = lexicon.hit(category, endingAt: k), h.tokens.lowerBound < k { return true }
        }
        return false
    }

    /// PolNeAR never annotates an attribution inside another's content; neither do we: the
    /// indices of those to drop.
    static func nested(_ found: [Attribution]) -> [Int] {
        var out: [Int] = []
        // Through a buffer: compared as array elements, both attributions were copied first.
        found.withUnsafeBufferPointer { found in
            for i in found.indices {
                if let cue = found[i].cue, found.indices.contains(where: { o in
                    o != i && found[o].content.contains { $0.lowerBound <= cue.lowerBound && cue.upperBound <= $0.upperBound }
                        && !found[i].content.contains { c in found[o].cue.map { c.contains($0.lowerBound) } ?? false }
                        // An exact duplicate does not hide its twin; a different cue settles it
                        // without comparing (and copying) the whole attributions.
                        && (found[o].cue != found[i].cue || found[o] != found[i])
                }) { out.append(i) }
            }
        }
        return out
    }

    /// "Graham, who says A, tweeted B": a relative clause that reports words of its own is its own
    /// attribution, not part of the source (PolNeAR train: left out all 102 times; relative clauses
    /// without a cue stay in the source 451 of 551 times).
    static func trimReportingClause(_ a: inout Attribution, _ ph: Phrases) {
        guard let src = a.source, let lo = Lexicon.token(startingAt: src.lowerBound, in: ph.tokens) else { return }
        // "The two lawmakers, however, argue", "Sanders have both argued": a discourse adverbial or an
        // auxiliary closing the subject run belongs to neither source nor cue.
        if var e = Lexicon.token(endingAt: src.upperBound, in: ph.tokens, from: lo), e > lo {
            if let h = ph.lexicon.hit(.leadingAdverbial, endingAt: e), h.tokens.lowerBound - 1 > lo, ph.isComma(h.tokens.lowerBound - 1) {
                e = h.tokens.lowerBound - 2
            } else {
                while e > lo, ph.tokens[e].kind == .word, !ph.tokens[e].isCapitalized, ph.tokens[e].end - ph.tokens[e].start > 2, ph.lexicon.hit(.auxiliary, startingAt: e) != nil || ph.isWord(e, "both") { e -= 1 }
            }
            if ph.tokens[e].end < src.upperBound {
                a.source = src.lowerBound..<ph.tokens[e].end
                return trimReportingClause(&a, ph)
            }
        }
        var k = lo + 1
        while k + 1 < ph.tokens.count, ph.tokens[k].start < src.upperBound {
            if ph.isComma(k), !ph.inQuote(k), ph.isWord(k + 1, "who") || ph.isWord(k + 1, "whose") {
                var j = k + 2
                while j < ph.tokens.count, ph.tokens[j].start < src.upperBound {
                    if ph.lexicon.hit(.cueVerb, startingAt: j) != nil || ph.lexicon.hit(.cueBelief, startingAt: j) != nil {
                        a.source = src.lowerBound..<ph.tokens[k - 1].end
                        return
                    }
                    j += 1
                }
                return
            }
            k += 1
        }
    }

    static let clauseJoiners: WordList = ["but", "while", "whereas", "although", "though", "yet", "which", "with"]

    /// "He said A, but she said B": a later cue with its own subject after a conjunction, comma
    /// or dash ends the earlier content there, instead of nesting inside it; so does a relative or
    /// absolute clause with its own subject ("A, which B said …", "A, with B calling it …").
    static func splitCoordinated(_ out: inout [Attribution], _ ph: Phrases) {
        for b in out.indices {
            guard let cue = out[b].cue else { continue }
            for a in out.indices where a != b {
                guard let piece = out[a].content.firstIndex(where: { $0.lowerBound <= cue.lowerBound && cue.upperBound <= $0.upperBound }) else { continue }
                let span = out[a].content[piece]
                let start = out[b].source.flatMap { span.contains($0.lowerBound) ? $0.lowerBound : nil } ?? cue.lowerBound
                guard var k = Lexicon.token(startingAt: start, in: ph.tokens) else { continue }
                // A bare "and" joins noun phrases ("the SDF and new government … had agreed") unless
                // the later cue shares the earlier subject ("He says A and says B").
                let sharedSubject = out[b].source.map { !span.contains($0.lowerBound) } ?? false
                var separated = false
                while k > 0 {
                    let t = k - 1
                    // `called it "a disgrace," saying …`: the comma sits inside the quotation before a participle.
                    if ph.isClosingQuote(t), ph.isComma(t - 1), !ph.inQuote(k), ph.isIngWord(k) { separated = true; break }
                    let strong = ph.isComma(t) || ph.isPunct(t, ";") || ph.tokens[t].kind == .dash
                        || ph.isWord(t, in: CuePass.clauseJoiners)
                    let weak = ph.isWord(t, "and")
                    guard strong || weak, !ph.inQuote(t) else { break }
                    if strong || sharedSubject { separated = true }
                    k = t
                }
                guard separated, k > 0, ph.tokens[k - 1].end > span.lowerBound else { continue }
                out[a].content[piece] = span.lowerBound..<ph.tokens[k - 1].end
            }
        }
    }

    /// "X said, according to the Associated Press": one attribution to X, via the outlet. Anyone
    /// else after "according to" ("…, according to officials") is the source, as PolNeAR marks it.
    static func mergeConduits(_ out: inout [Attribution]) {
        var k = 0
        while k < out.count {
            // Read in place: a copy of every attribution only to test its pass cost five reference counts.
            if out[k].passKind == .according, let cue = out[k].cue, let viaMention = out[k].mention, viaMention.kind == .outlet,
               let host = out.indices.first(where: { i in
                   i != k && out[i].passKind == .cue && (out[i].source.map { $0.upperBound <= cue.lowerBound } ?? false)
                       && max(out[i].source?.upperBound ?? 0, out[i].cue?.upperBound ?? 0, out[i].content.last?.upperBound ?? 0) + 2 >= cue.lowerBound
                       && out[k].content.contains { c in out[i].content.contains { $0.overlaps(c) } || c.contains(out[i].cue?.lowerBound ?? -1) }
               }) {
                let merged = out[k]
                out[host].viaMentions.append(viaMention)
                out[host].merge(rulesOf: merged)
                out.remove(at: k)
                continue
            }
            k += 1
        }
    }
}
