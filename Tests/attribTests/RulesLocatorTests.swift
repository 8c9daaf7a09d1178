import Foundation
import Testing
@testable import attrib

/// Without --rules or $ATTRIB_RULES, attrib finds the Rules/ folder beside its build, also
/// when started through a symbolic link from elsewhere.
struct RulesLocatorTests {
    private func run(_ binary: String, _ args: [String], env: [String: String], cwd: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.environment = env
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    @Test func findsRulesBesideTheBuildThroughALink() throws {
        let dir = NSTemporaryDirectory() + "attrib-locator-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let link = dir + "/attrib"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: CommandLineTests.binary)
        let article = CommandLineTests.root + "/Corpus/ain-al-asad-troops.txt"
        // Neither the folder it runs in nor the link's own folder has a Rules/.
        let (status, stderr) = try run(link, ["check", article], env: ["PATH": "/usr/bin:/bin"], cwd: dir)
        #expect(status == 0)
        #expect(stderr == "")
    }

    @Test func badEnvironmentFolderIsNamed() throws {
        let (status, stderr) = try run(CommandLineTests.binary, ["check", "x.txt"], env: ["ATTRIB_RULES": "/nonexistent"], cwd: "/")
        #expect(status == 2)
        #expect(stderr == "attrib: /nonexistent: ATTRIB_RULES is not a rules folder (no cues.yml)\n")
    }

    /// Without /proc, the program is found by the name it was started with, as the shell did.
    @Test func invokedNameIsLookedUpOnThePath() {
        #expect(RulesLocator.invokedPath("./bin/attrib", searchPath: nil) == "./bin/attrib")
        #expect(RulesLocator.invokedPath("sh", searchPath: "/nonexistent:/bin:/usr/bin") == "/bin/sh")
        #expect(RulesLocator.invokedPath("no-such-program-here", searchPath: "/bin:/usr/bin") == nil)
        #expect(RulesLocator.invokedPath("sh", searchPath: nil) == nil)
    }
}
