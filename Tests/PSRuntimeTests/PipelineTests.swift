import XCTest
@testable import PSRuntime

/// A cmdlet for binder tests: two parameter sets, pipeline by value and by property name, validation.
final class TestGetVMCmdlet: Cmdlet {
    static let name = Parameter<[String]>("Name", aliases: ["VMName"], position: 0, valueFromPipeline: true,
                                          valueFromPipelineByPropertyName: true, sets: ["ByName"])
    static let id = Parameter<String>("Id", type: .guid, mandatory: true, sets: ["ById"])
    static let count = Parameter<Int64>("Count", validate: [.range(min: 1, max: 10)])
    static let state = Parameter<String>("State", type: .enumType(TestEnums.onOff))
    static let kind = Parameter<String>("Kind", validate: [.set(["Gen1", "Gen2"])])
    static let force = Parameter<SwitchParameter>("Force")
    static let enabled = Parameter<Bool>("Enabled")
    static let declaration = CmdletDeclaration("Get-TestVM", parameters: [name, id, count, state, kind, force, enabled],
                                               defaultParameterSet: "ByName", supportsShouldProcess: true, synopsis: "Test cmdlet.")
    init() {}
    var seen = 0

    func begin(_ context: CmdletContext) throws { try context.writeVerbose("begin \(context.parameterSetName)") }

    func process(_ context: CmdletContext) throws {
        seen += 1
        if context.parameterSetName == "ById" {
            try context.writeObject(.string("id=\(context[Self.id] ?? "")"))
            return
        }
        for n in context[Self.name] ?? ["<none>"] {
            if n == "bad" {
                try context.writeError("VM 'bad' was not found.", errorId: "VMNotFound", category: .objectNotFound, target: .string(n))
                continue
            }
            if n == "fatal" { throw context.terminatingError("Fatal VM.", errorId: "Fatal") }
            guard try context.shouldProcess(target: n, action: "Get-TestVM") else { continue }
            var s = "vm=\(n)"
            if let c = context[Self.count] { s += " count=\(c)" }
            if let st = context[Self.state] { s += " state=\(st)" }
            if context[Self.force] { s += " force" }
            if let e = context[Self.enabled] { s += " enabled=\(e)" }
            if let k = context[Self.kind] { s += " kind=\(k)" }
            try context.writeObject(.string(s))
        }
    }

    func end(_ context: CmdletContext) throws { try context.writeWarning("processed \(seen)") }
}

enum TestEnums {
    static let onOff = PSEnumType(fullName: "Microsoft.HyperV.PowerShell.OnOffState", names: ["On", "Off"])
}

func runWithTestCmdlet(_ script: String) -> (output: String, errors: String) {
    let r = runScript(script) { s in
        s.importModule(PSModule(name: "Test", cmdlets: [TestGetVMCmdlet.self], aliases: [("gtv", "Get-TestVM")], enums: [TestEnums.onOff]))
    }
    return (r.output, r.errors)
}

final class CmdletBindingTests: XCTestCase {
    func check(_ cases: [(String, String)], file: StaticString = #filePath, line: UInt = #line) {
        for (script, expected) in cases {
            let r = runWithTestCmdlet(script)
            XCTAssertEqual(r.output, expected, "script: \(script)\nerrors: \(r.errors)", file: file, line: line)
        }
    }

    func checkErrors(_ cases: [(String, String)], file: StaticString = #filePath, line: UInt = #line) {
        for (script, expected) in cases {
            let r = runWithTestCmdlet(script)
            XCTAssertTrue(r.errors.contains(expected), "script: \(script)\nexpected: \(expected)\ngot: \(r.errors)", file: file, line: line)
        }
    }

    func testBinding() {
        check([
            ("Get-TestVM a", "vm=a\n"), ("Get-TestVM a,b", "vm=a\nvm=b\n"), ("Get-TestVM -Name a -Count 3", "vm=a count=3\n"),
            ("Get-TestVM -VMName a", "vm=a\n"), ("Get-TestVM -n a -cou 2", "vm=a count=2\n"), ("gtv a -Force", "vm=a force\n"),
            ("Get-TestVM a -Force:$false", "vm=a\n"), ("Get-TestVM a -State on", "vm=a state=On\n"),
            ("Get-TestVM a -State:Off", "vm=a state=Off\n"), ("Get-TestVM a -Enabled $true", "vm=a enabled=true\n"),
            ("Get-TestVM a -Enabled 0", "vm=a enabled=false\n"), ("Get-TestVM a -Kind gen2", "vm=a kind=gen2\n"),
            ("'x','y' | Get-TestVM", "vm=x\nvm=y\n"), ("[pscustomobject]@{VMName='p'} | Get-TestVM", "vm=p\n"),
            ("[pscustomobject]@{Name='q'} | Get-TestVM -Count 1", "vm=q count=1\n"),
            ("Get-TestVM -Id 878a95fa-924d-4483-8721-170d5f23d3e0", "id=878a95fa-924d-4483-8721-170d5f23d3e0\n"),
            ("$p = @{ Name = 'z'; Count = 2 }; Get-TestVM @p", "vm=z count=2\n"), ("Get-TestVM", "vm=<none>\n"),
            ("Get-TestVM –Name dash", "vm=dash\n"), ("Get-TestVM a -WhatIf", "What if: Performing the operation \"Get-TestVM\" on target \"a\".\n"), ("Get-TestVM a,bad 2>$null", "vm=a\n"),
            ("Get-TestVM bad 2>&1 | % { \"caught: $_\" }", "caught: VM 'bad' was not found.\n"),
        ])
    }

