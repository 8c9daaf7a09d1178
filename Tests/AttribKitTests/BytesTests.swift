import Testing
@testable import AttribKit

/// Byte search: the leftmost match inside the range, whichever needle byte memchr looks for.
struct BytesTests {
    func find(_ needle: String, _ text: String, _ range: Range<Int>? = nil) -> Int? {
        let b = Array(text.utf8)
        return Bytes.find(Array(needle.utf8), in: b, range: range ?? 0..<b.count)
    }

    @Test func findsTheLeftmostMatchPastNearMisses() {
        #expect(find("attrib-", "an attribute, attrib: attrib-disable attrib-enable") == 22)
        #expect(find("-->", "a - b -- c --> d -->") == 11)
        #expect(find("<!--", "<!- <!--") == 4)
    }

    @Test func aMatchMustLieWhollyInsideTheRange() {
        let text = "xx attrib- yy"
        #expect(find("attrib-", text, 3..<10) == 3)
        #expect(find("attrib-", text, 3..<9) == nil)
        #expect(find("attrib-", text, 4..<13) == nil)
        #expect(find("attrib-", "attrib") == nil)
    }
}
