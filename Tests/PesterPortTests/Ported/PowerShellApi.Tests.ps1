# Ported from test/powershell/Language/Parser/Parser.Tests.ps1 (its ExecuteCommand helper runs each
# snippet with [powershell]::Create().AddScript(...).Invoke()), Language/Scripting/DollarHook.Tests.ps1
# and Language/Operators/PipelineChainOperator.Tests.ps1 (errors read from .Streams.Error): what a
# PowerShell instance returns, throws and collects; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$PowerShell = [powershell]::Create()
function ExecuteCommand {
    param ([string]$command)
    try {
        $PowerShell.AddScript($command).Invoke()
    } finally {
        $PowerShell.Commands.Clear()
    }
}

Describe 'Parser cases run through a PowerShell instance' {
    It 'throws the parser''s exception types for text that does not parse' {
        { ExecuteCommand '"This is a test' } | Should -Throw -ErrorId 'IncompleteParseException'
        { ExecuteCommand '(' } | Should -Throw -ErrorId 'IncompleteParseException'
        { ExecuteCommand '| Get-Location' } | Should -Throw -ErrorId 'ParseException'
        { ExecuteCommand 'testcmd-parserbvt | 3' } | Should -Throw -ErrorId 'ParseException'
        { ExecuteCommand '1;2;3|$(1+1)' } | Should -Throw -ErrorId 'ParseException'
        { ExecuteCommand '(1+ 1),' } | Should -Throw -ErrorId 'IncompleteParseException'
        { ExecuteCommand 'if ("true")' } | Should -Throw -ErrorId 'IncompleteParseException'
    }
    It 'collects a command-not-found error in Streams.Error and sets HadErrors' {
        $PowerShell.Streams.Error.Clear()
        ExecuteCommand 'Get-NoSuchCommandAnywhere; "after"' | Should -BeExactly 'after'
        $PowerShell.HadErrors | Should -BeTrue
        $PowerShell.Streams.Error.FullyQualifiedErrorId | Should -Be 'CommandNotFoundException'
    }
    It 'returns what the script writes' {
        ExecuteCommand '"foo` bar"' | Should -BeExactly 'foo bar'
        ExecuteCommand '"`e"' | Should -BeExactly ([char]0x1b)
        ExecuteCommand '"foo`u{2195}abc"' | Should -BeExactly "foo$([char]0x2195)abc"
        ExecuteCommand '"fo`odbar"' | Should -BeExactly 'foodbar'
        ExecuteCommand '$MyArray = "a","b"; "Hello $MyArray"' | Should -BeExactly 'Hello a b'
        $result = ExecuteCommand '$one, $two = 1, 2, 3; "One = $one"; "Two = $two"'
        $result.Count | Should -Be 2
        $result[1] | Should -Be 'Two = 2 3'
        ExecuteCommand 'while ($true) { 1; while ($true) { 2; break; 3 }; 4; break; 5 }' | Should -Be '1', '2', '4'
        ExecuteCommand ':foo foreach ($a in 1..3) { 1; :foo foreach ($b in 1..3) { 2; break foo; 3 }; 4; break; 5 }' | Should -Be '1', '2', '4'
        ExecuteCommand '$a = 0; while ($a -lt 2) { ($a++); continue; 2 }' | Should -Be '0', '1'
    }
    It 'keeps global state between scripts of one instance, apart from the caller''s' {
        ExecuteCommand '$var = "in the instance"; function Get-InstanceThing { 42 }' | Should -BeNullOrEmpty
        ExecuteCommand '$var' | Should -BeExactly 'in the instance'
        ExecuteCommand 'Get-InstanceThing' | Should -Be 42
        $var | Should -BeNullOrEmpty
        Get-Command Get-InstanceThing -ErrorAction Ignore | Should -BeNullOrEmpty
        [powershell]::Create().AddScript('$var').Invoke() | Should -BeNullOrEmpty
    }
}