    func testBindingErrors() {
        checkErrors([
            ("Get-TestVM a -Count abc", "Cannot bind parameter 'Count'. Cannot convert value \"abc\" to type \"System.Int64\". Error: \"The input string 'abc' was not in a correct format.\""),
            ("Get-TestVM a b", "A positional parameter cannot be found that accepts argument 'b'."),
            ("Get-TestVM a -Count 0", "Cannot validate argument on parameter 'Count'. The 0 argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again."),
            ("Get-TestVM a -Count 11", "The 11 argument is greater than the maximum allowed range of 10."),
            ("Get-TestVM a -Kind Gen3", "The argument \"Gen3\" does not belong to the set \"Gen1,Gen2\" specified by the ValidateSet attribute."),
            ("Get-TestVM a -State maybe", "Unable to match the identifier name maybe to a valid enumerator name. Specify one of the following enumerator names and try again:\nOn, Off"),
            ("Get-TestVM a -Enabled yes", "Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0."),
            // `-E` alone would be -Enabled (a command's own parameter wins over common ones); `-Er` names two common ones.
            ("Get-TestVM a -Er 1", "Parameter cannot be processed because the parameter name 'Er' is ambiguous. Possible matches include: -ErrorAction -ErrorVariable."),
            ("Get-TestVM a -Nope", "A parameter cannot be found that matches parameter name 'Nope'."),
            ("Get-TestVM a -Count", "Missing an argument for parameter 'Count'. Specify a parameter of type 'System.Int64' and try again."),
            ("Get-TestVM -Name a -Name b", "Cannot bind parameter because parameter 'Name' is specified more than once."),
            ("Get-TestVM -Name a -Id 878a95fa-924d-4483-8721-170d5f23d3e0", "Parameter set cannot be resolved using the specified named parameters."),
            ("Get-TestVM bad", "Get-TestVM: VM 'bad' was not found."),
        ])
    }

    func testStreamsAndCommonParameters() {
        let r = runWithTestCmdlet("Get-TestVM a -Verbose")
        XCTAssertEqual(r.output, "vm=a\n")
        XCTAssertTrue(r.errors.contains("VERBOSE: begin ByName"), r.errors)
        XCTAssertTrue(r.errors.contains("WARNING: processed 1"), r.errors)
        XCTAssertEqual(runWithTestCmdlet("Get-TestVM a -WarningAction SilentlyContinue").errors, "")
        XCTAssertEqual(runWithTestCmdlet("Get-TestVM bad -ErrorAction SilentlyContinue; $Error.Count").output, "1\n")
        XCTAssertEqual(runWithTestCmdlet("Get-TestVM bad -ErrorAction Ignore; $Error.Count").output, "0\n")
        XCTAssertEqual(runWithTestCmdlet("Get-TestVM bad -ErrorVariable ev 2>$null; $ev.Count; \"$($ev[0])\"").output, "1\nVM 'bad' was not found.\n")
        XCTAssertEqual(runWithTestCmdlet("try { Get-TestVM bad -ErrorAction Stop } catch { \"stop: $_\" }").output, "stop: VM 'bad' was not found.\n")
        XCTAssertEqual(runWithTestCmdlet("Get-TestVM bad 2>$null; $?").output, "False\n")
        XCTAssertEqual(runWithTestCmdlet("Get-TestVM a; $?").output, "vm=a\nTrue\n")
        XCTAssertEqual(runWithTestCmdlet("Get-TestVM a 3>$null").errors, "")
        XCTAssertEqual(runWithTestCmdlet("Get-TestVM a 3>&1").output, "vm=a\nprocessed 1\n")
        let w = runWithTestCmdlet("Get-TestVM a,b -WhatIf")
        XCTAssertEqual(w.output, "What if: Performing the operation \"Get-TestVM\" on target \"a\".\nWhat if: Performing the operation \"Get-TestVM\" on target \"b\".\n")
        XCTAssertEqual(runWithTestCmdlet("try { Get-TestVM fatal } catch { $_.FullyQualifiedErrorId }").output, "Fatal,Get-TestVM\n")
        XCTAssertEqual(runWithTestCmdlet("Get-TestVM fatal; 'next'").output, "next\n")
        XCTAssertEqual(runWithTestCmdlet("$WhatIfPreference = $true; Get-TestVM a").output, "What if: Performing the operation \"Get-TestVM\" on target \"a\".\n")
    }
}

