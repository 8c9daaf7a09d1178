/// Decides which blocks are headline, label, boilerplate or body, from Rules/ patterns.
struct BlockClassifier {
    let rulebook: Rulebook

    /// `scratch` is the analysis' own: one made per document cost as much as a tenth of the classifying.
    func classify(_ ranges: [Range<Int>], text: SourceText, headings: Set<Int>, scratch: MatchScratch) -> [Block] {
        var blocks: [Block] = []
        blocks.reserveCapacity(ranges.count)
        var seenBody = false
        let set = rulebook.blockRules
        let literals = rulebook.literals
        let memo = scratch.blockPrefixes
        memo.prepare(count: set.rules.count) { set.rules[$0].0.patternRegex }
        text.bytes.withUnsafeBufferPointer { all in
            for (i, r) in ranges.enumerated() {
                // Each block is its own subject so the rules' ^ and $ mean the block's ends.
                let sub = UnsafeBufferPointer(rebasing: all[r])
                var kind = Block.Kind.body
                var ruleID: String?
                if set.mayMatch(sub) {
                    let whole = WholeText(sub, literals: set.hasWords ? literals : nil)
                    // Without a word entry spelled like the block only a pattern can match, and
                    // most blocks' first two bytes already rule each pattern out.
                    let candidates = whole.exact.isEmpty && whole.caseless.isEmpty ? memo.patterns(mayMatch: sub, scratch: scratch) : ~0
                    for k in set.rules.indices where candidates & 1 << k != 0 {
                        let rule = set.rules[k].0
                        guard rule.matchesWhole(whole, literals: literals, scratch: scratch) else { continue }
                        kind = set.rules[k].1
                        ruleID = rule.group.id
                        break
                    }
                }
                if kind == .body {
                    // Plain text has no headings: no hash of `i` per block.
                    if !headings.isEmpty && headings.contains(i) { kind = seenBody || blocks.contains(where: { $0.kind == .headline }) ? .heading : .headline }
                    else if !seenBody && i == firstCandidate(blocks) && looksLikeHeadline(sub) { kind = .headline }
                }
                if kind == .body { seenBody = true }
                blocks.append(Block(range: r, kind: kind, ruleID: ruleID))
            }
        }
        return blocks
    }

    /// The first block that is not a label or boilerplate may be the headline.
    private func firstCandidate(_ earlier: [Block]) -> Int {
        earlier.allSatisfy { $0.kind == .label || $0.kind == .boilerplate } ? earlier.count : -1
    }

    /// A headline is short and has no final sentence punctuation.
    private func looksLikeHeadline(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = b.last, b.count <= 200 else { return false }
        if last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?") || last == UInt8(ascii: ":") { return false }
        // A closing quote mark (” is E2 80 9D) ends a quoted sentence, not a headline.
        if last == UInt8(ascii: "\"") || (b.count >= 3 && b[b.count - 3] == 0xE2 && b[b.count - 2] == 0x80 && last == 0x9D) {
            return false
        }
        // So does a single quote mark (’ is E2 80 99, or ') after sentence punctuation: "Kasich: ‘We will win.’"
        // A bare ’ is an apostrophe ("the voters’"), which may end a headline.
        let single = last == UInt8(ascii: "'") ? 1 : b.count >= 3 && b[b.count - 3] == 0xE2 && b[b.count - 2] == 0x80 && last == 0x99 ? 3 : 0
        if single > 0, b.count > single, [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(b[b.count - single - 1]) { return false }
        var words = 1
        for c in b where c == 0x20 { words += 1 }
        return words <= 25
    }
}

/// The boilerplate and label groups in the order blocks try them, with what lets most blocks
/// skip them all: built once per rulebook, as a file of short lines has a block per line.
struct BlockRules: Sendable {
    let rules: [(CompiledRule, Block.Kind)]
    /// Whether any of them lists one-word literals: only then is a block's hash worth taking.
    let hasWords: Bool
    /// Every byte a match of any of their patterns can start with; nil when one has no such set.
    private let startBytes: ByteSet?

    init(boilerplate: [CompiledRule], label: [CompiledRule], literals: LiteralIndex) {
        rules = boilerplate.map { ($0, .boilerplate) } + label.map { ($0, .label) }
        let refs = Set(rules.map { $0.0.ref })
        hasWords = literals.entries.contains { $0.wordCount == 1 && refs.contains($0.rule) }
        var union = ByteSet()
        var complete = true
        for (rule, _) in rules {
            guard let regex = rule.patternRegex else { continue }
            guard let bytes = regex.startBytes else { complete = false; break }
            union.formUnion(bytes)
        }
        startBytes = complete ? union : nil
    }

    /// False only when no group can match all of `block`: it lists no words, and no pattern can
    /// start with its first byte (the test `matchesWhole` makes per group, made once).
    @inline(__always)
    func mayMatch(_ block: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !hasWords, let startBytes, let first = block.first else { return true }
        return startBytes.contains(first)
    }
}
