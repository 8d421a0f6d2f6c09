# Ported from test/powershell/Language/Scripting/CommonParameters.Tests.ps1 (scripts run through a
# [powershell] in a runspace of [runspacefactory]::CreateRunspace(), no host),
# Modules/Microsoft.PowerShell.Utility/RunspaceCmdlets.Tests.ps1 (Get-Runspace) and
# Modules/Microsoft.PowerShell.Utility/Foreach-Object-Parallel.Tests.ps1 (ForEach-Object -Parallel
# without -AsJob): the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

function New-HostedPowerShell {
    $rs = [system.management.automation.runspaces.runspacefactory]::CreateRunspace()
    $rs.Open()
    $ps = [System.Management.Automation.PowerShell]::Create()
    $ps.Runspace = $rs
    $ps
}

$advanced = '
    function get-foo {
        [CmdletBinding(SupportsShouldProcess=$true, ConfirmImpact="{0}")]
        param()
        write-debug "debug foo"
        write-verbose "verbose foo"
        if ($PSCmdlet.ShouldProcess("foo", "foo action")) { write-output "foo action" }
    }
'

Describe 'Common parameters of a script cmdlet run in a hosted runspace' {
    It 'keeps debug and verbose records out of the streams unless asked' {
        $ps = New-HostedPowerShell
        [void] $ps.AddScript(($advanced -replace '\{0\}', 'low') + 'get-foo')
        $output = $ps.EndInvoke($ps.BeginInvoke())
        $output[0] | Should -BeExactly 'foo action'
        $ps.Streams.Debug.Count | Should -Be 0
        $ps.Streams.Verbose.Count | Should -Be 0
        $ps.Dispose()
    }
    It 'collects them with -Debug and -Verbose' {
        $ps = New-HostedPowerShell
        [void] $ps.AddScript(($advanced -replace '\{0\}', 'low') + 'get-foo -Debug -Verbose')
        $output = $ps.EndInvoke($ps.BeginInvoke())
        $output[0] | Should -BeExactly 'foo action'
        $ps.Streams.Debug[0].Message | Should -BeExactly 'debug foo'
        $ps.Streams.Verbose[0].Message | Should -BeExactly 'verbose foo'
        $ps.InvocationStateInfo.State | Should -BeExactly 'Completed'
    }
    It 'throws ActionPreferenceStopException from EndInvoke for -ErrorAction Stop' {
        $ps = New-HostedPowerShell
        [void] $ps.AddScript('function get-foo { [CmdletBinding()] param() write-error "error foo"; "output foo" }; get-foo -ErrorAction Stop')
        $asyncResult = $ps.BeginInvoke()
        { $ps.EndInvoke($asyncResult) } | Should -Throw -ErrorId 'ActionPreferenceStopException'
        $ps.InvocationStateInfo.State | Should -BeExactly 'Failed'
    }
    It 'collects a non-terminating error and goes on' {
        $ps = New-HostedPowerShell
        [void] $ps.AddScript('function get-foo { [CmdletBinding()] param() write-error "error foo"; "output foo" }; get-foo')
        $output = $ps.EndInvoke($ps.BeginInvoke())
        $output[0] | Should -BeExactly 'output foo'
        $ps.Streams.Error[0].ToString() | Should -Match 'error foo'
    }
    It 'fails a confirmation prompt in a runspace without a host' {
        $ps = New-HostedPowerShell
        [void] $ps.AddScript(($advanced -replace '\{0\}', 'medium') + 'get-foo -Confirm')
        $null = $ps.EndInvoke($ps.BeginInvoke())
        $ps.Streams.Error.Count | Should -Be 1
        $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'HostFunctionNotImplemented*'
        $ps.InvocationStateInfo.State | Should -BeExactly 'Completed'
    }
    It 'never asks for a command of ConfirmImpact None, even with -Confirm' {
        $ps = New-HostedPowerShell
        [void] $ps.AddScript(($advanced -replace '\{0\}', 'none') + 'get-foo -Confirm')
        $output = $ps.EndInvoke($ps.BeginInvoke())
        $output[0] | Should -BeExactly 'foo action'
    }
    It 'asks (and so fails) for ConfirmImpact High under the default preference' {
        $ps = New-HostedPowerShell
        [void] $ps.AddScript(($advanced -replace '\{0\}', 'high') + 'get-foo')
        $null = $ps.EndInvoke($ps.BeginInvoke())
        $ps.Streams.Error.Count | Should -Be 1
    }
    It 'fails ShouldContinue in a runspace without a host' {
        $ps = New-HostedPowerShell
        [void] $ps.AddScript('function get-foo { [CmdletBinding()] param() if ($PSCmdlet.ShouldContinue("foo", "foo action")) { "foo action" } }; get-foo')
        $null = $ps.EndInvoke($ps.BeginInvoke())
        $ps.Streams.Error.Count | Should -Be 1
        $ps.InvocationStateInfo.State | Should -BeExactly 'Completed'
    }
}

