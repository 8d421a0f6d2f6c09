import XCTest
@testable import PSRuntime

final class OperatorTests: XCTestCase {
    func testArithmetic() {
        assertCases([
            ("1 + 2", "3\n"), ("10 - 4", "6\n"), ("6 * 7", "42\n"), ("7 / 2", "3.5\n"), ("8 / 2", "4\n"),
            ("7 % 3", "1\n"), ("-7 % 3", "-1\n"), ("2147483647 + 1", "2147483648\n"),
            ("(2147483647 + 1).GetType().Name", "Double\n"), ("(5 / 1).GetType().Name", "Int32\n"),
            ("(2L + 3).GetType().Name", "Int64\n"), ("1.5 + 1", "2.5\n"), ("(1d + 1).GetType().Name", "Decimal\n"),
            ("'5' + 1", "51\n"), ("1 + '5'", "6\n"), ("1 + '0x10'", "17\n"), ("'ab' * 3", "ababab\n"),
            ("(1,2) * 2 -join ','", "1,2,1,2\n"), ("$null + 1", "1\n"), ("2 * 3.5", "7\n"), ("0.1 + 0.2", "0.3\n"),
            ("1e3", "1000\n"), ("-5", "-5\n"), ("$x = -5; -$x", "5\n"), ("10 / 4 * 2", "5\n"),
            ("[int]::MaxValue * 2", "4294967294\n"), ("5 - '2'", "3\n"), ("'10' / '4'", "2.5\n"),
            ("1kb * 2", "2048\n"), ("(3).GetType().FullName", "System.Int32\n"), ("9223372036854775807 + 1", "9.22337203685478E+18\n"),
        ])
    }

    func testComparison() {
        assertCases([
            ("1 -eq 1", "True\n"), ("1 -eq '1'", "True\n"), ("'1' -eq 1", "True\n"), ("'a' -eq 'A'", "True\n"),
            ("'a' -ceq 'A'", "False\n"), ("'a' -ne 'b'", "True\n"), ("2 -gt 1", "True\n"), ("2 -lt 1", "False\n"),
            ("'b' -gt 'a'", "True\n"), ("'B' -gt 'a'", "True\n"), ("10 -gt '9'", "True\n"), ("'10' -gt 9", "False\n"),
            ("1 -ge 1", "True\n"), ("1 -le 0", "False\n"), ("$null -eq $null", "True\n"), ("$null -eq 0", "False\n"),
            ("0 -eq $null", "False\n"), ("$true -eq 'x'", "True\n"), ("$false -eq ''", "True\n"),
            ("1,2,3,2 -eq 2", "2\n2\n"), ("1,2,3 -gt 1", "2\n3\n"), ("(1,2,3 -eq 5).Count", "0\n"),
            ("1,2,3 -contains 2", "True\n"), ("1,2,3 -notcontains 2", "False\n"), ("2 -in 1,2,3", "True\n"),
            ("4 -notin 1,2,3", "True\n"), ("'A' -in 'a','b'", "True\n"), ("'A' -cin 'a','b'", "False\n"),
            ("1.0 -eq 1", "True\n"), ("[char]'a' -eq 'a'", "True\n"), ("'abc' -lt 'abd'", "True\n"),
        ])
    }

    func testLikeMatchReplace() {
        assertCases([
            ("'Hyper-V' -like 'hyper*'", "True\n"), ("'abc' -like 'a?c'", "True\n"), ("'abc' -like '[a-b]bc'", "True\n"),
            ("'abc' -notlike '*z*'", "True\n"), ("'ABC' -clike 'abc'", "False\n"), ("'a*c' -like 'a`*c'", "True\n"),
            ("'vm1','vm2','host' -like 'vm*'", "vm1\nvm2\n"),
            ("'hello world' -match 'w(or)ld'; $Matches[0]; $Matches[1]", "True\nworld\nor\n"),
            ("'abc' -match '(?<x>b)'; $Matches.x", "True\nb\n"), ("'abc' -notmatch 'z'", "True\n"),
            ("'ABC' -cmatch 'abc'", "False\n"), ("'abc' -replace 'b', 'X'", "aXc\n"), ("'abc' -replace 'B'", "ac\n"),
            ("'abc' -creplace 'B', 'X'", "abc\n"), ("'a.b.c' -replace '\\.', '-'", "a-b-c\n"),
            ("'John Smith' -replace '(\\w+) (\\w+)', '$2, $1'", "Smith, John\n"),
            ("'abc' -replace 'b', '$$'", "a$c\n"), ("'x1y2' -replace '\\d', { [int]$_.Value * 2 }", "x2y4\n"),
            ("'a1','b2' -replace '\\d'", "a\nb\n"), ("'aaa' -replace 'a', '$0$0'", "aaaaaa\n"),
        ])
    }

