# Ported from test/powershell/Language/Scripting/OutErrorVariable.Tests.ps1,
# CommonParameters.Tests.ps1 and ActionPreference.Tests.ps1 (the assertions, in hvsh's own code).
. "$PSScriptRoot/MiniPester.ps1"

Describe '-OutVariable' {
    It 'collects what a cmdlet writes' {
        Write-Output 'first' -OutVariable ov1 | Out-Null
        $ov1 | Should -BeExactly 'first'
        $ov1.GetType().FullName | Should -BeExactly 'System.Collections.ArrayList'
    }
    It 'collects what an advanced function writes' {
        function Get-Two { [CmdletBinding()] param() 'one'; 'two' }
        Get-Two -OutVariable ov2 | Out-Null
        $ov2.Count | Should -Be 2
        $ov2[1] | Should -BeExactly 'two'
    }
    It '+name appends to what the variable holds' {
        Write-Output 1 -OutVariable acc | Out-Null
        Write-Output 2 -OutVariable +acc | Out-Null
        $acc -join ',' | Should -BeExactly '1,2'
    }
    It 'without + the variable starts again' {
        Write-Output 1, 2 -OutVariable again | Out-Null
        Write-Output 3 -OutVariable again | Out-Null
        $again -join ',' | Should -BeExactly '3'
    }
    It 'fills while the pipeline runs' {
        $seen = 1..3 | ForEach-Object { $_ } -OutVariable live | ForEach-Object { $live.Count }
        $seen -join ',' | Should -BeExactly '1,2,3'
    }
}

Describe '-OutVariable with the output redirected' {
    It 'still fills when the output goes to $null' {
        function get-foo1 { [CmdletBinding()] param() 'foo' }
        function get-foo2 { [CmdletBinding()] param() $PSCmdlet.WriteObject('foo') }
        get-foo1 -OutVariable r1 > $null
        $r1 | Should -BeExactly 'foo'
        get-foo2 -OutVariable r2 > $null
        $r2 | Should -BeExactly 'foo'
    }
    It 'appends with +name when the output goes to $null' {
        function get-foo1 { [CmdletBinding()] param() 'foo' }
        $r3 = 'a', 'b'
        get-foo1 -OutVariable +r3 > $null
        $r3 | Should -BeExactly @('a', 'b', 'foo')
    }
    It 'a nested command fills a script-scoped variable' {
        function get-foo1 { [CmdletBinding()] param() 'foo' }
        function get-bar { [CmdletBinding()] param() 'bar'; get-foo1 -OutVariable script:nestedOut }
        get-bar -OutVariable b > $null
        $script:nestedOut | Should -BeExactly 'foo'
        $b | Should -BeExactly @('bar', 'foo')
    }
}

Describe '-ErrorVariable' {
    It 'collects a cmdlet''s non-terminating error' {
        Get-Item /no/such/path/for/ev -ErrorVariable ev1 -ErrorAction SilentlyContinue
        $ev1.Count | Should -Be 1
        $ev1[0].FullyQualifiedErrorId | Should -BeExactly 'PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand'
    }
    It 'collects the errors written inside an advanced function' {
        function Write-Two { [CmdletBinding()] param() Write-Error 'e1'; Write-Error 'e2' }
        Write-Two -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2.Count | Should -Be 2
        $ev2[1].Exception.Message | Should -BeExactly 'e2'
    }
    It '+name appends' {
        Get-Item /no/such/a -ErrorVariable ev3 -ErrorAction SilentlyContinue
        Get-Item /no/such/b -ErrorVariable +ev3 -ErrorAction SilentlyContinue
        $ev3.Count | Should -Be 2
    }
    It 'is empty after a command without errors' {
        Get-Item / -ErrorVariable ev4 | Out-Null
        $ev4.Count | Should -Be 0
    }
    It 'holds the ActionPreferenceStopException with -ErrorAction Stop' {
        $ev5 = $null
        try { Get-ChildItem /no/such/dir/x -ErrorAction Stop -ErrorVariable ev5 } catch { }
        $ev5.Count | Should -Be 1
        $ev5[0].GetType().Name | Should -BeExactly 'ActionPreferenceStopException'
        $ev5[0].ErrorRecord.Exception.GetType().Name | Should -BeExactly 'ItemNotFoundException'
    }
}

