import Foundation
import XCTest

/// The inputs issue 17 found killing or hanging the shell, each run by the real `hvsh` in a process of
/// its own: a signal, a hang or a wrong answer fails the case. Every one must end as a catchable
/// PowerShell error of .NET's or PowerShell's exception type (or, where PowerShell has an answer, as
/// that answer).
final class HostileInputTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    /// Runs each script with `-Command`; it must exit normally with `status` and print `output`.
    private func check(_ cases: [(script: String, output: String)], status: Int32 = 0,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        for c in cases {
            let r = try HvshProcess.run(["-NoProfile", "-Command", c.script], home: home.path, timeout: 60)
            XCTAssertEqual(r.stdout, c.output, "\(c.script)\nstderr: \(r.stderr.prefix(600))", file: file, line: line)
            XCTAssertEqual(r.status, status, "\(c.script)\nstderr: \(r.stderr.prefix(600))", file: file, line: line)
        }
    }

    func testRecursionThroughMembersAndInvokeIsACallDepthError() throws {
        let property = "$o = [pscustomobject]@{a=1}; $o | Add-Member ScriptProperty P { $this.P }; "
        try check([
            (property + "try { $o.P } catch { $_.Exception.GetType().FullName }",
             "System.Management.Automation.ScriptCallDepthException\n"),
            ("$o = [pscustomobject]@{a=1}; $o | Add-Member ScriptMethod M { $this.M() }; try { $o.M() } catch [System.Management.Automation.ScriptCallDepthException] { 'caught' }",
             "caught\n"),
            ("$o = [pscustomobject]@{a=1}; $o | Add-Member ScriptProperty P { 1 } { $this.P = $args[0] }; try { $o.P = 5 } catch { $_.FullyQualifiedErrorId }",
             "CallDepthOverflow\n"),
            ("function f { param([ValidateScript({ f $_ })]$x) }; try { f 1 } catch { $_.Exception.GetType().Name }",
             "ScriptCallDepthException\n"),
            // The formatters show a getter that fails as empty, as PowerShell does.
            (property + "try { ($o | Format-List | Out-String).Trim() } catch { 'threw' }", "a : 1\nP :\n"),
            (property + "try { $o | ConvertTo-Json -Compress } catch { 'threw' }", "{\"a\":1,\"P\":null}\n"),
            ("$s = { $s.Invoke() }; try { $s.Invoke() } catch { $_.Exception.GetType().FullName }",
             "System.Management.Automation.ScriptCallDepthException\n"),
            ("$s = { $s.InvokeReturnAsIs() }; try { $s.InvokeReturnAsIs() } catch { 'caught' }", "caught\n"),
            ("function f { $function:f.Invoke() }; try { f } catch { 'caught' }", "caught\n"),
            ("$o = [pscustomobject]@{a=1}; $o | Add-Member AliasProperty B C; $o | Add-Member AliasProperty C B; try { $o.B } catch { $_.FullyQualifiedErrorId }",
             "CycleInAliasLookup\n"),
            ("$a = [System.Collections.ArrayList]::new(); [void]$a.Add(1); [void]$a.Add($a); ($a | Out-String).Trim()",
             "1\n1\nSystem.Collections.ArrayList\n"),
            // A custom object's string does not expand its members' members (PSObject.ToString with
            // recurse off), so an object holding itself is `@{a=}`, not an endless string.
            ("$o = [pscustomobject]@{a=1}; $o.a = $o; \"$o\"", "@{a=}\n"),
            // Member enumeration into a list that holds itself (evaluator fuzz finding: SIGSEGV).
            ("$a = [System.Collections.ArrayList]::new(); [void]$a.Add($a); try { $a.Nope(1) } catch { $_.Exception.GetType().FullName }",
             "System.InsufficientExecutionStackException\n"),
            ("$a = [System.Collections.ArrayList]::new(); [void]$a.Add($a); try { $a.Nope } catch { $_.FullyQualifiedErrorId }",
             "InsufficientExecutionStackException\n"),
            ("$a = [System.Collections.ArrayList]::new(); [void]$a.Add($a); try { $a.ForEach('Nope') } catch { 'caught' }", "caught\n"),
        ])
    }

    /// Found by the evaluator fuzz target: the parser's recovery after `&&` inside an unclosed `$(` of
    /// a command name left a pipeline with no elements, and running it trapped (SIGILL).
    func testAPipelineLeftEmptyByParseRecoveryDoesNotKillTheShell() throws {
        let script = (home.path as NSString).appendingPathComponent("empty-chain.ps1")
        try "$a= y$($&&>\n".write(toFile: script, atomically: true, encoding: .utf8)
        let r = try HvshProcess.run(["-NoProfile", "-File", script], home: home.path, timeout: 60)
        XCTAssertFalse(r.stderr.contains("Fatal error"), "the shell trapped: \(r.stderr.prefix(600))")
        XCTAssertTrue(r.status == 0 || r.status == 1, "exit status \(r.status) (a signal?): \(r.stderr.prefix(600))")
    }

    func testTableCellsOfNumbersBeyondInt64KeepTheirDigits() throws {
        // A table shows floating-point and decimal cells with .NET's "F" format (two places); values
        // beyond Int64 trapped converting their cents (an evaluator fuzz finding, SIGILL).
        try check([
            ("1|ForEach-Object{[pscustomobject]@{N=9223372036854775808*$_;e=\"\"}}|Where-Object{$_.N%7} | Format-Table | Out-String -Stream | Select-Object -Skip 3",
             "9223372036854775808.00 \n\n"),
            ("[pscustomobject]@{d=1e20;m=79228162514264337593543950335d;n=-2.345d;z=-0.001d} | Format-Table | Out-String -Stream | Select-Object -Skip 3",
             "100000000000000000000.00 79228162514264337593543950335.00 -2.35 0.00\n\n"),
            ("([pscustomobject]@{a=[double]::MinValue;z=-0.001} | Format-Table | Out-String -Width 400 -Stream)[3] -replace '^-1797693134862315708\\d{290}\\.00 ', 'whole '", "whole -0.00\n"),
        ])
    }

    func testRunawayRecursionEndsTheCommandWithExitCodeOne() throws {
        let r = try HvshProcess.run(["-NoProfile", "-Command", "function f{f}; f"], home: home.path, timeout: 60)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("The script failed due to call depth overflow."), r.stderr)
    }

    func testDateAndTimeArithmeticOutOfRangeIsDotNetsError() throws {
        try check([
            ("try { (Get-Date).AddDays(1e7) } catch { $_.FullyQualifiedErrorId; $_.Exception.InnerException.GetType().FullName; $_.Exception.Message }",
             "ArgumentOutOfRangeException\nSystem.ArgumentOutOfRangeException\nException calling \"AddDays\" with \"1\" argument(s): \"Value to add was out of range. (Parameter 'value')\"\n"),
            ("try { [datetime]::MaxValue.AddTicks(1) } catch [ArgumentOutOfRangeException] { 'caught' }", "caught\n"),
            ("try { [datetime]::MaxValue + [timespan]::FromDays(1) } catch { $_.Exception.GetType().FullName }",
             "System.ArgumentOutOfRangeException\n"),
            ("try { Get-Date -Year 0 } catch { $_.FullyQualifiedErrorId }",
             "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetDateCommand\n"),
            ("try { New-TimeSpan -Days 2147483647 } catch { $_.FullyQualifiedErrorId }",
             "System.ArgumentOutOfRangeException,Microsoft.PowerShell.Commands.NewTimeSpanCommand\n"),
            ("try { [timespan]::FromSeconds([double]::NaN) } catch { $_.Exception.InnerException.Message }",
             "TimeSpan does not accept floating point Not-a-Number values.\n"),
            ("try { [timespan]::MaxValue + [timespan]::MaxValue } catch { $_.Exception.GetType().FullName }",
             "System.OverflowException\n"),
            ("try { Start-Sleep -Seconds 1e20 } catch { $_.FullyQualifiedErrorId }",
             "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.StartSleepCommand\n"),
            ("try { [datetime]'99999-01-01' } catch { $_.FullyQualifiedErrorId }", "ConvertToFinalInvalidCastException\n"),
            ("[timespan]::MinValue.ToString('g')", "-10675199:2:48:05.4775808\n"),
        ])
    }

    func testNumbersBeyondTheirTypesAreErrorsOrWiderTypes() throws {
        try check([
            ("$r = Get-Random -Minimum ([long]::MinValue); $r -ge [long]::MinValue -and $r -is [long]", "True\n"),
            ("('123456789012345678901234567890' | ConvertFrom-Json).GetType().Name", "BigInteger\n"),
            ("try { ('[' * 2000 + ']' * 2000) | ConvertFrom-Json } catch { $_.Exception.Message -like '*MaxDepth of 1024*' }", "True\n"),
            ("try { [long][double][long]::MaxValue } catch { $_.Exception.Message -like '*too large or too small for an Int64*' }", "True\n"),
            ("try { [math]::DivRem([long]::MinValue, -1) } catch { $_.Exception.InnerException.GetType().FullName }",
             "System.OverflowException\n"),
            ("[ulong]18446744073709551615", "18446744073709551615\n"),
            // A /Date()/ beyond DateTime's range stays the string it is (found by the json fuzz target).
            ("'\"\\/Date(1600000000000000000)\\/\"' | ConvertFrom-Json", "/Date(1600000000000000000)/\n"),
        ])
    }

    func testFunctionCallsDoNotLeakTheirFrames() throws {
        // $MyInvocation and $PSCmdlet once held their call's stage strongly: ~7 KB per call kept for good.
        let script = """
            function rss { [long]((Get-Content "/proc/$PID/statm") -split ' ')[1] * 4 }
            function f { [CmdletBinding()] param($x) $MyInvocation.BoundParameters.Count + $PSCmdlet.MyInvocation.BoundParameters.Count }
            for ($i = 0; $i -lt 2000; $i++) { $null = f -x 1 }
            $before = rss
            for ($i = 0; $i -lt 20000; $i++) { $null = f -x 1 }
            $grown = (rss) - $before
            if ($grown -lt 40000) { 'flat' } else { "grew by $grown KiB" }
            f -x 1
            """
        try check([(script, "flat\n2\n")])
    }

    func testHugeWidthsAndAllocationsAreFormatOrOutOfMemoryErrors() throws {
        try check([
            ("try { \"{0:F2147483647}\" -f 1.5 } catch { $_.Exception.GetType().FullName }", "System.FormatException\n"),
            ("try { \"{0,2147483647}\" -f 1 } catch { $_.Exception.GetType().FullName }", "System.FormatException\n"),
            ("try { [long]::MinValue.ToString('D2147483647') } catch { $_.Exception.InnerException.GetType().FullName }",
             "System.FormatException\n"),
            ("try { 'a' * 1e10 } catch { $_.Exception.GetType().FullName }", "System.OutOfMemoryException\n"),
            ("try { ,1 * 1e9 } catch [OutOfMemoryException] { 'caught' }", "caught\n"),
            ("try { [int[]]::new(2e9) } catch { $_.Exception.InnerException.GetType().FullName }", "System.OutOfMemoryException\n"),
            ("try { [string]::new([char]'a', -1) } catch { $_.Exception.InnerException.GetType().FullName }",
             "System.ArgumentOutOfRangeException\n"),
            ("(1..3 | Format-Wide -Column 2147483647 | Out-String).Trim() -replace ' +', ' '", "1 2 3\n"),
            // Nothing repeated is nothing, at once (these looped two billion times; evaluator fuzz finding).
            ("('' * 2e9).Length; (@() * 2e9).Count; ('a' * 0e0 * 1e9).Length", "0\n0\n0\n"),
        ])
    }
}

