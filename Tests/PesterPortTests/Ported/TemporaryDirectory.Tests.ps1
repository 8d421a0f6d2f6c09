# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/New-TemporaryDirectory.Tests.ps1:
# where a new temporary directory is made and how it is named, -WhatIf, the prefixes the
# cmdlet refuses (one name inside the temporary directory only), and its output type.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'New-TemporaryDirectory' {
    It 'makes a directory of its own under the temporary path' {
        $dir = New-TemporaryDirectory
        $second = New-TemporaryDirectory
        try {
            $dir | Should -BeOfType System.IO.DirectoryInfo
            $dir.FullName | Should -Exist
            $dir.FullName | Should -BeLikeExactly "$([System.IO.Path]::GetTempPath())*"
            (Get-Item -LiteralPath $dir.FullName).PSIsContainer | Should -BeTrue
            $second.FullName | Should -Not -BeExactly $dir.FullName
        } finally {
            Remove-Item -LiteralPath $dir.FullName, $second.FullName -Force -Recurse -ErrorAction SilentlyContinue
        }
    }
    It 'names it after -Prefix' {
        $dir = New-TemporaryDirectory -Prefix 'MyApp'
        try {
            $dir.Name | Should -BeLike 'MyApp*'
            $dir.Parent.FullName + '/' | Should -BeExactly ([System.IO.Path]::GetTempPath())
        } finally {
            Remove-Item -LiteralPath $dir.FullName -Force -Recurse -ErrorAction SilentlyContinue
        }
    }
    It 'writes nothing under -WhatIf, with or without -Prefix' {
        New-TemporaryDirectory -WhatIf | Should -BeNullOrEmpty
        New-TemporaryDirectory -Prefix 'Test_' -WhatIf | Should -BeNullOrEmpty
    }
    It 'refuses a prefix that is not one plain name' {
        $id = 'NewTemporaryDirectoryInvalidPrefix,Microsoft.PowerShell.Commands.NewTemporaryDirectoryCommand'
        { New-TemporaryDirectory -Prefix '.' -ErrorAction Stop } | Should -Throw -ErrorId $id
        { New-TemporaryDirectory -Prefix '..' -ErrorAction Stop } | Should -Throw -ErrorId $id
        { New-TemporaryDirectory -Prefix 'path/name' -ErrorAction Stop } | Should -Throw -ErrorId $id
        { New-TemporaryDirectory -Prefix 'path\name' -ErrorAction Stop } | Should -Throw -ErrorId $id
        { New-TemporaryDirectory -Prefix '../name' -ErrorAction Stop } | Should -Throw -ErrorId $id
        { New-TemporaryDirectory -Prefix "bad$([char]10)name" -ErrorAction Stop } | Should -Throw -ErrorId $id
        { New-TemporaryDirectory -Prefix "bad$([char]9)name" -ErrorAction Stop } | Should -Throw -ErrorId $id
        { New-TemporaryDirectory -Prefix "bad$([char]27)name" -ErrorAction Stop } | Should -Throw -ErrorId $id
        $invalid = [System.IO.Path]::GetInvalidFileNameChars()
        { New-TemporaryDirectory -Prefix "bad$($invalid[0])prefix" -ErrorAction Stop } | Should -Throw -ErrorId $id
    }
    It 'reports the refusal as an ArgumentException on the prefix' {
        $err = $null
        try { New-TemporaryDirectory -Prefix '..' -ErrorAction Stop } catch { $err = $_ }
        $err.Exception | Should -BeOfType System.ArgumentException
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -BeExactly '..'
    }
    It 'declares DirectoryInfo as its output' {
        (Get-Command New-TemporaryDirectory).OutputType.Name | Should -Contain 'System.IO.DirectoryInfo'
    }
}

Describe 'System.IO.Path on Unix' {
    It 'lists NUL and the separator as invalid in a file name' {
        $chars = [System.IO.Path]::GetInvalidFileNameChars()
        $chars.GetType().FullName | Should -BeExactly 'System.Char[]'
        [int[]]$chars | Should -Be @(0, 47)
        [int[]][System.IO.Path]::GetInvalidPathChars() | Should -Be @(0)
        [System.IO.Path]::AltDirectorySeparatorChar | Should -BeExactly '/'
    }
}

Complete-MiniPester
