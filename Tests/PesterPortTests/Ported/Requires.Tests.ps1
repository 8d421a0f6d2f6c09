# Ported from test/powershell/Language/Scripting/Requires.Tests.ps1: malformed #requires lines are parse
# errors, '#requires' alone typed interactively does nothing, and #requires -Version passes for every
# version up to this shell's (7.4) and fails with ScriptRequiresException above it; the assertions, in
# hvsh's own code (a scratch folder for $TestDrive; the -Version cases for 7.5 and later are left out,
# as the test skips them for an older shell, and the -Modules Describe is left out).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("requires-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
# The word built without its '#', so the lines holding a Should have none (the suite's counter drops
# everything after a '#' as a comment).
$requires = [string][char]35 + 'requires'
function New-RequiresFile([string]$version) {
    $path = Join-Path $scratch "$version.ps1"
    $null = New-Item -Path $path -Value "$requires -version $version" -Force
    $path
}

Describe 'Requires' {
    Context 'parse errors' {
        It 'refuses malformed #requires lines' {
            { [scriptblock]::Create("${requires}appID`r`n`$foo = 1; `$foo") } | Should -Throw -ErrorId "ParseException"
            { [scriptblock]::Create("$requires -version A `r`n`$foo = 1; `$foo") } | Should -Throw -ErrorId "ParseException"
            { [scriptblock]::Create("$requires -version 2b `r`n`$foo = 1; `$foo") } | Should -Throw -ErrorId "ParseException"
            { [scriptblock]::Create("$requires -version 1. `r`n`$foo = 1; `$foo") } | Should -Throw -ErrorId "ParseException"
            { [scriptblock]::Create("$requires -version '' `r`n`$foo = 1; `$foo") } | Should -Throw -ErrorId "ParseException"
            { [scriptblock]::Create("$requires -version 1.0. `r`n`$foo = 1; `$foo") } | Should -Throw -ErrorId "ParseException"
            { [scriptblock]::Create("$requires -version 1.A `r`n`$foo = 1; `$foo") } | Should -Throw -ErrorId "ParseException"
        }
    }
    Context 'interactive' {
        It 'does nothing for #requires alone' {
            $ps = [powershell]::Create()
            { $ps.AddScript($requires).Invoke() } | Should -Not -Throw
        }
    }
    Context 'versions' {
        It 'runs a script that requires this version or an older one' {
            $file = New-RequiresFile "1.0"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "2.0"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "3.0"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "4.0"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "5.0"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "5.1"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "6.0"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "6.1"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "6.2"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "7.0"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "7.1"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "7.2"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "7.3"; { . $file } | Should -Not -Throw
            $file = New-RequiresFile "7.4"; { . $file } | Should -Not -Throw
        }
        It 'refuses a script that requires a newer version' {
            $file = New-RequiresFile "7.8"; { . $file } | Should -Throw -ExceptionType ([System.Management.Automation.ScriptRequiresException])
            $file = New-RequiresFile "8.0"; { . $file } | Should -Throw -ExceptionType ([System.Management.Automation.ScriptRequiresException])
        }
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
