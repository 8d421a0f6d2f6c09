# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Import-Csv.Tests.ps1 ("Double Quote
# Delimiter": a file bound to -Path and -LiteralPath from the pipeline, as a FileInfo, a string and an
# object's Path/LiteralPath property holding Join-Path's output; an empty header name becomes H1) and
# the warning PowerShell writes for default header names; the assertions, in hvsh's own code (a scratch
# folder for $TestDrive).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("importcsvpipe-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
$emptyValueCsv = @'
a1""a3
v1"v2"v3
'@
$withValueCsv = @'
a1"a2"a3
v1"v2"v3
'@
$quotedCharacterCsv = @'
a1,a2,a3
v1,"v2",v3
'@

Describe 'Import-Csv Double Quote Delimiter' {
    It 'binds a file to -LiteralPath and -Path from the pipeline' {
        $testPath = Join-Path $scratch 'EmptyValue.csv'
        Set-Content $testPath -Value $emptyValueCsv
        ((Get-ChildItem -Path $testPath | Import-Csv -Delimiter '"' -WarningAction SilentlyContinue)[0].psobject.Properties.Name -join ',') | Should -BeExactly 'a1,H1,a3'
        (($testPath | Import-Csv -Delimiter '"' -WarningAction SilentlyContinue)[0].psobject.Properties.Name -join ',') | Should -BeExactly 'a1,H1,a3'
        (([pscustomobject]@{ LiteralPath = $testPath } | Import-Csv -Delimiter '"' -WarningAction SilentlyContinue)[0].psobject.Properties.Name -join ',') | Should -BeExactly 'a1,H1,a3'
        (([pscustomobject]@{ Path = $testPath } | Import-Csv -Delimiter '"' -WarningAction SilentlyContinue)[0].psobject.Properties.Name -join ',') | Should -BeExactly 'a1,H1,a3'
    }
    It 'reads a quote delimiter with values' {
        $testPath = Join-Path $scratch 'WithValue.csv'
        Set-Content $testPath -Value $withValueCsv
        (([pscustomobject]@{ Path = $testPath } | Import-Csv -Delimiter '"' -WarningAction SilentlyContinue)[0].psobject.Properties.Name -join ',') | Should -BeExactly 'a1,a2,a3'
        ($testPath | Import-Csv -Delimiter '"' -WarningAction SilentlyContinue).a2 | Should -BeExactly 'v2'
    }
    It 'reads a quoted value with a comma delimiter' {
        $testPath = Join-Path $scratch 'QuotedCharacter.csv'
        Set-Content $testPath -Value $quotedCharacterCsv
        (([pscustomobject]@{ Path = $testPath } | Import-Csv -Delimiter ',')[0].psobject.Properties.Name -join ',') | Should -BeExactly 'a1,a2,a3'
    }
}

Describe 'Import-Csv and ConvertFrom-Csv default header names' {
    It 'numbers only the empty names, and warns once' {
        $r = 'a,,b,', '1,2,3,4', '5,6,7,8' | ConvertFrom-Csv -WarningVariable w -WarningAction SilentlyContinue
        ($r[0].psobject.Properties.Name -join ',') | Should -BeExactly 'a,H1,b'
        $w.Count | Should -Be 1
        "$($w[0])" | Should -BeExactly 'One or more headers were not specified. Default names starting with "H" have been used in place of any missing headers.'
    }
    It 'does not warn when every name is given' {
        $null = 'a,b', '1,2' | ConvertFrom-Csv -WarningVariable w
        $w.Count | Should -Be 0
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
