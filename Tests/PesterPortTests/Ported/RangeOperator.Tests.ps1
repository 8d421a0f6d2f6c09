# Ported from test/powershell/Language/Operators/RangeOperator.Tests.ps1: integer ranges (ascending,
# descending, negative, one item, through the pipeline), character ranges from one-letter strings and
# [char] casts, digit strings that stay numbers, and decimal operands rounded to integers; the
# assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Range Operator' {
    Context 'integers' {
        It 'makes an array of int' {
            $r = 5..8
            $r.count | Should -Be 4
            $r[0] | Should -BeOfType int
            $r[1] | Should -BeOfType int
            $r[2] | Should -BeOfType int
            $r[3] | Should -BeOfType int
            $r[0] | Should -Be 5
            $r[1] | Should -Be 6
            $r[2] | Should -Be 7
            $r[3] | Should -Be 8
        }
        It 'takes negative bounds' {
            $r = -8..-5
            $r.count | Should -Be 4
            $r[0] | Should -Be -8
            $r[1] | Should -Be -7
            $r[2] | Should -Be -6
            $r[3] | Should -Be -5
        }
        It 'makes one item when the bounds are equal' {
            $r = 0..0
            $r.count | Should -Be 1
            $r[0] | Should -BeOfType int
            $r[0] | Should -Be 0
        }
        It 'counts down' {
            $r = 4..3
            $r.count | Should -Be 2
            $r[0] | Should -Be 4
            $r[1] | Should -Be 3
        }
        It 'crosses zero' {
            $r = -2..2
            $r.count | Should -Be 5
            $r[0] | Should -Be -2
            $r[1] | Should -Be -1
            $r[2] | Should -Be 0
            $r[3] | Should -Be 1
            $r[4] | Should -Be 2
        }
        It 'enumerates into the pipeline' {
            $r = -2..2 | ForEach-Object { $_ }
            $r.count | Should -Be 5
            $r[0] | Should -Be -2
            $r[1] | Should -Be -1
            $r[2] | Should -Be 0
            $r[3] | Should -Be 1
            $r[4] | Should -Be 2
        }
        It 'takes variables and casts as bounds' {
            $lo = -1
            $hi = 1
            $r = $lo..$hi
            $r.count | Should -Be 3
            $r[0] | Should -Be -1
            $r[1] | Should -Be 0
            $r[2] | Should -Be 1
            $r = [int]$hi..[int]$lo
            $r.count | Should -Be 3
            $r[0] | Should -Be 1
            $r[1] | Should -Be 0
            $r[2] | Should -Be -1
            $r = $lo..$hi | ForEach-Object { $_ }
            $r.count | Should -Be 3
            $r[0] | Should -Be -1
            $r[1] | Should -Be 0
            $r[2] | Should -Be 1
            $r = [int]$hi..[int]$lo | ForEach-Object { $_ }
            $r.count | Should -Be 3
            $r[0] | Should -Be 1
            $r[1] | Should -Be 0
            $r[2] | Should -Be -1
        }
    }

    Context 'characters' {
        It 'makes chars from one-letter strings' {
            $c = 'A'..'E'
            $c.count | Should -Be 5
            $c[0] | Should -BeOfType char
            $c[1] | Should -BeOfType char
            $c[2] | Should -BeOfType char
            $c[3] | Should -BeOfType char
            $c[4] | Should -BeOfType char
        }
        It 'sends chars down the pipeline' {
            $c = 'A'..'E' | ForEach-Object { $_ }
            $c.count | Should -Be 5
            $c[0] | Should -BeOfType char
            $c[1] | Should -BeOfType char
            $c[2] | Should -BeOfType char
            $c[3] | Should -BeOfType char
            $c[4] | Should -BeOfType char
        }
        It 'counts letters up and down' {
            $c = 'a'..'c'
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly ([char]'a')
            $c[1] | Should -BeExactly ([char]'b')
            $c[2] | Should -BeExactly ([char]'c')
            $c = 'C'..'A'
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly ([char]'C')
            $c[1] | Should -BeExactly ([char]'B')
            $c[2] | Should -BeExactly ([char]'A')
        }
        It 'mixes [char] casts and strings as bounds' {
            $c = [char]'a'..[char]'c'
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly ([char]'a')
            $c[1] | Should -BeExactly ([char]'b')
            $c[2] | Should -BeExactly ([char]'c')
            $c = [char]"a".."c"
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly ([char]'a')
            $c[1] | Should -BeExactly ([char]'b')
            $c[2] | Should -BeExactly ([char]'c')
            $c = "a"..[char]"c"
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly ([char]'a')
            $c[1] | Should -BeExactly ([char]'b')
            $c[2] | Should -BeExactly ([char]'c')
            $c = [char]'C'..[char]'A'
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly ([char]'C')
            $c[1] | Should -BeExactly ([char]'B')
            $c[2] | Should -BeExactly ([char]'A')
            $c = [char]"C".."A"
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly ([char]'C')
            $c[1] | Should -BeExactly ([char]'B')
            $c[2] | Should -BeExactly ([char]'A')
            $c = "C"..[char]"A"
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly ([char]'C')
            $c[1] | Should -BeExactly ([char]'B')
            $c[2] | Should -BeExactly ([char]'A')
        }
        It 'compares piped letters with strings' {
            $c = 'a'..'c' | ForEach-Object { $_ }
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly "a"
            $c[1] | Should -BeExactly "b"
            $c[2] | Should -BeExactly "c"
            $c = 'C'..'A' | ForEach-Object { $_ }
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly "C"
            $c[1] | Should -BeExactly "B"
            $c[2] | Should -BeExactly "A"
        }
        It 'pipes ranges of cast chars' {
            $c = [char]'a'..[char]'c' | ForEach-Object { $_ }
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly "a"
            $c[1] | Should -BeExactly "b"
            $c[2] | Should -BeExactly "c"
            $c = [char]'C'..[char]'A' | ForEach-Object { $_ }
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly "C"
            $c[1] | Should -BeExactly "B"
            $c[2] | Should -BeExactly "A"
        }
        It 'takes letters from variables' {
            $from = 'a'
            $to = 'c'
            $c = $from..$to
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly "a"
            $c[1] | Should -BeExactly "b"
            $c[2] | Should -BeExactly "c"
            $c = [char]$to..[char]$from
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly "c"
            $c[1] | Should -BeExactly "b"
            $c[2] | Should -BeExactly "a"
            $c = $from..$to | ForEach-Object { $_ }
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly "a"
            $c[1] | Should -BeExactly "b"
            $c[2] | Should -BeExactly "c"
            $c = [char]$to..[char]$from | ForEach-Object { $_ }
            $c.count | Should -Be 3
            $c[0] | Should -BeExactly "c"
            $c[1] | Should -BeExactly "b"
            $c[2] | Should -BeExactly "a"
        }
        It 'covers letters outside ASCII' {
            $u = "`u{0110}".."`u{0114}"
            $u.count | Should -Be 5
            $u[0] | Should -Be "`u{0110}"[0]
            $u[1] | Should -Be "`u{0111}"[0]
            $u[2] | Should -Be "`u{0112}"[0]
            $u[3] | Should -Be "`u{0113}"[0]
            $u[4] | Should -Be "`u{0114}"[0]
            $u.Where({$_ -is [char]}).count | Should -Be 5
        }
        It 'reads digit strings as numbers unless cast to char' {
            $d = "0".."9"
            $d.count | Should -Be 10
            $d.Where({$_ -is [int]}).count | Should -Be 10
            $d = '0'..'9'
            $d.count | Should -Be 10
            $d.Where({$_ -is [int]}).count | Should -Be 10
            $d = [char]'0'..[char]'9'
            $d.count | Should -Be 10
            $d.Where({$_ -is [char]}).count | Should -Be 10
        }
    }

    Context 'operand types' {
        It 'rounds decimal bounds to integers' {
            $r = 1.1d..3.9d
            $r.count | Should -Be 4
            $r[0] | Should -Be 1
            $r[1] | Should -Be 2
            $r[2] | Should -Be 3
            $r[3] | Should -Be 4
            $r.Where({$_ -is [int]}).count | Should -Be 4
        }
    }
}

Complete-MiniPester
