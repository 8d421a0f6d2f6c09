# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-SecureRandom.Tests.ps1: the
# type and range of the number for each kind of bound, with and without -Count, the refused
# ranges, picks from -InputObject and -Shuffle, and no -SetSeed; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Get-SecureRandom numbers' {
    It 'has the type and range its bounds ask for, one number or -Count of them' {
        $n = Get-SecureRandom -Maximum $null -Minimum $null
        $n | Should -BeGreaterThan (-1)
        $n | Should -BeLessThan ([int32]::MaxValue)
        $n | Should -BeOfType 'System.Int32'
        $three = Get-SecureRandom -Maximum $null -Minimum $null -Count 3
        $three.Count | Should -Be 3
        ($three | Where-Object { $_ -gt (-1) -and $_ -lt ([int32]::MaxValue) -and $_ -is [System.Int32] }).Count | Should -Be 3
        $n = Get-SecureRandom -Maximum (0) -Minimum (-100)
        $n | Should -BeGreaterThan (-101)
        $n | Should -BeLessThan (0)
        $n | Should -BeOfType 'System.Int32'
        $n = Get-SecureRandom -Maximum '8' -Minimum (5)
        $n | Should -BeGreaterThan (4)
        $n | Should -BeLessThan (8)
        $n | Should -BeOfType 'System.Int32'
        $n = Get-SecureRandom -Maximum '+100' -Minimum '-100'
        $n | Should -BeGreaterThan (-101)
        $n | Should -BeLessThan (100)
        $n | Should -BeOfType 'System.Int32'
        $three = Get-SecureRandom -Maximum '+100' -Minimum '-100' -Count 3
        $three.Count | Should -Be 3
        ($three | Where-Object { $_ -gt (-101) -and $_ -lt (100) -and $_ -is [System.Int32] }).Count | Should -Be 3
        $n = Get-SecureRandom -Maximum '1kb' -Minimum (0)
        $n | Should -BeGreaterThan (-1)
        $n | Should -BeLessThan (1024)
        $n | Should -BeOfType 'System.Int32'
        $n = Get-SecureRandom -Maximum ([int64]::MaxValue) -Minimum $null
        $n | Should -BeGreaterThan ([int64]-1)
        $n | Should -BeLessThan ([int64]::MaxValue)
        $n | Should -BeOfType 'System.Int64'
        $n = Get-SecureRandom -Maximum (100000000000) -Minimum $null
        $n | Should -BeGreaterThan ([int64]-1)
        $n | Should -BeLessThan (100000000000)
        $n | Should -BeOfType 'System.Int64'
        $three = Get-SecureRandom -Maximum (100000000000) -Minimum $null -Count 3
        $three.Count | Should -Be 3
        ($three | Where-Object { $_ -gt ([int64]-1) -and $_ -lt (100000000000) -and $_ -is [System.Int64] }).Count | Should -Be 3
        $n = Get-SecureRandom -Maximum '1tb' -Minimum '10mb'
        $n | Should -BeGreaterThan ([int64]10485759)
        $n | Should -BeLessThan ([int64]1099511627776)
        $n | Should -BeOfType 'System.Int64'
        $n = Get-SecureRandom -Maximum ([int64]::MaxValue) -Minimum ([int64]::MinValue)
        $n | Should -BeGreaterThan ([int64]::MinValue)
        $n | Should -BeLessThan ([int64]::MaxValue)
        $n | Should -BeOfType 'System.Int64'
        $n = Get-SecureRandom -Maximum '100099000001' -Minimum (100000000001)
        $n | Should -BeGreaterThan ([int64]10000000000)
        $n | Should -BeLessThan ([int64]100099000001)
        $n | Should -BeOfType 'System.Int64'
        $three = Get-SecureRandom -Maximum '100099000001' -Minimum (100000000001) -Count 3
        $three.Count | Should -Be 3
        ($three | Where-Object { $_ -gt ([int64]10000000000) -and $_ -lt ([int64]100099000001) -and $_ -is [System.Int64] }).Count | Should -Be 3
        $n = Get-SecureRandom -Maximum (100.0) -Minimum $null
        $n | Should -BeGreaterThan (-1.0)
        $n | Should -BeLessThan (100.0)
        $n | Should -BeOfType 'System.Double'
        $n = Get-SecureRandom -Maximum (8) -Minimum (5.0)
        $n | Should -BeGreaterThan (4.0)
        $n | Should -BeLessThan (8.0)
        $n | Should -BeOfType 'System.Double'
        $n = Get-SecureRandom -Maximum '+100.0' -Minimum (0)
        $n | Should -BeGreaterThan (-1.0)
        $n | Should -BeLessThan (100.0)
        $n | Should -BeOfType 'System.Double'
        $three = Get-SecureRandom -Maximum '+100.0' -Minimum (0) -Count 3
        $three.Count | Should -Be 3
        ($three | Where-Object { $_ -gt (-1.0) -and $_ -lt (100.0) -and $_ -is [System.Double] }).Count | Should -Be 3
        $n = Get-SecureRandom -Maximum $null -Minimum (1.0e+100)
        $n | Should -BeGreaterThan (1.0e+99)
        $n | Should -BeLessThan ([double]::MaxValue)
        $n | Should -BeOfType 'System.Double'
        $n = Get-SecureRandom -Maximum ([double]::MaxValue) -Minimum ([double]::MinValue)
        $n | Should -BeGreaterThan ([double]::MinValue)
        $n | Should -BeLessThan ([double]::MaxValue)
        $n | Should -BeOfType 'System.Double'
    }
    It 'refuses a minimum not below the maximum' {
        { Get-SecureRandom -Maximum 10 -Minimum 20 } | Should -Throw -ErrorId 'MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetSecureRandomCommand'
        { Get-SecureRandom -Maximum 20 -Minimum 20 } | Should -Throw -ErrorId 'MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetSecureRandomCommand'
        { Get-SecureRandom -Maximum -20 -Minimum -10 } | Should -Throw -ErrorId 'MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetSecureRandomCommand'
        { Get-SecureRandom -Maximum 10.0 -Minimum 20.0 } | Should -Throw -ErrorId 'MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetSecureRandomCommand'
        { Get-SecureRandom -Maximum -20.0 -Minimum -20.0 } | Should -Throw -ErrorId 'MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetSecureRandomCommand'
        { Get-SecureRandom -Maximum -10 -Minimum $null } | Should -Throw -ErrorId 'MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetSecureRandomCommand'
    }
    It 'reads a hexadecimal maximum' {
        $n = Get-SecureRandom 0x07FFFFFFFFF
        $n | Should -BeLessThan 549755813887
        $n | Should -BeGreaterThan 0
    }
}