Describe 'PowerShell instance API' {
    It 'binds AddParameter, AddParameters and AddArgument to a command or a script' {
        $ps = [powershell]::Create()
        $ps.AddCommand('Get-Item').AddParameter('LiteralPath', $PSScriptRoot).Invoke().Name | Should -BeExactly (Split-Path $PSScriptRoot -Leaf)
        $ps.Commands.Clear()
        $ps.AddScript('param($a, $b, [switch]$c) "$a-$b-$c"').AddArgument(1).AddArgument(2).AddParameter('c').Invoke() | Should -BeExactly '1-2-True'
        $ps.Commands.Clear()
        $ps.AddScript({ param($x, $y) $x * $y }).AddParameters(@{ x = 6; y = 7 }).Invoke() | Should -Be 42
        $ps.Commands.Clear()
        $ps.AddCommand('Join-String').AddParameters(@(', ')).Invoke() | Should -BeNullOrEmpty
    }
    It 'pipes the commands of a statement and runs statements in turn' {
        $ps = [powershell]::Create()
        $ps.AddCommand('Write-Output').AddArgument(@(3, 1, 2)).AddCommand('Sort-Object').AddStatement().AddScript('"done"').Invoke() -join ',' |
            Should -BeExactly '1,2,3,done'
        $ps.Commands.Commands.Count | Should -Be 3
        $ps.Commands.Commands[1].CommandText | Should -BeExactly 'Sort-Object'
    }
    It 'pipes the input of Invoke into the first command' {
        $ps = [powershell]::Create().AddCommand('ForEach-Object').AddParameter('Process', { $_ * 2 })
        $ps.Invoke(@(1, 2, 3)) -join ',' | Should -BeExactly '2,4,6'
        [powershell]::Create().AddScript('process { "<$_>" }').Invoke(@('a', 'b')) -join '' | Should -BeExactly '<a><b>'
    }
    It 'collects errors, warnings, verbose and information records instead of showing them' {
        $ps = [powershell]::Create()
        $out = $ps.AddScript('Write-Error "bad"; Write-Warning "careful"; Write-Verbose "said" -Verbose; Write-Information "fyi"; "ok"').Invoke()
        $out | Should -BeExactly 'ok'
        $ps.HadErrors | Should -BeTrue
        $ps.Streams.Error.Count | Should -Be 1
        $ps.Streams.Error[0].Exception.Message | Should -BeExactly 'bad'
        $ps.Streams.Warning[0].Message | Should -BeExactly 'careful'
        $ps.Streams.Verbose[0].Message | Should -BeExactly 'said'
        $ps.Streams.Information[0].MessageData | Should -BeExactly 'fyi'
        $ps.Streams.ClearStreams()
        $ps.Streams.Error.Count | Should -Be 0
    }
    It 'throws a script-terminating error as a method invocation exception' {
        $ps = [powershell]::Create().AddScript('throw "stop here"')
        { $ps.Invoke() } | Should -Throw 'Exception calling "Invoke" with "0" argument(s): "stop here"'
        $ps.InvocationStateInfo.State | Should -BeExactly 'Failed'
        $ps.HadErrors | Should -BeTrue
        { [powershell]::Create().Invoke() } | Should -Throw -ErrorId 'InvalidOperationException'
    }
    It 'goes on after a statement-terminating error, as a script does' {
        $ps = [powershell]::Create()
        $ps.AddScript('1/0; "after"').Invoke() | Should -BeExactly 'after'
        $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeExactly 'RuntimeException'
    }
    It 'runs in the caller''s session with CurrentRunspace' {
        $global:sharedByInstance = 'caller'
        [powershell]::Create('CurrentRunspace').AddScript('$global:sharedByInstance').Invoke() | Should -BeExactly 'caller'
        $ps = [powershell]::Create()
        $result = $ps.EndInvoke($ps.AddScript('"async"').BeginInvoke())
        $result | Should -BeExactly 'async'
        $ps.InvocationStateInfo.State | Should -BeExactly 'Completed'
        $ps.Dispose()
    }
}

Describe '$ExecutionContext' {
    It 'reads and writes variables through SessionState' {
        $local = 'value'
        $ExecutionContext.SessionState.PSVariable.GetValue('local') | Should -BeExactly 'value'
        $ExecutionContext.SessionState.PSVariable.GetValue('noSuchVariable', 'fallback') | Should -BeExactly 'fallback'
        $ExecutionContext.SessionState.PSVariable.Get('local').Name | Should -BeExactly 'local'
        $ExecutionContext.SessionState.PSVariable.Set('madeByContext', 5)
        $madeByContext | Should -Be 5
        $ExecutionContext.SessionState.Path.CurrentLocation.Path | Should -BeExactly (Get-Location).Path
        $ExecutionContext.SessionState.LanguageMode | Should -BeExactly 'FullLanguage'
    }
    It 'expands strings, makes and runs script blocks, finds commands' {
        $name = 'World'
        $ExecutionContext.InvokeCommand.ExpandString('Hello $name "$(1 + 1)"') | Should -BeExactly 'Hello World "2"'
        $ExecutionContext.InvokeCommand.NewScriptBlock('1 + 2').Invoke() | Should -Be 3
        $ExecutionContext.InvokeCommand.InvokeScript('"a", "b"') -join '' | Should -BeExactly 'ab'
        $ExecutionContext.InvokeCommand.GetCommand('Get-Date', 'Cmdlet').Name | Should -BeExactly 'Get-Date'
        $ExecutionContext.InvokeCommand.GetCmdlet('Get-Item').Name | Should -BeExactly 'Get-Item'
        { $ExecutionContext.InvokeCommand.NewScriptBlock('(') } | Should -Throw -ErrorId 'IncompleteParseException'
        $ExecutionContext.Host.Name | Should -Not -BeNullOrEmpty
    }
}

Complete-MiniPester
