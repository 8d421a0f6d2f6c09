# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertFrom-Csv.Tests.ps1 and
# ImportExportCSV.Delimiter.Tests.ps1 (null and culture delimiters refused, a round trip through a file,
# a date's Ticks through every delimiter given explicitly): objects from piped lines, -Delimiter,
# columns, the #TYPE line's type names, -Header; the assertions, in hvsh's own code (a scratch folder
# for $TestDrive, the asset's three lines written there; the -UseCulture cases that set the culture's
# list separator are in CultureDelimiter.Tests.ps1).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("convertfromcsv-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
$testcsv = Join-Path $scratch 'TestCsv2.csv'
Set-Content -Path $testcsv -Value @(
    'Name,Planet,Heads,Arms,Brains,Assessment'
    'Zaphod BeebleBrox,Beetlgeuse,2,3,Indeterminate,Dangerous'
    'Arthur Dent,Earth,1,2,Some,Harmless (Mostly)')
$testObject = "a", "1"
$testName = "Zaphod BeebleBrox"
$testColumns = @"
a,b,c
1,2,3
"@
$testTypeData = @"
#TYPE My.Custom.Object
a,b,c
1,2,3
"@

Describe 'ConvertFrom-Csv' {
    It 'takes -InputObject and the pipeline' {
        { ConvertFrom-Csv -InputObject $testObject } | Should -Not -Throw
        { $testObject | ConvertFrom-Csv } | Should -Not -Throw
    }
    It 'makes custom objects from piped lines' {
        $lines = Get-Content $testcsv
        $rows = $lines | ConvertFrom-Csv
        ,$rows | Should -BeOfType System.Array
        $rows[0] | Should -BeOfType PSCustomObject
        $rows[0].Name | Should -Be $testName
    }
    It 'takes -Delimiter' {
        { $testcsv | ConvertFrom-Csv -Delimiter ";" } | Should -Not -Throw
        $lines = Get-Content $testcsv
        $rows = $lines | ConvertFrom-Csv -Delimiter ";"
        ,$rows | Should -BeOfType System.Array
        $rows[0] | Should -BeOfType PSCustomObject
        $rows.Length | Should -Be $($lines.Length - 1)
    }
    It 'makes one note property per column' {
        $data = $testColumns | ConvertFrom-Csv
        $count = $($( $data | Get-Member) | Where-Object {$_.MemberType -eq "NoteProperty" }).Length
        $count | Should -Be 3
    }
    It 'takes the type names from #TYPE' {
        $data = $testTypeData | ConvertFrom-Csv
        $data.PSObject.TypeNames.Count | Should -Be 2
        $data.PSObject.TypeNames[0] | Should -BeExactly "My.Custom.Object"
        $data.PSObject.TypeNames[1] | Should -BeExactly "CSV:My.Custom.Object"
    }
}

Describe 'ConvertFrom-Csv DRT' {
    It 'reads the header line as data under -Header' {
        $in = [pscustomobject]@{ First = 1; Second = 2 }
        $csv = $in | ConvertTo-Csv
        $result = $csv | ConvertFrom-Csv -Header "Header1","Header2"
        $result[0].Header1 | Should -BeExactly "First"
        $result[0].Header2 | Should -BeExactly "Second"
        $result[1].Header1 | Should -BeExactly "1"
        $result[1].Header2 | Should -BeExactly "2"
    }
}

Describe 'Export-Csv and Import-Csv delimiters' {
    $file = Join-Path $scratch 'file.csv'
    $d = Get-Date
    It 'refuses a null delimiter' {
        $d | Export-Csv $file
        { Import-Csv -Path $file -Delimiter $null } | Should -Throw "*Delimiter*"
    }
    It 'refuses -Delimiter with -UseCulture' {
        $d | Export-Csv $file
        { Import-Csv -Path $file -UseCulture "," } | Should -Throw "*','*"
    }
    It 'imports the properties it exported' {
        $a = [pscustomobject]@{ a = 1; b = 2; c = 3 }
        $a | Export-Csv $file
        $b = Import-Csv $file
        @($b.psobject.properties).count | Should -Be 3
        $b.a | Should -Be $a.a
        $b.b | Should -Be $a.b
        $b.c | Should -Be $a.c
    }
    It 'round-trips through every delimiter' {
        $d | Export-Csv $file -Delimiter '/'; (Import-Csv $file -Delimiter '/').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter ' '; (Import-Csv $file -Delimiter ' ').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '@'; (Import-Csv $file -Delimiter '@').Ticks | Should -Be $d.Ticks
        $hash = [char]35; $d | Export-Csv $file -Delimiter $hash; (Import-Csv $file -Delimiter $hash).Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '$'; (Import-Csv $file -Delimiter '$').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '\'; (Import-Csv $file -Delimiter '\').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '&'; (Import-Csv $file -Delimiter '&').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '('; (Import-Csv $file -Delimiter '(').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter ')'; (Import-Csv $file -Delimiter ')').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '{'; (Import-Csv $file -Delimiter '{').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '}'; (Import-Csv $file -Delimiter '}').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '|'; (Import-Csv $file -Delimiter '|').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '<'; (Import-Csv $file -Delimiter '<').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '>'; (Import-Csv $file -Delimiter '>').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter ';'; (Import-Csv $file -Delimiter ';').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter "'"; (Import-Csv $file -Delimiter "'").Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '"'; (Import-Csv $file -Delimiter '"').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '~'; (Import-Csv $file -Delimiter '~').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '!'; (Import-Csv $file -Delimiter '!').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '%'; (Import-Csv $file -Delimiter '%').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '^'; (Import-Csv $file -Delimiter '^').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '*'; (Import-Csv $file -Delimiter '*').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '_'; (Import-Csv $file -Delimiter '_').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '+'; (Import-Csv $file -Delimiter '+').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter ':'; (Import-Csv $file -Delimiter ':').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '?'; (Import-Csv $file -Delimiter '?').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '-'; (Import-Csv $file -Delimiter '-').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '='; (Import-Csv $file -Delimiter '=').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '['; (Import-Csv $file -Delimiter '[').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter ']'; (Import-Csv $file -Delimiter ']').Ticks | Should -Be $d.Ticks
        $d | Export-Csv $file -Delimiter '.'; (Import-Csv $file -Delimiter '.').Ticks | Should -Be $d.Ticks
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
