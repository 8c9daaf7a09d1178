import ArgumentParser
import Foundation

/// A size on the command line: a number of bytes, optionally with a unit — B, KB, MB or GB (also
/// K, M, G and KiB, MiB, GiB; any case). Units are binary: 1KB is 1,024 bytes.
struct ByteSize: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    let bytes: Int
    /// As the user wrote it, for messages ("over the --max-file-size limit of 10MB").
    let text: String

    init(bytes: Int, text: String) {
        self.bytes = bytes
        self.text = text
    }

    static let defaultFileLimit = ByteSize(bytes: 50 << 20, text: "50MB")

    init?(argument: String) {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        let number = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces).uppercased()
        let shifts: [String: Int] = ["": 0, "B": 0, "K": 10, "KB": 10, "KIB": 10, "M": 20, "MB": 20, "MIB": 20,
                                     "G": 30, "GB": 30, "GIB": 30]
        guard let shift = shifts[unit], let value = Double(number), value.isFinite else { return nil }
        let bytes = (value * Double(1 << shift)).rounded(.down)
        // At least one byte, and at most what an Int holds (far beyond any real limit).
        guard bytes >= 1, bytes < 0x1p62 else { return nil }
        self.bytes = Int(bytes)
        self.text = trimmed
    }

    var description: String { text }
    var defaultValueDescription: String { text }
}
