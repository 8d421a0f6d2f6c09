# Ported from Modules/Microsoft.PowerShell.Utility/Compare-Object.Tests.ps1 (sync window, include/
# exclude switches, case sensitivity) and Import-Csv.Tests.ps1 (CR, LF and CRLF line ends); the
# assertions, in hvsh's own code. A scratch folder stands in for Pester's $TestDrive.
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("comparecsv-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
$nl = [Environment]::NewLine
$file3 = Join-Path $scratch 'test3.txt'
$file4 = Join-Path $scratch 'test4.txt'
$null = New-Item $file3 -ItemType file -Value ("line 1" + $nl + "line 2" + $nl + "line 3") -Force
$null = New-Item $file4 -ItemType file -Value ("line 1" + $nl + "line 2.1" + $nl + "Line 3") -Force

Describe 'Compare-Object' {
    It 'marks reference-only data' {
        $actualOutput = Compare-Object -ReferenceObject $(Get-Content $file3) -DifferenceObject $(Get-Content $file4)
        $actualOutput[1].SideIndicator | Should -BeExactly '<='
    }
    It 'shows equal data with -IncludeEqual' {
        $actualOutput = Compare-Object -ReferenceObject $(Get-Content $file3) -DifferenceObject $(Get-Content $file4) -IncludeEqual
        $actualOutput.Length | Should -Be 4
        $actualOutput[0].SideIndicator | Should -BeExactly '=='
        $actualOutput[1].SideIndicator | Should -BeExactly '=='
    }
    It 'tells cases apart with -CaseSensitive' {
        $caOutput = Compare-Object -ReferenceObject $(Get-Content $file3) -DifferenceObject $(Get-Content $file4) -CaseSensitive
        $ncaOutput = Compare-Object -ReferenceObject $(Get-Content $file3) -DifferenceObject $(Get-Content $file4)
        $caOutput.Length | Should -Be 4
        $ncaOutput[1].SideIndicator | Should -Not -Be $caOutput[1].SideIndicator
        $ncaOutput[2].SideIndicator | Should -Not -Be $caOutput[2].SideIndicator
        $ncaOutput[3].SideIndicator | Should -Not -Be $caOutput[3].SideIndicator
    }
    It 'fails for a null reference or difference set' {
        { Compare-Object -ReferenceObject $anonexistentvariable -DifferenceObject $(Get-Content $file4) } | Should -Throw
        { Compare-Object -ReferenceObject $(Get-Content $file3) -DifferenceObject $anonexistentvariable } | Should -Throw
    }
    It '-ExcludeDifferent shows only the equal lines' {
        (Compare-Object -ReferenceObject $(Get-Content $file3) -DifferenceObject $(Get-Content $file4) -ExcludeDifferent).Length | Should -Be 2
        (Compare-Object -ReferenceObject $(Get-Content $file3) -DifferenceObject $(Get-Content $file4) -IncludeEqual -ExcludeDifferent).Length | Should -Be 2
        @(Compare-Object -ReferenceObject $(Get-Content $file3) -DifferenceObject $(Get-Content $file4) -ExcludeDifferent -IncludeEqual:$false).Length | Should -Be 0
    }
    It 'a sync window shorter than the distance reports moved items as different' {
        $actualOutput = Compare-Object -ReferenceObject (1..15) -DifferenceObject (15..1) -SyncWindow 6
        $actualOutput[0].InputObject | Should -Be 15
        $actualOutput[1].InputObject | Should -Be 1
        $actualOutput[2].InputObject | Should -Be 1
        $actualOutput[3].InputObject | Should -Be 15
        $actualOutput[0].SideIndicator | Should -BeExactly '=>'
        $actualOutput[1].SideIndicator | Should -BeExactly '<='
        $actualOutput[2].SideIndicator | Should -BeExactly '=>'
        $actualOutput[3].SideIndicator | Should -BeExactly '<='
    }
    It 'a sync window of 0 compares position by position' {
        $r = Compare-Object -ReferenceObject 1, 2, 3 -DifferenceObject 1, 3, 2 -SyncWindow 0
        $r.Count | Should -Be 4
        ($r | ForEach-Object { "$($_.InputObject)$($_.SideIndicator)" }) -join ' ' | Should -BeExactly '3=> 2<= 2=> 3<='
    }
    It 'equal objects come out in the order the walk finds them' {
        (Compare-Object (1..3) (3..1) -IncludeEqual | ForEach-Object InputObject) -join ',' | Should -BeExactly '2,1,3'
    }
}

Describe 'Import-Csv with different newlines' {
    It 'reads CR line ends' {
        $csvFile = Join-Path $scratch 'cr.csv'
        "h1,h2,h3`r11,12,13`r21,22,23`r" | Out-File -FilePath $csvFile
        $returnObject = Import-Csv -Path $csvFile -Delimiter ','
        $returnObject.Count | Should -Be 2
        $returnObject[0].h1 | Should -Be 11
        $returnObject[0].h3 | Should -Be 13
        $returnObject[1].h2 | Should -Be 22
    }
    It 'reads LF line ends' {
        $csvFile = Join-Path $scratch 'lf.csv'
        "h1,h2,h3`n11,12,13`n21,22,23`n" | Out-File -FilePath $csvFile
        $returnObject = Import-Csv -Path $csvFile -Delimiter ','
        $returnObject.Count | Should -Be 2
        $returnObject[1].h3 | Should -Be 23
    }
    It 'reads CRLF line ends' {
        $csvFile = Join-Path $scratch 'crlf.csv'
        "h1,h2,h3`r`n11,12,13`r`n21,22,23`r`n" | Out-File -FilePath $csvFile
        $returnObject = Import-Csv -Path $csvFile -Delimiter ','
        $returnObject.Count | Should -Be 2
        $returnObject[0].h2 | Should -Be 12
        $returnObject[1].h1 | Should -Be 21
    }
    It 'keeps a line break inside quotes' {
        $csvFile = Join-Path $scratch 'quoted.csv'
        "a,b`r`n1,`"x`r`ny`"`r`n2,3" | Set-Content $csvFile
        $r = Import-Csv $csvFile
        $r.Count | Should -Be 2
        $r[0].b | Should -BeExactly "x`r`ny"
    }
}

Remove-Item $scratch -Recurse -Force
Complete-MiniPester
