/// An article ready for analysis: its text and the blocks (paragraphs) that carry prose.
public struct Document: Sendable {
    public let path: String
    public let text: SourceText
    public let format: Format
    public let blocks: [Block]
    /// Front matter fields of a Markdown article (title, author, date), if any.
    public let frontMatter: [String: String]
    /// The file's encoding; `text` is always UTF-8 without a byte-order mark.
    public let encoding: SourceEncoding
    /// Ill-formed bytes replaced with U+FFFD when read with `lossy`; nil when the file was clean.
    public let repairs: DecodingRepairs?
    /// Byte ranges inside blocks that are not prose (Markdown inline code, link destinations and
    /// block-quote markers; HTML scripts and comments), sorted and disjoint; the tokenizer skips them.
    public var skips: [Range<Int>] = []

    /// The markup an article is written in, chosen from the file extension.
    public enum Format: String, Sendable {
        case plain, markdown, html

        public init(path: String) {
            let lower = path.lowercased()
            if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { self = .markdown }
            else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { self = .html }
            else { self = .plain }
        }
    }

    /// Reads `bytes` as an article: UTF-8 (a byte-order mark is dropped) or UTF-16 with a BOM
    /// (converted to UTF-8, so offsets count the decoded text). Fails only on bytes that are not
    /// text; with `lossy`, ill-formed sequences become U+FFFD and are listed in `repairs` instead.
    public static func read(path: String, bytes: [UInt8], format: Format? = nil, lossy: Bool = false,
                            rulebook: Rulebook, scratch: MatchScratch = MatchScratch()) throws(InputError) -> Document {
        // Token offsets are 32-bit; repairs and UTF-16 can grow a text, hence the margin.
        guard bytes.count <= 1 << 30 else { throw .tooLarge(bytes: bytes.count) }
        let decoded = try DecodedText.decode(bytes, lossy: lossy)
        guard decoded.bytes.count < Int(Int32.max) else { throw .tooLarge(bytes: bytes.count) }
        let text = SourceText(bytes: decoded.bytes, codePointTable: decoded.codePointTable)
        let chosen = format ?? Format(path: path)
        let layout: BlockLayout
        switch chosen {
        case .plain: layout = PlainTextLayout.blocks(in: text)
        case .markdown: layout = MarkdownLayout.blocks(in: text)
        case .html: layout = HTMLLayout.blocks(in: text)
        }
        let blocks = BlockClassifier(rulebook: rulebook).classify(layout.ranges, text: text, headings: layout.headings, scratch: scratch)
        return Document(path: path, text: text, format: chosen, blocks: blocks, frontMatter: layout.frontMatter,
                        encoding: decoded.encoding, repairs: decoded.repairs, skips: layout.normalizedSkips)
    }
}

/// A paragraph-level stretch of the file and what it is.
public struct Block: Sendable, Equatable {
    public let range: Range<Int>
    public let kind: Kind
    /// The Rules/ group that classified the block, for boilerplate and labels.
    public let ruleID: String?

    /// What role a block plays in the article.
    public enum Kind: String, Sendable {
        case headline, heading, label, boilerplate, body
    }
}

/// Block ranges found by a reader before classification.
struct BlockLayout {
    var ranges: [Range<Int>] = []
    /// Indices into `ranges` that the markup marks as headings.
    var headings: Set<Int> = []
    var frontMatter: [String: String] = [:]
    /// Byte ranges inside blocks the tokenizer must not read, in any order.
    var skips: [Range<Int>] = []

    /// `skips` sorted, with overlapping and touching ranges merged.
    var normalizedSkips: [Range<Int>] {
        var out: [Range<Int>] = []
        for r in skips.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
