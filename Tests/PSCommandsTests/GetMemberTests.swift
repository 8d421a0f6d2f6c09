import XCTest
import Foundation

/// Get-Member on values that are not PSObjects lists their .NET members the way PowerShell prints
/// them, and every method it lists can really be called.
final class GetMemberTests: ScriptTestCase {
    /// One sample of each value kind the member catalog describes.
    static let samples: [String] = [
        "'abc'", "5", "[long]5", "1.5", "[float]1.5", "[decimal]1.5", "[byte]1", "[sbyte]1", "[int16]1", "[uint16]1",
        "[uint32]1", "[uint64]1", "$true", "[char]'a'", "@(1,2)", "[System.Collections.ArrayList]@(1,2)",
        "[System.Collections.Generic.List[string]]::new()", "@{a=1}", "[ordered]@{a=1}", "(Get-Date)",
        "(New-TimeSpan -Seconds 5)", "{ 1 }", "[version]'1.2.3.4'", "[ipaddress]'10.0.0.1'", "[regex]'a'",
        "[System.DayOfWeek]::Monday", "[switch]$true", "[guid]'2b5e1f0c-52ab-4a5e-9a4c-6f3f0e2d7a11'",
    ]

    /// Every Method and ParameterizedProperty Get-Member lists exists in the runtime: calling it
    /// may fail for want of arguments, but never with MethodNotFound.
    func testEveryListedMethodIsImplemented() {
        for sample in GetMemberTests.samples {
            let names = output("Get-Member -InputObject (\(sample)) -MemberType Method,ParameterizedProperty | ForEach-Object Name")
                .split(separator: "\n").map(String.init)
            XCTAssertFalse(names.isEmpty, sample)
            let calls = names.map { n in
                "$v = \(sample); try { $null = $v.\(n)(); '\(n) ok' } catch { '\(n) ' + $_.FullyQualifiedErrorId }"
            }.joined(separator: "\n")
            for line in output(calls).split(separator: "\n") {
                XCTAssertFalse(line.hasSuffix(" MethodNotFound"), "\(sample): \(line)")
            }
        }
    }

    /// Every listed Property has a value (ScriptBlock.File is null for blocks typed at the prompt).
    func testEveryListedPropertyIsImplemented() {
        for sample in GetMemberTests.samples {
            let names = output("Get-Member -InputObject (\(sample)) -MemberType Property,ScriptProperty | ForEach-Object Name")
                .split(separator: "\n").map(String.init).filter { $0 != "File" }
            let reads = names.map { "$v = \(sample); if ($null -eq $v.\($0)) { 'missing \($0)' }" }.joined(separator: "\n")
            XCTAssertEqual(output(reads), "", sample)
        }
    }

