/// Where a report keeps what it prints after a head that needs every file: the summary table of
/// `markdown` and `html` comes first, the counts of `junit` open its XML. Kept in memory, an
/// archive's report held every file's section (a 64 MB folder's Markdown report peaked at 341 MB,
/// its HTML page at 730 MB); the command line keeps them in a temporary file instead.
public protocol Spool: AnyObject {
    /// Keeps `text` after what was kept before.
    func append(_ text: String)
    /// Hands what was kept back in order, in pieces that end on a character, and empties it.
    func drain(_ write: (String) -> Void)
}

/// A spool in memory: for a single file, tests and library callers.
public final class MemorySpool: Spool {
    private var parts: [String] = []

    public init() {}

    /// A maker of spools in memory, the default of every writer.
    public static func make() -> any Spool { MemorySpool() }

    public func append(_ text: String) { parts.append(text) }

    public func drain(_ write: (String) -> Void) {
        for part in parts { write(part) }
        parts = []
    }
}

/// Makes the spools a writer keeps its parts in (one for its summary rows, one for its sections).
public typealias SpoolMaker = () -> any Spool
