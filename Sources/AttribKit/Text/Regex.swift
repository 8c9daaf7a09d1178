import CPCRE2

/// A PCRE2 pattern compiled once (with JIT where available) and matched against UTF-8 bytes.
public final class Regex: @unchecked Sendable {
    // Immutable after init; PCRE2 documents compiled code as safe to share between threads.
    private let code: OpaquePointer
    /// Whether JIT compilation succeeded, so matches can take pcre2_jit_match's direct path.
    private let jitted: Bool
    /// PCRE2's minimum match length in characters: a shorter subject is refused without a call
    /// (a character is at least one byte, so counting bytes never refuses a possible match).
    let minLength: Int
    /// Bytes a match can start with, from PCRE2's own start-of-match analysis; nil when it has
    /// none (or the match can be empty, or `\K` can move the reported start).
    let startBytes: ByteSet?
    public let pattern: String
    public let captureCount: Int
    /// Compiled with `.offsetLimit`: only such a pattern may be given a latest start.
    let usesOffsetLimit: Bool

    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let caseless = Options(rawValue: UInt32(PCRE2_CASELESS))
        public static let multiline = Options(rawValue: UInt32(PCRE2_MULTILINE))
        /// Compiled so that `firstMatch(in:from:to:startingBy:scratch:)` can bound where a match
        /// starts (PCRE2 builds different JIT code for it, so it is asked for, not the default).
        static let offsetLimit = Options(rawValue: UInt32(PCRE2_USE_OFFSET_LIMIT))
    }

    /// Compiles `pattern`; the error carries PCRE2's message and the offset of the fault.
    public init(_ pattern: String, options: Options = []) throws(RegexError) {
        self.pattern = pattern
        usesOffsetLimit = options.contains(.offsetLimit)
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        // No PCRE2_UCP: \w and \b stay ASCII, which keeps word-boundary checks to a byte test
        // (literal words are matched by hash, so no rule depends on Unicode word classes).
        let flags = UInt32(PCRE2_UTF) | options.rawValue
        let compiled: OpaquePointer? = pattern.withCString { ptr in
            ptr.withMemoryRebound(to: UInt8.self, capacity: pattern.utf8.count) {
                pcre2_compile_8($0, pattern.utf8.count, flags, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegexError(pattern: pattern, message: Regex.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        // JIT failure is not fatal: the interpreter gives the same answers, only slower.
        jitted = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var count: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        var minimum: UInt32 = 0
        minLength = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MINLENGTH), &minimum) == 0 ? Int(minimum) : 0
        startBytes = minLength > 0 && !pattern.containsASCII("\\K") ? Regex.startBytes(of: compiled) : nil
    }

    /// PCRE2's first code unit or first-byte bitmap as a set. Both ASCII cases of a letter and
    /// every non-ASCII byte are added: a superset keeps the set a safe test whatever PCRE2's
    /// case folding does beyond ASCII.
    private static func startBytes(of code: OpaquePointer) -> ByteSet? {
        var type: UInt32 = 0
        guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type) == 0 else { return nil }
        var set = ByteSet()
        if type == 1 {
            var unit: UInt32 = 0
            guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit) == 0, unit < 0x100 else { return nil }
            set.insert(UInt8(unit))
        } else if type == 0 {
            var bitmap: UnsafePointer<UInt8>? = nil
            guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap) == 0, let bitmap else { return nil }
            for c in 0..<256 where bitmap[c >> 3] & (1 << UInt8(c & 7)) != 0 { set.insert(UInt8(c)) }
        } else {
            return nil
        }
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") where set.contains(c) || set.contains(c - 0x20) {
            set.insert(c)
            set.insert(c - 0x20)
        }
        for c in 0x80...0xFF { set.insert(UInt8(c)) }
        return set
    }

    /// Whether a match can start with byte `b`: true when PCRE2 gave no start set.
    @inline(__always) func mayStartMatch(with b: UInt8) -> Bool { startBytes?.contains(b) ?? true }

    deinit { pcre2_code_free_8(code) }

    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(errorCode)"
    }

    /// The first match at or after `start` within `bytes[..<end]`, or nil. Group ranges stay
    /// readable from `scratch` until its next use.
    public func firstMatch(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int? = nil,
                           scratch: MatchScratch) -> Range<Int>? {
        guard let base = bytes.baseAddress else { return nil }
        let limit = end ?? bytes.count
        guard start <= limit, limit - start >= minLength else { return nil }
        return run(base, start, limit, scratch.context, scratch)
    }

    /// Like `firstMatch(in:from:to:scratch:)`, for a match that starts at or before `latest`:
    /// PCRE2 tries no start beyond it (a pattern compiled without `.offsetLimit` is searched
    /// in full, which gives the same answer when the bound holds).
    func firstMatch(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, startingBy latest: Int,
                    scratch: MatchScratch) -> Range<Int>? {
        guard let base = bytes.baseAddress, start <= latest, start <= end, end - start >= minLength else { return nil }
        guard usesOffsetLimit, let context = scratch.limitedContext else { return run(base, start, end, scratch.context, scratch) }
        pcre2_set_offset_limit_8(context, latest)
        return run(base, start, end, context, scratch)
    }

    /// One PCRE2 match of `base[start..<end]` under `context`; limit failures are recorded.
    @inline(__always)
    private func run(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ context: OpaquePointer?,
                     _ scratch: MatchScratch) -> Range<Int>? {
        // Input was validated as UTF-8 when it was read, so PCRE2 need not check it again.
        // The JIT entry point skips pcre2_match's argument checks (a tenth of the cost of a
        // short match, and most matches are on one sentence); the match limit still applies.
        let rc = jitted
            ? pcre2_jit_match_8(code, base, end, start, 0, scratch.matchData, context)
            : pcre2_match_8(code, base, end, start, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData, context)
        if rc < 0 {
            if rc != PCRE2_ERROR_NOMATCH && rc != PCRE2_ERROR_PARTIAL { scratch.recordFailure(rc, pattern: pattern) }
            return nil
        }
        return scratch.group(0)
    }

    /// False when no text starting with `prefix` (ASCII, so no character is cut) can match from its
    /// first byte, answered by PCRE2's hard partial matching; always true for a pattern PCRE2
    /// does not anchor, whose search could go on past the start.
    func mayMatchAnchored(prefix: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> Bool {
        var options: UInt32 = 0
        guard let base = prefix.baseAddress, pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_ALLOPTIONS), &options) == 0,
              options & UInt32(PCRE2_ANCHORED) != 0 else { return true }
        let flags = UInt32(PCRE2_ANCHORED) | UInt32(PCRE2_PARTIAL_HARD) | UInt32(PCRE2_NO_UTF_CHECK)
        return pcre2_match_8(code, base, prefix.count, 0, flags, scratch.matchData, scratch.context) != PCRE2_ERROR_NOMATCH
    }

    /// Every non-overlapping match in `bytes[range]`.
    public func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, scratch: MatchScratch,
                             _ body: (Range<Int>) -> Void) {
        var position = range.lowerBound
        while position <= range.upperBound,
              let m = firstMatch(in: bytes, from: position, to: range.upperBound, scratch: scratch) {
            body(m)
            position = m.isEmpty ? m.upperBound + 1 : m.upperBound
        }
    }

    /// Convenience for tests and rule examples: does the pattern match anywhere in `text`?
    public func matches(_ text: String) -> Bool {
        let scratch = MatchScratch()
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { firstMatch(in: $0, from: 0, scratch: scratch) != nil }
    }
}

