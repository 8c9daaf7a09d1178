import ArgumentParser
import Testing
@testable import attrib

/// The command lines QuickCommandLine reads give the very command ArgumentParser builds, and
/// the others are left to ArgumentParser.
struct QuickCommandLineTests {
    /// Every property of a command as its property wrappers print it (a value, or a definition
    /// left unset).
    private func dump(_ command: any ParsableCommand) -> String {
        var out = ""
        Swift.dump(command, to: &out)
        return out
    }

    @Test(arguments: [
        ["check", "a.txt"],
        ["check", "--format", "json", "a.txt", "--quiet", "b"],
        ["check", "--min-severity", "warning", "--fail-on", "info", "--stats", "--jobs", "3", "dir"],
        ["check", "--baseline", "base.json", "--changed-since", "main", "--rules", "R", "--config", "c.yml", "x"],
        ["check", "--write-baseline", "out.json", "--lossy", "--skip-binary", "--max-file-size", "2MB", "x", "y"],
        ["extract", "--jobs", "1", "dir"],
        ["extract", "--format", "jsonl", "a", "--rules", "R", "b"],
        ["report", "--output", "r.md", "--format", "html", "a"],
        ["report", "a", "b", "c"],
    ])
    func sameCommandAsArgumentParser(_ arguments: [String]) throws {
        let quick = try #require(QuickCommandLine.command(arguments))
        let full = try Attrib.parseAsRoot(arguments)
        #expect(dump(quick) == dump(full))
        #expect(!dump(quick).contains("definition"))
    }

    @Test(arguments: [
        [], ["--help"], ["help", "check"], ["check"], ["check", "-h"], ["check", "--help"], ["check", "a", "--bogus"],
        ["check", "--jobs=1", "a"], ["check", "--jobs", "0", "a"], ["check", "--jobs", "x", "a"], ["check", "--jobs", "1", "--jobs", "2", "a"],
        ["check", "-"], ["check", "--", "a"], ["check", "--format"], ["check", "--format", "--quiet", "a"], ["check", "a", "help"],
        ["check", "--max-file-size", "0", "a"], ["check", "--stdin-filename", "s.txt", "a"], ["extract", "--quiet", "a"],
        ["report", "-o", "r.md", "a"], ["config", "--print", "a"], ["check", ""], ["check", "--format", "", "a"],
    ])
    func othersLeftToArgumentParser(_ arguments: [String]) {
        #expect(QuickCommandLine.command(arguments) == nil)
    }
}
