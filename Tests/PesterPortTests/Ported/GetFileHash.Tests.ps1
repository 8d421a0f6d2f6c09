# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-FileHash.Tests.ps1 (one Should per
# algorithm instead of -TestCases); the assertions, in hvsh's own code. A scratch folder stands in
# for Pester's $TestDrive.
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("filehash-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory $scratch
$testDocument = Join-Path -Path $scratch -ChildPath "hashable.txt"
$utf8NoBOM = [System.Text.UTF8Encoding]::new($false)
[System.IO.File]::WriteAllText($testDocument, "Get-Module`n", $utf8NoBOM)

Describe 'Get-FileHash' {
    It 'has the bytes in the file as expected' {
        [System.IO.File]::ReadAllBytes($testDocument) | Should -BeExactly @(0x47, 0x65, 0x74, 0x2d, 0x4d, 0x6f, 0x64, 0x75, 0x6c, 0x65, 0x0a)
    }
    It 'defaults to SHA256 and gives the hash and path' {
        $result = Get-FileHash $testDocument
        $result.Algorithm | Should -Be 'SHA256'
        $result.Hash | Should -Be '41620f6c9f3531722efe90aed9abbc1d1b31788aa9141982030d3dde199f770c'
        $result.Path | Should -Be $testDocument
        $result | Should -BeOfType Microsoft.PowerShell.Commands.FileHashInfo
    }
    It 'writes a non-terminating error for a folder' {
        $result = $scratch, $testDocument | Get-FileHash -ErrorVariable errorVariable -ErrorAction SilentlyContinue
        $result.Count | Should -Be 1
        $errorVariable.FullyQualifiedErrorId | Should -BeExactly 'UnauthorizedAccessError,Microsoft.PowerShell.Commands.GetFileHashCommand'
    }
    It 'computes each algorithm (in any case of its name)' {
        (Get-FileHash $testDocument -Algorithm sHA1).Hash | Should -Be '0c483659b1f2d5a8f116211de8f58bf45893cffb'
        (Get-FileHash $testDocument -Algorithm SHA256).Hash | Should -Be '41620f6c9f3531722efe90aed9abbc1d1b31788aa9141982030d3dde199f770c'
        (Get-FileHash $testDocument -Algorithm SHA384).Hash | Should -Be 'ec4c4d4f0b2a79f216118c5a5059b8ce061097ba9161be5890c098aaeb5db169c13dae0a6f855c9a589cd11df47d0c87'
        (Get-FileHash $testDocument -Algorithm SHA512).Hash | Should -Be '6aba8ba8b619100a6829beb940d9d77e4a8197fdcac2d0fe5ad6c2758dacc5a59774195fd8a7a92780b7582a966b81ca0c1576c0044c5af7be20f5ccf425bd76'
        (Get-FileHash $testDocument -Algorithm MD5).Hash | Should -Be 'f9d78bd059ab162bea21eb02badde001'
        (Get-FileHash $testDocument -Algorithm sHA1).Algorithm | Should -BeExactly 'SHA1'
    }
    It 'refuses an unknown algorithm name' {
        { Get-FileHash $testDocument -Algorithm wrongAlgorithm } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetFileHashCommand'
    }
    It 'reports a missing file for -Path and -LiteralPath' {
        { Get-FileHash -Path nofileexist.ttt -ErrorAction Stop } | Should -Throw -ErrorId 'FileNotFound,Microsoft.PowerShell.Commands.GetFileHashCommand'
        { Get-FileHash -LiteralPath nofileexist.ttt -ErrorAction Stop } | Should -Throw -ErrorId 'FileNotFound,Microsoft.PowerShell.Commands.GetFileHashCommand'
    }
    It 'takes -Path and -LiteralPath' {
        (Get-FileHash -Path $testDocument).Path | Should -Be $testDocument
        (Get-FileHash -LiteralPath $testDocument).Path | Should -Be $testDocument
    }
    It 'has closed the file before it writes its output' {
        $copy = "${testDocument}-copy"
        Copy-Item -Path $testDocument -Destination $copy
        $newPath = Get-FileHash -Path $copy | Rename-Item -NewName { $_.Hash } -PassThru
        Test-Path $newPath.FullName | Should -BeTrue
        $newPath.Name | Should -BeExactly '41620F6C9F3531722EFE90AED9ABBC1D1B31788AA9141982030D3DDE199F770C'
    }
    It 'hashes the empty file and a file spanning several blocks' {
        $empty = Join-Path $scratch 'empty.bin'
        [System.IO.File]::WriteAllBytes($empty, [byte[]]@())
        (Get-FileHash $empty -Algorithm SHA256).Hash | Should -Be 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'
        (Get-FileHash $empty -Algorithm MD5).Hash | Should -Be 'D41D8CD98F00B204E9800998ECF8427E'
        $long = Join-Path $scratch 'long.txt'
        [System.IO.File]::WriteAllText($long, 'a' * 1000, $utf8NoBOM)
        (Get-FileHash $long -Algorithm SHA1).Hash | Should -Be '291E9A6C66994949B57BA5E650361E98FC36B1BA'
        (Get-FileHash $long -Algorithm SHA512).Hash | Should -Be '67BA5535A46E3F86DBFBED8CBBAF0125C76ED549FF8B0B9E03E0C88CF90FA634FA7B12B47D77B694DE488ACE8D9A65967DC96DF599727D3292A8D9D447709C97'
    }
}

Remove-Item $scratch -Recurse -Force
Complete-MiniPester
