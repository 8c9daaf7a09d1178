/// Why an input could not be read, worded for a one-line message after the file name.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidUTF8(byteOffset: Int)
    /// A lone surrogate or an odd final byte in a UTF-16 file (offset into the file, BOM included).
    case invalidUTF16(byteOffset: Int)
    case binary(byteOffset: Int)
    case unreadable(String)
    /// Text over 1 GB: positions are kept in 32 bits.
    case tooLarge(bytes: Int)

    public var description: String {
        switch self {
        case .invalidUTF8(let n): "invalid UTF-8 at byte \(n)"
        case .invalidUTF16(let n): "invalid UTF-16 at byte \(n)"
        case .binary(let n): "binary file (NUL byte at \(n)), skipped"
        case .unreadable(let why): why
        case .tooLarge(let n): "\(n) bytes is over the 1 GB a single text may hold; split it"
        }
    }
}