    func testSplitJoinFormat() {
        assertCases([
            ("'a,b,c' -split ','", "a\nb\nc\n"), ("-split ' a  b '", "a\nb\n"), ("'a1b2c' -split '\\d'", "a\nb\nc\n"),
            ("'a.b' -split '.', 0, 'SimpleMatch'", "a\nb\n"), ("'aXbxc' -csplit 'x'", "aXb\nc\n"),
            ("'a-b' -split '(-)'", "a\n-\nb\n"), ("(1,2,3) -join '+'", "1+2+3\n"), ("-join ('a','b')", "ab\n"),
            ("'{0}-{1}' -f 'a', 'b'", "a-b\n"), ("'{0,5}|' -f 'ab'", "   ab|\n"), ("'{0,-5}|' -f 'ab'", "ab   |\n"),
            ("'{0:N2}' -f 1234.567", "1,234.57\n"), ("'{0:D4}' -f 42", "0042\n"), ("'{0:X}' -f 255", "FF\n"),
            ("'{0:x4}' -f 255", "00ff\n"), ("'{0:F1}' -f 2.25", "2.3\n"), ("'{0:P0}' -f 0.5", "50 %\n"),
            ("'{0:0.00}' -f 3.14159", "3.14\n"), ("'{0:#,0}' -f 1234567", "1,234,567\n"), ("'{{x}} {0}' -f 1", "{x} 1\n"),
            ("'{0:yyyy-MM-dd}' -f [datetime]'2024-03-05'", "2024-03-05\n"), ("'{0}' -f $null", "\n"),
            ("'{1}{0}' -f 'a','b'", "ba\n"), ("'{0:N0}' -f 1500", "1,500\n"), ("'{0:E2}' -f 12345", "1.23E+004\n"),
        ])
    }

    func testLogicalBitwiseTypeOps() {
        assertCases([
            ("$true -and $false", "False\n"), ("$true -or $false", "True\n"), ("$true -xor $true", "False\n"),
            ("-not $true", "False\n"), ("!0", "True\n"), ("!'x'", "False\n"), ("5 -band 3", "1\n"), ("5 -bor 3", "7\n"),
            ("5 -bxor 3", "6\n"), ("-bnot 0", "-1\n"), ("1 -shl 4", "16\n"), ("256 -shr 4", "16\n"),
            ("1 -is [int]", "True\n"), ("'a' -is [string]", "True\n"), ("1 -isnot [string]", "True\n"),
            ("@(1) -is [array]", "True\n"), ("'5' -as [int]", "5\n"), ("('x' -as [int]) -eq $null", "True\n"),
            ("[int]'12' + 1", "13\n"), ("$null ?? 'd'", "d\n"), ("'v' ?? 'd'", "v\n"), ("$x = $null; $x ??= 3; $x", "3\n"),
            ("(1 -eq 1) -and (2 -eq 2)", "True\n"), ("$false -or $null", "False\n"),
        ])
    }

    func testRangesAndIndexes() {
        assertCases([
            ("1..3", "1\n2\n3\n"), ("3..1", "3\n2\n1\n"), ("'a'..'c'", "a\nb\nc\n"), ("(1..5)[1..2]", "2\n3\n"),
            ("(1..5)[-1]", "5\n"), ("(1..5)[-2..-1]", "4\n5\n"), ("(1..5)[10]", ""), ("'hello'[1]", "e\n"),
            ("'hello'[-1]", "o\n"), ("$h = @{a=1}; $h['a']", "1\n"), ("$h = @{a=1}; $h.a", "1\n"),
            ("$h = @{a=1;b=2}; $h['a','b']", "1\n2\n"), ("$a = 1,2,3; $a[0] = 9; $a -join ','", "9,2,3\n"),
            ("$a = @(); $a.Count", "0\n"), ("$a = ,1; $a.Count", "1\n"), ("$a = @(1,2) + 3; $a.Count", "3\n"),
            ("(1..10).Count", "10\n"), ("$a = 1,2,3; $b = $a; $b[0] = 7; $a[0]", "7\n"),
        ])
    }

    func testIncrementAndCompoundAssignment() {
        assertCases([
            ("$i = 1; $i++; $i", "2\n"), ("$i = 1; ++$i", ""), ("$i = 1; (++$i)", "2\n"), ("$i = 5; $i--; $i", "4\n"),
            ("$i = 1; ($i++); $i", "1\n2\n"), ("$x = 10; $x -= 3; $x", "7\n"), ("$x = 3; $x *= 4; $x", "12\n"),
            ("$x = 9; $x /= 2; $x", "4.5\n"), ("$x = 9; $x %= 4; $x", "1\n"), ("$s = 'a'; $s += 'b'; $s", "ab\n"),
            ("$a = 1,2; $a += 3; $a -join ','", "1,2,3\n"), ("$h = @{a=1}; $h += @{b=2}; $h.Count", "2\n"),
            ("$a, $b = 1, 2; \"$a $b\"", "1 2\n"), ("$a, $b = 1, 2, 3; $b -join ','", "2,3\n"),
            ("$o = [pscustomobject]@{n=1}; $o.n++; $o.n", "2\n"), ("$h = @{n=1}; $h.n += 5; $h.n", "6\n"),
            ("$a = 1,2,3; $a[1]++; $a -join ','", "1,3,3\n"), ("[int]$x = '5'; $x = '6'; $x.GetType().Name", "Int32\n"),
        ])
    }
}
