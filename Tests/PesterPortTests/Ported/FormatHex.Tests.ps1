# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Format-Hex.Tests.ps1 (one Should per
# test case instead of -TestCases; the class-defined and Add-Type enums become a built-in enum); the
# assertions, in hvsh's own code. A scratch folder stands in for Pester's $TestDrive.
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("formathex-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory $scratch
$inputFile1 = New-Item -Path "$scratch/SourceFile-1.txt"
Set-Content -LiteralPath $inputFile1.FullName -Value 'Hello World' -NoNewline
$inputFile2 = New-Item -Path "$scratch/SourceFile-2.txt"
Set-Content -LiteralPath $inputFile2.FullName -Value 'More text' -NoNewline
$inputFile3 = New-Item -Path "$scratch/SourceFile literal [3].txt"
Set-Content -LiteralPath $inputFile3.FullName -Value 'Literal path' -NoNewline
$inputFile4 = New-Item -Path "$scratch/SourceFile-4.txt"
Set-Content -LiteralPath $inputFile4.FullName -Value 'Now is the winter of our discontent' -NoNewline

Describe 'FormatHex -InputObject' {
    It 'writes one ByteCollection per value of a primitive type' {
        $result = Format-Hex -InputObject $true
        $result.Count | Should -Be 1
        $result | Should -BeOfType Microsoft.PowerShell.Commands.ByteCollection
        $result.ToString() | Should -MatchExactly '00000000   01 00 00 00'
        (Format-Hex -InputObject ([byte]5)).ToString() | Should -MatchExactly '00000000   05'
        (Format-Hex -InputObject ([byte[]](1, 2, 3, 4, 5))).ToString() | Should -MatchExactly '00000000   01 02 03 04 05                                   '
        (Format-Hex -InputObject 7).ToString() | Should -MatchExactly '00000000   07 00 00 00                                      '
        (Format-Hex -InputObject ([int[]](5, 6, 7, 8))).ToString() | Should -MatchExactly '00000000   05 00 00 00 06 00 00 00 07 00 00 00 08 00 00 00  '
        (Format-Hex -InputObject ([int32]2032)).ToString() | Should -MatchExactly '00000000   F0 07 00 00                                      ð'
        (Format-Hex -InputObject ([int32[]](2032, 2033, 2034))).ToString() | Should -MatchExactly '0000000000000000   F0 07 00 00 F1 07 00 00 F2 07 00 00              ð'
        (Format-Hex -InputObject ([Int64]9223372036854775807)).ToString() | Should -MatchExactly '0000000000000000   FF FF FF FF FF FF FF 7F                          ÿÿÿÿÿÿÿ'
        (Format-Hex -InputObject ([Int64[]](9223372036852, 9223372036853))).ToString() | Should -MatchExactly '0000000000000000   F4 5A D0 7B 63 08 00 00 F5 5A D0 7B 63 08 00 00  ôZÐ\{c'
        (Format-Hex -InputObject 'hello world').ToString() | Should -MatchExactly '0000000000000000   68 65 6C 6C 6F 20 77 6F 72 6C 64                 hello world'
        (Format-Hex -InputObject ([System.DayOfWeek[]]('Monday', 'Tuesday'))).ToString() | Should -MatchExactly '0000000000000000   01 00 00 00 02 00 00 00                          '
    }
}

Describe 'FormatHex from the pipeline' {
    It 'gathers values of one type into one group' {
        $result = 1, 2, 3, 'hello world' | Format-Hex
        $result.Count | Should -Be 2
        $result[0].ToString() | Should -MatchExactly ('0000000000000000   01 00 00 00 02 00 00 00 03 00 00 00              .   .   .   '.Replace('.', [char]0xFFFD))
        $result[1].ToString() | Should -MatchExactly '0000000000000000   68 65 6C 6C 6F 20 77 6F 72 6C 64                 hello world'
        $result[0].Label | Should -MatchExactly '^Int32 \(System\.Int32\) <[0-9A-F]{8}>$'
        $result[1].Label | Should -MatchExactly '^String \(System\.String\) <[0-9A-F]{8}>$'
    }
    It 'keeps arrays given whole apart' {
        $result = [sbyte[]](-15, 18, 21, -5), [byte[]](1, 2, 3, 4, 5, 6) | Format-Hex
        $result.Count | Should -Be 2
        $result[0].ToString() | Should -MatchExactly ('0000000000000000   F1 12 15 FB                                      ñ..û'.Replace('..', [string][char]0xFFFD * 2))
        $result[1].ToString() | Should -MatchExactly '0000000000000000   01 02 03 04 05 06'
        $result[0].Label | Should -MatchExactly 'System\.SByte\[\]'
    }
    It 'splits when the type changes' {
        $results = $true, $false, $true, 123, 100, 76, $true, $false | Format-Hex
        $results | Should -HaveCount 3
        $results[0] | Should -MatchExactly '0000000000000000   01 00 00 00 00 00 00 00 01 00 00 00'
        $results[1] | Should -MatchExactly '0000000000000000   7B 00 00 00 64 00 00 00 4C 00 00 00              \{   d   L'
        $results[2] | Should -MatchExactly '0000000000000000   01 00 00 00 00 00 00 00  '
        $results[1].Label | Should -MatchExactly 'System\.Int32'
    }
    It 'continues offsets over 16-byte lines and takes files from the pipeline' {
        $results = $inputFile1, 'Mountains are merely mountains', 1, 4, 5, 3, [ushort[]](1..10) | Format-Hex
        $results | Should -HaveCount 6
        $results[0] | Should -MatchExactly '0000000000000000   48 65 6C 6C 6F 20 57 6F 72 6C 64                 Hello World'
        $results[1] | Should -MatchExactly '0000000000000000   4D 6F 75 6E 74 61 69 6E 73 20 61 72 65 20 6D 65  Mountains are me'
        $results[2] | Should -MatchExactly '0000000000000010   72 65 6C 79 20 6D 6F 75 6E 74 61 69 6E 73        rely mountains'
        $results[4] | Should -MatchExactly '0000000000000000   01 00 02 00 03 00 04 00 05 00 06 00 07 00 08 00'
        $results[5] | Should -MatchExactly '0000000000000010   09 00 0A 00'
        $results[0].Label | Should -BeExactly $inputFile1.FullName
        $results[5].Label | Should -MatchExactly 'System\.UInt16\[\]'
    }
}

Describe 'FormatHex -Path and -LiteralPath' {
    It 'reads files by path, wildcard and literal path' {
        $result = Format-Hex -Path $inputFile1
        $result | Should -BeOfType Microsoft.PowerShell.Commands.ByteCollection
        $result[0].ToString() | Should -MatchExactly 'Hello World'
        $result = Format-Hex -Path $inputFile1, $inputFile2
        $result[1].ToString() | Should -MatchExactly 'More text'
        $result = Format-Hex -Path "$scratch/SourceFile-*"
        $result.Count | Should -Be 5
        $result[0].ToString() | Should -MatchExactly 'Hello World'
        $result = Format-Hex -LiteralPath $inputFile3
        $result[0].ToString() | Should -MatchExactly 'Literal path'
        $result[0].Path | Should -BeExactly $inputFile3.FullName
    }
    It 'reads a FileInfo from the pipeline' {
        $file = Join-Path $scratch 'FHX-LitPathTest.txt'
        'Hello World!' | Set-Content -Path $file
        $result = Get-Item -Path $file | Format-Hex
        $result.Bytes[-1] | Should -Be 0x0A
        $result.Bytes.Length | Should -Be 13
    }
    It 'reports a missing file and a type it cannot show' {
        { Format-Hex -Path (Join-Path $scratch 'nothing.txt') -ErrorAction Stop } | Should -Throw -ErrorId 'FileNotFound,Microsoft.PowerShell.Commands.FormatHex'
        { Format-Hex -InputObject ([decimal]1.5) -ErrorAction Stop } | Should -Throw -ErrorId 'FormatHexTypeNotSupported,Microsoft.PowerShell.Commands.FormatHex'
    }
}

Describe 'FormatHex -Count and -Offset' {
    It 'limits a file to -Count bytes from -Offset' {
        $result = Format-Hex -Path $inputFile4 -Count 3 -Offset 4
        $result.Bytes.Count | Should -Be 3
        $result.Offset64 | Should -Be 4
        [System.Text.Encoding]::ASCII.GetString($result.Bytes) | Should -BeExactly 'is '
        $result = Format-Hex -Path $inputFile4 -Offset 20
        [System.Text.Encoding]::ASCII.GetString($result.Bytes) | Should -BeExactly ' our discontent'
    }
    It 'limits a string the same way' {
        $result = 'Now is the winter' | Format-Hex -Count 3 -Offset 7
        [System.Text.Encoding]::ASCII.GetString($result.Bytes) | Should -BeExactly 'the'
        { Format-Hex -Path $inputFile4 -Count 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.FormatHex'
        { Format-Hex -Path $inputFile4 -Offset -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.FormatHex'
    }
    It 'encodes strings in -Encoding' {
        (Format-Hex -InputObject 'hi' -Encoding Unicode).HexBytes | Should -BeExactly '68 00 69 00'
        (Format-Hex -InputObject 'hé' -Encoding ASCII).HexBytes | Should -BeExactly '68 3F'
        (Format-Hex -InputObject 'hé').HexBytes | Should -BeExactly '68 C3 A9'
    }
}

Remove-Item $scratch -Recurse -Force
Complete-MiniPester
