import XCTest
@testable import PSRuntime

final class MemberTests: XCTestCase {
    func testStringMethods() {
        assertCases([
            ("'Hello'.ToUpper()", "HELLO\n"), ("'Hello'.ToLower()", "hello\n"), ("'  x  '.Trim()", "x\n"),
            ("'xxhixx'.Trim('x')", "hi\n"), ("'  x'.TrimStart()", "x\n"), ("'x  '.TrimEnd() + '|'", "x|\n"),
            ("'a.b.c'.Split('.')", "a\nb\nc\n"), ("'a,b;c'.Split([char[]]',;')", "a\nb\nc\n"),
            ("'a,,b'.Split(',', [StringSplitOptions]::RemoveEmptyEntries)", "a\nb\n"), ("'abc'.StartsWith('ab')", "True\n"),
            ("'abc'.StartsWith('AB')", "False\n"), ("'abc'.EndsWith('bc')", "True\n"), ("'abc'.Contains('b')", "True\n"),
            ("'abc'.IndexOf('c')", "2\n"), ("'abcabc'.LastIndexOf('b')", "4\n"), ("'abc'.Replace('b', 'X')", "aXc\n"),
            ("'abcdef'.Substring(2)", "cdef\n"), ("'abcdef'.Substring(1, 3)", "bcd\n"), ("'7'.PadLeft(3, '0')", "007\n"),
            ("'a'.PadRight(3) + '|'", "a  |\n"), ("'abc'.Length", "3\n"), ("'abc'.Insert(1, 'X')", "aXbc\n"),
            ("'abcdef'.Remove(2, 2)", "abef\n"), ("'ab'.ToCharArray().Count", "2\n"), ("'x'.Equals('x')", "True\n"),
            ("'abc'.CompareTo('abd')", "-1\n"), ("'a-b'.Split('-')[1]", "b\n"), ("'Hi'.GetType().FullName", "System.String\n"),
            ("[string]::IsNullOrEmpty('')", "True\n"), ("[string]::Join(',', @('a','b'))", "a,b\n"),
            ("[string]::Format('{0}+{1}', 1, 2)", "1+2\n"), ("[string]::Empty.Length", "0\n"),
        ])
    }

    func testCollectionMethods() {
        assertCases([
            ("$l = [System.Collections.ArrayList]@(); $l.Add(5); $l.Add(6); $l.Count", "0\n1\n2\n"),
            ("$l = [System.Collections.ArrayList]@(); [void]$l.Add('a'); $l[0]", "a\n"),
            ("$l = [System.Collections.Generic.List[string]]::new(); $l.Add('x'); $l.Count", "1\n"),
            ("$l = [System.Collections.Generic.List[int]]::new(); $l.Add('5'); $l[0].GetType().Name", "Int32\n"),
            ("$a = 1,2,3; $a.Contains(2)", "True\n"), ("$a = 1,2,3; $a.IndexOf(3)", "2\n"),
            ("(1,2,3).Where({ $_ -gt 1 })", "2\n3\n"), ("(1,2,3,4).Where({ $_ -gt 1 }, 'First')", "2\n"),
            ("(1..5).ForEach({ $_ * 10 }) -join ','", "10,20,30,40,50\n"),
            ("$h = @{}; $h.Add('k', 1); $h.ContainsKey('K')", "True\n"), ("$h = @{a=1}; $h.Remove('a'); $h.Count", "0\n"),
            ("$h = [ordered]@{z=1; a=2}; $h.Keys -join ','", "z,a\n"), ("$h = @{a=1;b=2}; $h.Keys.Count", "2\n"),
            ("$h = @{a=1}; ($h.GetEnumerator() | % { \"$($_.Key)=$($_.Value)\" })", "a=1\n"),
            ("$h = @{a=1}; $h.Clone().a", "1\n"), ("$a = 1,2; $a.Add(3)", ""),
            ("$objs = [pscustomobject]@{N=1},[pscustomobject]@{N=2}; $objs.N -join ','", "1,2\n"),
            ("$objs = @(@{k='a'},@{k='b'}); $objs.k -join ','", "a,b\n"), ("(1,2,3).Count", "3\n"), ("(1,2,3).Length", "3\n"), ("(5).Count", "1\n"), ("$null.Count", "0\n"),
            ("([pscustomobject]@{a=1}).Count", "1\n"),
        ])
        assertErrorCases([("$a = 1,2; $a.Add(3)", "Exception calling \"Add\" with \"1\" argument(s): \"Collection was of a fixed size.\"")])
    }

