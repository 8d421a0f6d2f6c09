# Ported from test/powershell/Language/Scripting/PipelineBehaviour.Tests.ps1 (clean blocks, named
# block order and streams, a pipeline halted by Select-Object -First); the assertions, in hvsh's own
# code. A scratch folder stands in for Pester's $TestDrive.
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("pipeline-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
$filePath = Join-Path $scratch 'output.txt'

function Reset-Output { if (Test-Path $filePath) { Remove-Item $filePath -Force } }

Describe 'clean block runs when another named block runs' {
    It 'clean runs only if another block ran' {
        Reset-Output
        function test-1 { clean { 'clean-redirected-output' > $filePath } }
        function test-2 { End { 'end' } clean { 'clean-redirected-output' > $filePath } }
        test-1 | Should -BeNullOrEmpty
        Test-Path -Path $filePath | Should -BeFalse
        test-2 | Should -BeExactly 'end'
        Test-Path -Path $filePath | Should -BeTrue
        Get-Content $filePath | Should -BeExactly 'clean-redirected-output'
    }
    It 'clean is skipped when no input reached the command' {
        function test-1 ([switch] $WriteOutput) {
            Process { if ($WriteOutput) { Write-Output 'process' } else { Write-Verbose -Verbose 'process' } }
        }
        function test-2 {
            Process { Write-Output "test-2: $_" }
            clean { Write-Warning 'test-2-clean-warning' }
        }
        test-1 | test-2 *>&1 | Should -BeNullOrEmpty
        $output = test-1 -WriteOutput | test-2 *>&1 | ForEach-Object { "$_" }
        $output | Should -Be @('test-2: process', 'test-2-clean-warning')
    }
    It 'clean is skipped when an upstream process block throws first' {
        Reset-Output
        function test-1 ([switch] $ThrowException) {
            Process { if ($ThrowException) { throw 'process' } else { Write-Output 'process' } }
        }
        function test-2 {
            Process { Write-Output "test-2: $_" }
            clean { 'clean-redirected-output' > $filePath }
        }
        $failure = $null
        try { test-1 -ThrowException | test-2 } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.Exception.Message | Should -BeExactly 'process'
        Test-Path -Path $filePath | Should -BeFalse
        test-1 | test-2 | Should -BeExactly 'test-2: process'
        Test-Path -Path $filePath | Should -BeTrue
        Get-Content $filePath | Should -BeExactly 'clean-redirected-output'
    }
    It 'clean is skipped when an upstream begin block throws' {
        Reset-Output
        function test-1 { Begin { throw 'begin' } End { 'end' } }
        function test-2 {
            Begin { 'begin' }
            Process { Write-Output "test-2: $_" }
            clean { 'clean-redirected-output' > $filePath }
        }
        $failure = $null
        try { test-1 | test-2 } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.Exception.Message | Should -BeExactly 'begin'
        Test-Path -Path $filePath | Should -BeFalse
    }
    It 'clean runs after begin, process or end of an advanced script block' {
        & { [CmdletBinding()]param() begin { 'output' } clean { Write-Warning 'clean-warning' } } -WarningVariable wv | Should -BeExactly 'output'
        $wv | Should -BeExactly 'clean-warning'
        & { [CmdletBinding()]param() process { 'output' } clean { Write-Warning 'clean-warning' } } -WarningVariable wv2 | Should -BeExactly 'output'
        $wv2 | Should -BeExactly 'clean-warning'
        & { [CmdletBinding()]param() end { 'output' } clean { Write-Warning 'clean-warning' } } -WarningVariable wv3 | Should -BeExactly 'output'
        $wv3 | Should -BeExactly 'clean-warning'
    }
    It 'clean runs when a named block throws' {
        $failure = $null
        try { & { [CmdletBinding()]param() begin { throw 'failure' } clean { Write-Warning 'clean-warning' } } -WarningVariable wv } catch { $failure = $_ }
        $failure.Exception.Message | Should -BeExactly 'failure'
        $wv | Should -BeExactly 'clean-warning'
        $failure = $null
        try { & { [CmdletBinding()]param() end { throw 'failure' } clean { Write-Warning 'clean-warning' } } -WarningVariable wv4 } catch { $failure = $_ }
        $failure.Exception.Message | Should -BeExactly 'failure'
        $wv4 | Should -BeExactly 'clean-warning'
    }
    It 'clean blocks of a pipeline of simple functions' {
        Reset-Output
        function test-1 {
            param([switch] $EmitError)
            process { if ($EmitError) { throw 'test-1-process-error' } else { Write-Output 'test-1' } }
            clean { 'test-1-clean' >> $filePath }
        }
        function test-2 {
            begin { Write-Verbose -Verbose 'test-2-begin' }
            process { $_ }
            clean { 'test-2-clean' >> $filePath }
        }
        function test-3 {
            end { Write-Verbose -Verbose 'test-3-end' }
            clean { 'test-3-clean' >> $filePath }
        }
        test-1 | test-2 | test-3 4>$null
        Get-Content $filePath | Should -Be @('test-1-clean', 'test-2-clean', 'test-3-clean')
        Reset-Output
        $failure = $null
        try { test-1 -EmitError | test-2 | test-3 } catch { $failure = $_ }
        $failure.Exception.Message | Should -BeExactly 'test-1-process-error'
        Get-Content $filePath | Should -Be @('test-1-clean', 'test-2-clean')
    }
    It 'end does not run once Select-Object -First halts the pipeline' {
        1..10 | & { begin { 'BEGIN' } process { "PROCESS $_" } end { 'END'; throw 'This should not be reached.' } } |
            Select-Object -First 3 | Should -Be @('BEGIN', 'PROCESS 1', 'PROCESS 2')
    }
    It 'clean still runs when the pipeline is halted' {
        Reset-Output
        1..10 | & { process { $_ } clean { 'Clean block hit' > $filePath } } | Select-Object -First 1 | Should -Be 1
        Test-Path $filePath | Should -BeTrue
        Get-Content $filePath | Should -BeExactly 'Clean block hit'
    }
    It 'Select-Object in the middle of a pipeline' {
        Reset-Output
        function bar { process { 'bar_' + $_ } end { 'bar_end' } clean { 'bar_clean' > $filePath } }
        function zoo { process { 'zoo_' + $_ } end { 'zoo_end' } clean { 'zoo_clean' >> $filePath } }
        1..10 | bar | Select-Object -First 2 | zoo | Should -Be @('zoo_bar_1', 'zoo_bar_2', 'zoo_end')
        Get-Content $filePath | Should -Be @('bar_clean', 'zoo_clean')
    }
}

Describe 'streams from named blocks' {
    It 'begin, process and end write output' {
        & { begin { 10 } } | Should -Be 10
        & { process { 15 } } | Should -Be 15
        & { end { 22 } } | Should -Be 22
    }
    It 'clean writes no output' {
        & { end { } clean { 11 } } | Should -BeNullOrEmpty
    }
    It 'OutVariable captures nothing from clean' {
        function test {
            [CmdletBinding()]
            param()
            Begin { 'begin' } Process { 'process' } End { 'end' } clean { 'clean' }
        }
        test -OutVariable ov | Should -Be @('begin', 'process', 'end')
        $ov | Should -Be @('begin', 'process', 'end')
    }
    It 'other streams of clean can be captured' {
        function test {
            [CmdletBinding()]
            param()
            End { }
            clean {
                Write-Output 'clean-output'
                Write-Warning 'clean-warning'
                Write-Verbose -Verbose 'clean-verbose'
                Write-Debug -Debug 'clean-debug'
                Write-Information 'clean-information'
            }
        }
        test -OutVariable ov -WarningVariable wv -InformationVariable iv
        $ov.Count | Should -Be 0
        $wv | Should -BeExactly 'clean-warning'
        $iv | Should -BeExactly 'clean-information'
        # Stream records compared by their text (Pester compares them with the expected value on the left).
        $allStreams = test *>&1 | ForEach-Object { "$_" }
        $allStreams | Should -Be @('clean-warning', 'clean-verbose', 'clean-debug', 'clean-information')
    }
    It 'output comes from begin, then process, then end, then clean' {
        $results = & { clean { Write-Warning 'clean-warning' } process { 'PROCESS' } begin { 'BEGIN' } end { 'END' } } 3>&1 | ForEach-Object { "$_" }
        $results | Should -Be @('BEGIN', 'PROCESS', 'END', 'clean-warning')
    }
}

Remove-Item $scratch -Recurse -Force
Describe 'exit in a clean block' {
    It 'ends the clean block only, not the caller' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ("clean-exit-" + [guid]::NewGuid() + ".txt")
        try {
            function Test-CleanExit {
                end {}
                clean {
                    'Clean block is hit' > $file
                    exit
                    'more text' >> $file
                }
            }
            $after = & { Test-CleanExit; 'after' }
            $after | Should -BeExactly 'after'
            Get-Content $file | Should -BeExactly 'Clean block is hit'
        } finally {
            Remove-Item $file -ErrorAction SilentlyContinue
        }
    }
}

