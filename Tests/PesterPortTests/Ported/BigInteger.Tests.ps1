# Ported from test/powershell/Language/Parser/Parser.Tests.ps1 (BigInteger numeric literals, the `n`
# suffix with decimal, real, hex and binary forms and multipliers), Language/Parser/Conversions.Tests.ps1
# ($null, Booleans and suffixed strings to [bigint]) and Modules/Microsoft.PowerShell.Utility/
# ConvertTo-Json.Tests.ps1 and Json.Tests.ps1 (BigInteger values); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'BigInteger numeric literals' {
    It '0n, 10n, -10n, +10n' {
        $r = Invoke-Expression '0n'; $r | Should -BeExactly '0'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '10n'; $r | Should -BeExactly '10'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '-10n'; $r | Should -BeExactly '-10'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '+10n'; $r | Should -BeExactly '10'; $r.GetType() | Should -BeExactly ([bigint])
    }
    It 'real forms: 0.0n, 2.5n, -2.5n, 0e0n, 3e2n, -3e2n' {
        $r = Invoke-Expression '0.0n'; $r | Should -BeExactly '0'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '2.5n'; $r | Should -BeExactly '2'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '-2.5n'; $r | Should -BeExactly '-2'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '0e0n'; $r | Should -BeExactly '0'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '3e2n'; $r | Should -BeExactly '300'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '-3e2n'; $r | Should -BeExactly '-300'; $r.GetType() | Should -BeExactly ([bigint])
    }
    It 'hex forms: 0x0n, 0x41n, -0x41n' {
        $r = Invoke-Expression '0x0n'; $r | Should -BeExactly '0'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '0x41n'; $r | Should -BeExactly '65'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '-0x41n'; $r | Should -BeExactly '-65'; $r.GetType() | Should -BeExactly ([bigint])
    }
    It 'binary forms: 0b0n, 0b10n, -0b10n, 0b11111111n' {
        $r = Invoke-Expression '0b0n'; $r | Should -BeExactly '0'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '0b10n'; $r | Should -BeExactly '2'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '-0b10n'; $r | Should -BeExactly '-2'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '0b11111111n'; $r | Should -BeExactly '-1'; $r.GetType() | Should -BeExactly ([bigint])
    }
    It 'multipliers: 1Nkb, 1Nmb, 1Ngb, 1Ntb, 1Npb' {
        $r = Invoke-Expression '1Nkb'; $r | Should -BeExactly '1024'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '1Nmb'; $r | Should -BeExactly '1048576'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '1Ngb'; $r | Should -BeExactly '1073741824'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '1Ntb'; $r | Should -BeExactly '1099511627776'; $r.GetType() | Should -BeExactly ([bigint])
        $r = Invoke-Expression '1Npb'; $r | Should -BeExactly '1125899906842624'; $r.GetType() | Should -BeExactly ([bigint])
    }
}

Describe 'Conversions to [bigint]' {
    It 'Correctly casts 1234s to value 1234 as type bigint' {
        $Result = '1234s' -as [bigint]
        $Result | Should -Be '1234'
        $Result | Should -BeOfType ([bigint])
    }
    It 'should correctly convert $null to bigint as 0n' {
        $result = $null -as [bigint]
        $result | Should -Be 0n
        $result | Should -BeOfType ([bigint])
    }
    It 'should correctly convert True to bigint as 1n' {
        $result = $true -as [bigint]
        $result | Should -Be 1n
        $result | Should -BeOfType ([bigint])
    }
    It 'should correctly convert False to bigint as 0n' {
        $result = $false -as [bigint]
        $result | Should -Be 0n
        $result | Should -BeOfType ([bigint])
    }
    It 'the accelerator names System.Numerics.BigInteger' {
        [bigint] | Should -Be ([System.Numerics.BigInteger])
        [bigint].FullName | Should -BeExactly 'System.Numerics.BigInteger'
    }
}

Describe 'BigInteger in JSON' {
    It 'Should serialize BigInteger values' {
        18446744073709551615n | ConvertTo-Json | Should -BeExactly '18446744073709551615'
        @{ val = 18446744073709551615n } | ConvertTo-Json -Compress | Should -BeExactly '{"val":18446744073709551615}'
    }
    It 'Parse serialized BigInteger' {
        [pscustomobject]@{ BigIntVal = [bigint]::Parse('99999999999999999999') } | ConvertTo-Json -Compress | Should -BeExactly '{"BigIntVal":99999999999999999999}'
    }
    It 'a number beyond Int64 and Decimal reads as BigInteger' {
        ConvertFrom-Json -InputObject '50000000000000000000000000000000000' | Should -BeOfType ([BigInt])
    }
}

Describe 'BigInteger arithmetic' {
    It 'keeps every digit' {
        $a = [bigint]'123456789012345678901234567890'
        ($a * $a).ToString() | Should -BeExactly '15241578753238836750495351562536198787501905199875019052100'
        ($a + 1).ToString() | Should -BeExactly '123456789012345678901234567891'
        ($a - $a) | Should -Be 0
        ([bigint]::Pow(2, 100)).ToString() | Should -BeExactly '1267650600228229401496703205376'
        (-7n / 2n) | Should -Be -3
        (-7n % 2n) | Should -Be -1
        (2n -lt 3) | Should -BeTrue
    }
}

Complete-MiniPester
