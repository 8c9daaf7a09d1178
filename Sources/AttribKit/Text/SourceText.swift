/// The validated UTF-8 bytes of one input, with the index that turns byte offsets into
/// line:column and code-point offsets of the original file.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset where each line starts; a line ends at LF, CRLF or a lone CR.
    public let lineStarts: [Int]
    /// Code points before every 16-byte block boundary, so conversion is a table read plus a
    /// count of at most 15 bytes (writers convert every span they print).
    private let blockCodePoints: [Int32]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var blocks = [Int32]()
        blocks.reserveCapacity(bytes.count / 16 + 1)
        var codePoints = 0
        var i = 0
        let n = bytes.count
        while i < n {
            if i & 15 == 0 { blocks.append(Int32(truncatingIfNeeded: codePoints)) }
            let b = bytes[i]
            if b & 0xC0 != 0x80 { codePoints += 1 }
            if b == 0x0A {
                starts.append(i + 1)
            } else if b == 0x0D && (i + 1 >= n || bytes[i + 1] != 0x0A) {
                starts.append(i + 1)
            }
            i += 1
        }
        if n & 15 == 0 { blocks.append(Int32(truncatingIfNeeded: codePoints)) }
        lineStarts = starts
        blockCodePoints = blocks
    }

    public init(_ string: String) { self.init(bytes: Array(string.utf8)) }

    public var count: Int { bytes.count }

    /// Code points before byte `offset` (offsets at the end of the text are allowed).
    public func codePointOffset(_ offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        let block = clamped >> 4
        var result = block < blockCodePoints.count ? Int(blockCodePoints[block]) : 0
        var i = block << 4
        while i < clamped {
            if bytes[i] & 0xC0 != 0x80 { result += 1 }
            i += 1
        }
        return result
    }

    /// 1-based line and column; the column counts code points, as editors count characters.
    public func position(of offset: Int) -> TextPosition {
        let clamped = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= clamped { lo = mid } else { hi = mid - 1 }
        }
        return TextPosition(line: lo + 1, column: codePointOffset(clamped) - codePointOffset(lineStarts[lo]) + 1)
    }

    public func string(_ range: Range<Int>) -> String {
        let r = max(0, range.lowerBound)..<min(bytes.count, max(range.lowerBound, range.upperBound))
        return String(decoding: bytes[r], as: UTF8.self)
    }
}

/// A 1-based line and column in the original file.
public struct TextPosition: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public var description: String { "\(line):\(column)" }
}
