import ArgumentParser

/// A command line of the shape attrib is run with most (`check`, `extract` or `report`, then
/// long options as `--name value` or `--flag`, and paths), read without ArgumentParser.
/// ArgumentParser builds every option's argument table twice per run (once to look for a
/// completion-script request) through reflection and runtime conformance look-ups: about a
/// third of a one-file run. Any other shape (help, a short or unknown option, `--name=value`,
/// `-`, `--`, a repeated option, a value it would refuse) gives nil, and ArgumentParser reads
/// the line, so every usage message and help text stays its own.
struct QuickCommandLine {
    private var values: [(name: String, value: String)] = []
    private var flags: [String] = []
    private var paths: [String] = []

    /// Words ArgumentParser may read as a subcommand: a line holding one is left to it.
    private static let subcommands = ["check", "report", "extract", "config", "help"]
    private static let commonValues = ["rules", "jobs", "max-file-size", "config", "stdin-filename"]
    private static let commonFlags = ["lossy", "skip-binary"]

    /// The command `arguments` (without the program name) ask for, validated; nil when
    /// ArgumentParser is to read them.
    static func command(_ arguments: [String]) -> (any ParsableCommand)? {
        guard let name = arguments.first else { return nil }
        let rest = arguments.dropFirst()
        switch name {
        case "check":
            guard let line = QuickCommandLine(rest, values: ["fail-on", "min-severity", "format", "baseline", "write-baseline", "changed-since"],
                                              flags: ["quiet", "stats"]),
                  let common = line.common() else { return nil }
            var check = Check()
            check.common = common
            check.failOn = line.value("fail-on")
            check.minSeverity = line.value("min-severity") ?? Check.defaultMinSeverity
            check.format = line.value("format") ?? Check.defaultFormat
            check.quiet = line.flags.contains("quiet")
            check.stats = line.flags.contains("stats")
            check.baseline = line.value("baseline")
            check.writeBaseline = line.value("write-baseline")
            check.changedSince = line.value("changed-since")
            return validated(check)
        case "extract":
            guard let line = QuickCommandLine(rest, values: ["format"], flags: []), let common = line.common() else { return nil }
            var extract = Extract()
            extract.common = common
            extract.format = line.value("format") ?? Extract.defaultFormat
            return validated(extract)
        case "report":
            guard let line = QuickCommandLine(rest, values: ["output", "format"], flags: []), let common = line.common() else { return nil }
            var report = Report()
            report.common = common
            report.output = line.value("output")
            report.format = line.value("format") ?? Report.defaultFormat
            return validated(report)
        default:
            return nil
        }
    }

    /// Reads `arguments` given the command's own long options with a value and its flags.
    private init?(_ arguments: ArraySlice<String>, values valueNames: [String], flags flagNames: [String]) {
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let arg = arguments[i]
            i += 1
            guard !arg.isEmpty, !Self.subcommands.contains(arg) else { return nil }
            guard arg.hasPrefix("-") else {
                paths.append(arg)
                continue
            }
            guard arg.hasPrefix("--") else { return nil }
            let name = String(arg.dropFirst(2))
            guard !flags.contains(name), !values.contains(where: { $0.name == name }) else { return nil }
            if flagNames.contains(name) || Self.commonFlags.contains(name) {
                flags.append(name)
                continue
            }
            guard valueNames.contains(name) || Self.commonValues.contains(name), i < arguments.endIndex else { return nil }
            let value = arguments[i]
            i += 1
            guard !value.isEmpty, !value.hasPrefix("-"), !Self.subcommands.contains(value) else { return nil }
            values.append((name, value))
        }
    }

    private func value(_ name: String) -> String? { values.first { $0.name == name }?.value }

    /// The options every subcommand shares, converted as ArgumentParser converts them.
    private func common() -> CommonOptions? {
        var common = CommonOptions()
        common.paths = paths
        common.rules = value("rules")
        common.config = value("config")
        common.stdinFilename = value("stdin-filename")
        common.lossy = flags.contains("lossy")
        common.skipBinary = flags.contains("skip-binary")
        common.jobs = nil
        if let jobs = value("jobs") {
            guard let n = Int(argument: jobs) else { return nil }
            common.jobs = n
        }
        common.maxFileSize = .defaultFileLimit
        if let size = value("max-file-size") {
            guard let limit = ByteSize(argument: size) else { return nil }
            common.maxFileSize = limit
        }
        guard (try? common.validate()) != nil else { return nil }
        return common
    }

    /// The command once its checks and its options' pass; a line they refuse is left to
    /// ArgumentParser, for its own message.
    private static func validated(_ command: some ParsableCommand) -> (any ParsableCommand)? {
        var command = command
        guard (try? command.validate()) != nil else { return nil }
        return command
    }
}
