import Testing
@testable import AttribKit

/// Path pieces by byte search agree with the Character-based reading, trailing slashes included.
struct PathNameTests {
    @Test func piecesOfOrdinaryPaths() {
        #expect(PathName.last("/a/b.txt") == "b.txt")
        #expect(PathName.folder("/a/b.txt") == "/a")
        #expect(PathName.folder("/b.txt") == "/")
        #expect(PathName.folder("b.txt") == "")
        #expect(PathName.pathExtension("/a/b.TXT") == "TXT")
        #expect(PathName.pathExtension("/a.d/b") == "")
        #expect(PathName.pathExtension("/a/.profile") == "")
        #expect(PathName.stem("/a/b.c.txt") == "b.c")
        #expect(PathName.stem("/a/.profile") == ".profile")
        #expect(PathName.stem("/a/ünïcode.md") == "ünïcode")
    }

    @Test func trailingSlashesAndRoots() {
        #expect(PathName.last("/a/b//") == "b")
        #expect(PathName.folder("/a/b//") == "/a")
        #expect(PathName.last("/") == "")
        #expect(PathName.folder("/") == "/")
        #expect(PathName.folder("//") == "/")
        #expect(PathName.last("") == "")
        #expect(PathName.folder("") == "")
        // A prepended mark joins the slash after it into one Character, dropped as a whole.
        #expect(PathName.last("a/b\u{0600}/") == "b")
        #expect(PathName.folder("a/b\u{0600}/") == "a")
    }
}