Describe 'Runspaces' {
    It 'opens a runspace of its own and reads and writes its variables' {
        $rs = [runspacefactory]::CreateRunspace()
        $rs.RunspaceStateInfo.State | Should -Be 'BeforeOpen'
        $rs.Open()
        $rs.RunspaceStateInfo.State | Should -Be 'Opened'
        $rs.SessionStateProxy.SetVariable('fromOutside', 41)
        $ps = [powershell]::Create()
        $ps.Runspace = $rs
        $ps.AddScript('$fromOutside + 1; $inside = "set"').Invoke() | Should -Be 42
        $rs.SessionStateProxy.GetVariable('inside') | Should -BeExactly 'set'
        $inside | Should -BeNullOrEmpty
        $rs.Dispose()
        $rs.RunspaceStateInfo.State | Should -Be 'Closed'
    }
    It 'starts a runspace with an InitialSessionState''s variables and functions' {
        $iss = [initialsessionstate]::CreateDefault2()
        $iss.Variables.Add([System.Management.Automation.Runspaces.SessionStateVariableEntry]::new('issVar', 'from iss', $null))
        $iss.Commands.Add([System.Management.Automation.Runspaces.SessionStateFunctionEntry]::new('Get-IssThing', '"thing $args"'))
        $rs = [runspacefactory]::CreateRunspace($iss)
        $rs.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $rs
        $ps.AddScript('$issVar; Get-IssThing 1').Invoke() | Should -Be @('from iss', 'thing 1')
        $rs.Dispose()
    }
    It 'wraps the real exception of a failed Invoke' {
        $ps = [powershell]::Create()
        [void] $ps.AddScript('throw "boom"')
        $caught = $null
        try { $ps.Invoke() } catch { $caught = $_ }
        $caught.Exception.GetType().FullName | Should -BeExactly 'System.Management.Automation.MethodInvocationException'
        $caught.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId | Should -BeExactly 'boom'
        $ps.HadErrors | Should -BeTrue
    }
}

Describe 'Get-Runspace' {
    $current = $ExecutionContext.Host.Runspace
    It 'lists the current runspace first' {
        (Get-Runspace | Sort-Object -Property Id | Select-Object -First 1).InstanceId | Should -Be $current.InstanceId
        [runspace]::DefaultRunspace.InstanceId | Should -Be $current.InstanceId
    }
    It 'finds it by InstanceId, Name and Id' {
        (Get-Runspace -InstanceId $current.InstanceId).InstanceId | Should -Be $current.InstanceId
        (Get-Runspace -Name $current.Name).InstanceId | Should -Be $current.InstanceId
        (Get-Runspace -Id $current.Id).InstanceId | Should -Be $current.InstanceId
    }
    It 'lists new runspaces until they are disposed' {
        $r1 = [runspacefactory]::CreateRunspace()
        $r1.Open()
        $r2 = [runspacefactory]::CreateRunspace()
        (Get-Runspace).Id | Should -Contain $r1.Id
        (Get-Runspace).Id | Should -Contain $r2.Id
        $r1.Dispose(); $r2.Dispose()
        (Get-Runspace).Id | Should -Not -Contain $r1.Id
    }
}