Describe 'action preferences' {
    It '-ErrorAction Ignore leaves $Error alone' {
        $before = $Error.Count
        Get-Item /no/such/ignored -ErrorAction Ignore
        $Error.Count | Should -Be $before
    }
    It '-ErrorAction SilentlyContinue still records the error in $Error' {
        $Error.Clear()
        Get-Item /no/such/silent -ErrorAction SilentlyContinue
        $Error.Count | Should -Be 1
    }
    It '$ErrorActionPreference = Stop makes a cmdlet error terminating' {
        $ErrorActionPreference = 'Stop'
        { Get-Item /no/such/stopped } | Should -Throw -ErrorId 'PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand'
        $ErrorActionPreference = 'Continue'
    }
    It '-ErrorAction Stop on an advanced function stops at its first error' {
        function Write-Then { [CmdletBinding()] param() Write-Error 'first'; 'after' }
        $r = try { Write-Then -ErrorAction Stop } catch { "caught $_" }
        $r | Should -BeExactly 'caught first'
    }
}

Describe '-PipelineVariable' {
    It 'names each object as it passes to the next command' {
        $r = 1..3 | ForEach-Object -PipelineVariable n { $_ } | ForEach-Object { $n * 10 }
        $r -join ',' | Should -BeExactly '10,20,30'
    }
    It 'works on an advanced function' {
        function Get-Letters { [CmdletBinding()] param() 'a'; 'b' }
        $r = Get-Letters -PipelineVariable l | ForEach-Object { "$l$l" }
        $r -join ',' | Should -BeExactly 'aa,bb'
    }
}

Describe '-ErrorVariable along pipelines and nested commands' {
    function Test-Echo {
        [CmdletBinding()]
        param([Parameter(ValueFromPipeline = $true)][string] $Item)
        process { Write-Output $Item; Write-Error $Item }
    }
    function Test-Inner {
        [CmdletBinding()]
        param([Parameter(ValueFromPipeline = $true)][string] $Item)
        Write-Error 'inner-error'
        Write-Output $Item
    }
    function Test-Outer {
        [CmdletBinding()]
        param()
        'outer-output'
        Write-Error 'outer-error'
        Test-Inner 'inner-output' -ErrorVariable script:firstInner | Test-Inner -ErrorVariable script:secondInner
    }
    It 'each command of a pipeline collects only its own errors' {
        (Test-Echo 'm' -ErrorVariable e1 -OutVariable o1 | Test-Echo -ErrorVariable e2 -OutVariable o2 | Test-Echo -ErrorVariable e3) 2>&1 > $null
        $e1 | Should -BeExactly 'm'
        $e2 | Should -BeExactly 'm'
        $e3 | Should -BeExactly 'm'
        $o2 | Should -BeExactly 'm'
    }
    It 'a cmdlet later in the pipeline does not add to an earlier command''s variable' {
        (Test-Echo 'no-such-item' -ErrorVariable first | Get-Item -ErrorVariable second) 2>&1 > $null
        $first | Should -BeExactly 'no-such-item'
        $second.Count | Should -Be 1
        $second[0].Exception | Should -BeOfType System.Management.Automation.ItemNotFoundException
    }
    It 'an enclosing function collects the errors of the last command of its nested pipeline only' {
        Test-Outer -ErrorVariable outer -OutVariable outerOut 2>&1 > $null
        $script:firstInner | Should -BeExactly 'inner-error'
        $script:secondInner | Should -BeExactly 'inner-error'
        $outer | Should -BeExactly @('outer-error', 'inner-error')
    }
    It '-OutVariable does not collect errors merged into the output by 2>&1' {
        Test-Outer -OutVariable outerOut 2>&1 > $null
        $outerOut | Should -BeExactly @('outer-output', 'inner-output')
    }
    It 'an error caught inside the function is added too' {
        function Test-Caught {
            [CmdletBinding()]
            param()
            Write-Error 'written'
            try { throw 'thrown' } catch {}
        }
        Test-Caught -ErrorVariable caught 2> $null
        $caught | Should -BeExactly @('written', 'thrown')
    }
}

Complete-MiniPester
