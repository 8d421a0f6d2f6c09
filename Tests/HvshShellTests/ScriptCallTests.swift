import Foundation
import XCTest

/// Scripts calling scripts, as lab scripts do (`. .\helper.ps1`, `& "$PSScriptRoot\step.ps1"`), run
/// through the real `hvsh -File`: where `exit` stops, which paths name a script, and what
/// `$MyInvocation`, `$PSScriptRoot` and `$PSCommandPath` say.
final class ScriptCallTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    private func run(_ main: String, files: [String: String] = [:], arguments: [String] = []) throws -> HvshProcess.Result {
        for (name, text) in files { _ = home.write(name, text) }
        let script = home.write("main.ps1", main)
        return try HvshProcess.run(["-NoProfile", "-File", script] + arguments, home: home.path, directory: home.path)
    }

    private let child = """
        param($Code = 3)
        "child start"
        function Stop-Lab { exit $Code }
        Stop-Lab
        "child went on"
        """

    func testExitInACalledScriptEndsOnlyThatScript() throws {
        let result = try run("""
            & ./child.ps1 5
            "after call: $LASTEXITCODE $?"
            . .\\child.ps1 0
            "after dot-source: $LASTEXITCODE $?"
            .\\child.ps1 7
            "after path: $LASTEXITCODE"
            & { exit 4 }
            "not reached: a script block's exit belongs to the script running it"
            """, files: ["child.ps1": child])
        XCTAssertEqual(result.stdout, """
            child start
            after call: 5 False
            child start
            after dot-source: 0 True
            child start
            after path: 7

            """, result.stderr)
        XCTAssertEqual(result.status, 4, "the top-level script's own exit ends hvsh with its code")
    }

    func testEnvironmentExitEndsTheProcessFromAnyDepth() throws {
        let result = try run("./inner.ps1\n'not reached'", files: ["inner.ps1": "[Environment]::Exit(6)\n'nor this'"])
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.status, 6)
    }

    func testExitInACalledScriptUnderCommandAndStandardInput() throws {
        _ = home.write("child.ps1", child)
        // -Command reports $? of the last statement (pwsh turns an exit code other than 0 or 1 into 1).
        let command = try HvshProcess.run(["-NoProfile", "-Command", "./child.ps1 4"], home: home.path, directory: home.path)
        XCTAssertEqual(command.stdout, "child start\n", command.stderr)
        XCTAssertEqual(command.status, 1)
        let passOn = try HvshProcess.run(["-NoProfile", "-Command", "./child.ps1 4; exit $LASTEXITCODE"],
                                         home: home.path, directory: home.path)
        XCTAssertEqual(passOn.status, 4)
        // Statements read from stdin (the REPL without a terminal): the session goes on after the script.
        let piped = try HvshProcess.run(["-NoProfile"], stdin: "./child.ps1 9\n\"still here: $LASTEXITCODE\"\n",
                                        home: home.path, directory: home.path)
        XCTAssertEqual(piped.stdout, "child start\nstill here: 9\n", piped.stderr)
        XCTAssertEqual(piped.status, 0)
    }

    func testExitInAScriptRunFromTheInteractivePrompt() throws {
        try TerminalSession.requireTmux()
        _ = home.write("child.ps1", child)
        let session = try TerminalSession(arguments: ["-NoProfile", "-NoLogo", "-WorkingDirectory", home.path], home: home.path)
        defer { session.close() }
        XCTAssertTrue(session.waitFor { $0.contains("PS /") }, session.screen())
        XCTAssertTrue(session.waitUntilEditing())
        try session.type("./child.ps1 2; \"code=$LASTEXITCODE\"")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { $0.contains("code=2") }, session.screen())
        // The prompt comes back: the script's exit did not end the shell.
        XCTAssertTrue(session.waitFor { $0.split(separator: "\n").last?.hasPrefix("PS /") == true }, session.screen())
        try session.type("exit 3")
        try session.press("Enter")
        XCTAssertTrue(session.waitForExit(), "a top-level exit ends the REPL")
    }

    func testScriptPathsWindowsStyleSpacesAndLeadingDigits() throws {
        let result = try run("""
            & '.\\0. my lab.ps1' first
            . ".\\0. my lab.ps1" second
            & "$PSScriptRoot\\0. my lab.ps1" third
            & "$PSScriptRoot/sub/../0. my lab.ps1" fourth
            .\\sub\\step.ps1
            sub/step.ps1
            ..\\\(URL(fileURLWithPath: home.path).lastPathComponent)\\sub\\step.ps1
            """, files: ["0. my lab.ps1": "param($Word) \"lab $Word\"", "sub/step.ps1": "\"step $(Split-Path -Leaf $PSCommandPath)\""])
        XCTAssertEqual(result.stdout, "lab first\nlab second\nlab third\nlab fourth\nstep step.ps1\nstep step.ps1\nstep step.ps1\n",
                       result.stderr)
        XCTAssertEqual(result.stderr, "")
    }

    func testAMissingScriptPathIsNotRecognized() throws {
        let result = try run("try { .\\missing.ps1 } catch { $_.FullyQualifiedErrorId; \"$_\".Split([char]10)[0] }")
        XCTAssertEqual(result.stdout, """
            CommandNotFoundException
            The term '.\\missing.ps1' is not recognized as a name of a cmdlet, function, script file, or executable program.

            """, result.stderr)
    }

    func testMyInvocationOfTheTopLevelScript() throws {
        let result = try run("""
            $m = $MyInvocation
            "$($m.MyCommand.Path)|$($m.MyCommand.Name)|$($m.MyCommand.Definition)|$($m.MyCommand.CommandType)|$($m.MyCommand)"
            "[$($m.InvocationName)][$($m.ScriptName)][$($m.Line)][$($m.PSScriptRoot)][$($null -eq $m.PSCommandPath)][$($m.ScriptLineNumber)]"
            "$PSScriptRoot|$PSCommandPath"
            """)
        let path = home.path + "/main.ps1"
        XCTAssertEqual(result.stdout, """
            \(path)|main.ps1|\(path)|ExternalScript|main.ps1
            [\(path)][][][][True][0]
            \(home.path)|\(path)

            """, result.stderr)
    }

    func testMyInvocationOfCalledAndDotSourcedScripts() throws {
        let show = """
            $m = $MyInvocation
            "$($m.MyCommand.Name)|$($m.InvocationName)|$(Split-Path -Leaf $m.ScriptName)|$($m.Line.TrimEnd())|$($m.Line.EndsWith("`n"))|$(Split-Path -Leaf $m.PSScriptRoot)|$(Split-Path -Leaf $m.PSCommandPath)|$(Split-Path -Leaf $PSScriptRoot)|$(Split-Path -Leaf $PSCommandPath)"
            """
        let result = try run("""
            & ./lib/show.ps1
            . ./lib/show.ps1
            ./lib/show.ps1
            """, files: ["lib/show.ps1": show])
        let leaf = URL(fileURLWithPath: home.path).lastPathComponent
        XCTAssertEqual(result.stdout, """
            show.ps1|&|main.ps1|& ./lib/show.ps1|True|\(leaf)|main.ps1|lib|show.ps1
            show.ps1|.|main.ps1|. ./lib/show.ps1|True|\(leaf)|main.ps1|lib|show.ps1
            show.ps1|./lib/show.ps1|main.ps1|./lib/show.ps1|False|\(leaf)|main.ps1|lib|show.ps1

            """, result.stderr)
    }

    func testMyInvocationOfFunctions() throws {
        let result = try run("""
            . ./lib/funcs.ps1
            Set-Alias show Show-Lab
            Show-Lab
            show
            & Show-Lab
            """, files: ["lib/funcs.ps1": """
                function Show-Lab {
                    $m = $MyInvocation
                    "$($m.MyCommand.Name)|$($m.MyCommand.CommandType)|$($m.MyCommand.Definition.Contains('$m = $MyInvocation'))|$($null -eq $m.MyCommand.Path)|$($m.InvocationName)|$(Split-Path -Leaf $m.ScriptName)|$($m.ScriptLineNumber)|$(Split-Path -Leaf $PSCommandPath)"
                }
                """])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, result.stdout + result.stderr)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("Show-Lab|Function|True|") }, result.stdout)
        XCTAssertEqual(lines.map { $0.split(separator: "|").suffix(5).joined(separator: "|") }, [
            "True|Show-Lab|main.ps1|3|funcs.ps1",
            "True|show|main.ps1|4|funcs.ps1",
            "True|&|main.ps1|5|funcs.ps1",
        ])
    }
}
