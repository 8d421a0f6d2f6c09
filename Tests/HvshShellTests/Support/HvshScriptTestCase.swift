import Foundation
import XCTest

/// A test of scripts run by real `hvsh -File` processes: every test gets a fresh HOME (which is also the
/// scripts' folder and their current directory), removed afterwards. A test class says once how its
/// scripts run (sandboxed, under which file name, at what width) instead of keeping its own runner.
class HvshScriptTestCase: XCTestCase {
    var home: ScratchDirectory!

    /// Scripts run under `-Sandbox`; its namespaces need root, so the tests skip without it.
    var runsSandboxed: Bool { false }
    /// The file a script is written to (error views show it).
    var scriptName: String { "main.ps1" }
    /// COLUMNS for the script's host (nil: hvsh's default for a non-terminal).
    var scriptColumns: Int? { nil }
    /// More environment for every script of the class.
    var scriptEnvironment: [String: String] { [:] }
    /// How long a script may take.
    var scriptTimeout: TimeInterval { 30 }

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        if runsSandboxed, getuid() != 0 { throw XCTSkip("-Sandbox needs root to create its namespaces") }
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    /// Writes `script` into HOME and runs `hvsh [-Sandbox] -NoProfile -File` on it there.
    func runScript(_ script: String, named name: String? = nil, sandbox: Bool? = nil, columns: Int? = nil,
                   environment: [String: String] = [:], timeout: TimeInterval? = nil) throws -> HvshProcess.Result {
        var variables = scriptEnvironment.merging(environment) { _, given in given }
        if let width = columns ?? scriptColumns { variables["COLUMNS"] = String(width) }
        let file = home.write(name ?? scriptName, script)
        return try HvshProcess.run(((sandbox ?? runsSandboxed) ? ["-Sandbox"] : []) + ["-NoProfile", "-File", file],
                                   home: home.path, directory: home.path, environment: variables, timeout: timeout ?? scriptTimeout)
    }

    /// The same for a script under its own file name (`runScript(named: "lab.ps1", text)`).
    func runScript(named name: String, _ script: String, timeout: TimeInterval? = nil) throws -> HvshProcess.Result {
        try runScript(script, named: name, timeout: timeout)
    }
}
