/// Turns a document's body blocks into paragraphs of tokens, quotations and sentences.
struct Segmenter {
    let rulebook: Rulebook
    let scratch: MatchScratch
    let trace: RuleTrace

    func paragraphs(of document: Document, bytes: UnsafeBufferPointer<UInt8>) -> [Paragraph] {
        let tokenizer = Tokenizer(bytes: bytes, rulebook: rulebook, scratch: scratch, trace: trace, markup: document.format != .plain,
                                  entities: document.format == .html, skips: document.skips)
        let starters = rulebook.rules(.sentenceStarter)
        var out: [Paragraph] = []
        // Every paragraph's tokens and sentences go to these two stores, which its slices share;
        // the slices are made once both are complete, and `spans` says where each paragraph's went.
        // Guesses from the byte count (prose averages about 5 bytes a token and 100 a sentence);
        // the tokens' guess is generous, as the tokenizer asks for room for a token a byte of a run
        // it reads, and a store grown near a document's end copies all of it (space reserved and
        // never written is never touched).
        let tokenStore = DocumentStore<Token>(expected: bytes.count / 4)
        let sentenceStore = DocumentStore<Sentence>(expected: bytes.count / 100)
        var spans: [(tokens: Range<Int>, sentences: Range<Int>)] = []
        out.reserveCapacity(document.blocks.count)
        spans.reserveCapacity(document.blocks.count)
        // Fields read in place: copying each Block retained and released its rule ID.
        let blocks = document.blocks
        // Pairing appends to the worker's kept lists and each paragraph gets an exact-size copy
        // of its part: appended to a paragraph's own arrays, they grew by reallocating.
        let kept = scratch.articleLists
        var pairing = QuotePairer.Result(quotes: ArticleLists.take(&kept.quotes), strayMarks: ArticleLists.take(&kept.strayMarks))
        defer {
            ArticleLists.recycle(&pairing.quotes, into: &kept.quotes)
            ArticleLists.recycle(&pairing.strayMarks, into: &kept.strayMarks)
        }
        for bi in blocks.indices where blocks[bi].kind == .body {
            let range = blocks[bi].range
            var marks: ParagraphMarks = []
            let tokens = tokenizer.tokens(in: range, marks: &marks, into: tokenStore)
            var quotes: [Quotation] = [], strayMarks: [Int] = [], endsOpen = false
            // Most paragraphs hold no quotation mark, which the tokenizer noted: no scan of their tokens for one.
            if marks.contains(.quoteMark) {
                let firstQuote = pairing.quotes.count, firstMark = pairing.strayMarks.count
                QuotePairer.pair(tokenStore.mutable(tokens), paragraph: range, into: &pairing)
                // Copied from buffer pointers: `Array(_:)` of an array or a whole slice shares its storage.
                if pairing.quotes.count > firstQuote {
                    quotes = pairing.quotes.withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[firstQuote...])) }
                }
                if pairing.strayMarks.count > firstMark {
                    strayMarks = pairing.strayMarks.withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[firstMark...])) }
                }
                endsOpen = pairing.endsOpen
            }
            if !quotes.isEmpty { marks.insert(.quoted) }
            if quotes.contains(where: { $0.close != nil }) { marks.insert(.closingQuote) }
            let sentences = split(tokenStore.mutable(tokens), paragraph: out.count, bytes: bytes, starters: starters, into: sentenceStore)
            spans.append((tokens, sentences))
            out.append(Paragraph(blockIndex: bi, range: range, tokens: ParagraphSlice(), quotes: quotes,
                                 sentences: ParagraphSlice(), endsInsideQuote: endsOpen, strayMarks: strayMarks, marks: marks))
        }
        // A quotation left open is a multi-paragraph quotation only if the next paragraph reopens
        // one; otherwise its mark is stray and the rest of the paragraph is ordinary text again.
        for p in out.indices where out[p].endsInsideQuote {
            let next = p + 1 < out.count ? tokenStore.mutable(spans[p + 1].tokens).first : nil
            if let next, next.kind == .openQuote || next.kind == .straightQuote { continue }
            guard let open = out[p].quotes.last?.open else { continue }
            let tokens = tokenStore.mutable(spans[p].tokens)
            for k in open..<tokens.count { tokens[k].tags.remove([.inQuote, .quoteOpens]) }
            out[p].quotes.removeLast()
            out[p].strayMarks.append(open)
            out[p].endsInsideQuote = false
            // Every quotation opens with a marked token and only this one was still open.
            if out[p].quotes.isEmpty { out[p].marks.remove(.quoted) }
            // Split again at the store's end: its first sentences are left unused (this is rare).
            spans[p].sentences = split(tokens, paragraph: p, bytes: bytes, starters: starters, into: sentenceStore)
        }
        out.withUnsafeMutableBufferPointer { ps in
            for p in ps.indices {
                ps[p].tokens = tokenStore.slice(spans[p].tokens)
                ps[p].sentences = sentenceStore.slice(spans[p].sentences)
            }
        }
        return out
    }

    private func isTerminal(_ t: Token, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard t.kind == .punct, t.end - t.start >= 1 else { return false }
        let c = b[t.start]
        return c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") || (c == 0xE2 && t.end - t.start == 3)
    }

    /// Appends the paragraph's sentences to `store` and returns where they went.
    private func split(_ tokens: UnsafeMutableBufferPointer<Token>, paragraph: Int, bytes b: UnsafeBufferPointer<UInt8>,
                       starters: [CompiledRule], into store: DocumentStore<Sentence>) -> Range<Int> {
        var sentences = store.sink()
        var start = 0
        var i = 0
        let n = tokens.count
        func emit(_ end: Int) {
            guard end > start else { return }
            sentences.append(Sentence(paragraph: paragraph, tokens: start..<end, range: tokens[start].start..<tokens[end - 1].end))
            start = end
        }
        while i < n {
            // Only punctuation and final abbreviations can end a sentence: most tokens are passed
            // over by this loop of two tests.
            while i < n && tokens[i].kind != .punct && !tokens[i].tags.contains(.finalAbbreviation) { i += 1 }
            if i == n { break }
            let t = tokens[i]
            var boundary = false
            if !t.tags.contains(.inQuote) {
                if isTerminal(t, b) {
                    boundary = true
                } else if t.tags.contains(.finalAbbreviation), i + 1 < n, tokens[i + 1].isWordLike {
                    // The next word's literal look-up is made once for every sentence-starter rule.
                    let next = WholeText(UnsafeBufferPointer(rebasing: b[tokens[i + 1].start..<tokens[i + 1].end]), literals: rulebook.literals)
                    if let r = starters.first(where: { $0.matchesWhole(next, literals: rulebook.literals, scratch: scratch) }) {
                        boundary = true
                        trace.record(r.ref)
                    }
                }
            } else if isTerminal(t, b), i + 1 < n, tokens[i + 1].tags.contains(.quoteCloses) {
                boundary = true
            }
            guard boundary else { i += 1; continue }
            var end = i + 1
            while end < n, tokens[end].tags.contains(.quoteCloses) || isClosing(tokens[end], b) || isTerminal(tokens[end], b) { end += 1 }
            if end >= n { break }
            let next = tokens[end]
            let startsSentence = (next.isWordLike && (next.isCapitalized || next.kind == .number)) || next.kind == .openQuote
                || next.kind == .straightQuote || next.kind == .openSingle
            if startsSentence && !tokens[i].tags.contains(.inQuote) || startsSentence && tokens[end - 1].tags.contains(.quoteCloses) {
                emit(end)
            }
            i = end
        }
        emit(n)
        return sentences.finish()
    }

    private func isClosing(_ t: Token, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        t.kind == .closeSingle || (t.kind == .punct && (b[t.start] == UInt8(ascii: ")") || b[t.start] == UInt8(ascii: "]")))
    }
}
