# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Tee-Object.Tests.ps1 (each -Encoding
# name, a code page number) with the same encodings through Out-File, Set-Content and Get-Content
# -Encoding/-AsByteStream; the assertions, in hvsh's own code (a scratch folder for $TestDrive).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("teeencoding-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
$teefile = Join-Path $scratch 'testfile.txt'
$unicodeTestString = "A1£ę௸🤔"

Describe 'Tee-Object -Encoding' {
    It 'writes and reads back each encoding' {
        Write-Output -InputObject 'teeobjecttest1' | Tee-Object -FilePath $teefile -Encoding ascii
        Get-Content -Path $teefile -Encoding ascii | Should -BeExactly 'teeobjecttest1'
        Write-Output -InputObject $unicodeTestString | Tee-Object -FilePath $teefile -Encoding bigendianunicode
        Get-Content -Path $teefile -Encoding bigendianunicode | Should -BeExactly $unicodeTestString
        Write-Output -InputObject $unicodeTestString | Tee-Object -FilePath $teefile -Encoding default
        Get-Content -Path $teefile -Encoding default | Should -BeExactly $unicodeTestString
        Write-Output -InputObject 'téèõbjêcttëst1' | Tee-Object -FilePath $teefile -Encoding latin1
        Get-Content -Path $teefile -Encoding latin1 | Should -BeExactly 'téèõbjêcttëst1'
        Write-Output -InputObject $unicodeTestString | Tee-Object -FilePath $teefile -Encoding unicode
        Get-Content -Path $teefile -Encoding unicode | Should -BeExactly $unicodeTestString
        Write-Output -InputObject $unicodeTestString | Tee-Object -FilePath $teefile -Encoding utf32
        Get-Content -Path $teefile -Encoding utf32 | Should -BeExactly $unicodeTestString
        Write-Output -InputObject $unicodeTestString | Tee-Object -FilePath $teefile -Encoding utf7
        Get-Content -Path $teefile -Encoding utf7 | Should -BeExactly $unicodeTestString
        Write-Output -InputObject $unicodeTestString | Tee-Object -FilePath $teefile -Encoding utf8
        Get-Content -Path $teefile -Encoding utf8 | Should -BeExactly $unicodeTestString
    }
    It 'takes a code page number' {
        'ф' | Tee-Object -Encoding 1251 $teefile
        Get-Content $teefile -Encoding 1251 | Should -BeExactly 'ф'
        (Get-Content $teefile -AsByteStream) -join '-' | Should -BeExactly '244-10'
    }
    It 'writes a preamble only for the encodings that have one' {
        'a' | Tee-Object -FilePath $teefile -Encoding unicode | Out-Null
        (Get-Content $teefile -AsByteStream) -join '-' | Should -BeExactly '255-254-97-0-10-0'
        'a' | Tee-Object -FilePath $teefile -Encoding utf8BOM | Out-Null
        (Get-Content $teefile -AsByteStream) -join '-' | Should -BeExactly '239-187-191-97-10'
        'a' | Tee-Object -FilePath $teefile -Encoding utf8 | Out-Null
        (Get-Content $teefile -AsByteStream) -join '-' | Should -BeExactly '97-10'
        'a' | Tee-Object -FilePath $teefile -Encoding bigendianutf32 | Out-Null
        (Get-Content $teefile -AsByteStream) -join '-' | Should -BeExactly '0-0-254-255-0-0-0-97-0-0-0-10'
    }
    It 'refuses an encoding name it does not know' {
        { 'a' | Tee-Object -FilePath $teefile -Encoding nosuchencoding } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,Microsoft.PowerShell.Commands.TeeObjectCommand'
    }
    It 'takes -LiteralPath' {
        $r = 'x', 'y' | Tee-Object -LiteralPath $teefile
        $r | Should -Be @('x', 'y')
        Get-Content $teefile | Should -Be @('x', 'y')
    }
}

Describe 'Out-File, Set-Content and Add-Content -Encoding' {
    It 'Out-File writes UTF-16 with its byte order mark' {
        'hi' | Out-File $teefile -Encoding unicode
        (Get-Content $teefile -AsByteStream) -join '-' | Should -BeExactly '255-254-104-0-105-0-10-0'
        Get-Content $teefile | Should -BeExactly 'hi'
    }
    It 'Add-Content appends without a second preamble' {
        Set-Content $teefile -Value 'a' -Encoding utf8BOM
        Add-Content $teefile -Value 'b' -Encoding utf8BOM
        (Get-Content $teefile -AsByteStream) -join '-' | Should -BeExactly '239-187-191-97-10-98-10'
        Get-Content $teefile | Should -Be @('a', 'b')
    }
    It 'Get-Content -AsByteStream -Raw gives one byte array' {
        Set-Content $teefile -Value 'ab' -NoNewline
        $bytes = Get-Content $teefile -AsByteStream -Raw
        $bytes.GetType().FullName | Should -BeExactly 'System.Byte[]'
        $bytes.Count | Should -Be 2
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