/// A set of bytes as four 64-bit masks: one shift and one test per look-up.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ b: UInt8) {
        let bit = UInt64(1) << UInt64(b & 63)
        switch b >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    mutating func formUnion(_ other: ByteSet) {
        words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
    }

    @inline(__always)
    func contains(_ b: UInt8) -> Bool {
        let word: UInt64
        switch b >> 6 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return word >> UInt64(b & 63) & 1 != 0
    }
}

/// A compile error in a pattern, with PCRE2's own message.
public struct RegexError: Error, Sendable, CustomStringConvertible {
    public let pattern: String
    public let message: String
    public let offset: Int
    public var description: String { "\(message) at offset \(offset) in /\(pattern)/" }
}

/// Per-worker PCRE2 match data and limits, reused for every match so matching never allocates.
public final class MatchScratch {
    fileprivate let matchData: OpaquePointer
    fileprivate let context: OpaquePointer?
    /// A copy of `context`, same limits and JIT stack, whose offset limit is set per match:
    /// set on `context`, it would be an error for every pattern compiled without `.offsetLimit`.
    fileprivate let limitedContext: OpaquePointer?
    /// The match data's offset vector, fixed for the block's life, so reading a group is no call.
    private let ovector: UnsafeMutablePointer<Int>?
    /// The JIT's stack, the same 32 KiB as PCRE2's default on the machine stack (so the same
    /// recursion limit), assigned once so that each JIT match skips setting up a stack.
    private let jitStack: OpaquePointer?
    /// Patterns that hit PCRE2's match or depth limit since the last reset.
    public private(set) var limitFailures: [String] = []
    /// The paragraph lexicon's reusable buffers.
    let lexicon = Lexicon.Scratch()
    /// The resolver's name tables.
    let resolver = Resolver.Scratch()
    /// The per-article lists of the sieve, the quotation pairer and the judge.
    let articleLists = ArticleLists()
    /// The block rules' verdicts on first-byte pairs.
    let blockPrefixes = PrefixMemo()
    /// The abbreviation patterns' verdicts on the first two bytes of a word before a period.
    let abbreviationPrefixes = PrefixMemo()
    /// The claim detector's rules, sorted out for the last rulebook used.
    var claimPatterns: ClaimDetector.Patterns?

    public init(matchLimit: UInt32 = 2_000_000, depthLimit: UInt32 = 50_000) {
        // 64 pairs cover every rule's groups; a pattern with more reports only the first 63.
        guard let data = pcre2_match_data_create_8(64, nil) else {
            // Allocation of a few hundred bytes failing means the process is out of memory.
            fatalError("attrib: out of memory creating PCRE2 match data")
        }
        matchData = data
        ovector = pcre2_get_ovector_pointer_8(data)
        context = pcre2_match_context_create_8(nil)
        if let context {
            pcre2_set_match_limit_8(context, matchLimit)
            pcre2_set_depth_limit_8(context, depthLimit)
            jitStack = pcre2_jit_stack_create_8(32 * 1024, 32 * 1024, nil)
            // Without a stack of its own the JIT falls back to its default one: same answers.
            if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
        } else {
            jitStack = nil
        }
        limitedContext = context.flatMap { pcre2_match_context_copy_8($0) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        if let context { pcre2_match_context_free_8(context) }
        if let limitedContext { pcre2_match_context_free_8(limitedContext) }
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// The byte range of capture group `index` of the last match, nil when it did not take part.
    public func group(_ index: Int) -> Range<Int>? {
        guard index < 64, let ovector else { return nil }
        let start = ovector[2 * index], end = ovector[2 * index + 1]
        if start == attrib_pcre2_unset() || end < start { return nil }
        return start..<end
    }

    fileprivate func recordFailure(_ code: Int32, pattern: String) {
        limitFailures.append("\(Regex.message(for: code)) in /\(pattern.prefix(60))/")
    }

    public func resetFailures() { limitFailures.removeAll(keepingCapacity: true) }
}