Describe 'ForEach-Object -Parallel' {
    $sb = { 'Hello!' }
    It 'runs the block for every input object with $_ set' {
        $result = 1..10 | ForEach-Object -Parallel { $_ }
        $result.Count | Should -BeExactly 10
        $result | Should -Contain 1
        $result | Should -Contain 10
    }
    It 'copies $using: values in, indexes included' {
        $var = 'Hello'
        $varArray = 'Hello', 'There'
        $result = 1..1 | ForEach-Object -Parallel { $using:var; $using:varArray[1] }
        $result.Count | Should -BeExactly 2
        $result[0] | Should -BeExactly 'Hello'
        $result[1] | Should -BeExactly 'There'
    }
    It 'reads $using: in nested calls from the runspace that makes the inner call' {
        $Test = 'Test1'
        $results = 1..2 | ForEach-Object -Parallel {
            $using:Test
            $Test = 'Test2'
            1..2 | ForEach-Object -Parallel { $using:Test }
        }
        $results.Count | Should -BeExactly 6
        $groups = $results | Group-Object -AsHashTable
        $groups['Test1'].Count | Should -BeExactly 2
        $groups['Test2'].Count | Should -BeExactly 4
    }
    It 'reads $using: in a script block nested in the parallel one' {
        $test = 'testC'
        (1..2 | ForEach-Object -Parallel { & { $using:test } }) | Should -Be @('testC', 'testC')
    }
    It 'reports a $using: variable undefined in the calling runspace' {
        $Test = 'TestZ'
        1..1 | ForEach-Object -Parallel {
            $using:Test
            1..1 | ForEach-Object -Parallel { $using:Test }
        } -ErrorVariable usingErrors 2>$null
        $usingErrors[0].FullyQualifiedErrorId | Should -BeExactly 'UsingVariableIsUndefined,Microsoft.PowerShell.Commands.ForEachObjectCommand'
    }
    It 'turns a terminating error into a PSTaskException record' {
        $result = 1..1 | ForEach-Object -Parallel { throw 'Terminating Error!'; 'Hello' } 2>&1
        $result.Count | Should -BeExactly 1
        $result.ToString() | Should -BeExactly 'Terminating Error!'
        $result.FullyQualifiedErrorId | Should -BeExactly 'PSTaskException'
    }
    It 'streams errors, warnings, verbose, debug and information back' {
        $e = 1..1 | ForEach-Object -Parallel { Write-Error 'Error!' } 2>&1
        $e.FullyQualifiedErrorId | Should -BeExactly 'Microsoft.PowerShell.Commands.WriteErrorException'
        (1..1 | ForEach-Object -Parallel { Write-Warning 'Warning!' } 3>&1).Message | Should -BeExactly 'Warning!'
        (1..1 | ForEach-Object -Parallel { Write-Verbose 'Verbose!' -Verbose } -Verbose 4>&1).Message | Should -BeExactly 'Verbose!'
        (1..1 | ForEach-Object -Parallel { Write-Debug 'Debug!' -Debug } -Debug 5>&1).Message | Should -BeExactly 'Debug!'
        (1..1 | ForEach-Object -Parallel { Write-Information 'Information!' } 6>&1).MessageData | Should -BeExactly 'Information!'
    }
    It 'refuses script block $using: values and piped script blocks' {
        { 1..1 | ForEach-Object -Parallel { $using:sb } } | Should -Throw -ErrorId 'ParallelUsingVariableCannotBeScriptBlock,Microsoft.PowerShell.Commands.ForEachObjectCommand'
        ($sb | ForEach-Object -Parallel { 'Hello' } 2>&1).FullyQualifiedErrorId | Should -BeExactly 'ParallelPipedInputObjectCannotBeScriptBlock,Microsoft.PowerShell.Commands.ForEachObjectCommand'
    }
    It 'refuses the common parameters it does not support' {
        { 1..1 | ForEach-Object -Parallel { 'Hello' } -ErrorAction Stop } | Should -Throw -ErrorId 'ParallelCommonParametersNotSupported,Microsoft.PowerShell.Commands.ForEachObjectCommand'
        { 1..1 | ForEach-Object -Parallel { 'Hello' } -PipelineVariable pv } | Should -Throw -ErrorId 'ParallelCommonParametersNotSupported,Microsoft.PowerShell.Commands.ForEachObjectCommand'
        { 1..1 | ForEach-Object -AsJob -Parallel { 'Hello' } -TimeoutSeconds 60 } | Should -Throw -ErrorId 'ParallelCannotUseTimeoutWithJob,Microsoft.PowerShell.Commands.ForEachObjectCommand'
    }
    It 'fills -ErrorVariable and -OutVariable' {
        1..1 | ForEach-Object -Parallel { Write-Error "Error:$_" } -ErrorVariable parallelErrors 2>$null
        $parallelErrors[0].ToString() | Should -BeExactly 'Error:1'
        $null = 1..1 | ForEach-Object -Parallel { "Output:$_" } -OutVariable parallelOut
        $parallelOut[0] | Should -BeExactly 'Output:1'
    }
    It 'runs in the caller''s location and in FullLanguage' {
        (1..1 | ForEach-Object -Parallel { $PWD }).Path | Should -BeExactly $PWD.Path
        1..1 | ForEach-Object -Parallel { $ExecutionContext.SessionState.LanguageMode } | Should -BeExactly 'FullLanguage'
    }
    It 'stops a runaway iteration at -TimeoutSeconds' {
        $results = 1..2 | ForEach-Object -Parallel { "Output $_"; Start-Sleep -Seconds 60 } -TimeoutSeconds 1 -ThrottleLimit 1 2>&1
        $results.Count | Should -BeExactly 2
        $results[0] | Should -BeExactly 'Output 1'
        $results[1].FullyQualifiedErrorId | Should -BeExactly 'PSTaskException'
        $results[1].Exception | Should -BeOfType System.Management.Automation.PipelineStoppedException
    }
}
# From Language/Scripting/CommandErrorHandling.Tests.ps1: commands added with AddCommand are the
# instance's pipeline, so an error that ends one fails Invoke() itself.
Describe 'Errors of commands run with AddCommand' {
    $pwsh = [powershell]::Create()
    $null = $pwsh.AddScript(@'
function ThrowTerminatingError {
    [CmdletBinding()] param()
    $ex = [System.ArgumentException]::new('terminating-exception')
    $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new($ex, 'ThrowTerminatingError:error', 'InvalidArgument', $null))
    Write-Verbose -Verbose 'verbose-message'
}
function ErrorActionStop { [CmdletBinding()] param() Get-Command NonExist -ErrorAction Stop; Write-Verbose -Verbose 'verbose-message' }
function ThrowException { [CmdletBinding()] param() throw 'throw-exception'; Write-Verbose -Verbose 'verbose-message' }
function MethodInvocationThrowException {
    [CmdletBinding()] param()
    $iss = [initialsessionstate]::Create()
    $iss.ImportPSModule($null)
    Write-Verbose -Verbose 'verbose-message'
}
'@).Invoke()
    function RunCommand([string] $Command, [string] $ErrorAction) {
        $pwsh.Commands.Clear()
        $pwsh.Streams.ClearStreams()
        $pwsh.AddCommand($Command).AddParameter('ErrorAction', $ErrorAction).Invoke()
    }
    It 'ThrowTerminatingError stops the function and fails Invoke whatever the error action' {
        $failure = $null
        try { RunCommand ThrowTerminatingError SilentlyContinue } catch { $failure = $_ }
        $failure.Exception | Should -BeOfType System.Management.Automation.MethodInvocationException
        $failure.Exception.InnerException | Should -BeOfType System.Management.Automation.CmdletInvocationException
        $failure.Exception.InnerException.InnerException | Should -BeOfType System.ArgumentException
        $failure.Exception.InnerException.InnerException.Message | Should -BeExactly 'terminating-exception'
        $pwsh.Streams.Verbose | Should -HaveCount 0
    }
    It '-ErrorAction Stop inside fails Invoke with an ActionPreferenceStopException' {
        $failure = $null
        try { RunCommand ErrorActionStop Continue } catch { $failure = $_ }
        $failure.Exception.InnerException | Should -BeOfType System.Management.Automation.ActionPreferenceStopException
        $failure.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId | Should -BeExactly 'CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand'
        $pwsh.Streams.Verbose | Should -HaveCount 0
    }
    It 'a throw statement fails Invoke under Continue' {
        $failure = $null
        try { RunCommand ThrowException Continue } catch { $failure = $_ }
        $failure.Exception.InnerException | Should -BeOfType System.Management.Automation.RuntimeException
        $failure.Exception.InnerException.Message | Should -BeExactly 'throw-exception'
    }
    It 'a method''s exception is a non-terminating error and the function goes on' {
        RunCommand MethodInvocationThrowException Continue
        $pwsh.Streams.Error | Should -HaveCount 1
        $pwsh.Streams.Error[0].FullyQualifiedErrorId | Should -BeExactly 'ArgumentNullException'
        $pwsh.Streams.Verbose | Should -BeExactly 'verbose-message'
    }
    It 'a function''s script block Ast is its whole definition' {
        (Get-Command RunCommand).ScriptBlock.Ast.Extent.Text | Should -Match '^function RunCommand\('
        (Get-Command RunCommand).ScriptBlock.Ast.Name | Should -BeExactly 'RunCommand'
    }
}

