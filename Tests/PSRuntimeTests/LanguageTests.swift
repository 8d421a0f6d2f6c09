import XCTest
@testable import PSRuntime

final class LanguageTests: XCTestCase {
    func testStringsAndExpansion() {
        assertCases([
            ("$n = 'x'; \"a $n b\"", "a x b\n"), ("$n = 'x'; \"${n}y\"", "xy\n"), ("\"$(1 + 2)\"", "3\n"),
            ("$a = 1,2,3; \"$a\"", "1 2 3\n"), ("$OFS = '-'; $a = 1,2; \"$a\"", "1-2\n"), ("'$n'", "$n\n"),
            ("\"`$n\"", "$n\n"), ("\"a`tb\"", "a\tb\n"), ("$o = [pscustomobject]@{a=1}; \"$o\"", "@{a=1}\n"),
            ("$h = @{a=1}; \"$($h.a)\"", "1\n"), ("\"$($null)x\"", "x\n"), ("'it''s'", "it's\n"),
            ("\"say \"\"hi\"\"\"", "say \"hi\"\n"), ("$x = 1.5; \"$x\"", "1.5\n"), ("\"$([math]::PI)\"", "3.14159265358979\n"),
            ("@'\nline1\n$x\n'@", "line1\n$x\n"), ("\"$(1,2 | % { $_ * 2 })\"", "2 4\n"),
        ])
    }

    func testControlFlow() {
        assertCases([
            ("if ($true) { 'y' } else { 'n' }", "y\n"), ("if (0) { 'y' } elseif (1) { 'e' } else { 'n' }", "e\n"),
            ("$i = 0; while ($i -lt 3) { $i; $i++ }", "0\n1\n2\n"), ("for ($i = 0; $i -lt 3; $i++) { $i }", "0\n1\n2\n"),
            ("$i = 0; do { $i++ } while ($i -lt 5); $i", "5\n"), ("$i = 0; do { $i++ } until ($i -ge 2); $i", "2\n"),
            ("foreach ($x in 1..5) { if ($x -eq 3) { break }; $x }", "1\n2\n"),
            ("foreach ($x in 1..4) { if ($x % 2) { continue }; $x }", "2\n4\n"),
            (":outer foreach ($a in 1..3) { foreach ($b in 1..3) { if ($b -eq 2) { continue outer }; \"$a$b\" } }", "11\n21\n31\n"),
            (":outer foreach ($a in 1..3) { foreach ($b in 1..3) { if ($a -eq 2) { break outer }; \"$a$b\" } }", "11\n12\n13\n"),
            ("foreach ($x in $null) { 'never' }; 'done'", "done\n"), ("foreach ($x in 'one') { $x }", "one\n"),
            ("switch (1,2) { 1 {'one'} 2 {'two'} }", "one\ntwo\n"), ("switch -regex ('abc') { 'b' { $Matches[0] } }", "b\n"),
            ("switch ('x') { {$_ -eq 'x'} {'script'} }", "script\n"), ("switch -exact ('A') { 'a' {'hit'} }", "hit\n"),
            ("switch -casesensitive ('A') { 'a' {'hit'} default {'miss'} }", "miss\n"),
            ("switch (5) { {$_ -gt 3} {'big'; break} {$_ -gt 1} {'med'} }", "big\n"),
            ("$r = switch (2) { 1 {'a'} 2 {'b'} }; $r", "b\n"), ("for (;;) { 'once'; break }", "once\n"),
            ("$x = if ($true) { 5 } else { 6 }; $x", "5\n"), ("$v = foreach ($i in 1..3) { $i * 10 }; $v -join ','", "10,20,30\n"),
        ])
    }

