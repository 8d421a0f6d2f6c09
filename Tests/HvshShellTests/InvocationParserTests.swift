import XCTest
@testable import HvshShell

final class InvocationParserTests: XCTestCase {
    private func parse(_ words: [String], stdinIsTerminal: Bool = false) -> Invocation {
        switch InvocationParser.parse(words, stdinIsTerminal: stdinIsTerminal) {
        case .success(let invocation): return invocation
        case .failure(let error): XCTFail("unexpected error: \(error.message)"); return Invocation()
        }
    }

    private func failure(_ words: [String], stdinIsTerminal: Bool = false) -> InvocationError? {
        if case .failure(let error) = InvocationParser.parse(words, stdinIsTerminal: stdinIsTerminal) { return error }
        XCTFail("expected \(words) to be refused")
        return nil
    }

    func testNoArgumentsIsInteractive() {
        let invocation = parse([])
        XCTAssertEqual(invocation.action, .interactive)
        XCTAssertTrue(invocation.entersREPL)
        XCTAssertFalse(invocation.noProfile)
    }

    func testBareScriptPathTakesTheRestAsScriptArguments() {
        let invocation = parse(["-NoProfile", "lab.ps1", "arg1", "-Name", "x", "-Force", "-Count:3", "-Switch:$false", "-NoLogo"])
        XCTAssertTrue(invocation.noProfile)
        XCTAssertFalse(invocation.noLogo, "-NoLogo after the script belongs to the script")
        XCTAssertEqual(invocation.action, .file(path: "lab.ps1", arguments: [
            .positional("arg1"),
            CommandLineArgument(parameterName: "Name", value: nil),
            .positional("x"),
            CommandLineArgument(parameterName: "Force", value: nil),
            CommandLineArgument(parameterName: "Count", value: .string("3")),
            CommandLineArgument(parameterName: "Switch", value: .bool(false)),
            CommandLineArgument(parameterName: "NoLogo", value: nil),
        ]))
        XCTAssertFalse(invocation.entersREPL)
    }

    func testFileSwitchAndColonSeparatedValueOnTheNextWord() {
        let invocation = parse(["-File", "a.ps1", "-Path:", "/tmp/x", "-On:true"])
        XCTAssertEqual(invocation.action, .file(path: "a.ps1", arguments: [
            CommandLineArgument(parameterName: "Path", value: .string("/tmp/x")),
            CommandLineArgument(parameterName: "On", value: .bool(true)),
        ]))
    }

    func testCommandJoinsEveryRemainingWord() {
        let invocation = parse(["-nop", "-c", "Get-Date", "-Format", "yyyy", "-NoExit"])
        XCTAssertTrue(invocation.noProfile)
        XCTAssertEqual(invocation.action, .command("Get-Date -Format yyyy -NoExit"))
        XCTAssertFalse(invocation.noExit)
    }

    func testNoExitBeforeCommandKeepsTheREPL() {
        let invocation = parse(["-NoExit", "-Command", "$x = 1"])
        XCTAssertTrue(invocation.noExit)
        XCTAssertTrue(invocation.entersREPL)
    }

    func testCommandDashNeedsPipedInput() {
        XCTAssertEqual(parse(["-Command", "-"]).action, .commandFromStdin)
        XCTAssertNotNil(failure(["-Command", "-"], stdinIsTerminal: true))
        XCTAssertNotNil(failure(["-Command", "-", "extra"]))
        XCTAssertEqual(parse(["-File", "-"]).action, .fileFromStdin)
    }

    func testNamesInAnyCaseAndUniquePrefixes() {
        let invocation = parse(["-NOPROF", "-nol", "-NonI", "--noe", "-WD", "/tmp", "-exec", "Bypass", "-sa", "-c", "exit"])
        XCTAssertTrue(invocation.noProfile)
        XCTAssertTrue(invocation.noLogo)
        XCTAssertTrue(invocation.nonInteractive)
        XCTAssertTrue(invocation.noExit)
        XCTAssertTrue(invocation.sandbox)
        XCTAssertEqual(invocation.workingDirectory, "/tmp")
        XCTAssertEqual(invocation.executionPolicy, "Bypass")
        XCTAssertEqual(invocation.action, .command("exit"))
        XCTAssertEqual(parse(["-workingdirectory", "/srv"]).workingDirectory, "/srv")
        XCTAssertEqual(parse(["-wo", "/srv"]).workingDirectory, "/srv")
        XCTAssertEqual(parse(["-f", "x.ps1"]).action, .file(path: "x.ps1", arguments: []))
        XCTAssertEqual(parse(["-COMMAND", "1"]).action, .command("1"))
    }

    func testEnAndEmDashesIntroduceSwitches() {
        XCTAssertTrue(parse(["\u{2013}NoProfile", "\u{2014}c", "1"]).noProfile)
    }

    func testTooShortPrefixIsTakenAsAScriptName() {
        // pwsh needs -nop/-nol/-noe/-noni; "-no" is not a switch and so names a script.
        XCTAssertEqual(parse(["-no"]).action, .file(path: "-no", arguments: []))
        XCTAssertEqual(InvocationParser.switchesContaining("-no"), ["NoExit", "NoProfile", "NoLogo", "NonInteractive"])
    }

    func testVersionStopsParsingAndHelpWins() {
        XCTAssertEqual(parse(["-v", "-bogus"]).action, .showVersion)
        XCTAssertEqual(parse(["-Version"]).action, .showVersion)
        XCTAssertEqual(parse(["-?"]).action, .showHelp)
        XCTAssertEqual(parse(["-h"]).action, .showHelp)
        XCTAssertEqual(parse(["-Help"]).action, .showHelp)
        XCTAssertFalse(parse(["-Help"]).entersREPL)
    }

    func testDumpAst() {
        XCTAssertEqual(parse(["-DumpAst", "x.ps1"]).action, .dumpAst(path: "x.ps1"))
        XCTAssertEqual(parse(["-dumpast", "-"]).action, .dumpAst(path: "-"))
        XCTAssertNotNil(failure(["-DumpAst"]))
    }

    func testMissingValuesAreErrors() {
        XCTAssertNotNil(failure(["-File"]))
        XCTAssertNotNil(failure(["-Command"]))
        XCTAssertNotNil(failure(["-WorkingDirectory"]))
        XCTAssertNotNil(failure(["-ExecutionPolicy"]))
        XCTAssertEqual(InvocationError.exitCode, 64)
    }

    func testOutputFormatOnlyText() {
        XCTAssertEqual(parse(["-of", "text", "-c", "1"]).action, .command("1"))
        XCTAssertNotNil(failure(["-OutputFormat", "XML"]))
    }

    func testEncodedCommandIsBase64OfUTF16LE() {
        // "1+1" in UTF-16LE is 31 00 2B 00 31 00.
        XCTAssertEqual(parse(["-e", "MQArADEA"]).action, .command("1+1"))
        XCTAssertNotNil(failure(["-EncodedCommand", "%%%"]))
    }

    func testCommandWithArgs() {
        XCTAssertEqual(parse(["-cwa", "$args[0]", "a", "b"]).action, .commandWithArgs("$args[0]", arguments: ["a", "b"]))
    }

    func testWindowStyleIsRefusedOnLinux() {
        XCTAssertNotNil(failure(["-WindowStyle", "Hidden"]))
    }
}