    func testStringListingMatchesPowerShellsLayout() {
        let lines = output("'abc' | Get-Member").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(lines.prefix(6)), [
            "", "   TypeName: System.String", "",
            "Name             MemberType            Definition",
            "----             ----------            ----------",
            "Clone            Method                System.Object Clone(), System.Object ICloneable.Clone()",
        ])
        XCTAssertTrue(lines.contains("Chars            ParameterizedProperty char Chars(int index) {get;}"))
        XCTAssertEqual(lines.filter { !$0.isEmpty }.last, "Length           Property              int Length {get;}")
        // Definitions longer than the screen end in an ellipsis at column 119.
        let contains = lines.first { $0.hasPrefix("Contains ") }!
        XCTAssertEqual(contains.count, 119)
        XCTAssertTrue(contains.hasSuffix("…"))
    }

    func testOrderIsMemberTypeThenNameIgnoringCase() {
        assertOutput("[pscustomobject]@{b=1; A=2} | Add-Member -MemberType ScriptMethod -Name Go -Value { 1 } -PassThru | Get-Member | ForEach-Object { $_.MemberType + ' ' + $_.Name }",
                     "Method Equals\nMethod GetHashCode\nMethod GetType\nMethod ToString\nNoteProperty A\nNoteProperty b\nScriptMethod Go\n")
        assertOutput("(Get-Date) | Get-Member -MemberType Property -Name *Of* | ForEach-Object Definition",
                     "System.DayOfWeek DayOfWeek {get;}\nint DayOfYear {get;}\ntimespan TimeOfDay {get;}\n")
    }

    func testMemberTypeAndNameFilters() {
        assertOutput("@{a=1} | Get-Member -MemberType Properties | ForEach-Object Name",
                     "Count\nIsFixedSize\nIsReadOnly\nIsSynchronized\nKeys\nSyncRoot\nValues\n")
        assertOutput("(New-TimeSpan -Minutes 1) | Get-Member -Name Total*Seconds | ForEach-Object Name", "TotalMicroseconds\nTotalMilliseconds\nTotalNanoseconds\nTotalSeconds\n")
        assertOutput("5 | Get-Member -MemberType Methods -Name To* | ForEach-Object Definition",
                     "string ToString(), string ToString(string format), string ToString(System.IFormatProvider provider), string ToString(string format, System.IFormatProvider provider), string IFormattable.ToString(string format, System.IFormatProvider formatProvider), string IConvertible.ToString(System.IFormatProvider provider)\n")
        assertOutput("5 | Get-Member -MemberType Property", "")
        // One listing per distinct type.
        assertOutput("1, 2, 'a', 3 | Get-Member -Name GetType | ForEach-Object TypeName", "System.Int32\nSystem.String\n")
    }

    func testNotePropertyDefinitions() {
        assertOutput("[pscustomobject]@{a=1; b=$null; c=1,2; d='x'; e=@{}} | Get-Member -MemberType NoteProperty | ForEach-Object Definition",
                     "int a=1\nobject b=null\nObject[] c=System.Object[]\nstring d=x\nhashtable e=System.Collections.Hashtable\n")
    }

    func testObjectsStandingForDotNetTypesReportProperties() {
        // Measure-Object's result is a GenericMeasureInfo: .NET properties, not notes.
        assertOutput("1,2 | Measure-Object -Sum | Get-Member -Name Sum | ForEach-Object { $_.MemberType + ': ' + $_.Definition }",
                     "Property: double Sum {get;}\n")
        // Add-Member's note on such an object stays a NoteProperty.
        assertOutput("1,2 | Measure-Object | Add-Member -NotePropertyName Extra -NotePropertyValue 1 -PassThru | Get-Member -Name Extra | ForEach-Object MemberType",
                     "NoteProperty\n")
        // A value wrapped by Add-Member keeps its own members.
        assertOutput("'abc' | Add-Member -NotePropertyName Tag -NotePropertyValue 1 -PassThru | Get-Member -Name Length,Tag | ForEach-Object MemberType",
                     "NoteProperty\nProperty\n")
    }

    func testFileItemsShowProviderNotesTypeDataAndProperties() {
        let kinds = output("Get-Item / | Get-Member -Name PSPath,Mode,UnixMode,FullName | ForEach-Object { $_.Name + ' ' + $_.MemberType }")
        XCTAssertEqual(kinds, "Mode CodeProperty\nPSPath NoteProperty\nFullName Property\nUnixMode ScriptProperty\n")
        assertOutput("Get-Item / | Get-Member -Name Mode | ForEach-Object Definition", "System.String Mode{get=Mode;}\n")
    }

    /// `Get-Member -Static` on type literals and on values: every listed static method exists in the
    /// runtime (Environment.Exit and Path.GetTempFileName are not called: they act), and every
    /// listed static property has a value.
    func testStaticMembersAreImplemented() {
        let types = ["[string]", "[math]", "[datetime]", "[int]", "[long]", "[double]", "[guid]", "[timespan]", "[version]",
                     "[ipaddress]", "[char]", "[regex]", "[io.path]", "[io.file]", "[io.directory]", "[environment]", "[convert]",
                     "[System.DayOfWeek]"]
        for t in types {
            let methods = output("\(t) | Get-Member -Static -MemberType Method | ForEach-Object Name").split(separator: "\n")
            XCTAssertFalse(methods.isEmpty, t)
            let calls = methods.filter { $0 != "Exit" && $0 != "GetTempFileName" }.map { n in
                "try { $null = \(t)::\(n)(); '\(n) ok' } catch { '\(n) ' + $_.FullyQualifiedErrorId }"
            }.joined(separator: "\n")
            for line in output(calls).split(separator: "\n") { XCTAssertFalse(line.hasSuffix(" MethodNotFound"), "\(t): \(line)") }
            let props = output("\(t) | Get-Member -Static -MemberType Property | ForEach-Object Name").split(separator: "\n")
            let reads = props.map { "if ($null -eq \(t)::\($0)) { 'missing \($0)' }" }.joined(separator: "\n")
            XCTAssertEqual(output(reads), "", t)
        }
        assertOutput("[math] | Get-Member -Static -Name Round | ForEach-Object { $_.TypeName + ' ' + $_.MemberType }", "System.Math Method\n")
        assertOutput("'abc' | Get-Member -Static -MemberType Property | ForEach-Object Definition", "static string Empty {get;}\n")
        assertOutput("[System.DayOfWeek] | Get-Member -Static -Name Monday | ForEach-Object Definition", "static System.DayOfWeek Monday {get;}\n")
    }

    /// File and Directory deletes never fall back to the current directory, and refuse what .NET refuses.
    func testStaticFileDeletesAreSafe() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvsh-gm-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try "x".write(toFile: dir + "/sub/f", atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = ScriptHarness.run("""
            Set-Location \(dir)/sub
            try { [IO.Directory]::Delete() } catch { 'no-arg' }
            try { [IO.File]::Delete('') } catch { 'empty' }
            try { [IO.File]::Delete('\(dir)/sub') } catch { 'dir-is-not-a-file' }
            try { [IO.Directory]::Delete('\(dir)/sub') } catch { 'not-empty' }
            [IO.Directory]::Exists('')
            Test-Path '\(dir)/sub/f'
            [IO.Directory]::Delete('\(dir)/sub', $true)
            Test-Path '\(dir)/sub'
            """, cwd: dir)
        XCTAssertEqual(r.output, "no-arg\nempty\ndir-is-not-a-file\nnot-empty\nFalse\nTrue\nFalse\n", r.errors)
    }
}
