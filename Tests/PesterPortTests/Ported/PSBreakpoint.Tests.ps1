# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/{Set,Get,Remove,Enable,Disable}-PSBreakpoint.Tests.ps1
# and the "Unit tests for various script breakpoints" block of
# test/powershell/Language/Scripting/Debugging/DebuggerScriptTests.Tests.ps1: the breakpoint objects, their
# parameter sets, queries and errors (hvsh has no debugger, so no hit counts); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$root = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsh-breakpoint-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $root | Out-Null
$scriptFileName = Join-Path $root 'breakpointTestScript.ps1'
Set-Content -LiteralPath $scriptFileName -Value @('function Hello { "hi" }', 'function Goodbye { "bye" }', 'Hello', 'Goodbye', '', '', '', '', '', '', '', '', '$table = @{}')
$notAScript = Join-Path $root 'notascript.txt'
Set-Content -LiteralPath $notAScript -Value 'x'

Describe 'Set-PSBreakpoint' {
    It 'sets line breakpoints, with a column and an action' {
        $brk = Set-PSBreakpoint -Line 13 -Script $scriptFileName
        $brk.Line | Should -Be 13
        Remove-PSBreakpoint -Id $brk.Id
        $brk = Set-PSBreakpoint -Line 13 -Column 1 -Action {{ break; }} -Script $scriptFileName
        $brk.Line | Should -Be 13
        $brk.Column | Should -Be 1
        $brk.Action | Should -Match 'break'
        Remove-PSBreakpoint -Id $brk.Id
    }
    It 'takes several scripts and lines' {
        $brk = Set-PSBreakpoint -Line 11, 12, 13 -Column 1 -Script $scriptFileName, $scriptFileName
        $brk.Count | Should -Be 6
        $brk.Line | Should -BeIn 11, 12, 13
        Remove-PSBreakpoint -Id $brk.Id
    }
    It 'takes -Script, -Line and -Column by position' {
        $brk = Set-PSBreakpoint $scriptFileName 13 1
        $brk.Line | Should -Be 13
        $brk.Column | Should -Be 1
        Remove-PSBreakpoint -Id $brk.Id
    }
    It 'sets command breakpoints, in a script or not' {
        $brk = Set-PSBreakpoint -Command 'write-host'
        $brk.Command | Should -BeExactly 'write-host'
        $brk.Script | Should -BeNullOrEmpty
        Remove-PSBreakpoint -Id $brk.Id
        $brk = Set-PSBreakpoint -Command Hello, Goodbye -Script $scriptFileName
        $brk.Command | Should -Be Hello, Goodbye
        Remove-PSBreakpoint -Id $brk.Id
        $brk = Set-PSBreakpoint $scriptFileName -Command 'Hello'
        $brk.Command | Should -BeExactly 'Hello'
        $brk | Remove-PSBreakpoint
    }
    It 'fails on a column or line less than 1' {
        { Set-PSBreakpoint -Line 1 -Column -1 -Script $scriptFileName } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.SetPSBreakpointCommand'
        { Set-PSBreakpoint -Line -1 -Script $scriptFileName -ErrorAction Stop } | Should -Throw -ErrorId 'SetPSBreakpoint:LineLessThanOne,Microsoft.PowerShell.Commands.SetPSBreakpointCommand'
        { Set-PSBreakpoint -Line 'one' -Script $scriptFileName } | Should -Throw
    }
    It 'fails on a file that is no script, a missing file and a path on another provider' {
        { Set-PSBreakpoint -Script $notAScript -Line 1 -ErrorAction Stop } | Should -Throw -ErrorId 'NewPSBreakpoint:WrongExtension,Microsoft.PowerShell.Commands.SetPSBreakpointCommand'
        { Set-PSBreakpoint -Script (Join-Path $root 'missing.ps1') -Line 1 -ErrorAction Stop } | Should -Throw
        ${script.ps1} = 10
        { Set-PSBreakpoint -Script variable:\script.ps1 -Line 1 -ErrorAction Stop } | Should -Throw
    }
    It 'sets variable breakpoints, for writes unless -Mode says otherwise' {
        $brk = Set-PSBreakpoint -Variable foo
        $brk.Variable | Should -BeExactly 'foo'
        $brk.AccessMode | Should -Be ([System.Management.Automation.VariableAccessMode]::Write)
        "$brk" | Should -BeExactly "Variable breakpoint on '`$foo' (Write access)"
        $brk | Remove-PSBreakpoint
        $brk = Set-PSBreakpoint -Variable foo -Mode ReadWrite -Script $scriptFileName
        "$brk" | Should -BeExactly "Variable breakpoint on '${scriptFileName}:`$foo' (ReadWrite access)"
        $brk | Remove-PSBreakpoint
    }
    It 'writes breakpoints of the documented types with session-wide ids' {
        $line = Set-PSBreakpoint $scriptFileName 3
        $cmd = Set-PSBreakpoint -Command Hello
        $line | Should -BeOfType System.Management.Automation.LineBreakpoint
        $cmd | Should -BeOfType System.Management.Automation.Breakpoint
        $cmd.Id | Should -Be ($line.Id + 1)
        $line.Enabled | Should -BeTrue
        $line.HitCount | Should -Be 0
        "$line" | Should -BeExactly "Line breakpoint on '${scriptFileName}:3'"
        "$cmd" | Should -BeExactly "Command breakpoint on 'Hello'"
        $line, $cmd | Remove-PSBreakpoint
    }
}

