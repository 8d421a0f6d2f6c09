# Ported from test/powershell/Language/Scripting/ErrorPosition.Tests.ps1 (the line a failing loop
# condition or initializer reports in ErrorRecord.ScriptStackTrace), with the frames PowerShell's
# call stack gives functions and their named blocks; the assertions, in hvsh's own code. A scratch
# folder stands in for Pester's $TestDrive.
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("errorposition-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory $scratch

function Get-FailureTrace([string] $FileName, [string] $Script) {
    $path = Join-Path $scratch $FileName
    Set-Content -Path $path -Value $Script
    $failure = $null
    try { & $path } catch { $failure = $_ }
    $failure.ScriptStackTrace
}

Describe 'the line a failing statement part reports' {
    It 'a switch condition' {
        Get-FailureTrace 'SwitchError.ps1' "`$test = 1`nswitch (`$null[0]) {`n    'a' {}`n}" | Should -Match 'SwitchError.ps1: line 2'
    }
    It 'a for initializer, expression or pipeline' {
        Get-FailureTrace 'ForError1.ps1' "`$test = 1`nfor (`$null[0];`n     `$test -gt 1;) { }" | Should -Match 'ForError1.ps1: line 2'
        Get-FailureTrace 'ForError2.ps1' "`$test = 1`nfor (Test-Path `$null -ErrorAction Stop;`n     `$test -gt 1;) { }" | Should -Match 'ForError2.ps1: line 2'
    }
    It 'a for condition, expression or pipeline' {
        Get-FailureTrace 'ForError3.ps1' "`$test = 1`nfor (;`$null[0];)`n{ }" | Should -Match 'ForError3.ps1: line 2'
        Get-FailureTrace 'ForError4.ps1' "`$test = 1`nfor (;Test-Path `$null -ErrorAction Stop;)`n{ }" | Should -Match 'ForError4.ps1: line 2'
    }
    It 'a do-while or do-until condition' {
        Get-FailureTrace 'DoWhileError1.ps1' "`$test = 1`ndo {}`nwhile (`$null[0])" | Should -Match 'DoWhileError1.ps1: line 3'
        Get-FailureTrace 'DoWhileError2.ps1' "`$test = 1`ndo {}`nwhile (Test-Path `$null -ErrorAction Stop)" | Should -Match 'DoWhileError2.ps1: line 3'
        Get-FailureTrace 'DoUntilError1.ps1' "`$test = 1`ndo {}`nuntil (`$null[0])" | Should -Match 'DoUntilError1.ps1: line 3'
        Get-FailureTrace 'DoUntilError2.ps1' "`$test = 1`ndo {}`nuntil (Test-Path `$null -ErrorAction Stop)" | Should -Match 'DoUntilError2.ps1: line 3'
    }
}

Describe 'ScriptStackTrace frames' {
    It 'names the function first, then the script block that called it' {
        $trace = Get-FailureTrace 'Nested.ps1' "function Inner { throw 'deep' }`nfunction Outer {`n    Inner`n}`nOuter"
        $lines = $trace -split "`n"
        $lines[0] | Should -Match '^at Inner, .*Nested\.ps1: line 1$'
        $lines[1] | Should -Match '^at Outer, .*Nested\.ps1: line 3$'
        $lines[2] | Should -Match '^at <ScriptBlock>, .*Nested\.ps1: line 5$'
    }
    It 'adds the named block to the function name' {
        $trace = Get-FailureTrace 'Blocks.ps1' "function Test-Blocks { begin { } process { throw 'in process' } }`nTest-Blocks"
        ($trace -split "`n")[0] | Should -Match '^at Test-Blocks<Process>, .*Blocks\.ps1: line 1$'
    }
    It 'is kept by a non-terminating error a cmdlet writes' {
        function Test-Writes { Get-Item -LiteralPath (Join-Path $scratch 'no-such-item') }
        $Error.Clear()
        Test-Writes 2>$null
        ($Error[0].ScriptStackTrace -split "`n")[0] | Should -Match '^at Test-Writes, '
    }
}

Describe 'a function''s script block' {
    It 'FunctionInfo.ScriptBlock.Ast.Extent.Text is the whole function statement, which recreates it' {
        function Test-Recreated { param($Name) "hello $Name" }
        $text = (Get-Command Test-Recreated).ScriptBlock.Ast.Extent.Text
        $text | Should -BeExactly 'function Test-Recreated { param($Name) "hello $Name" }'
        Remove-Item function:Test-Recreated
        . ([scriptblock]::Create($text))
        Test-Recreated 'again' | Should -BeExactly 'hello again'
    }
}

Remove-Item $scratch -Recurse -Force
Complete-MiniPester
