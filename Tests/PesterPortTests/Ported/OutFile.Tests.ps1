# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Out-File.Tests.ps1: -PSPath, -Append,
# strings and objects from the pipeline and -InputObject, -NoClobber and its alias -NoOverWrite, the
# table an object becomes (and its blank lines), -Width cutting with an ellipsis, -Force over a
# read-only file, and the Path alias; the assertions, in hvsh's own code (a scratch folder for
# $TestDrive).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("outfile-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch

Describe 'Out-File DRT' {
    It 'writes with -PSPath' {
        $tempFile = Join-Path -Path $scratch -ChildPath "ExposeBug928965"
        { 1 | Out-File -PSPath $tempFile } | Should -Not -Throw
        $fileContents = Get-Content $tempFile
        $fileContents | Should -Be 1
        Remove-Item $tempFile -Force
    }
    It 'appends with -Append' {
        $tempFile = Join-Path -Path $scratch -ChildPath "outfileAppendTest.txt"
        { 'This is first line.' | Out-File $tempFile } | Should -Not -Throw
        { 'This is second line.' | Out-File -Append $tempFile } | Should -Not -Throw
        $tempFile | Should -FileContentMatch "first"
        $tempFile | Should -FileContentMatch "second"
        Remove-Item $tempFile -Force
    }
}

Describe 'Out-File' {
    $expectedContent = "some test text"
    $inObject = New-Object psobject -Property @{text=$expectedContent}
    $testfile = Join-Path -Path $scratch -ChildPath outfileTest.txt
    function Reset-File { Remove-Item -Path $testfile -Force -ErrorAction SilentlyContinue }

    It 'runs with only a path' {
        { Out-File -FilePath $testfile }   | Should -Not -Throw
        Reset-File
    }
    It 'writes a piped string' {
        { $expectedContent | Out-File -FilePath $testfile } | Should -Not -Throw
        $actual = Get-Content $testfile
        $actual | Should -Be $expectedContent
        Reset-File
    }
    It 'writes an -InputObject string' {
        { Out-File -FilePath $testfile -InputObject $expectedContent } | Should -Not -Throw
        $actual = Get-Content $testfile
        $actual | Should -Be $expectedContent
        Reset-File
    }
    It 'writes objects' {
        { $inObject | Out-File -FilePath $testfile } | Should -Not -Throw
        { Out-File -FilePath $testfile -InputObject $inObject } | Should -Not -Throw
        Reset-File
    }
    It 'keeps the file with -NoClobber or -NoOverWrite' {
        Out-File -FilePath $testfile -InputObject $inObject
        { Out-File -FilePath $testfile -InputObject $inObject -NoClobber -ErrorAction SilentlyContinue }   | Should -Throw "*already exists."
        { Out-File -FilePath $testfile -InputObject $inObject -NoOverWrite -ErrorAction SilentlyContinue } | Should -Throw "*already exists."
        $actual = Get-Content $testfile
        $actual[0] | Should -BeNullOrEmpty
        $actual[1] | Should -Match "text"
        $actual[2] | Should -Match "----"
        $actual[3] | Should -Match "some test text"
        Reset-File
    }
    It 'appends a second table with -Append' {
        { Out-File -FilePath $testfile -InputObject $inObject }         | Should -Not -Throw
        { Out-File -FilePath $testfile -InputObject $inObject -Append } | Should -Not -Throw
        $actual = Get-Content $testfile
        $actual[0]  | Should -BeNullOrEmpty
        $actual[1]  | Should -Match "text"
        $actual[2]  | Should -Match "----"
        $actual[3]  | Should -Match "some test text"
        $actual[4]  | Should -BeNullOrEmpty
        $actual[5]  | Should -BeNullOrEmpty
        $actual[6]  | Should -Match "text"
        $actual[7]  | Should -Match "----"
        $actual[8]  | Should -Match "some test text"
        $actual[9]  | Should -BeNullOrEmpty
        $actual[10] | Should -BeNullOrEmpty
        Reset-File
    }
    It 'cuts lines at -Width with an ellipsis' {
        Out-File -FilePath $testfile -Width 10 -InputObject $inObject
        $actual = Get-Content $testfile
        $actual[0] | Should -BeNullOrEmpty
        $actual[1] | Should -BeExactly "text"
        $actual[2] | Should -BeExactly "----"
        $actual[3] | Should -BeExactly "some test`u{2026}"
        Reset-File
    }
    It 'appends to a read-only file with -Force' {
        { Out-File -FilePath $testfile -InputObject $inObject }                | Should -Not -Throw
        Set-ItemProperty -Path $testfile -Name IsReadOnly -Value $true
        { Out-File -FilePath $testfile -InputObject $inObject -Append -Force } | Should -Not -Throw
        $actual = Get-Content $testfile
        $actual[0]  | Should -BeNullOrEmpty
        $actual[1]  | Should -Match "text"
        $actual[2]  | Should -Match "----"
        $actual[3]  | Should -Match "some test text"
        $actual[4]  | Should -BeNullOrEmpty
        $actual[5]  | Should -BeNullOrEmpty
        $actual[6]  | Should -Match "text"
        $actual[7]  | Should -Match "----"
        $actual[8]  | Should -Match "some test text"
        $actual[9]  | Should -BeNullOrEmpty
        $actual[10] | Should -BeNullOrEmpty
        Set-ItemProperty -Path $testfile -Name IsReadOnly -Value $false
        Reset-File
    }
    It 'takes -Path for -FilePath' {
        { Out-File -Path $testfile } | Should -Not -Throw
        Reset-File
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
