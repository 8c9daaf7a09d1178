import ArgumentParser
import AttribKit
import Foundation

/// The `attrib` command: check, report and extract.
@main
struct Attrib: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attrib",
        abstract: "Checks that every statement in a news article says who it comes from.",
        subcommands: [Check.self, Report.self, Extract.self, Config.self]
    )

    /// ArgumentParser exits 64 on bad usage; attrib promises 2 for every usage error.
    static func main() {
        // A closed pipe should end the run with EPIPE from write(2), not kill it with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        Memory.fixMmapThreshold()
        do {
            var command = try QuickCommandLine.command(Array(CommandLine.arguments.dropFirst())) ?? parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
            if error is ExitCodeError { Foundation.exit(2) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Options every subcommand shares.
struct CommonOptions: ParsableArguments {
    @Argument(help: "Files or folders to read (.txt, .md, .markdown, .html, .htm); - reads standard input.")
    var paths: [String] = []

    @Option(help: "The rules folder (default: $ATTRIB_RULES, else the Rules/ folder beside the attrib build or install).")
    var rules: String?

    @Option(help: "Worker threads for a folder (default: one per core; 1 is single-threaded).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Files larger than this are an error and are not read: bytes, or with KB, MB or GB (1KB = 1024 bytes).",
                               valueName: "size"))
    var maxFileSize: ByteSize = .defaultFileLimit

    @Flag(help: "Replace bytes that are not valid UTF-8 (or UTF-16) with U+FFFD and report an invalid-utf8 (invalid-utf16) warning instead of an error.")
    var lossy = false

    @Flag(help: "Skip binary files (NUL bytes) with a note on standard error instead of an error.")
    var skipBinary = false

    @Option(help: ArgumentHelp("The configuration for every input (default: the nearest .attrib.yml above each file).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The file standard input (-) stands for: its name is printed, its nearest .attrib.yml applies and its extension sets the format.",
                               valueName: "name"))
    var stdinFilename: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder (or - for standard input)") }
        if stdinFilename != nil && !paths.contains("-") { throw ValidationError("--stdin-filename needs - among the paths") }
        if stdinFilename?.isEmpty == true { throw ValidationError("--stdin-filename needs a name") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }
}

struct Check: ParsableCommand {
    // Each subcommand names itself: ArgumentParser would otherwise derive the name with
    // String(describing:), whose reflection look-ups were a tenth of a one-file run.
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Print one line per finding and a summary; exit 1 when a finding reaches --fail-on.")

    @OptionGroup var common: CommonOptions

    @Option(help: "The severity that makes the check fail: info, warning or error (default: the configuration's fail-on, else error).")
    var failOn: String?

    @Option(help: "The lowest severity to print: info, warning or error.")
    var minSeverity: String = Check.defaultMinSeverity
    static let defaultMinSeverity = "info"

    @Option(help: "Output format: text, json, jsonl, sarif, github, junit or markdown.")
    var format: String = Check.defaultFormat
    static let defaultFormat = "text"

    @Flag(help: "Print only error findings (and errors), no summary.")
    var quiet = false

    @Flag(help: "Print the summary only (text, json, markdown, github).")
    var stats = false

    @Option(help: ArgumentHelp("Report only findings that are not in this baseline file.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Write every finding to this baseline file (JSON) instead of printing them; exit 0.", valueName: "file"))
    var writeBaseline: String?

    @Option(help: ArgumentHelp("Check only the files among the paths changed since this git ref (git diff --name-only REF, plus untracked files).",
                               valueName: "ref"))
    var changedSince: String?

    func run() throws {
        let cliFail = try failOn.map { name in
            guard let s = Severity(rawValue: name) else { throw ValidationError("--fail-on must be info, warning or error") }
            return s
        }
        let fail = cliFail ?? .error
        if baseline != nil && writeBaseline != nil { throw ValidationError("--baseline and --write-baseline cannot be combined") }
        guard let minimum = Severity(rawValue: minSeverity) else { throw ValidationError("--min-severity must be info, warning or error") }
        guard let format = CheckFormat(rawValue: format) else {
            throw ValidationError("--format must be one of " + CheckFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if quiet && stats { throw ValidationError("--quiet and --stats cannot be combined") }
        if stats && !format.supportsStats { throw ValidationError("--stats works with text, json, markdown and github, not \(format.rawValue)") }
        // Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
        let color = format == .text && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let options = CheckOptions(minimumSeverity: minimum, failOn: fail, quiet: quiet, statsOnly: stats, color: color)
        var accepted = Baseline()
        if let baseline {
            do { accepted = try Baseline.load(file: baseline) } catch {
                Output.error("\(error)")
                throw ExitCode(2)
            }
        }
        let runner = try Runner(common: common, changedSince: changedSince, progress: !quiet)
        if let writeBaseline {
            // Written as the files come, under a temporary name until the last one is in.
            var recorded = Baseline.Writer()
            let unreadable: Int
            do {
                let file = try AtomicFile(writeBaseline)
                file.write(Baseline.Writer.head)
                unreadable = runner.forEach { input, analysis in file.write(recorded.entries(analysis, path: input.displayPath)) }
                file.write(Baseline.Writer.tail)
                try file.commit()
            } catch {
                Output.error("\(writeBaseline): cannot write the baseline: \(error.localizedDescription)")
                throw ExitCode(2)
            }
            Output.write("baseline: \(recorded.findingCount) findings written to \(writeBaseline)\n")
            if unreadable > 0 { throw ExitCode(2) }
            return
        }
        let spools = RunSpools()
        var writer = format.makeWriter(options, spools: spools.maker)
        var summary = CheckSummary()
        var failed = false
        let unreadable: Int
        if accepted.isEmpty, let perFile = writer as? any PerFileCheckWriter {
            // Each file's text is made on the worker that analysed it, as `extract` does, and
            // gathered into large writes: the main thread only writes, in input order.
            let settings = runner.settings
            let out = BufferedOutput()
            unreadable = runner.forEachRendered({ input, analysis in
                RenderedFile(pieces: [Array(perFile.render(analysis, path: input.displayPath, doc: input.stem).utf8)],
                             counts: .of(analysis), fails: Check.fails(analysis, cliFail, settings[input.path]))
            }, beforeMessage: out.flush) { _, file in
                if file.fails { failed = true }
                summary.add(file.counts)
                for piece in file.pieces { out.write(bytes: piece) }
            }
            out.flush()
        } else {
            unreadable = runner.forEach { input, analysis in
                let analysis = accepted.filter(analysis, path: input.displayPath)
                if Check.fails(analysis, cliFail, runner.settings(for: input)) { failed = true }
                summary.add(analysis)
                Output.write(writer.add(analysis, path: input.displayPath, doc: input.stem))
            }
        }
        summary.unreadable = unreadable
        writer.finish(summary) { Output.write($0) }
        do { try spools.check() } catch {
            Output.error(error.message)
            throw ExitCode(2)
        }
        if unreadable > 0 { throw ExitCode(2) }
        if failed { throw ExitCode(1) }
    }

    /// Whether the file's findings fail the run: one at or above --fail-on, else its
    /// configuration's fail-on, else an error.
    static func fails(_ analysis: Analysis, _ cli: Severity?, _ settings: FileSettings?) -> Bool {
        let threshold = cli ?? settings?.failOn ?? .error
        return analysis.findings.contains { $0.severity >= threshold }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Write an attribution report: Markdown (several files: a summary table first) or one self-contained HTML page.")

    @OptionGroup var common: CommonOptions

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Report format: markdown or html (one self-contained page, a section per file).")
    var format: String = Report.defaultFormat
    static let defaultFormat = "markdown"

    func run() throws {
        // The files' sections wait in temporary files for the summary that heads them, and the
        // report is written from there: its memory does not grow with the folder.
        let spools = RunSpools()
        var writer: any CheckWriter
        switch format {
        case "markdown": writer = MarkdownRunWriter(spools: spools.maker)
        case "html": writer = HTMLWriter(spools: spools.maker)
        default: throw ValidationError("--format must be markdown or html")
        }
        let runner = try Runner(common: common)
        var summary = CheckSummary()
        let unreadable = runner.forEach { input, analysis in
            summary.add(analysis)
            _ = writer.add(analysis, path: input.displayPath, doc: input.stem)
        }
        summary.unreadable = unreadable
        do {
            if let output {
                let file = try AtomicFile(output)
                writer.finish(summary) { file.write($0) }
                // A spool that failed left the report incomplete: no file rather than part of one.
                try spools.check()
                try file.commit()
            } else {
                writer.finish(summary) { Output.write($0) }
                try spools.check()
            }
        } catch let failure as SpoolError {
            Output.error((output.map { "\($0): " } ?? "") + failure.message)
            throw ExitCode(2)
        } catch {
            Output.error("\(output ?? "-"): cannot write the report: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        if unreadable > 0 { throw ExitCode(2) }
    }
}

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extract", abstract: "Write who-said-what as JSON Lines, one object per document.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Output format; jsonl is the only one.")
    var format: String = Extract.defaultFormat
    static let defaultFormat = "jsonl"

    func run() throws {
        guard format == "jsonl" else { throw ValidationError("--format must be jsonl") }
        let runner = try Runner(common: common)
        if common.paths == ["-"] && common.stdinFilename == nil {
            // Standard input is a stream of {"id", "text"} records, one result line per record.
            let failures = RecordStream(analyzer: runner.analyzer, jobs: runner.jobs, lossy: common.lossy).run()
            if failures > 0 { throw ExitCode(2) }
            return
        }
        // Each worker also writes its document's JSON, so serialisation runs in parallel too.
        let out = BufferedOutput()
        let unreadable = runner.forEachRendered({ input, analysis in
            RenderedFile(pieces: JSONLinesWriter().pieces(analysis, path: input.displayPath, doc: input.stem))
        }, beforeMessage: out.flush) { _, file in for piece in file.pieces { out.write(bytes: piece) } }
        out.flush()
        if unreadable > 0 { throw ExitCode(2) }
    }
}