/// The smaller defects of issue 17: script encodings, files too large to read, native input.
final class ScriptInputHardeningTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    private func writeBytes(_ name: String, _ bytes: [UInt8]) -> String {
        let path = home.path + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func testScriptsInUTF16AndUTF32WithAByteOrderMarkAreDecoded() throws {
        let text = "'caf\u{E9} ok'; [int][char]'\u{263A}'\n"
        let utf16 = Array(text.utf16)
        let le: [UInt8] = [0xFF, 0xFE] + utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let scalars = text.unicodeScalars.map(\.value)
        let le32: [UInt8] = [0xFF, 0xFE, 0, 0] + scalars.flatMap { v in (0..<4).map { UInt8((v >> (8 * UInt32($0))) & 0xFF) } }
        let be32: [UInt8] = [0, 0, 0xFE, 0xFF] + scalars.flatMap { v in (0..<4).reversed().map { UInt8((v >> (8 * UInt32($0))) & 0xFF) } }
        for (name, bytes) in [("le.ps1", le), ("be.ps1", be), ("le32.ps1", le32), ("be32.ps1", be32)] {
            let path = writeBytes(name, bytes)
            let r = try HvshProcess.run(["-NoProfile", "-File", path], home: home.path)
            XCTAssertEqual(r.stdout, "caf\u{E9} ok\n9786\n", "\(name): \(r.stderr)")
            // Dot-sourced and called scripts are read the same way.
            let called = try HvshProcess.run(["-NoProfile", "-Command", "& '\(path)'"], home: home.path)
            XCTAssertEqual(called.stdout, "caf\u{E9} ok\n9786\n", "\(name): \(called.stderr)")
        }
    }

