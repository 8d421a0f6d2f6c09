import XCTest
import PSRuntime
@testable import PSCommands

/// Runs PowerShell text in a fresh session with the core commands, as `hvsh -File` would with
/// NO_COLOR and output not on a terminal (width 120).
struct ScriptRun {
    let output: String
    let errors: String
    let exitCode: Int32
}

enum ScriptHarness {
    /// nil when the runtime cannot evaluate scripts yet.
    static let evaluatorAvailable: Bool = {
        let s = ShellSession(host: BufferHost(width: 120), modules: [CoreCommands.module])
        return (try? s.invoke("1")) != nil
    }()

    static func run(_ script: String, input: [String] = [], width: Int = 120, cwd: String? = nil) -> ScriptRun {
        let host = BufferHost(width: width, input: input)
        let session = ShellSession(host: host, modules: [CoreCommands.module])
        if let cwd { session.currentDirectory = cwd }
        let code = session.runScript(script, path: nil)
        return ScriptRun(output: host.output, errors: host.other, exitCode: code)
    }
}

class ScriptTestCase: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(ScriptHarness.evaluatorAvailable, "the PSRuntime evaluator is not available yet")
    }

    /// Asserts a script's standard output, byte for byte.
    func assertOutput(_ script: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let r = ScriptHarness.run(script)
        XCTAssertEqual(r.output, expected, "errors: \(r.errors)", file: file, line: line)
    }

    func output(_ script: String) -> String { ScriptHarness.run(script).output }
    func errors(_ script: String) -> String { ScriptHarness.run(script).errors }
}
