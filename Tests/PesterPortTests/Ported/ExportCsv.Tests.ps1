# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Export-Csv.Tests.ps1: the #TYPE line
# (only with -IncludeTypeInformation; CSV: taken off; empty type names), -NoHeader, -LiteralPath,
# -NoClobber, -Force over a read-only file, -WhatIf, -Append (to an empty file, mismatched columns,
# -Force filling and dropping columns), quoting, special characters, -UseCulture, hashtables with
# nulls and -UseQuotes; the assertions, in hvsh's own code (a scratch folder for $TestDrive; the
# read-only file without -Force is left out: the suite may run as root, which the test skips).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("exportcsv-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
$testObject = @("test","object","array")
$testCsv = Join-Path -Path $scratch -ChildPath "output.csv"
$newLine = [environment]::NewLine
$P1 = [pscustomobject]@{"P1" = "first"}
$P2 = [pscustomobject]@{"P2" = "second"}
$P11 = [pscustomobject]@{"P1" = "eleventh"}
$testHashTable = @{ 'first' = "value1"; 'second' = $null; 'third' = "value3" }
function Reset-Csv { Remove-Item -Path $testCsv -Force -ErrorAction SilentlyContinue }

Describe 'Export-Csv' {
    It 'writes a file' {
        Reset-Csv
        { $testObject | Export-Csv -Path $testCsv -ErrorAction Stop } | Should -Not -Throw
    }
    It 'needs a path' {
        Reset-Csv
        { $testObject | Export-Csv -ErrorAction Stop } | Should -Throw -ErrorId "CannotSpecifyPathAndLiteralPath,Microsoft.PowerShell.Commands.ExportCsvCommand"
    }
    It 'types piped strings as strings' {
        Reset-Csv
        $testObject | Export-Csv -Path  $testCsv -IncludeTypeInformation
        $lines = Get-Content -Path $testCsv
        $lines[0] | Should -BeExactly "#TYPE System.String"
    }
    It 'types an -InputObject array as one array' {
        Reset-Csv
        Export-Csv -InputObject $testObject -Path $testCsv -IncludeTypeInformation
        $lines = Get-Content -Path $testCsv
        $lines[0] | Should -BeExactly "#TYPE System.Object[]"
    }
    It 'writes the Length of each string' {
        Reset-Csv
        $testObject | Export-Csv -Path $testCsv -IncludeTypeInformation
        $lines = Get-Content -Path $testCsv
        $lines[0] | Should -Be "#TYPE System.String"
        $lines[1] | Should -Be "`"Length`""
        $lines[2] | Should -Be ("`"" + $testObject[0].Length.ToString() + "`"")
        $lines[3] | Should -Be ("`"" + $testObject[1].Length.ToString() + "`"")
        $lines[4] | Should -Be ("`"" + $testObject[2].Length.ToString() + "`"")
    }
    It 'writes no type line by default or with -NoTypeInformation' {
        Reset-Csv
        $testObject | Export-Csv -Path $testCsv
        $lines = Get-Content -Path $testCsv
        $lines[0] | Should -Not -Match ([regex]::Escape("System.String"))
        $lines[0] | Should -Not -Match ([regex]::Escape("#TYPE"))
        $testObject | Export-Csv -Path $testCsv -NoTypeInformation
        $lines = Get-Content -Path $testCsv
        $lines[0] | Should -Not -Match ([regex]::Escape("System.String"))
        $lines[0] | Should -Not -Match ([regex]::Escape("#TYPE"))
    }
    It 'leaves the header out with -NoHeader' {
        Reset-Csv
        $P1 | Export-Csv -Path $testCsv -NoHeader
        $lines = Get-Content -Path $testCsv
        $lines | Should -BeExactly '"first"'
        $rows = Import-Csv -Path $testCsv -Header "P1"
        $rows[0].P1 | Should -BeExactly "first"
    }
    It 'leaves the header out of imported rows written with -NoHeader' {
        Reset-Csv
        $P1 | Export-Csv -Path $testCsv
        (Import-Csv -Path $testCsv) | Export-Csv -Path $testCsv -NoHeader
        $lines = Get-Content -Path $testCsv
        $lines | Should -BeExactly '"first"'
    }
    It 'writes the type line with -IncludeTypeInformation' {
        Reset-Csv
        $testObject | Export-Csv -Path $testCsv -IncludeTypeInformation
        $lines = Get-Content -Path $testCsv
        $lines[0] | Should -BeExactly "#TYPE System.String"
    }
    It 'takes -LiteralPath' {
        Reset-Csv
        $testObject | Export-Csv -LiteralPath $testCsv
        $rows = Import-Csv -Path  $testCsv
        $rows | Should -HaveCount 3
    }
    It 'overwrites without -NoClobber' {
        Reset-Csv
        $P1 | Export-Csv -Path $testCsv
        $P2 | Export-Csv -Path $testCsv
        $rows = Import-Csv -Path $testCsv
        $rows.P2 | Should -BeExactly "second"
    }
    It 'keeps the file with -NoClobber' {
        Reset-Csv
        $P1 | Export-Csv -Path $testCsv
        { $P2 | Export-Csv -Path $testCsv -NoClobber} | Should -Throw -ErrorId "NoClobber,Microsoft.PowerShell.Commands.ExportCsvCommand"
        $rows = Import-Csv -Path $testCsv
        $rows.P1 | Should -BeExactly "first"
    }
    It 'overwrites a read-only file with -Force' {
        Reset-Csv
        $P1 | Export-Csv -Path $testCsv
        Set-ItemProperty -Path $testCsv -Name IsReadOnly -Value $true
        $P2 | Export-Csv -Path $testCsv -Force
        $rows = Import-Csv -Path $testCsv
        $rows.P2 | Should -BeExactly "second"
    }
    It 'writes nothing with -WhatIf' {
        Reset-Csv
        $P1 | Export-Csv -Path $testCsv -WhatIf
        $testCsv | Should -Not -Exist
    }
    It 'appends with -Append' {
        Reset-Csv
        $P1 | Export-Csv -Path $testCsv
        $P11 | Export-Csv -Path $testCsv -Append
        $rows = Import-Csv -Path $testCsv
        $rows[0].P1 | Should -BeExactly "first"
        $rows[1].P1 | Should -BeExactly "eleventh"
    }
    It 'appends to an empty file with a header' {
        Reset-Csv
        New-Item -Path $testCsv -ItemType File | Out-Null
        $P11 | Export-Csv -Path $testCsv -Append
        $rows = Import-Csv -Path $testCsv
        $rows[0].P1 | Should -BeExactly "eleventh"
    }
    It 'refuses to append other columns' {
        Reset-Csv
        $P1 | Export-Csv -Path $testCsv
        { $P2 | Export-Csv -Path $testCsv -Append -ErrorAction Stop } | Should -Throw -ErrorId "CannotAppendCsvWithMismatchedPropertyNames,Microsoft.PowerShell.Commands.ExportCsvCommand"
        $rows = Import-Csv -Path $testCsv
        $rows[0].P1 | Should -BeExactly "first"
    }
    It 'appends with -Force: missing columns empty, extra ones dropped' {
        Reset-Csv
        $object1 = [PSCustomObject]@{first = 1; second = 2}
        $object2 = [PSCustomObject]@{first = 11; third = 13}
        $object1 | Export-Csv -Path $testCsv
        $object2 | Export-Csv -Path $testCsv -Append -Force
        $rows = Import-Csv -Path $testCsv
        $rows[0].first | Should -BeExactly "1"
        $rows[0].second | Should -BeExactly "2"
        $rows[1].first | Should -BeExactly "11"
        $rows[1].second | Should -BeNullOrEmpty
        $rows[1].PSObject.properties.Name | Should -Not -Contain 'third'
    }
    It 'refuses -Append with -NoHeader' {
        Reset-Csv
        { $P1 | Export-Csv -Path $testCsv -Append -NoHeader -ErrorAction Stop } | Should -Throw -ErrorId "CannotSpecifyBothAppendAndNoHeader,Microsoft.PowerShell.Commands.ExportCsvCommand"
    }
    It 'writes a bare #TYPE for an object without type names' {
        Reset-Csv
        $object = [PSCustomObject]@{first = 1}
        $names = $object.pstypenames | ForEach-Object -Process {$_}
        $names | ForEach-Object -Process {$object.pstypenames.Remove($_)} | Out-Null
        $object | Export-Csv -Path $testCsv -IncludeTypeInformation
        $content = Get-Content -Path $testCsv
        $content[0] | Should -BeExactly '#TYPE'
    }
    It 'takes the CSV prefix off the type name' {
        Reset-Csv
        $object = [PSCustomObject]@{first = 1}
        $object.pstypenames.Insert(0, "CSV:TheType")
        $object | Export-Csv -Path $testCsv -IncludeTypeInformation
        $content = Get-Content -Path $testCsv
        $content[0] | Should -BeExactly "#TYPE TheType"
    }
    It 'doubles a double quote' {
        Reset-Csv
        $object = [PSCustomObject]@{first = 'Double quote " in the middle.'}
        $object | Export-Csv -Path $testCsv
        $content = Get-Content -Path $testCsv
        $content[1] | Should -BeExactly '"Double quote "" in the middle."'
    }
    It 'round-trips plain values' {
        Reset-Csv
        $in = [pscustomobject]@{ "P1" = "V11"; "P2" = "V12"; "P3" = "V13" }
        $in | Export-Csv -Path $testCsv -NoTypeInformation
        $rows = Import-Csv -Path $testCsv
        $rows.P1 | Should -BeExactly "V11"
        $rows.P2 | Should -BeExactly "V12"
        $rows.P3 | Should -BeExactly "V13"
    }
    It 'round-trips spaces, commas and new lines' {
        Reset-Csv
        $v3 = "abc" + $newLine + "foo"
        $in = [pscustomobject]@{ "P1" = "  "; "P2" = "abc,foo"; "P3" = $v3}
        $in | Export-Csv -Path $testCsv -NoTypeInformation
        $rows = Import-Csv -Path $testCsv
        $rows.P1 | Should -BeExactly "  "
        $rows.P2 | Should -BeExactly "abc,foo"
        $rows.P3 | Should -BeExactly $v3
    }
    It 'separates with the culture''s list separator under -UseCulture' {
        $dir = Join-Path -Path $scratch -ChildPath "Monad"
        $file = Join-Path -Path $dir -ChildPath "CSVTests.csv"
        $delimiter = (Get-Culture).TextInfo.ListSeparator
        $null = New-Item -Path $dir -ItemType Directory -Force
        Get-Item -Path $dir | Export-Csv -Path $file -UseCulture -NoTypeInformation
        $contents = Get-Content -Path $file
        $contents.Count | Should -Be 2
        $contents[0].Contains($delimiter) | Should -BeTrue
        $contents[1].Contains($delimiter) | Should -BeTrue
    }
    It 'writes hashtables and objects with null values' {
        Reset-Csv
        { $testHashTable | Export-Csv -Path $testCsv } | Should -Not -Throw
        $obj = [pscustomobject]$testHashTable
        { $obj | Export-Csv -Path $testCsv } | Should -Not -Throw
    }
    It 'writes a hashtable''s keys as columns' {
        Reset-Csv
        $testHashTable | Export-Csv -Path $testCsv
        $row = Import-CSV -Path $testCsv
        $row.first | Should -BeExactly "value1"
        $row.second | Should -BeNullOrEmpty
        $row.third | Should -BeExactly "value3"
        $table = @{ 'first' = "value1"; 'second' = "value2" }
        $table | Export-Csv -Path $testCsv
        $rows = Import-CSV -Path $testCsv
        $rows.first | Should -BeExactly "value1"
        $rows.second | Should -BeExactly "value2"
    }
    Context '-UseQuotes' {
        $out = [pscustomobject]@{ FirstColumn = "Hello"; SecondColumn = "World" }
        $testFile = Join-Path -Path $scratch -ChildPath "output.csv"
        $testFile2 = Join-Path -Path $scratch -ChildPath "output2.csv"
        It 'quotes every field with Always, the default' {
            $out | Export-Csv -Path $testFile -UseQuotes Always -Delimiter ','
            $content = Get-Content -Path $testFile
            $content[0] | Should -BeExactly "`"FirstColumn`",`"SecondColumn`""
            $content[1] | Should -BeExactly "`"Hello`",`"World`""
            $out | Export-Csv -Path $testFile -UseQuotes Always -Delimiter ','
            $always = Get-Content -Raw -Path $testFile
            $out | Export-Csv -Path $testFile2 -Delimiter ','
            $default = Get-Content -Raw -Path $testFile2
            $always | Should -BeExactly $default
        }
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