    func testEndlessFilesAreRefusedNotReadForever() throws {
        let dump = try HvshProcess.run(["-DumpAst", "/dev/zero"], home: home.path, timeout: 60)
        XCTAssertEqual(dump.status, 64, dump.stderr)
        XCTAssertTrue(dump.stderr.contains("is larger than 128 MiB"), dump.stderr)
        let link = home.path + "/zero.ps1"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
        let called = try HvshProcess.run(["-NoProfile", "-Command", "try { & '\(link)' } catch { $_.FullyQualifiedErrorId }"],
                                         home: home.path, timeout: 60)
        XCTAssertEqual(called.stdout, "ScriptNotRegularFile\n", called.stderr)
    }

    func testInputToANativeCommandGoesThroughAPipe() throws {
        // No file in /tmp holds the data while the program runs (it used to be /tmp/hvsh-stdin-*, 0644).
        let r = try HvshProcess.run(["-NoProfile", "-Command",
                                     "'secret' | /bin/sh -c 'readlink /proc/self/fd/0; cat'; 1..100000 | /bin/sh -c 'wc -l'"],
                                    home: home.path)
        let lines = r.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(lines.count, 3, r.stdout + r.stderr)
        XCTAssertTrue(lines.first?.hasPrefix("pipe:") ?? false, r.stdout)
        XCTAssertEqual(Array(lines.dropFirst()), ["secret", "100000"])
    }

    func testStatementsFromStandardInputRunAsEachCompletes() throws {
        // Brackets inside strings, here-strings and comments do not hold a statement open, and
        // Read-Host reads the line after the statement that called it.
        let input = """
            'one { ('
            $h = @"
            } ) ] "
            "@
            $h.Length
            # { unbalanced in a comment
            function g {
              'in g'
            }
            g
            $l = Read-Host; "read: $l"
            typed line
            """
        let r = try HvshProcess.run(["-NoProfile", "-Command", "-"], stdin: input + "\n", home: home.path)
        XCTAssertEqual(r.stdout, "one { (\n7\nin g\nread: typed line\n", r.stderr)
    }
}
