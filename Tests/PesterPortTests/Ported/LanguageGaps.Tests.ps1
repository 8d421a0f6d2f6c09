# Ported from test/powershell/Language/Scripting/PipelineBehaviour.Tests.ps1 (steppable pipelines and
# their clean blocks), Scripting/I18n/I18n.Tests.ps1 (data sections), Parser/Parser.Tests.ps1 (escapes
# in braced variable names), Interop/DotNet/DotNetInterop.Tests.ps1 (a member name on the line after
# the dot), Modules/Microsoft.PowerShell.Utility/Implicit.Remoting.Tests.ps1 (module-qualified command
# names) and Parser/LanguageAndParser.TestFollowup.Tests.ps1 (return inside an assignment's value);
# the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$script:cleanFile = Join-Path ([IO.Path]::GetTempPath()) "hvsh-steppable-$PID.txt"

Describe 'steppable pipelines over script blocks with clean blocks' {
    It 'returns begin and process output from Process(), end output from End(), then cleans' {
        Remove-Item $script:cleanFile -ErrorAction Ignore
        $body = { begin { 'BEGIN' } process { 'PROCESS' } end { 'END' } clean { 'clean is hit' > $script:cleanFile } }
        $step = { & $body }.GetSteppablePipeline()
        $step.Begin($false)
        $step.Process() | Should -Be @('BEGIN', 'PROCESS')
        $step.End() | Should -Be 'END'
        Get-Content $script:cleanFile | Should -BeExactly 'clean is hit'
        Remove-Item $script:cleanFile
        $step.Clean()
        Test-Path $script:cleanFile | Should -BeFalse
        $step.Dispose()
    }
    It 'cleans when a block throws, and the error reaches the caller' {
        Remove-Item $script:cleanFile -ErrorAction Ignore
        $body = { process { throw 'process-error' } clean { 'clean is hit' > $script:cleanFile } }
        $step = { & $body }.GetSteppablePipeline()
        $failure = $null
        try { $step.Begin($false); $step.Process(); $step.End() } catch { $failure = $_ } finally { $step.Dispose() }
        $failure.Exception.Message | Should -BeExactly 'process-error'
        Get-Content $script:cleanFile | Should -BeExactly 'clean is hit'
        Remove-Item $script:cleanFile
    }
    It 'runs the clean block when Clean() is called after Begin' {
        Remove-Item $script:cleanFile -ErrorAction Ignore
        $body = { begin { 'begin' > $script:cleanFile } clean { 'clean is hit' >> $script:cleanFile } }
        $step = { & $body }.GetSteppablePipeline()
        $step.Begin($false)
        $step.Clean()
        Get-Content $script:cleanFile | Should -BeExactly @('begin', 'clean is hit')
        Remove-Item $script:cleanFile
    }
    It 'steps a function that takes pipeline input' {
        function Get-Twice { param([Parameter(ValueFromPipeline)]$Item) process { $Item; $Item } }
        $step = { Get-Twice | ForEach-Object { "<$_>" } }.GetSteppablePipeline()
        $step.Begin($true)
        $step.Process('a') | Should -Be @('<a>', '<a>')
        $step.End() | Should -BeNullOrEmpty
    }
    It 'lets a proxy function wrap a cmdlet' {
        function Out-Prefixed {
            [CmdletBinding()]
            param([Parameter(ValueFromPipeline)]$InputObject, [string]$Prefix)
            begin {
                $wrapped = Get-Command ForEach-Object -CommandType Cmdlet
                $p = $Prefix
                $step = { & $wrapped -Process { "$p$_" } }.GetSteppablePipeline($MyInvocation.CommandOrigin)
                $step.Begin($PSCmdlet)
            }
            process { $step.Process($_) }
            end { $step.End() }
        }
        1, 2 | Out-Prefixed -Prefix 'n' | Should -Be @('n1', 'n2')
    }
    It 'refuses a script block that holds no pipeline' {
        { { if ($true) { 1 } }.GetSteppablePipeline() } | Should -Throw -ErrorId 'CanConvertOneClauseOnly'
    }
}

