import ArgumentParser
import AttribKit
import Foundation

/// `attrib config --print PATH…`: the effective configuration for each path, as YAML.
struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Print the effective configuration (.attrib.yml or --config) for a file or folder.")

    @Flag(name: .customLong("print"), help: "Print the effective configuration for each path as YAML.")
    var printConfig = false

    @Option(help: ArgumentHelp("Use this configuration instead of the nearest .attrib.yml.", valueName: "file"))
    var config: String?

    @Argument(help: "Files or folders whose configuration to print.")
    var paths: [String] = []

    func validate() throws {
        if !printConfig { throw ValidationError("give --print (the only action so far)") }
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
    }

    func run() throws {
        do {
            let resolver = try ConfigResolver(explicitFile: config)
            var out: [String] = []
            for path in paths {
                var isDir: ObjCBool = false
                let folder = FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
                out.append(try resolver.settings(for: path, folder: folder).yaml(for: path))
            }
            Output.write(out.joined(separator: "---\n"))
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
    }
}
