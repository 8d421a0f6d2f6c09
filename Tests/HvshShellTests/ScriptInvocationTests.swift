import Foundation
import XCTest

/// Every way of handing hvsh a script, checked on the built executable: output, exit code, stdin.
final class ScriptInvocationTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    private func hvsh(_ arguments: [String], stdin: String? = nil, directory: String? = nil) throws -> HvshProcess.Result {
        try HvshProcess.run(arguments, stdin: stdin, home: home.path, directory: directory)
    }

    func testScriptPathWithParamBlockAndRemainingArguments() throws {
        let script = home.write("lab.ps1", """
            param([string]$Name, [int]$Count = 1, [switch]$Force)
            "Name=$Name Count=$Count Force=$Force"
            "rest=$($args -join ',')"
            """)
        let bare = try hvsh(["-NoProfile", script, "-Name", "Server2016", "-Force", "-Count:3", "extra1", "extra2"])
        XCTAssertEqual(bare.stdout, "Name=Server2016 Count=3 Force=True\nrest=extra1,extra2\n", bare.stderr)
        XCTAssertEqual(bare.status, 0)

        let withFile = try hvsh(["-nop", "-File", script, "NAT", "-Force:$false"])
        XCTAssertEqual(withFile.stdout, "Name=NAT Count=1 Force=False\nrest=\n", withFile.stderr)
    }

    func testExitCodesOfScripts() throws {
        XCTAssertEqual(try hvsh(["-NoProfile", home.write("exit7.ps1", "'before'\nexit 7\n'after'")]).status, 7)
        XCTAssertEqual(try hvsh(["-NoProfile", home.write("fine.ps1", "Write-Error 'not fatal'\n'done'")]).status, 0,
                       "a non-terminating error does not change a script's exit code")
        let thrown = try hvsh(["-NoProfile", home.write("throw.ps1", "'one'\nthrow 'fatal'\n'two'")])
        XCTAssertEqual(thrown.status, 1)
        XCTAssertEqual(thrown.stdout, "one\n")
        XCTAssertTrue(thrown.stderr.contains("fatal"), thrown.stderr)

        let parseError = try hvsh(["-NoProfile", home.write("broken.ps1", "'never runs'\nif (")])
        XCTAssertEqual(parseError.status, 1)
        XCTAssertEqual(parseError.stdout, "", "nothing runs when the script does not parse")
        XCTAssertFalse(parseError.stderr.isEmpty)
    }

    func testCommandExitCodesFollowPwsh() throws {
        XCTAssertEqual(try hvsh(["-NoProfile", "-Command", "exit 42"]).status, 42)
        XCTAssertEqual(try hvsh(["-NoProfile", "-c", "'ok'"]).status, 0)
        // -Command reports $? of the last statement as 0 or 1.
        XCTAssertEqual(try hvsh(["-NoProfile", "-c", "Write-Error 'bad'"]).status, 1)
        XCTAssertEqual(try hvsh(["-NoProfile", "-c", "Write-Error 'bad'; 'recovered'"]).status, 0)
        XCTAssertEqual(try hvsh(["-NoProfile", "-c", "throw 'x'"]).status, 1)
        XCTAssertEqual(try hvsh(["-NoProfile", "-c", "1 +"]).status, 1)
        // `exit $LASTEXITCODE` passes a native program's code on.
        XCTAssertEqual(try hvsh(["-NoProfile", "-c", "/bin/sh -c 'exit 5'; exit $LASTEXITCODE"]).status, 5)
    }

    func testCommandJoinsWordsAndCommandWithArgs() throws {
        let joined = try hvsh(["-NoProfile", "-Command", "'a'", "+", "'b'"])
        XCTAssertEqual(joined.stdout, "ab\n")
        let withArgs = try hvsh(["-NoProfile", "-CommandWithArgs", "\"$($args.Count): $($args -join '|')\"", "x", "y z"])
        XCTAssertEqual(withArgs.stdout, "2: x|y z\n")
        // "1+1" as UTF-16LE, Base64.
        XCTAssertEqual(try hvsh(["-NoProfile", "-EncodedCommand", "MQArADEA"]).stdout, "2\n")
    }

    func testScriptPipedOnStandardInput() throws {
        let script = "$total = 0\nforeach ($i in 1..4) {\n  $total += $i\n}\n\"total $total\"\n"
        let dash = try hvsh(["-NoProfile", "-Command", "-"], stdin: script)
        XCTAssertEqual(dash.stdout, "total 10\n", dash.stderr)
        XCTAssertEqual(dash.status, 0)
        let bare = try hvsh(["-NoProfile"], stdin: script + "exit 3\n")
        XCTAssertEqual(bare.stdout, "total 10\n", bare.stderr)
        XCTAssertEqual(bare.status, 3)
        let fileDash = try hvsh(["-NoProfile", "-File", "-"], stdin: script)
        XCTAssertEqual(fileDash.stdout, "total 10\n", fileDash.stderr)
        // No terminal: nothing from the line editor, no escape codes.
        XCTAssertFalse(bare.stdout.contains("\u{1B}"))
        XCTAssertFalse(bare.stdout.contains("PS /"))
    }

    func testReadHostReadsTheNextLineOfStandardInput() throws {
        let result = try hvsh(["-NoProfile"], stdin: "$name = Read-Host 'VM name'\nServer2016\n\"creating $name\"\n")
        XCTAssertEqual(result.stdout, "VM name: creating Server2016\n", result.stderr)
    }

    func testWorkingDirectory() throws {
        let result = try hvsh(["-NoProfile", "-wd", home.path, "-c", "$PWD.Path"])
        XCTAssertEqual(result.stdout, home.path + "\n")
        // A relative script path is found from where hvsh started, then the script runs in -wd.
        let labs = ScratchDirectory(prefix: "hvsh-labs")
        defer { labs.remove() }
        _ = labs.write("where.ps1", "$PWD.Path")
        let script = try hvsh(["-NoProfile", "-wd", home.path, "where.ps1"], directory: labs.path)
        XCTAssertEqual(script.stdout, home.path + "\n", script.stderr)
    }

    func testProfileRunsUnlessNoProfile() throws {
        _ = home.write(".config/hvsh/profile.ps1", "$LabDefault = 'from profile'\nfunction Get-LabName { 'lab-fn' }\n")
        let with = try hvsh(["-c", "\"$LabDefault $(Get-LabName) $PROFILE\""])
        XCTAssertEqual(with.stdout, "from profile lab-fn \(home.path)/.config/hvsh/profile.ps1\n", with.stderr)
        let without = try hvsh(["-NoProfile", "-c", "\"[$LabDefault]\""])
        XCTAssertEqual(without.stdout, "[]\n")
    }

    func testDumpAst() throws {
        let script = home.write("tree.ps1", "Get-VM -Name x | fl *\n")
        let result = try hvsh(["-DumpAst", script])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("(script"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Get-VM"))
        let fromStdin = try hvsh(["-DumpAst", "-"], stdin: "Get-VM -Name x | fl *\n")
        XCTAssertEqual(fromStdin.stdout, result.stdout)
        let broken = try hvsh(["-DumpAst", "-"], stdin: "if (")
        XCTAssertEqual(broken.status, 1)
        XCTAssertFalse(broken.stderr.isEmpty)
    }
}