Describe 'AutomationNull in arrays' {
    # PipelineBehaviour.Tests' 'Other Pipeline Behaviour' and Array.Tests' 'ArrayLiteral Tests'.
    It 'keeps AutomationNull elements in an array but does not send them down a pipeline' {
        $automationNull = & {}
        (1, $automationNull, 2, $automationNull, 3, 4, 5 | ForEach-Object { $_ }) -join ',' | Should -BeExactly '1,2,3,4,5'
        $array = 1, $automationNull, 2, $automationNull, 3, 4, 5
        $array.Count | Should -Be 7
        ($array | ForEach-Object { $_ }) -join ',' | Should -BeExactly '1,2,3,4,5'
        $null -eq $array[1] | Should -BeTrue
    }
    It 'does not write AutomationNull elements from a function' {
        $automationNull = & {}
        function MyTest { 1, $automationNull, 2, $automationNull, 3, 4, 5 }
        $result = MyTest
        $result.Count | Should -Be 5
    }
    It 'makes [void] elements and void method calls AutomationNull' {
        $arraylist1 = [System.Collections.ArrayList]::new()
        $arraylist2 = [System.Collections.ArrayList]::new()
        $arraylist2.Add(2) > $null
        $result = [void]$arraylist1.Add(1), $arraylist2.Clear()
        $result.Count | Should -Be 2
        $result | ForEach-Object { 'YES' } | Should -BeNullOrEmpty
        $arraylist1.Count | Should -Be 1
        $arraylist2.Count | Should -Be 0
    }
    It 'gives AutomationNull for an indexed AutomationNull element' {
        $result = [void]1, 2, 3
        $result.Count | Should -Be 3
        $result[0] | ForEach-Object { 'YES' } | Should -BeNullOrEmpty
        ($result | Measure-Object).Count | Should -Be 2
    }
}

Complete-MiniPester