    func testObjectsAndDotNetTypes() {
        assertCases([
            ("$o = [pscustomobject]@{b=1; a=2}; $o.PSObject.Properties.Name -join ','", "b,a\n"),
            ("$o = [pscustomobject]@{n='x'}; $o.n", "x\n"), ("$o = [pscustomobject]@{n='x'}; $o.missing -eq $null", "True\n"),
            ("([pscustomobject]@{}).GetType().Name", "PSCustomObject\n"), ("$o = [pscustomobject]@{a=1}; $o.a = 5; $o.a", "5\n"),
            ("$d = [datetime]'2024-01-31'; $d.AddDays(1).ToString('yyyy-MM-dd')", "2024-02-01\n"),
            ("$d = [datetime]'2024-01-31'; $d.AddMonths(1).Day", "29\n"), ("([datetime]'2024-03-05').DayOfWeek", "Tuesday\n"),
            ("([datetime]'2024-03-05 10:30:00').Hour", "10\n"), ("(([datetime]'2024-01-02') - ([datetime]'2024-01-01')).TotalHours", "24\n"),
            ("[timespan]::FromMinutes(90).ToString()", "01:30:00\n"), ("([timespan]'1:30:00').TotalMinutes", "90\n"),
            ("[version]'10.0.2' -gt [version]'9.9'", "True\n"), ("([version]'1.2.3').Minor", "2\n"),
            ("([ipaddress]'192.168.1.1').AddressFamily", "InterNetwork\n"), ("[ipaddress]'fe80::1'", "fe80::1\n"),
            ("([guid]'878A95FA-924D-4483-8721-170D5F23D3E0').ToString()", "878a95fa-924d-4483-8721-170d5f23d3e0\n"),
            ("[guid]::NewGuid().ToString().Length", "36\n"), ("[math]::Round(2.5)", "2\n"), ("[math]::Round(3.5)", "4\n"),
            ("[math]::Round(2.567, 2)", "2.57\n"), ("[math]::Max(3, 7)", "7\n"), ("[math]::Abs(-4)", "4\n"), ("[math]::Pow(2, 10)", "1024\n"),
            ("[math]::Sqrt(16)", "4\n"), ("[math]::Floor(2.7)", "2\n"), ("[int]::MaxValue", "2147483647\n"),
            ("[System.IO.Path]::GetFileName('/a/b.txt')", "b.txt\n"), ("[IO.Path]::GetExtension('x.ps1')", ".ps1\n"),
            ("[System.IO.Path]::Combine('/a', 'b')", "/a/b\n"), ("[regex]::Escape('a.b')", "a\\.b\n"),
            ("[regex]::Matches('a1b22', '\\d+').Count", "2\n"), ("([regex]'b+').Match('abbbc').Value", "bbb\n"),
            ("[Environment]::GetEnvironmentVariable('HOME') -eq $HOME", "True\n"), ("[convert]::ToString(255, 16)", "ff\n"),
            ("[convert]::ToInt32('ff', 16)", "255\n"), ("[char]65", "A\n"), ("[int][char]'A'", "65\n"),
            ("$sb = [System.Text.StringBuilder]::new(); [void]$sb.Append('a').Append('b'); $sb.ToString()", "ab\n"),
        ])
    }

    func testCastsAndConversions() {
        assertCases([
            ("[int]2.5", "2\n"), ("[int]3.5", "4\n"), ("[int]-2.5", "-2\n"), ("[int]'42'", "42\n"), ("[long]'1kb'", "1024\n"),
            ("[double]'1.5'", "1.5\n"), ("[decimal]'4567.123456789'", "4567.123456789\n"), ("[bool]'False'", "True\n"),
            ("[bool]''", "False\n"), ("[bool]0", "False\n"), ("[bool]@()", "False\n"), ("[string]123", "123\n"),
            ("[string]$null -eq ''", "True\n"), ("([int[]]('1','2')).GetType().Name", "Int32[]\n"),
            ("[string[]]$a = 1,2; $a[0].GetType().Name", "String\n"), ("[byte]255", "255\n"), ("[char]'x'", "x\n"),
            ("[array]$a = 5; $a.Count", "1\n"), ("([pscustomobject]@{a=1}).a", "1\n"), ("[hashtable]$h = @{}; $h.GetType().Name", "Hashtable\n"),
            ("([ordered]@{}).GetType().Name", "OrderedDictionary\n"), ("(1.5).GetType().Name", "Double\n"),
            ("(1L).GetType().Name", "Int64\n"), ("(1d).GetType().Name", "Decimal\n"), ("(0x10).GetType().Name", "Int32\n"),
            ("[int]$null", "0\n"), ("[int]$true", "1\n"), ("[float]9876.543", "9876.543\n"), ("1.4e23tb", "1.5393162788864E+35\n"),
            ("1e15", "1E+15\n"), ("123456789012345.0", "123456789012345\n"), ("0.00001", "1E-05\n"), ("[double]::NaN", "NaN\n"),
            ("1/3", "0.333333333333333\n"), ("2/3", "0.666666666666667\n"), ("[int]'0x1F'", "31\n"),
            ("[datetime]'2024-02-29 13:00:00' -eq [datetime]'02/29/2024 13:00:00'", "True\n"),
            ("[string][datetime]'2024-02-29 13:05:09'", "02/29/2024 13:05:09\n"), ("[timespan]'00:00:08.5860000'", "00:00:08.5860000\n"),
        ])
        assertErrorCases([
            ("[int]'abc'", "Cannot convert value \"abc\" to type \"System.Int32\". Error: \"The input string 'abc' was not in a correct format.\""),
            ("[int]1e20", "Cannot convert value \"1E+20\" to type \"System.Int32\". Error: \"Value was either too large or too small for an Int32.\""),
            ("[guid]'nope'", "Cannot convert value \"nope\" to type \"System.Guid\"."),
            ("[ipaddress]'999.1.1.1'", "Cannot convert value \"999.1.1.1\" to type \"System.Net.IPAddress\"."),
        ])
    }