    func testFunctionsAndScriptBlocks() {
        assertCases([
            ("function f { 'a'; 'b' }; (f).Count", "2\n"), ("function f($a, $b) { $a + $b }; f 1 2", "3\n"),
            ("function f { param($x = 5) $x }; f", "5\n"), ("function f { $args.Count }; f a b c", "3\n"),
            ("function f { $args[1] }; f a b c", "b\n"), ("function f { return 1; 2 }; f", "1\n"),
            ("function f([int]$n) { $n * 2 }; f '4'", "8\n"), ("function f { param([switch]$s) $s.IsPresent }; f -s", "True\n"),
            ("filter double { $_ * 2 }; 1,2,3 | double", "2\n4\n6\n"),
            ("function f { process { $_ + 1 } }; 1,2 | f", "2\n3\n"),
            ("function f { begin { 'b' } process { 'p' } end { 'e' } }; 1,2 | f", "b\np\np\ne\n"),
            ("function f { $input | % { $_ * 3 } }; 1,2 | f", "3\n6\n"), ("$sb = { param($a) $a * 2 }; & $sb 21", "42\n"),
            ("$sb = { 'hi' }; $sb.Invoke()", "hi\n"), ("$sb = { $args[0] }; & $sb 'x'", "x\n"),
            ("function Get-Thing { 'thing' }; get-thing", "thing\n"), ("function f { f2 }; function f2 { 'inner' }; f", "inner\n"),
            ("function fact($n) { if ($n -le 1) { 1 } else { $n * (fact ($n - 1)) } }; fact 5", "120\n"),
            ("$f = { param($x) $x + 1 }; 1..3 | % { & $f $_ }", "2\n3\n4\n"), ("${function:f} = { 'dyn' }; f", "dyn\n"),
            ("function f { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)]$Rest) $Rest -join '|' }; f a b", "a|b\n"),
            ("function f { param([ValidateSet('a','b')]$v) $v }; f A", "A\n"),
            ("function f { param([ValidateRange(1,3)][int]$n) $n }; f 2", "2\n"),
            ("function f { param($a, $b) \"$a/$b\" }; f -b 2 -a 1", "1/2\n"), ("function f { param($Name) $Name }; f -N x", "x\n"),
        ])
    }

    func testScopes() {
        assertCases([
            ("$x = 1; function f { $x }; f", "1\n"), ("$x = 1; function f { $x = 2 }; f; $x", "1\n"),
            ("$x = 1; function f { $script:x = 2 }; f; $x", "2\n"), ("$x = 1; function f { $global:x = 3 }; f; $x; $global:x", "1\n3\n"),
            ("$x = 1; . { $x = 5 }; $x", "5\n"), ("$x = 1; & { $x = 5 }; $x", "1\n"),
            ("function f { $private:p = 1; g }; function g { \"[$p]\" }; f", "[]\n"),
            ("function f { $l = 1; g }; function g { \"[$l]\" }; f", "[1]\n"), ("$local:y = 4; $y", "4\n"),
            ("Set-Variable -Name q -Value 7 2>$null; $q", ""), ("$env:HVSH_TEST_VAR = 'v'; $env:HVSH_TEST_VAR", "v\n"),
            ("$env:HVSH_NOPE_VAR -eq $null", "True\n"), ("function f { $x++ ; $x }; $x = 5; f; $x", "6\n5\n"),
            ("$x = 1; 1..2 | ForEach-Object { $x = 9 }; $x", "9\n"), ("$sum = 0; 1..10 | % { $sum += $_ }; $sum", "55\n"),
        ])
    }

    func testAutomaticVariables() {
        assertCases([
            ("$true; $false; $null", "True\nFalse\n"), ("$IsLinux", "True\n"), ("$PSVersionTable.PSVersion.Major", "7\n"),
            ("$HOME -eq $env:HOME", "True\n"), ("$PWD.Path -ne ''", "True\n"), ("$Host.UI.RawUI.WindowSize.Width", "120\n"),
            ("$ErrorActionPreference", "Continue\n"), ("$VerbosePreference", "SilentlyContinue\n"),
            ("function f { $MyInvocation.MyCommand.Name }; f", "f\n"), ("$?", "True\n"),
            ("function f { [CmdletBinding()] param($a) $PSBoundParameters['a'] }; f -a 3", "3\n"),
            ("$PSScriptRoot", "/tmp\n"), ("$PSCommandPath", "/tmp/t.ps1\n"), ("$_ -eq $null", "True\n"),
            ("1,2 | % { $PSItem }", "1\n2\n"), ("$Error.Count", "0\n"), ("$PID -gt 0", "True\n"),
        ].map { ($0.0, $0.1) })
    }
}