# From Modules/Microsoft.PowerShell.Utility/Foreach-Object-Parallel.Tests.ps1 (-AsJob): the task job,
# its child jobs and what Receive-Job hands back.
Describe 'ForEach-Object -Parallel -AsJob' {
    It 'puts the job in the job list and gives every object''s output back' {
        $job = 1..10 | ForEach-Object -AsJob -Parallel { $_ }
        Get-Job | Should -Contain $job
        $result = $job | Wait-Job | Receive-Job
        $job | Remove-Job
        $result.Count | Should -BeExactly 10
        $result | Should -Contain 10
        Get-Job | Should -Not -Contain $job
    }
    It 'copies $using: values into the job''s tasks' {
        $Var1 = 'Hello'
        $Var4 = 'One', 'Two', 'Three'
        $job = 1..1 | ForEach-Object -AsJob -Parallel { Write-Output $using:Var1; Write-Output $using:Var4[1] }
        $results = $job | Wait-Job | Receive-Job
        $job | Remove-Job
        $results[0] | Should -BeExactly 'Hello'
        $results[1] | Should -BeExactly 'Two'
    }
    It 'fails the job and the child whose task threw' {
        $job = 1..2 | ForEach-Object -AsJob -Parallel { if ($_ -eq 1) { throw 'Terminating Error!'; 'Goodbye!' } else { 'Hello!' } }
        $results = $job | Wait-Job | Receive-Job 2>$null
        $results | Should -Contain 'Hello!'
        $results | Should -Not -Contain 'Goodbye!'
        $job.JobStateInfo.State | Should -BeExactly 'Failed'
        $job.ChildJobs[0].JobStateInfo.State | Should -BeExactly 'Failed'
        $job.ChildJobs[0].JobStateInfo.Reason.Message | Should -BeExactly 'Terminating Error!'
        $job.ChildJobs[1].JobStateInfo.State | Should -BeExactly 'Completed'
        $job | Remove-Job
    }
    It 'hands records back through Receive-Job''s streams' {
        $job = 1..1 | ForEach-Object -AsJob -Parallel { Write-Error "Error:$_"; Write-Warning "Warning:$_" }
        ($job | Wait-Job | Receive-Job -Keep 2>&1 3>$null).ToString() | Should -BeExactly 'Error:1'
        ($job | Receive-Job 3>&1 2>$null).Message | Should -BeExactly 'Warning:1'
        $job | Remove-Job
    }
    It 'keeps the block as its Command and counts the runspaces it used' {
        $job = 1..4 | ForEach-Object -Parallel { $_ } -AsJob -ThrottleLimit 2 | Wait-Job
        $job.Command | Should -BeExactly ' $_ '
        $job.ChildJobs[0].Command | Should -BeExactly ' $_ '
        $job.AllocatedRunspaceCount | Should -BeExactly 2
        $job | Remove-Job
        $job = 1..3 | ForEach-Object -Parallel { $_ } -AsJob -ThrottleLimit 2 -UseNewRunspace | Wait-Job
        $job.AllocatedRunspaceCount | Should -BeExactly 3
        $job | Remove-Job
    }
    It 'removes the job with Receive-Job -Wait -AutoRemoveJob' {
        $job = 1..4 | ForEach-Object -AsJob -Parallel { "Hello:$_" }
        $null = $job | Receive-Job -Wait -AutoRemoveJob
        Get-Job | Should -Not -Contain $job
    }
}

Describe 'Start-Job' {
    It 'runs the block with its arguments and piped input' {
        $job = Start-Job { "hi $args" } -ArgumentList 1
        $job | Receive-Job -Wait -AutoRemoveJob | Should -BeExactly 'hi 1'
        1..3 | Start-Job { $input | ForEach-Object { $_ * 2 } } | Receive-Job -Wait -AutoRemoveJob | Should -Be @(2, 4, 6)
    }
    It 'reports an unknown job id' {
        Receive-Job -Id 9999 -ErrorVariable jobErrors 2>$null
        $jobErrors[0].FullyQualifiedErrorId | Should -BeExactly 'JobWithSpecifiedSessionNotFound,Microsoft.PowerShell.Commands.ReceiveJobCommand'
    }
}

Complete-MiniPester
