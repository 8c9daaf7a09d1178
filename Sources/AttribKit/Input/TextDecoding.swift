/// How an input file's bytes were encoded before they became the UTF-8 text the pipeline reads.
public enum SourceEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
}

/// Bytes that were not valid in the file's encoding and were replaced with U+FFFD (lossy reading).
public struct DecodingRepairs: Sendable, Equatable {
    /// Ill-formed sequences replaced, each by one U+FFFD.
    public let count: Int
    /// Offset of the first one in the original file's bytes.
    public let firstFileOffset: Int
    /// Offset of its U+FFFD in the decoded text.
    public let firstTextOffset: Int
}

/// Input bytes as UTF-8 text: a byte-order mark is dropped, UTF-16 (with a BOM) is converted, and
/// invalid sequences are an error or, when reading lossily, become U+FFFD.
public struct DecodedText: Sendable {
    /// Valid UTF-8 without the byte-order mark.
    public let bytes: [UInt8]
    public let encoding: SourceEncoding
    /// Present only when something was replaced.
    public let repairs: DecodingRepairs?
    /// SourceText's code-point table for `bytes`, when validating them counted it on the way.
    var codePointTable: [Int32]? = nil

    /// Decodes `raw`. Throws `.binary` for a NUL character (text never has one), and
    /// `.invalidUTF8`/`.invalidUTF16` for an ill-formed sequence unless `lossy`. Error offsets are
    /// bytes of `raw`, the file as it is on disk.
    public static func decode(_ raw: [UInt8], lossy: Bool) throws(InputError) -> DecodedText {
        if raw.count >= 2, raw[0] == 0xFF, raw[1] == 0xFE { return try decodeUTF16(raw, bigEndian: false, lossy: lossy) }
        if raw.count >= 2, raw[0] == 0xFE, raw[1] == 0xFF { return try decodeUTF16(raw, bigEndian: true, lossy: lossy) }
        let bom = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0
        let encoding: SourceEncoding = bom == 0 ? .utf8 : .utf8WithBOM
        return try raw.withUnsafeBufferPointer { (all) throws(InputError) -> DecodedText in
            let body = UnsafeBufferPointer(rebasing: all[bom...])
            if let nul = Bytes.find([0], in: body, range: 0..<body.count) { throw .binary(byteOffset: nul + bom) }
            var invalid: Int?
            let entries = body.count / 16 + 1
            let table = [Int32](unsafeUninitializedCapacity: entries) { out, initialized in
                guard let start = out.baseAddress else { invalid = UTF8Validation.firstInvalidByte(body, from: 0); return }
                invalid = UTF8Validation.firstInvalidByte(body, codePointTable: start)
                // Int32 needs no deinitialisation: a table cut short by a bad byte is dropped as empty.
                initialized = invalid == nil ? entries : 0
            }
            guard let bad = invalid else {
                return DecodedText(bytes: bom == 0 ? raw : Array(body), encoding: encoding, repairs: nil, codePointTable: table)
            }
            guard lossy else { throw .invalidUTF8(byteOffset: bad + bom) }
            return repairUTF8(body, firstBad: bad, fileOffset: bom, encoding: encoding)
        }
    }

    /// Copies `body`, replacing each ill-formed sequence's maximal subpart with U+FFFD.
    private static func repairUTF8(_ body: UnsafeBufferPointer<UInt8>, firstBad: Int, fileOffset: Int,
                                   encoding: SourceEncoding) -> DecodedText {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 16)
        out.append(contentsOf: body[0..<firstBad])
        var count = 0
        var firstText = 0
        var i = firstBad
        while i < body.count {
            let (length, valid) = UTF8Validation.sequence(body, at: i)
            if valid {
                out.append(contentsOf: body[i..<i + length])
            } else {
                if count == 0 { firstText = out.count }
                count += 1
                out.append(contentsOf: replacement)
            }
            i += length
        }
        return DecodedText(bytes: out, encoding: encoding,
                           repairs: DecodingRepairs(count: count, firstFileOffset: firstBad + fileOffset, firstTextOffset: firstText))
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// UTF-16 after its two-byte BOM, to UTF-8. Lone surrogates and an odd final byte are ill-formed.
    private static func decodeUTF16(_ raw: [UInt8], bigEndian: Bool, lossy: Bool) throws(InputError) -> DecodedText {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var count = 0, firstFile = 0, firstText = 0
        func bad(_ offset: Int) throws(InputError) {
            guard lossy else { throw .invalidUTF16(byteOffset: offset) }
            if count == 0 { firstFile = offset; firstText = out.count }
            count += 1
            out.append(contentsOf: replacement)
        }
        func unit(_ i: Int) -> UInt32 {
            bigEndian ? UInt32(raw[i]) << 8 | UInt32(raw[i + 1]) : UInt32(raw[i + 1]) << 8 | UInt32(raw[i])
        }
        let n = raw.count
        var i = 2
        while i + 1 < n {
            let u = unit(i)
            var scalar = u
            var width = 2
            if u >= 0xD800 && u <= 0xDBFF {
                let low = i + 3 < n ? unit(i + 2) : 0
                guard low >= 0xDC00 && low <= 0xDFFF else { try bad(i); i += 2; continue }
                scalar = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                width = 4
            } else if u >= 0xDC00 && u <= 0xDFFF {
                try bad(i); i += 2; continue
            } else if u == 0 {
                throw .binary(byteOffset: i)
            }
            appendUTF8(scalar, to: &out)
            i += width
        }
        if i < n { try bad(i) }
        let repairs = count == 0 ? nil : DecodingRepairs(count: count, firstFileOffset: firstFile, firstTextOffset: firstText)
        return DecodedText(bytes: out, encoding: bigEndian ? .utf16BE : .utf16LE, repairs: repairs)
    }

    private static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        switch s {
        case 0..<0x80:
            out.append(UInt8(s))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | s >> 6)); out.append(UInt8(0x80 | s & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | s >> 12)); out.append(UInt8(0x80 | s >> 6 & 0x3F)); out.append(UInt8(0x80 | s & 0x3F))
        default:
            out.append(UInt8(0xF0 | s >> 18)); out.append(UInt8(0x80 | s >> 12 & 0x3F))
            out.append(UInt8(0x80 | s >> 6 & 0x3F)); out.append(UInt8(0x80 | s & 0x3F))
        }
    }
}
