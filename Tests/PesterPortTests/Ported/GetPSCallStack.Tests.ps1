# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-PSCallStack.Tests.ps1: the
# frames of functions called from catch blocks (catch blocks are no frames of their own), each frame's
# command, file, line, caller's line and location, and the Arguments text; the assertions, in hvsh's
# own code.
. "$PSScriptRoot/MiniPester.ps1"

$root = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsh-callstack-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $root | Out-Null
$scriptFileName = 'GetTryCatchCallStack.ps1'
$scriptFilePath = Join-Path $root $scriptFileName
$lines = @(
    'function outer {', '    try { throw 1 }', '    catch {', '        inner', '    }', '}',
    'function inner {', '    try { throw 1 }', '    catch {', '        try { throw 2 }', '        catch {', '            Get-PSCallStack',
    '        }', '    }', '}', 'outer')
Set-Content -LiteralPath $scriptFilePath -Value $lines

Describe 'Get-PSCallStack frames' {
    It 'lists the functions called from catch blocks, then the script' {
        $results = & $scriptFilePath
        $results.Count | Should -BeGreaterThan 2
        $results[0].Command | Should -BeExactly 'inner'
        $results[0].ScriptName | Should -Be $scriptFilePath
        $results[0].ScriptLineNumber | Should -Be 12
        $results[0].InvocationInfo.ScriptLineNumber | Should -Be 4
        $results[0].Location | Should -BeExactly "${scriptFileName}: line 12"
        $results[1].Command | Should -BeExactly 'outer'
        $results[1].ScriptLineNumber | Should -Be 4
        $results[1].InvocationInfo.ScriptLineNumber | Should -Be 16
        $results[2].Command | Should -BeExactly $scriptFileName
        $results[2].ScriptName | Should -Be $scriptFilePath
        $results[2].ScriptLineNumber | Should -Be 16
        $results[0].pstypenames[0] | Should -BeExactly 'System.Management.Automation.CallStackFrame'
        "$($results[0])" | Should -BeExactly "at inner, ${scriptFilePath}: line 12"
    }
    It 'shows the arguments' {
        & { (Get-PSCallStack)[0].Arguments } 'foo' | Should -Match 'foo'
        & { param ($x) (Get-PSCallStack)[0].Arguments } 'foo' | Should -BeExactly '{x=foo}'
        & { (Get-PSCallStack)[0].Arguments } 'foo' 'bar' | Should -Match 'foo, bar'
        & { (Get-PSCallStack)[0].Arguments } | Should -BeExactly '{}'
    }
}

Remove-Item -LiteralPath $root -Recurse -Force
Complete-MiniPester
