import XCTest
@testable import PSRuntime

final class ScriptFileTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvsh-scripts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws -> String {
        let p = dir.appendingPathComponent(name).path
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    func testDotSourcingAndCallingScripts() throws {
        let lib = try write("lib.ps1", "function Get-Lib { 'from lib' }\n$libVar = 42\n")
        let child = try write("child.ps1", "param($Name = 'none') \"child says $Name from $(Split-Path2)\"\nfunction Split-Path2 { 'x' }\n")
        _ = child
        let main = try write("main.ps1", """
        . $PSScriptRoot/lib.ps1
        Get-Lib
        $libVar
        & $PSScriptRoot/other.ps1 -Name vm1
        $inner
        """)
        _ = try write("other.ps1", "param($Name) $inner = 'set in child'; \"other: $Name\"\n")
        let host = BufferHost()
        let s = ShellSession(host: host)
        let text = try String(contentsOfFile: main, encoding: .utf8)
        let r = s.run(text, path: main)
        XCTAssertEqual(host.output, "from lib\n42\nother: vm1\n", host.other)
        XCTAssertEqual(r.exitCode, 0)
    }

    func testScriptParametersFromCommandLine() throws {
        let p = try write("params.ps1", "param([string]$Name, [int]$Count = 1, [switch]$Force)\n\"$Name $Count $Force\"; $args.Count\n")
        let host = BufferHost()
        let s = ShellSession(host: host)
        let r = s.run(try String(contentsOfFile: p, encoding: .utf8), path: p, arguments: [
            ScriptArgument(name: "Name", value: nil), ScriptArgument(value: .string("lab")),
            ScriptArgument(name: "Count", value: .string("3")), ScriptArgument(name: "Force"),
        ])
        XCTAssertEqual(host.output, "lab 3 True\n0\n", host.other)
        XCTAssertEqual(r.exitCode, 0)
        XCTAssertFalse(r.terminatedByError)
    }

    func testRunResultReportsExitAndErrors() {
        let s = ShellSession(host: BufferHost())
        XCTAssertEqual(s.run("exit 7").exitCode, 7)
        XCTAssertTrue(s.run("exit 7").exitRequested)
        XCTAssertTrue(s.run("throw 'x'").terminatedByError)
        XCTAssertTrue(s.run("1 +").parseFailed)
        XCTAssertFalse(s.run("NoSuchCommandHere").lastSuccess)
        XCTAssertTrue(s.run("'ok'").lastSuccess)
        // Interactive entries share the global scope.
        _ = s.run("$kept = 5")
        XCTAssertEqual(try s.invoke("$kept").map { PSConvert.toString($0) }, ["5"])
    }

    func testStopFlagStopsALoop() {
        let host = BufferHost()
        let s = ShellSession(host: host)
        s.importModule(PSModule(name: "T", cmdlets: [StopAfterCmdlet.self]))
        let r = s.run("foreach ($i in 1..100000000) { Request-TestStop $i }; 'not reached'")
        XCTAssertTrue(r.stopped)
        XCTAssertEqual(host.output, "")
    }

    func testParseErrorsAreShownWithPosition() {
        let r = runScript("$x = (1 + \n'after'", path: "/labs/bad.ps1")
        XCTAssertTrue(r.errors.hasPrefix("ParserError: /labs/bad.ps1:"), r.errors)
        XCTAssertEqual(r.output, "")
        XCTAssertEqual(r.exit, 1)
    }
}

/// Sets the session's stop flag once it sees 1000 (as a Ctrl-C handler would).
final class StopAfterCmdlet: Cmdlet {
    static let n = Parameter<Int32>("N", position: 0)
    static let declaration = CmdletDeclaration("Request-TestStop", parameters: [n])
    init() {}
    func process(_ context: CmdletContext) throws {
        if context[Self.n] == 1000 { context.session.stopFlag.request() }
    }
}
