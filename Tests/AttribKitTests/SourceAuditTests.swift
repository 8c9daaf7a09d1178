import Foundation
import Testing

/// Every way Sources/ can crash on purpose — `try!`, `fatalError`, `precondition`, a force unwrap
/// or force cast — is listed here with the reason it cannot happen on bad input. A new one fails
/// this test until it is removed or added below with its reason; a listed one that is gone fails
/// it too, so the list stays true.
struct SourceAuditTests {
    struct Allowed {
        let file: String
        let kind: String
        /// The line, trimmed: line numbers move, the code does not.
        let line: String
        let reason: String
    }

    static let allowlist: [Allowed] = [
        Allowed(file: "Sources/AttribKit/Text/Regex.swift", kind: "fatalError",
                line: #"fatalError("attrib: out of memory creating PCRE2 match data")"#,
                reason: "pcre2_match_data_create fails only when malloc of a few hundred bytes fails: the process is out of "
                    + "memory and cannot go on. It is independent of the input; a throwing init would make every "
                    + "MatchScratch() default argument in the pipeline throw for a case nothing can recover from."),
        Allowed(file: "Sources/AttribKit/Segmentation/DocumentStore.swift", kind: "precondition",
                line: #"precondition(UInt(bitPattern: i) < UInt(bitPattern: values.count), "ParagraphSlice index out of range")"#,
                reason: "The bounds check of a paragraph's tokens and sentences, which were Arrays: the same trap as an "
                    + "Array index out of range, which the audit does not list. Callers keep their indices in range."),
        Allowed(file: "Sources/AttribKit/Segmentation/DocumentStore.swift", kind: "precondition",
                line: #"guard let base, capacity - used >= extra else { preconditionFailure("DocumentStore: out of memory") }"#,
                reason: "realloc of a document's token or sentence store failed: the process is out of memory, where "
                    + "an Array's growth (and ScratchBuffer's allocate) stops it too. The tokenizer writes into the "
                    + "room it gets, so there is no smaller result to fall back to."),
        Allowed(file: "Sources/AttribKit/Attribution/Phrases.swift", kind: "precondition",
                line: #"precondition(UInt(bitPattern: i) < UInt(bitPattern: values.count), "TokenView index out of range")"#,
                reason: "The same bounds check as ParagraphSlice's, on the Phrases' uncounted view of the same tokens."),
    ]

    struct Hit: Hashable, CustomStringConvertible {
        let file: String
        let lineNumber: Int
        let kind: String
        let line: String
        var description: String { "\(file):\(lineNumber): \(kind): \(line)" }
    }