Describe 'Get-SecureRandom picks' {
    It 'picks -Count distinct items, at most all of them' {
        $picked = Get-SecureRandom -InputObject 1, 2, 3, 5, 8, 13 -Count 3
        $picked.Count | Should -Be 3
        ($picked | Sort-Object -Unique).Count | Should -Be 3
        ($picked | Where-Object { $_ -in 1, 2, 3, 5, 8, 13 }).Count | Should -Be 3
        $all = Get-SecureRandom -InputObject 1, 2, 3, 5, 8, 13 -Count ([int]::MaxValue)
        $all.Count | Should -Be 6
        ($all | Sort-Object) -join ',' | Should -BeExactly '1,2,3,5,8,13'
    }
    It 'shuffles all input with -Shuffle, picks one with -Shuffle:$false' {
        $shuffled = 1, 2, 3, 5, 8, 13 | Get-SecureRandom -Shuffle
        $shuffled.Count | Should -Be 6
        ($shuffled | Sort-Object) -join ',' | Should -BeExactly '1,2,3,5,8,13'
        @(Get-SecureRandom -InputObject 1, 2, 3, 5, 8, 13 -Shuffle:$false).Count | Should -Be 1
    }
    It 'picks from collections holding an empty string or $null' {
        Get-SecureRandom -InputObject @('a', 'b', '') | Should -BeIn 'a', 'b', ''
        Get-SecureRandom -InputObject @('a', 'b', $null) | Should -BeIn 'a', 'b', $null
        @(1..20 | ForEach-Object { Get-SecureRandom -InputObject @('a', 'b', '') } | Where-Object { $_ -notin 'a', 'b', '' }).Count | Should -Be 0
    }
    It 'has no -SetSeed' {
        (Get-Command Get-SecureRandom).Parameters['SetSeed'] | Should -BeNullOrEmpty
        { Get-SecureRandom -SetSeed 1 } | Should -Throw -ErrorId 'NamedParameterNotFound,Microsoft.PowerShell.Commands.GetSecureRandomCommand'
    }
}

Complete-MiniPester
