# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Random.Tests.ps1: the type and
# range of the number written for each kind of bound; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Get-Random numbers by the type of their bounds' {
    It 'no bounds, or $null ones, give an Int32 below [int]::MaxValue' {
        $r = Get-Random
        $r | Should -BeOfType 'System.Int32'
        $r | Should -BeGreaterOrEqual 0
        Get-Random -Maximum $null -Minimum $null | Should -BeOfType 'System.Int32'
    }
    It 'Int32 bounds, also written as strings, give an Int32 in [min, max)' {
        $r = Get-Random -Maximum '8' -Minimum 5
        $r | Should -BeOfType 'System.Int32'
        $r | Should -BeGreaterThan 4
        $r | Should -BeLessThan 8
        Get-Random -Maximum '1kb' -Minimum 0 | Should -BeLessThan 1024
        Get-Random -Maximum '+100' -Minimum '-100' | Should -BeOfType 'System.Int32'
    }
    It 'an Int64 bound gives an Int64' {
        Get-Random -Maximum ([int64]100) | Should -BeOfType 'System.Int64'
        $r = Get-Random -Maximum ([int64]0) -Minimum '-100'
        $r | Should -BeOfType 'System.Int64'
        $r | Should -BeGreaterThan ([int64]-101)
        $r | Should -BeLessThan ([int64]0)
        Get-Random -Maximum '+100' -Minimum ([int64]0) | Should -BeOfType 'System.Int64'
        Get-Random -Maximum '1tb' -Minimum '10mb' | Should -BeOfType 'System.Int64'
        Get-Random -Maximum 100000000000 | Should -BeOfType 'System.Int64'
    }
    It 'a double bound, also written as a string, gives a double' {
        Get-Random -Maximum '+100.0' -Minimum 0 | Should -BeOfType 'System.Double'
        Get-Random -Maximum 8 -Minimum 5.0 | Should -BeOfType 'System.Double'
        $r = Get-Random -Minimum 1.0e+100
        $r | Should -BeOfType 'System.Double'
        $r | Should -BeGreaterThan 1.0e+99
    }
    It 'stays finite between [double]::MinValue and [double]::MaxValue' {
        $r = Get-Random -Maximum ([double]::MaxValue) -Minimum ([double]::MinValue) -Count 3
        $r | Should -HaveCount 3
        [double]::IsInfinity($r[0]) | Should -BeFalse
        $r[0] | Should -BeLessThan ([double]::MaxValue)
    }
    It 'refuses a minimum not below the maximum' {
        { Get-Random -Maximum 20 -Minimum 20 } | Should -Throw -ErrorId 'MinGreaterThanOrEqualMax'
        { Get-Random -Maximum -10 } | Should -Throw -ErrorId 'MinGreaterThanOrEqualMax'
        { Get-Random -Maximum -20.0 -Minimum -10.0 } | Should -Throw -ErrorId 'MinGreaterThanOrEqualMax'
    }
}

Describe 'Get-Random seeds and operands' {
    It 'a seed gives the same number for the same bound however it is written' {
        $first = Get-Random 0x07FFFFFFFF -SetSeed 20
        $second = Get-Random 34359738367 -SetSeed 20
        $first | Should -Be $second
    }
    It 'a seeded sequence is the one System.Random gives PowerShell' {
        $series = @(Get-Random -Maximum 100 -SetSeed 23) + (1..3 | ForEach-Object { Get-Random -Maximum 100 })
        $series -join ',' | Should -BeExactly '32,25,93,95'
    }
    It 'a hexadecimal bound too large for a number is a conversion error' {
        { Get-Random 0x07FFFFFFFFFFFFFFFF } | Should -Throw '*Value was either too large or too small for a UInt32*'
    }
    It 'a bound that is not a number is a conversion error' {
        { Get-Random -Maximum abc } | Should -Throw '*to type "System.Int32"*'
    }
}

Complete-MiniPester