Describe 'Get-PSBreakpoint' {
    Get-PSBreakpoint | Remove-PSBreakpoint
    $scriptFile2 = Join-Path $root 'second.ps1'
    Set-Content -LiteralPath $scriptFile2 -Value ''
    $line1 = Set-PSBreakpoint $scriptFileName 1
    $line2 = Set-PSBreakpoint $scriptFile2 2
    $cmd1 = Set-PSBreakpoint -c command1 -s $scriptFileName
    $cmd2 = Set-PSBreakpoint -c command2 -s $scriptFile2
    $cmd3 = Set-PSBreakpoint -c command3
    $var1 = Set-PSBreakpoint -v variable1 -s $scriptFileName
    $var2 = Set-PSBreakpoint -v variable2 -s $scriptFile2
    $var3 = Set-PSBreakpoint -v variable3

    It 'lists every breakpoint' {
        (Get-PSBreakpoint).Count | Should -Be 8
    }
    It 'queries by id, positionally and from the pipeline' {
        (Get-PSBreakpoint -Id $line1.ID, $cmd1.ID, $var1.ID).Id | Should -Be $line1.Id, $cmd1.Id, $var1.Id
        (Get-PSBreakpoint $line2.ID, $cmd2.ID).Id | Should -Be $line2.Id, $cmd2.Id
        ($cmd3.ID, $var3.ID | Get-PSBreakpoint).Id | Should -Be $cmd3.Id, $var3.Id
        ({ Get-PSBreakpoint -Id $null } | Should -Throw -PassThru).Exception.GetType().Name | Should -Be 'ParameterBindingValidationException'
        ({ Get-PSBreakpoint -Id $line1.ID -Script $scriptFileName } | Should -Throw -PassThru).Exception.GetType().Name | Should -Be 'ParameterBindingException'
    }
    It 'queries by script, also a relative path' {
        (Get-PSBreakpoint -Script $scriptFileName).Id | Should -Be $line1.Id, $cmd1.Id, $var1.Id
        ($scriptFile2 | Get-PSBreakpoint).Id | Should -Be $line2.Id, $cmd2.Id, $var2.Id
        ({ Get-PSBreakpoint -Script $scriptFileName, $null } | Should -Throw -PassThru).Exception.GetType().Name | Should -Be 'ParameterBindingValidationException'
        Push-Location $root
        (Get-PSBreakpoint -Script second.ps1).Id | Should -Be $line2.Id, $cmd2.Id, $var2.Id
        Pop-Location
    }
    It 'queries by type, command and variable' {
        (Get-PSBreakpoint -Type Line).Id | Should -Be $line1.Id, $line2.Id
        ([Microsoft.PowerShell.Commands.BreakpointType]'command' | Get-PSBreakpoint).Id | Should -Be $cmd1.Id, $cmd2.Id, $cmd3.Id
        (Get-PSBreakpoint -Type Line -Script $scriptFileName).Id | Should -Be $line1.Id
        (Get-PSBreakpoint -Command command1, command2).Id | Should -Be $cmd1.Id, $cmd2.Id
        (Get-PSBreakpoint -Variable variable1, variable2 -Script $scriptFileName).Id | Should -Be $var1.Id
        ({ Get-PSBreakpoint -Variable $null } | Should -Throw -PassThru).Exception.GetType().Name | Should -Be 'ParameterBindingValidationException'
        ({ Get-PSBreakpoint -Type $null } | Should -Throw -PassThru).Exception.GetType().Name | Should -Be 'ParameterBindingValidationException'
    }
    It 'converts its breakpoints to [Breakpoint[]]' {
        $all = [System.Management.Automation.Breakpoint[]]@(Get-PSBreakpoint)
        $all -contains $cmd2 | Should -BeTrue
    }
    Get-PSBreakpoint | Remove-PSBreakpoint
}

