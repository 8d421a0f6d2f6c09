# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/RunspaceBreakpointManagement.Tests.ps1:
# the [Runspace()] argument transformation and the breakpoint cmdlets' -Runspace on the host runspace
# (the remote-runspace part needs a job's live runspace, which hvsh's jobs do not have); the
# assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

function Test-RunspaceTransform {
    param(
        [ValidateNotNull()]
        [Runspace]
        [System.Management.Automation.Runspaces.Runspace()]
        $Runspace
    )
    $Runspace
}

Describe 'Runspace breakpoint management' {
    Context 'Can transform a runspace name, id, or instanceid into a runspace' {
        It 'Transforms a valid runspace name into a runspace' {
            Test-RunspaceTransform -Runspace $host.Runspace.Name | Should -Be $host.Runspace
        }
        It 'Transforms a valid runspace ID into a runspace' {
            Test-RunspaceTransform -Runspace $host.Runspace.Id | Should -Be $host.Runspace
        }
        It 'Transforms a valid runspace instance ID into a runspace' {
            Test-RunspaceTransform -Runspace $host.Runspace.InstanceId | Should -Be $host.Runspace
        }
        It 'Reports an argument transformation error when given invalid input' {
            $e = { Test-RunspaceTransform -Runspace 'This is not a runspace name' } | Should -Throw -PassThru
            $e.Exception.GetType().Name | Should -Be 'ParameterBindingArgumentTransformationException'
        }
        It 'Passes through $null without transforming it' {
            $e = { Test-RunspaceTransform -Runspace $null } | Should -Throw -PassThru
            $e.Exception.GetType().Name | Should -Be 'ParameterBindingValidationException'
        }
    }

    Context 'Managing breakpoints in the host runspace' {
        It 'Can set breakpoints' {
            Set-PSBreakpoint -Command Test-ThisCommandDoesNotExist -Runspace $host.Runspace | Should -BeOfType [System.Management.Automation.CommandBreakpoint]
        }
        It 'Can get breakpoints, and the result breakpoints do not show the runspace id because they are local' {
            $bp = @(Get-PSBreakpoint -Runspace $host.Runspace)[0]
            Get-Member -InputObject $bp -Name RunspaceId -ErrorAction Ignore | Should -Be $null
        }
        It 'Can disable breakpoints in a pipeline' {
            $bp = @(Get-PSBreakpoint -Runspace $host.Runspace | Disable-PSBreakpoint -PassThru)[0]
            $bp.Enabled | Should -BeFalse
        }
        It 'Can enable breakpoints in a pipeline' {
            $bp = @(Get-PSBreakpoint -Runspace $host.Runspace | Enable-PSBreakpoint -PassThru)[0]
            $bp.Enabled | Should -BeTrue
        }
        It 'Can disable breakpoints by id' {
            $id = @(Get-PSBreakpoint -Runspace $host.Runspace)[0].Id
            $bp = Disable-PSBreakpoint -Id $id -Runspace $host.Runspace -PassThru
            $bp.Enabled | Should -BeFalse
        }
        It 'Can enable breakpoints by id' {
            $id = @(Get-PSBreakpoint -Runspace $host.Runspace)[0].Id
            $bp = Enable-PSBreakpoint -Id $id -Runspace $host.Runspace -PassThru
            $bp.Enabled | Should -BeTrue
        }
        It 'Can remove breakpoints' {
            Get-PSBreakpoint -Runspace $host.Runspace | Remove-PSBreakpoint
            Get-PSBreakpoint -Runspace $host.Runspace | Should -BeNull
        }
    }

    Context 'Managing breakpoints in another runspace' {
        It 'Keeps the breakpoints of another runspace apart and marks them with its RunspaceId' {
            $rs = [runspacefactory]::CreateRunspace()
            $rs.Open()
            $bp = Set-PSBreakpoint -Command Get-Date -Runspace $rs
            $bp.RunspaceId | Should -Be $rs.InstanceId
            @(Get-PSBreakpoint -Runspace $rs).Count | Should -Be 1
            @(Get-PSBreakpoint).Count | Should -Be 0
            Remove-PSBreakpoint -Id $bp.Id -Runspace $rs
            @(Get-PSBreakpoint -Runspace $rs.Name).Count | Should -Be 0
            $rs.Dispose()
        }
    }
}

Complete-MiniPester