    func testModuleEnumsInScripts() {
        let onOff = PSEnumType(fullName: "Microsoft.HyperV.PowerShell.OnOffState", names: ["On", "Off"])
        let sw = PSEnumType(fullName: "Microsoft.HyperV.PowerShell.VMSwitchType", names: ["Private", "Internal", "External"])
        let cases: [(String, String)] = [
            ("[OnOffState]'on'", "On\n"), ("([VMSwitchType]'internal').GetType().Name", "VMSwitchType\n"),
            ("[VMSwitchType]::External", "External\n"), ("[VMSwitchType]'Internal' -eq 'internal'", "True\n"),
            ("[int][VMSwitchType]'External'", "2\n"), ("[enum]::GetNames([OnOffState]) -join ','", "On,Off\n"),
            ("[VMSwitchType]1", "Internal\n"), ("switch ([OnOffState]'Off') { 'On' { 'is on' } 'Off' { 'is off' } }", "is off\n"),
        ]
        for (script, expected) in cases {
            let r = runScript(script) { s in s.importModule(PSModule(name: "T", enums: [onOff, sw])) }
            XCTAssertEqual(r.output, expected, "script: \(script)\nerrors: \(r.errors)")
        }
    }

    /// Static calls with missing or out-of-range arguments are .NET's errors, never a crash.
    func testStaticCallsWithBadArgumentsFailCleanly() {
        let cases: [(String, String)] = [
            ("[math]::Max(1)", "Cannot find an overload for \"max\" and the argument count: \"1\"."),
            ("[math]::Sqrt()", "Cannot find an overload for \"sqrt\" and the argument count: \"0\"."),
            ("[math]::DivRem(7, 0)", "Attempted to divide by zero."),
            ("[datetime]::DaysInMonth(2024)", "argument count: \"1\""),
            ("[datetime]::DaysInMonth(2024, 13)", "Month must be between one and twelve."),
            ("[convert]::ToInt32('zz', 99)", "Invalid Base."),
            ("[convert]::ToString(5, 3)", "Invalid Base."),
            ("[enum]::IsDefined([System.DayOfWeek])", "argument count"),
        ]
        for (script, message) in cases {
            let r = runScript("try { \(script); 'no error' } catch { $_.Exception.Message }")
            XCTAssertTrue(r.output.contains(message), "\(script): \(r.output) \(r.errors)")
        }
        assertOutput("[convert]::ToString(255, 16); [convert]::ToString(-1, 16); [math]::DivRem(7, 2)", "ff\nffffffffffffffff\n3\n")
        // ArrayList ranges are checked as .NET checks them.
        for (call, message) in [("$a.GetRange(-1, 1)", "Non-negative number required. (Parameter 'index')"),
                                ("$a.GetRange(1, 5)", "Offset and length were out of bounds"),
                                ("$a.RemoveRange(2, -5)", "Non-negative number required. (Parameter 'count')"),
                                ("$a.GetRange(1)", "argument count: \"1\"")] {
            let r = runScript("$a = [System.Collections.ArrayList]@(1,2,3); try { \(call) } catch { $_.Exception.Message }")
            XCTAssertTrue(r.output.contains(message), "\(call): \(r.output)")
        }
        assertOutput("$a = [System.Collections.ArrayList]@(1,2,3); $a.GetRange(1, 2); $a.RemoveRange(0, 2); $a", "2\n3\n3\n")
        assertOutput("'[' + [io.path]::GetDirectoryName('x') + ']'; [io.path]::GetDirectoryName('/a/b.txt'); [io.path]::GetDirectoryName('/a')",
                     "[]\n/a\n/\n")
    }

    /// File.Copy with overwrite replaces a file, never a directory that has the target's name.
    func testFileCopyOverwriteLeavesDirectoriesAlone() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvsh-copy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/target", withIntermediateDirectories: true)
        try "keep".write(toFile: dir + "/target/inside", atomically: false, encoding: .utf8)
        try "src".write(toFile: dir + "/src.txt", atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = runScript("try { [IO.File]::Copy('\(dir)/src.txt', '\(dir)/target', $true) } catch { 'refused' }; Test-Path '\(dir)/target/inside'")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/target/inside"), r.errors)
        XCTAssertTrue(r.output.hasPrefix("refused"), r.output + r.errors)
    }
}