    /// Crash points in one source text, with comments and string contents blanked first so prose
    /// ("Hello! world") and commented-out code do not count, while code in interpolations does.
    static func audit(_ source: String, file: String) -> [Hit] {
        let code = SwiftCode.blankingCommentsAndStrings(source)
        let original = source.components(separatedBy: "\n")
        let patterns: [(String, String)] = [
            ("try!", #"\btry!"#),
            ("fatalError", #"\bfatalError\s*\("#),
            ("precondition", #"\bprecondition(Failure)?\s*\("#),
            ("unsafelyUnwrapped", #"\bunsafelyUnwrapped\b"#),
            // An identifier, `)` or `]` followed by `!` and then `.`, `)`, `,`, `]`, space or the
            // end of the line; `!=` is not one. Also catches `as!` and implicitly unwrapped types.
            ("force unwrap", #"[A-Za-z0-9_)\]]!(?=[.),\] ]|$)"#),
        ]
        var hits: [Hit] = []
        for (n, line) in code.components(separatedBy: "\n").enumerated() {
            for (kind, pattern) in patterns where line.range(of: pattern, options: .regularExpression) != nil {
                if kind == "force unwrap" && line.range(of: #"\btry!"#, options: .regularExpression) != nil
                    && line.replacingOccurrences(of: "try!", with: "").range(of: pattern, options: .regularExpression) == nil { continue }
                let text = n < original.count ? original[n].trimmingCharacters(in: .whitespaces) : line
                hits.append(Hit(file: file, lineNumber: n + 1, kind: kind, line: text))
            }
        }
        return hits
    }

    static func swiftFiles(under dir: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: dir) else { return [] }
        var files: [String] = []
        while let rel = walker.nextObject() as? String { if rel.hasSuffix(".swift") { files.append(rel) } }
        return files.sorted()
    }

    @Test func sourcesHaveNoUnlistedCrashPoints() throws {
        let root = Support.root
        let files = Self.swiftFiles(under: root + "/Sources")
        #expect(files.count > 20, "found the sources")
        var hits: [Hit] = []
        for rel in files {
            let text = try String(contentsOfFile: root + "/Sources/" + rel, encoding: .utf8)
            hits += Self.audit(text, file: "Sources/" + rel)
        }
        let unlisted = hits.filter { h in !Self.allowlist.contains { $0.file == h.file && $0.kind == h.kind && $0.line == h.line } }
        let listing = unlisted.map(\.description).joined(separator: "\n")
        #expect(unlisted.isEmpty, "crash points not in SourceAuditTests.allowlist (remove them, or list them with a reason):\n\(listing)")
        let stale = Self.allowlist.filter { a in !hits.contains { $0.file == a.file && $0.kind == a.kind && $0.line == a.line } }
        #expect(stale.isEmpty, "allowlist entries that no longer match any source line: \(stale.map { "\($0.file): \($0.line)" })")
        for a in Self.allowlist { #expect(!a.reason.isEmpty) }
    }

    /// The audit itself: what it must catch and what it must leave alone.
    @Test func auditCatchesCrashPointsAndIgnoresLookAlikes() {
        let caught = """
        let a = x!
        let b = x!.count
        let c = f(x!, y)
        let d = (try? g())!
        let e = dict[k]!
        let f = try! h()
        let g = y as! Int
        fatalError("no")
        precondition(ok)
        preconditionFailure("no")
        let h = "\\(x!)"
        var i: Int!
        """
        let hits = Self.audit(caught, file: "t.swift")
        #expect(Set(hits.map(\.lineNumber)) == Set(1...12), "\(hits)")
        #expect(hits.filter { $0.lineNumber == 6 }.map(\.kind) == ["try!"], "try! is reported once, as try!")

        let ignored = """
        if a != b && !c { }
        let s = "Stop! Now, then!"
        // fatalError("in a comment"), x!.y
        /* try! in a block comment, x! */
        let t = \"\"\"
            a multi-line string with x! and fatalError("no")
            \"\"\"
        let r = #"raw "string" with y! inside"#
        let n = !flag
        let m = a !== b
        """
        #expect(Self.audit(ignored, file: "t.swift").isEmpty, "\(Self.audit(ignored, file: "t.swift"))")
    }
}

/// Just enough of Swift's lexical grammar to tell code from comments and string contents.
enum SwiftCode {
    /// `source` with comments and string-literal contents replaced by spaces (newlines kept, so
    /// line numbers stay), and the code inside `\( … )` interpolations kept.
    static func blankingCommentsAndStrings(_ source: String) -> String {
        let s = Array(source.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        func blank(_ c: Unicode.Scalar) { out.append(c == "\n" ? "\n" : " ") }

        /// Code until an unbalanced `)` (for an interpolation) or the end.
        func code(untilClosingParen: Bool) {
            var depth = 0
            while i < s.count {
                let c = s[i]
                if c == "/" && at(i + 1) == "/" {
                    while i < s.count && s[i] != "\n" { blank(s[i]); i += 1 }
                } else if c == "/" && at(i + 1) == "*" {
                    var nesting = 0
                    repeat {
                        if s[i] == "/" && at(i + 1) == "*" { nesting += 1; blank(s[i]); blank(s[i + 1]); i += 2 }
                        else if s[i] == "*" && at(i + 1) == "/" { nesting -= 1; blank(s[i]); blank(s[i + 1]); i += 2 }
                        else { blank(s[i]); i += 1 }
                    } while i < s.count && nesting > 0
                } else if c == "\"" || (c == "#" && (at(i + 1) == "\"" || at(i + 1) == "#")) {
                    var hashes = 0
                    while i < s.count && s[i] == "#" { hashes += 1; out.append(s[i]); i += 1 }
                    guard at(i) == "\"" else { continue }
                    string(hashes: hashes)
                } else if untilClosingParen && c == "(" {
                    depth += 1; out.append(c); i += 1
                } else if untilClosingParen && c == ")" {
                    if depth == 0 { return }
                    depth -= 1; out.append(c); i += 1
                } else {
                    out.append(c); i += 1
                }
            }
        }

        /// A string literal starting at the quote `s[i]`, with `hashes` # before it (already copied).
        func string(hashes: Int) {
            let multiline = at(i + 1) == "\"" && at(i + 2) == "\""
            let quotes = multiline ? 3 : 1
            for _ in 0..<quotes { out.append(s[i]); i += 1 }
            func closes(_ k: Int) -> Bool {
                for q in 0..<quotes where at(k + q) != "\"" { return false }
                for h in 0..<hashes where at(k + quotes + h) != "#" { return false }
                return true
            }
            while i < s.count {
                if closes(i) {
                    for _ in 0..<(quotes + hashes) { out.append(s[i]); i += 1 }
                    return
                }
                if s[i] == "\\" {
                    var k = i + 1
                    var h = 0
                    while h < hashes && at(k) == "#" { h += 1; k += 1 }
                    if h == hashes && at(k) == "(" {
                        // An interpolation: its contents are code.
                        while i <= k { out.append(s[i]); i += 1 }
                        code(untilClosingParen: true)
                        if i < s.count { out.append(s[i]); i += 1 }
                        continue
                    }
                    if hashes == 0 { blank(s[i]); i += 1; if i < s.count { blank(s[i]); i += 1 }; continue }
                }
                if !multiline && s[i] == "\n" { return }   // unterminated: stop at the line end
                blank(s[i]); i += 1
            }
        }

        code(untilClosingParen: false)
        return String(out)
    }
}