final class PipelineTests: XCTestCase {
    func testStreamingAndUnrolling() {
        assertCases([
            ("1,2,3 | Write-Output", "1\n2\n3\n"), ("@(1,2),@(3) | % { $_.GetType().Name }", "Object[]\nObject[]\n"),
            ("function f { 1; 2 }; f | % { $_ + 10 }", "11\n12\n"), ("@{a=1} | % { $_.a }", "1\n"),
            ("'abc' | % { $_.Length }", "3\n"), ("Write-Output -NoEnumerate 1,2 | % { $_.Count }", "2\n"),
            ("function f { ,(1,2) }; f | % { $_.Count }", "2\n"), ("$null | % { 'got null' }", "got null\n"),
            ("@() | % { 'never' }; 'end'", "end\n"), ("$(1;2) -join ','", "1,2\n"), ("@(1..3 | % { $_ }).Count", "3\n"),
            ("function src { 'a'; 'b' }; function dst { process { \"<$_>\" } }; src | dst", "<a>\n<b>\n"),
            ("function f { begin { 'B' } process { \"P$_\" } end { 'E' } }; function g { process { \"g$_\" } }; 1,2 | f | g", "gB\ngP1\ngP2\ngE\n"),
            ("1..3 | & { process { $_ * 2 } }", "2\n4\n6\n"), ("$x = 1..3 | % { $_ }; $x.GetType().Name", "Object[]\n"),
            ("$x = 'a' | % { $_ }; $x.GetType().Name", "String\n"), ("$x = @() | % { $_ }; $null -eq $x", "True\n"),
        ])
    }

    func testRedirectionAndStreams() {
        assertCases([
            ("function f { Write-Output 'o'; throw 'x' }; try { f } catch { 'c' }", "o\nc\n"),
            ("& { 1; 2 } > $null; 'after'", "after\n"),
            ("$r = & { [void](1); 'kept' }; $r", "kept\n"), ("$null = 5; 'ok'", "ok\n"),
            ("$out = Get-NoSuchCmd 2>&1; $out.GetType().Name", "ErrorRecord\n"),
            ("$e = (Get-NoSuchCmd 2>&1); \"$e\".StartsWith(\"The term 'Get-NoSuchCmd' is not recognized\")", "True\n"),
        ])
    }

    func testFileRedirection() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvsh-redir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("out.txt").path
        let r = runScript("'one','two' > '\(f)'; 'three' >> '\(f)'; Get-NoSuchCmd 2> '\(f).err'")
        XCTAssertEqual(r.output, "")
        XCTAssertEqual(try String(contentsOfFile: f, encoding: .utf8), "one\ntwo\nthree\n")
        XCTAssertTrue(try String(contentsOfFile: f + ".err", encoding: .utf8).contains("is not recognized"))
    }

    func testNativeCommands() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/echo") || FileManager.default.isExecutableFile(atPath: "/usr/bin/echo") else {
            throw XCTSkip("no echo binary")
        }
        let cases: [(String, String)] = [
            ("/bin/echo hello world", "hello world\n"), ("$x = /bin/echo a b; $x", "a b\n"),
            ("printf 'a\\nb\\n' | % { \"[$_]\" }", "[a]\n[b]\n"), ("sh -c 'exit 3'; $LASTEXITCODE", "3\n"),
            ("sh -c 'exit 0'; $?", "True\n"), ("sh -c 'exit 1'; $?", "False\n"), ("'x','y' | /usr/bin/sort -r", "y\nx\n"),
            ("sh -c 'exit 1' || 'fallback'", "fallback\n"), ("sh -c 'exit 0' && 'next'", "next\n"),
            ("sh -c 'exit 1' && 'never'", ""), ("$a = 'p q'; sh -c 'echo $#' x $a", "1\n"),
            ("sh -c 'echo err >&2; echo out' 2>$null", "out\n"), ("(sh -c 'echo err >&2' 2>&1).GetType().Name", "ErrorRecord\n"),
            ("'in1','in2' | cat", "in1\nin2\n"), ("1..3 | /bin/cat | % { [int]$_ * 2 }", "2\n4\n6\n"),
            // A program ended by a signal reports 128 + the signal, as .NET does on Linux.
            ("sh -c 'kill -9 $$'; $LASTEXITCODE", "137\n"),
            ("printf 'no newline'", "no newline\n"),
            ("sh -c 'printf \"a\\r\\nb\\r\\n\"' | % { $_.Length }", "1\n1\n"),
        ]
        for (script, expected) in cases {
            let r = runScript(script)
            XCTAssertEqual(r.output, expected, "script: \(script)\nerrors: \(r.errors)")
        }
    }
}