Describe 'Remove-, Enable- and Disable-PSBreakpoint' {
    It 'disables and enables by object, by id and by property name' {
        $brk = Set-PSBreakpoint -Command Test-NotACommand | Disable-PSBreakpoint -PassThru
        $brk.Enabled | Should -BeFalse
        ($brk | Enable-PSBreakpoint -PassThru).Enabled | Should -BeTrue
        Disable-PSBreakpoint -Id $brk.Id
        $brk.Enabled | Should -BeFalse
        ([pscustomobject]@{ Id = $brk.Id } | Enable-PSBreakpoint -PassThru).Enabled | Should -BeTrue
        Disable-PSBreakpoint $brk
        $brk.Enabled | Should -BeFalse
        $brk | Remove-PSBreakpoint
    }
    It 'removes by id, by object and from the pipeline' {
        $all = Set-PSBreakpoint -Line 1, 2, 3 -Script $scriptFileName
        Remove-PSBreakpoint -Id $all[0].Id
        (Get-PSBreakpoint).Count | Should -Be 2
        Remove-PSBreakpoint $all[1]
        Get-PSBreakpoint | Remove-PSBreakpoint
        Get-PSBreakpoint | Should -BeNullOrEmpty
    }
    It 'reports an unknown id' {
        { Remove-PSBreakpoint -Id 987654 -ErrorAction Stop } | Should -Throw -ErrorId 'PSBreakpoint:BreakpointIdNotFound,Microsoft.PowerShell.Commands.RemovePSBreakpointCommand'
        { Enable-PSBreakpoint -Id 987654 -ErrorAction Stop } | Should -Throw -ErrorId 'PSBreakpoint:BreakpointIdNotFound,Microsoft.PowerShell.Commands.EnablePSBreakpointCommand'
    }
}

Describe 'Command breakpoints without a debugger' {
    # Breakpoint.Trigger: each hit counts and runs the action with the breakpoint as $_, its output dropped.
    It 'counts hits and runs the action' {
        function Test-Hooked { 'ran' }
        $seen = [System.Collections.Generic.List[int]]::new()
        $brk = Set-PSBreakpoint -Command Test-Hook* -Action { $seen.Add($_.Id); 'dropped' }
        Test-Hooked | Should -Be 'ran'
        Test-Hooked | Should -Be 'ran'
        $brk.HitCount | Should -Be 2
        $seen | Should -Be $brk.Id, $brk.Id
        $brk | Disable-PSBreakpoint
        $null = Test-Hooked
        $brk.HitCount | Should -Be 2
        $brk | Remove-PSBreakpoint
    }
    It 'with a script, counts only calls from that script' {
        $brk = Set-PSBreakpoint -Command Hello -Script $scriptFileName
        $null = & $scriptFileName
        $brk.HitCount | Should -Be 1
        function Hello { }
        Hello
        $brk.HitCount | Should -Be 1
        $brk | Remove-PSBreakpoint
    }
}

Remove-Item -LiteralPath $root -Recurse -Force
Complete-MiniPester
