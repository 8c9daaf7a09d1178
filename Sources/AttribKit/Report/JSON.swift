/// Minimal JSON building for the hot path, without Foundation's encoder.
public enum JSON {
    public static func string(_ s: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 2)
        append(s, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal, escaping on UTF-8 bytes.
    static func append(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { appendEscaped($0, to: &out) }
        out.append(0x22)
    }

    /// Appends UTF-8 bytes with JSON escapes; runs without special bytes are copied whole.
    static func appendEscaped(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            i += 1
            guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
            let at = i - 1
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<at]))
            switch c {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex.utf8Start[Int(c >> 4)], hex.utf8Start[Int(c & 15)]])
            }
            start = at + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<b.count]))
    }
}
