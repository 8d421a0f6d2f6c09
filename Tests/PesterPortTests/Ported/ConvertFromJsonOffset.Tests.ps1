# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertFrom-Json.Tests.ps1: -DateKind
# Offset gives DateTimeOffsets (an offset kept as written, Z and -00:00 at +00:00, a time without a
# zone at the local offset), compared with EqualsExact; -AsHashtable gives an OrderedHashtable, a
# Hashtable keeping its keys' order (PowerShell 7.3 and later); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'ConvertFrom-Json -DateKind Offset' {
    It 'keeps the offset a date string gives' {
        $json = '"2022-11-02T12:01:44.5801388+04:00"' | ConvertFrom-Json -DateKind Offset
        $json | Should -BeOfType ([DateTimeOffset])
        $json.EqualsExact(([DateTimeOffset]::new(2022, 11, 2, 12, 1, 44, 580, 138, (New-TimeSpan -Hours 4)).AddTicks(8))) | Should -BeTrue
        $json = '"2022-11-02T12:01:44.5801388-04:00"' | ConvertFrom-Json -DateKind Offset
        $json.EqualsExact(([DateTimeOffset]::new(2022, 11, 2, 12, 1, 44, 580, 138, (New-TimeSpan -Hours -4)).AddTicks(8))) | Should -BeTrue
        $json = '"1970-01-01T00:00:00.0000000+10:00"' | ConvertFrom-Json -DateKind Offset
        $json.EqualsExact(([DateTimeOffset]::new(1970, 1, 1, 0, 0, 0, 0, 0, (New-TimeSpan -Hours 10)))) | Should -BeTrue
        $json = '"1970-01-01T00:00:00.0000000-10:00"' | ConvertFrom-Json -DateKind Offset
        $json.EqualsExact(([DateTimeOffset]::new(1970, 1, 1, 0, 0, 0, 0, 0, (New-TimeSpan -Hours -10)))) | Should -BeTrue
    }
    It 'puts UTC at +00:00' {
        $json = '"1970-01-01T00:00:00.0000000Z"' | ConvertFrom-Json -DateKind Offset
        $json.EqualsExact(([DateTimeOffset]::new(1970, 1, 1, 0, 0, 0, 0, 0, (New-TimeSpan -Hours 0)))) | Should -BeTrue
        $json = '"1970-01-01T00:00:00.0000000+00:00"' | ConvertFrom-Json -DateKind Offset
        $json.EqualsExact(([DateTimeOffset]::new(1970, 1, 1, 0, 0, 0, 0, 0, (New-TimeSpan -Hours 0)))) | Should -BeTrue
        $json = '"1970-01-01T00:00:00.0000000-00:00"' | ConvertFrom-Json -DateKind Offset
        $json.EqualsExact(([DateTimeOffset]::new(1970, 1, 1, 0, 0, 0, 0, 0, (New-TimeSpan -Hours 0)))) | Should -BeTrue
    }
    It 'reads a time without a zone as local' {
        $json = '"1970-01-01T00:00:00"' | ConvertFrom-Json -DateKind Offset
        $json.EqualsExact(([DateTimeOffset]::new([DateTime]::new(1970, 1, 1, 0, 0, 0, 0, 0, 'Local')))) | Should -BeTrue
    }
    It 'tells EqualsExact from Equals' {
        $a = [DateTimeOffset]::new(1970, 1, 1, 10, 0, 0, (New-TimeSpan -Hours 10))
        $b = [DateTimeOffset]::new(1970, 1, 1, 0, 0, 0, (New-TimeSpan -Hours 0))
        $a.Equals($b) | Should -BeTrue
        $a.EqualsExact($b) | Should -BeFalse
    }
}

Describe 'ConvertFrom-Json -AsHashtable' {
    It 'gives an OrderedHashtable, which is a Hashtable in its keys order' {
        $json = @('{"b" : "1", "a" : "2"}', '{"a" : "x"}') | ConvertFrom-Json -AsHashtable
        $json.Count | Should -Be 2
        $json[0] | Should -BeOfType Hashtable
        $json[0].GetType().FullName | Should -BeExactly 'System.Management.Automation.OrderedHashtable'
        $json[0].Keys -join ',' | Should -BeExactly 'b,a'
        $json[1].a | Should -Be 'x'
    }
}

Complete-MiniPester
