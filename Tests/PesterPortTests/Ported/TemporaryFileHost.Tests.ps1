# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/New-TemporaryFile.Tests.ps1 and
# Get-Host.Tests.ps1: a new temporary file's place, type and -WhatIf, the cmdlet's output type, and
# Get-Host's object; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'New-TemporaryFile' {
    It 'creates an empty file of its own in the temporary directory' {
        $tempFile = New-TemporaryFile
        try {
            Test-Path -LiteralPath $tempFile.FullName | Should -BeTrue
            $tempFile | Should -BeOfType System.IO.FileInfo
            $tempFile.FullName | Should -BeLikeExactly "$([System.IO.Path]::GetTempPath())*"
            $tempFile.Length | Should -Be 0
            $second = New-TemporaryFile
            $second.FullName | Should -Not -Be $tempFile.FullName
            Remove-Item -LiteralPath $second.FullName -Force
        } finally {
            Remove-Item -LiteralPath $tempFile.FullName -Force -ErrorAction SilentlyContinue
        }
    }
    It 'writes nothing under -WhatIf' {
        New-TemporaryFile -WhatIf | Should -BeNullOrEmpty
    }
    It 'declares FileInfo as its output' {
        (Get-Command New-TemporaryFile).OutputType | Should -BeExactly 'System.IO.FileInfo'
    }
}

Describe 'Get-Host' {
    It 'writes the object $Host holds' {
        $results = Get-Host
        $results | Should -Be $Host
        $results.PSObject.TypeNames[0] | Should -BeExactly 'System.Management.Automation.Internal.Host.InternalHost'
        $results.Name | Should -BeExactly $Host.Name
    }
}

Complete-MiniPester
