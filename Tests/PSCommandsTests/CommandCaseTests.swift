import XCTest

/// hvsh's own cases: small scripts and PowerShell 7's exact output for them (NO_COLOR, width 120,
/// not a terminal). Formatting expectations follow TableWriter/ListWriter rules and
/// Format-Table.Tests.ps1 / Format-List.Tests.ps1.
final class CommandCaseTests: ScriptTestCase {
    static let cases: [(id: String, script: String, expected: String)] = [
        // Tables without a view
        ("ft-right-aligned-header-numbers", "[pscustomobject]@{foo=1} | Format-Table", "\nfoo\n---\n  1\n\n"),
        ("ft-left-right", "[PSCustomObject]@{a='abc';b=123} | Format-Table", "\na     b\n-     -\nabc 123\n\n"),
        ("ft-right-left", "[PSCustomObject]@{a=123;b='abc'} | Format-Table", "\n  a b\n  - -\n123 abc\n\n"),
        ("ft-wider-second-column", "[pscustomobject]@{abc='123';bcd='1234'},[pscustomobject]@{abc='1';bcd='123'} | Format-Table",
         "\nabc bcd\n--- ---\n123 1234\n1   123\n\n"),
        ("ft-wrap-left", "[pscustomobject]@{Name=\"This`nIs some random`nmultiline content\";A=1;B=2} | Format-Table -Wrap",
         "\nName                                  A B\n----                                  - -\nThis                                  1 2\nIs some random\nmultiline content\n\n"),
        ("ft-wrap-middle", "[pscustomobject]@{A=1;Name=\"This`nIs some random`nmultiline content\";B=2} | Format-Table -Wrap",
         "\nA Name                                  B\n- ----                                  -\n1 This                                  2\n  Is some random\n  multiline content\n\n"),
        ("ft-no-wrap-newline-ellipsis", "[pscustomobject]@{a=\"1`n2\";b='x'} | Format-Table", "\na   b\n-   -\n1…  x\n\n"),
        ("ft-hide-headers", "[pscustomobject]@{a=1;b=2} | Format-Table -HideTableHeaders", "\n1 2\n\n"),
        ("ft-wide-chars", "[pscustomobject]@{'哇'='62';'dbda'='KM';'消息'='千'} | Format-Table", "\n哇 dbda 消息\n-- ---- ----\n62 KM   千\n\n"),
        ("ft-enum-limit", "@{array=0..255} | Format-Table | Out-String", "\nName                           Value\n----                           -----\narray                          {0, 1, 2, 3…}\n\n\n"),
        ("ft-enum-limit-var", "$FormatEnumerationLimit = 1; Format-Table -InputObject @{'test'= 1, 2} | Out-String",
         "\nName                           Value\n----                           -----\ntest                           {1…}\n\n\n"),
        ("ft-double-two-decimals", "[pscustomobject]@{d=[double]1234.56789} | Format-Table", "\n      d\n      -\n1234.57\n\n"),
        ("ft-property-order", "[pscustomobject]@{a=1;b=2;c=3} | Format-Table c, a", "\nc a\n- -\n3 1\n\n"),
        ("ft-calculated-width-right", "[pscustomobject]@{n='x'} | Format-Table @{l='Name';e={$_.n};width=6;alignment='right'}, n",
         "\n  Name n\n  ---- -\n     x x\n\n"),
        ("ft-missing-property-empty", "[pscustomobject]@{a=1},[pscustomobject]@{b=2} | Format-Table", "\na\n-\n1\n \n\n"),
        ("ft-force-string-properties", "'hello' | Format-Table -Property foo -Force | Out-String", "\nfoo\n---\n\n\n\n"),
        ("ft-string-is-raw", "'hello' | Format-Table", "hello\n"),
        ("ft-failing-column-empty", "[pscustomobject]@{a=1} | Format-Table a, @{n='b';e={ throw 'no' }}", "\na b\n- -\n1 \n\n"),
        ("ft-groupby-three", "1..3 | ForEach-Object { [pscustomobject]@{k=$_ % 2; v=$_} } | Format-Table v -GroupBy k",
         "\n   k: 1\n\nv\n-\n1\n\n   k: 0\n\nv\n-\n2\n\n   k: 1\n\nv\n-\n3\n\n"),
        // Lists
        ("fl-basic", "$in = New-Object PSObject; Add-Member -InputObject $in -MemberType NoteProperty -Name testName -Value testValue; $in | Format-List | Out-String",
         "\ntestName : testValue\n\n\n"),
        ("fl-multiple", "[pscustomobject]@{Name='name1';Length=1},[pscustomobject]@{Name='name2';Length=2} | Format-List",
         "\nName   : name1\nLength : 1\n\nName   : name2\nLength : 2\n\n"),
        ("fl-hashtable", "@{array=0..255} | Format-List", "\nName  : array\nValue : {0, 1, 2, 3…}\n\n"),
        ("fl-multiline-value", "[pscustomobject]@{a=\"x`ny\";bb='z'} | Format-List", "\na  : x\n     y\nbb : z\n\n"),
        ("fl-exclude", "[pscustomobject]@{Name='Test';Age=30;City='Seattle'} | Format-List -ExcludeProperty Age", "\nName : Test\nCity : Seattle\n\n"),
        ("fl-wide-chars", "[pscustomobject]@{'哇'='62';'dbda'='KM';'消息'='千'} | Format-List", "\n哇   : 62\ndbda : KM\n消息 : 千\n\n"),
        ("fl-float-types", "[PSCustomObject]@{double=[double]1234.56789;float=[float]9876.543;decimal=[decimal]4567.123456789} | Format-List",
         "\ndouble  : 1234.56789\nfloat   : 9876.543\ndecimal : 4567.123456789\n\n"),
        // Implicit shapes through Out-Default
        ("od-five-props-list", "[pscustomobject]@{a=1;b=2;c=3;d=4;e=5}", "\na : 1\nb : 2\nc : 3\nd : 4\ne : 5\n\n"),
        ("od-four-props-table", "[pscustomobject]@{a=1;b=2;c=3;d=4}", "\na b c d\n- - - -\n1 2 3 4\n\n"),
        ("od-scalars-no-blank-lines", "1; 'x'; $false; 2.5", "1\nx\nFalse\n2.5\n"),
        ("od-table-then-scalar", "[pscustomobject]@{a=1}; 'x'", "\na\n-\n1\nx\n\n"),
        ("od-empty-array", "@()", ""),
        ("od-null", "$null", ""),
        ("od-nested-array-cell", "[pscustomobject]@{a=@(1,@(2,3))}", "\na\n-\n{1, 2 3}\n\n"),
        ("od-hashtable-in-cell", "[pscustomobject]@{h=@{x=1}}", "\nh\n-\n{[x, 1]}\n\n"),
        // Out-String (its string then goes through Out-Default, which adds the final line break)
        ("os-scalar", "'a','b' | Out-String", "a\nb\n\n"),
        ("os-stream", "[pscustomobject]@{a=1} | Out-String -Stream | Measure-Object | ForEach-Object Count", "5\n"),
        ("os-nonewline", "'a','b' | Out-String -NoNewline", "ab\n"),
        // Wide
        ("fw-column-2", "'alpha','beta','gamma' | ForEach-Object { [pscustomobject]@{Name=$_} } | Format-Wide -Column 2 | Out-String -Width 20",
         "\nalpha      beta\ngamma      \n\n\n"),
        ("fw-autosize", "'a','b','c','d' | ForEach-Object { [pscustomobject]@{Name=$_} } | Format-Wide -AutoSize | Out-String -Width 10",
         "\na  b c d \n\n\n"),
        // Select / Where / ForEach / Sort / Group / Measure
        ("select-first-unique", "'a','a','b','c' | Select-Object -First 2 -Unique", "a\n"),
        ("select-skiplast", "1..5 | Select-Object -SkipLast 2", "1\n2\n3\n"),
        ("select-wildcard-props", "[pscustomobject]@{Name='n';NameX='m';Other=1} | Select-Object Name* | Format-Table", "\nName NameX\n---- -----\nn    m\n\n"),
        ("select-exclude", "[pscustomobject]@{a=1;b=2;c=3} | Select-Object * -ExcludeProperty b | Format-Table", "\na c\n- -\n1 3\n\n"),
        ("where-not", "[pscustomobject]@{n='a';on=$true},[pscustomobject]@{n='b';on=$false} | Where-Object -Not on | ForEach-Object n", "b\n"),
        ("where-match", "'vm1','host','vm22' | Where-Object { $_ -match '^vm\\d+$' }", "vm1\nvm22\n"),
        ("foreach-end-only", "1..3 | ForEach-Object -Process { } -End { 'end' }", "end\n"),
        ("sort-stable-multi", "[pscustomobject]@{a=2;b='y'},[pscustomobject]@{a=1;b='z'},[pscustomobject]@{a=2;b='x'} | Sort-Object a, b | ForEach-Object b", "z\nx\ny\n"),
        ("sort-top", "5,3,9,1 | Sort-Object -Top 2", "1\n3\n"),
        ("sort-strings-case-insensitive", "'b','C','a' | Sort-Object", "a\nb\nC\n"),
        ("group-noelement", "'x','y','x' | Group-Object -NoElement | ForEach-Object { \"$($_.Name)=$($_.Count)\" }", "x=2\ny=1\n"),
        ("group-noelement-table", "'x','y','x' | Group-Object -NoElement", "\nCount Name\n----- ----\n    2 x\n    1 y\n\n"),
        ("measure-property", "[pscustomobject]@{v=2},[pscustomobject]@{v=4} | Measure-Object v -Average | ForEach-Object Average", "3\n"),
        ("measure-count-empty", "@() | Measure-Object | ForEach-Object Count", "0\n"),
        ("measure-max-strings", "'pear','apple' | Measure-Object -Maximum | ForEach-Object Maximum", "pear\n"),
        // JSON / CSV
        ("json-nested-depth1", "@{a=@{b=1}} | ConvertTo-Json -Depth 1 -Compress", "{\"a\":{\"b\":1}}\n"),
        ("json-array-asarray", "1 | ConvertTo-Json -AsArray -Compress", "[1]\n"),
        ("json-escape", "'a\"b' | ConvertTo-Json", "\"a\\\"b\"\n"),
        ("json-double", "1.5, 2.0 | ConvertTo-Json -Compress", "[1.5,2.0]\n"),
        ("json-null-bool", "[pscustomobject]@{n=$null;t=$true} | ConvertTo-Json -Compress", "{\"n\":null,\"t\":true}\n"),
        ("json-from-array-enumerates", "('[1,2,3]' | ConvertFrom-Json | Measure-Object).Count", "3\n"),
        ("json-from-hashtable", "('{\"a\":5}' | ConvertFrom-Json -AsHashtable)['a']", "5\n"),
        ("csv-asneeded", "[pscustomobject]@{a='x,y';b='z'} | ConvertTo-Csv -UseQuotes AsNeeded", "a,b\n\"x,y\",z\n"),
        ("csv-delimiter", "[pscustomobject]@{a=1;b=2} | ConvertTo-Csv -Delimiter ';'", "\"a\";\"b\"\n\"1\";\"2\"\n"),
        ("csv-type-info", "[pscustomobject]@{a=1} | ConvertTo-Csv -IncludeTypeInformation", "#TYPE System.Management.Automation.PSCustomObject\n\"a\"\n\"1\"\n"),
        ("csv-header-param", "'1,2' | ConvertFrom-Csv -Header x,y | ForEach-Object y", "2\n"),
        // Misc
        ("write-output-noenumerate", "(Write-Output -NoEnumerate 1,2,3 | Measure-Object).Count", "1\n"),
        ("date-format-list-is-properties", "(Get-Date -Year 2024 -Month 3 -Day 9 | Format-List | Out-String) -match 'DayOfWeek\\s+: Saturday'", "True\n"),
        ("error-record-out-string", "try { throw 'boom' } catch { ($_ | Out-String).Contains('boom') }", "True\n"),
        ("date-format-standard", "Get-Date -Year 2024 -Month 3 -Day 9 -Hour 8 -Minute 7 -Second 6 -Format s", "2024-03-09T08:07:06\n"),
        ("timespan-minutes", "(New-TimeSpan -Start (Get-Date -Year 2024 -Month 1 -Day 1 -Hour 0 -Minute 0 -Second 0 -Millisecond 0) -End (Get-Date -Year 2024 -Month 1 -Day 1 -Hour 1 -Minute 0 -Second 0 -Millisecond 0)).TotalMinutes", "60\n"),
        ("compare-property", "Compare-Object ([pscustomobject]@{n=1}) ([pscustomobject]@{n=2}) -Property n | ForEach-Object { \"$($_.n)$($_.SideIndicator)\" }", "2=>\n1<=\n"),
        ("get-member-string-length", "'abc' | Get-Member -Name Length | ForEach-Object Definition", "int Length {get;}\n"),
        ("get-alias-display", "Get-Alias ft", "\nCommandType     Name                                               Version    Source\n-----------     ----                                               -------    ------\nAlias           ft -> Format-Table" + String(repeating: " ", count: 44) + "\n\n"),
        ("join-path-many", "Join-Path a b c d", "a/b/c/d\n"),
        ("split-path-leafbase", "Split-Path /x/y/file.tar.gz -LeafBase", "file.tar\n"),
        ("measure-command-timespan", "(Measure-Command { 1..10 }) -is [timespan]", "True\n"),
        ("securestring-hidden", "$s = ConvertTo-SecureString 'P@ss' -AsPlainText -Force; \"$s\"; $s.Length", "System.Security.SecureString\n4\n"),
        ("credential-roundtrip", "$c = New-Object System.Management.Automation.PSCredential('admin', (ConvertTo-SecureString 'pw' -AsPlainText -Force)); $c.UserName; $c.GetNetworkCredential().Password",
         "admin\npw\n"),
        ("securestring-encoded-roundtrip", "ConvertTo-SecureString (ConvertTo-SecureString 'x1' -AsPlainText -Force | ConvertFrom-SecureString) | ConvertFrom-SecureString -AsPlainText", "x1\n"),
        ("new-guid-shape", "(New-Guid).ToString() -match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'", "True\n"),
        ("start-process-wait", "(Start-Process /bin/sh -ArgumentList '-c','\"exit 3\"' -Wait -PassThru).ExitCode", "3\n"),
        ("start-process-split-args", "(Start-Process /bin/sh -ArgumentList '-c','exit 3' -Wait -PassThru).ExitCode", "0\n"),
        ("invoke-expression-scope", "Invoke-Expression '$zz = 5'; $zz", "5\n"),
    ]

    func testCases() {
        var failed: [String] = []
        for c in CommandCaseTests.cases {
            let r = ScriptHarness.run(c.script)
            if r.output != c.expected {
                failed.append(c.id)
                XCTFail("case \(c.id)\n--- expected\n\(c.expected.debugDescription)\n--- got\n\(r.output.debugDescription)\n--- errors\n\(r.errors)")
            }
        }
        XCTAssertGreaterThan(CommandCaseTests.cases.count, 60)
    }
}
