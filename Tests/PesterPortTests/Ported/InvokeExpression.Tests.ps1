# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Invoke-Expression.Tests.ps1 and
# Measure-Command.Tests.ps1: a command string run (an alias, a script called with &, an expression)
# and the TimeSpan Measure-Command gives; the assertions, in hvsh's own code (a scratch script for the
# assets folder's echoscript.ps1).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("invokeexpression-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch

Describe 'Invoke-Expression' {
    It 'runs a command string' {
        (Invoke-Expression -Command "echo pestertest1") | Should -BeExactly "pestertest1"
    }
    It 'runs a script through &' {
        $script = Join-Path $scratch 'echoscript.ps1'
        "echo pestertestscript" | Add-Content -Path "$script"
        (Invoke-Expression "& '$script'") | Should -BeExactly "pestertestscript"
        Remove-Item "$script"
    }
    It 'evaluates an expression given as a bare word' {
        $result = Invoke-Expression -Command 2+2
        $result | Should -Be 4
    }
}

Describe 'Measure-Command' {
    It 'gives a TimeSpan' {
        Measure-Command { Get-Date } | Should -BeOfType timespan
        Measure-Command { Write-Output hi } | Should -BeOfType timespan
        $script = Join-Path $scratch 'echoscript.ps1'
        "Write-Output pestertestscript" | Add-Content -Path $script
        Measure-Command { $script } | Should -BeOfType timespan
        Remove-Item $script
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