Describe 'data sections' {
    It 'ConvertFrom-StringData is permitted in a named data section' {
        data dataVariable
        {
            ConvertFrom-StringData @'
string1=string1
string2=string2
'@
        }
        $dataVariable.string1 | Should -BeExactly 'string1'
        $dataVariable.string2 | Should -BeExactly 'string2'
    }
    It 'an unnamed data section is a value' {
        $texts = data { 'one'; 'two' }
        $texts | Should -Be @('one', 'two')
    }
    It 'accepts -SupportedCommand' {
        $d = data -SupportedCommand ConvertFrom-StringData { ConvertFrom-StringData 'k=v' }
        $d.k | Should -BeExactly 'v'
    }
    It 'reports a data section without a block' {
        { Invoke-Expression 'data x' } | Should -Throw -ErrorId 'MissingStatementBlockForDataSection'
    }
}

Describe 'module-qualified command names' {
    It 'runs Utility and Management cmdlets by their qualified names' {
        Microsoft.PowerShell.Utility\Write-Output 'mq' | Should -BeExactly 'mq'
        (1..10 | Microsoft.PowerShell.Utility\Measure-Object).Count | Should -Be 10
        Microsoft.PowerShell.Management\Join-Path 'a' 'b' | Should -BeExactly 'a/b'
    }
    It 'skips a function of the same name' {
        function Write-Output { 'shadowed' }
        Write-Output 'x' | Should -BeExactly 'shadowed'
        Microsoft.PowerShell.Utility\Write-Output 'x' | Should -BeExactly 'x'
    }
    It 'does not find a command in a module it is not in' {
        { NoSuchModule\Write-Output 'x' } | Should -Throw -ErrorId 'CommandNotFoundException'
    }
}

Describe 'escapes in braced variable names' {
    It 'a Unicode escape can be used in a variable name' {
        ${fooxyzzy`u{2195}} = 42
        $var = Get-Variable -Name fooxyzzy* -ErrorAction SilentlyContinue
        $var.Name | Should -BeExactly "fooxyzzy`u{2195}"
        $var.Value | Should -Be 42
    }
    It 'an escaped closing brace is part of the name' {
        ${a`}b} = 'braced'
        (Get-Variable -Name 'a}b').Value | Should -BeExactly 'braced'
    }
}

Describe 'member access continued on the next line' {
    It 'reads a method name after a trailing dot' {
        $sb = [System.Text.StringBuilder]::new().
            Append('a').
            Append('b')
        $sb.ToString() | Should -BeExactly 'ab'
    }
    It 'reads a property name after a dot and a space' {
        $results = @()
        $results. Count | Should -Be 0
    }
}

Describe 'return inside captured values' {
    It 'writes what a subexpression collected before the return' {
        function Get-Early { $a = @(1; return 2); 'not reached' }
        Get-Early | Should -Be @(1, 2)
    }
    It 'leaves a loop body from inside an assignment' {
        function Get-First { foreach ($i in 1..3) { $x = $(if ($i -eq 2) { return "r$i" }) } }
        Get-First | Should -BeExactly 'r2'
    }
}

Describe 'members added to a collection without -PassThru' {
    It 'stay with that collection' {
        $list = @(1, 2)
        Add-Member -InputObject $list -MemberType NoteProperty -Name Tag -Value 'mine'
        $list.Tag | Should -BeExactly 'mine'
        $list.Count | Should -Be 2
        $list.Tag = 'changed'
        $list.Tag | Should -BeExactly 'changed'
        $other = @(1, 2)
        $other.Tag | Should -BeNullOrEmpty
    }
}

Describe 'a child PowerShell' {
    # Upstream tests start another PowerShell as `pwsh` or `$PSHOME/pwsh` (Scripting.Followup,
    # Write-Error, NativeStreams); without a pwsh of its own, that is this shell.
    It 'runs pwsh -Command in a new process' {
        pwsh -NoProfile -Command '1 + 1' | Should -Be 2
        $powershell = Join-Path -Path $PSHOME -ChildPath 'pwsh'
        & $powershell -noprofile -c '"hi from child"' | Should -BeExactly 'hi from child'
    }
}

Complete-MiniPester
