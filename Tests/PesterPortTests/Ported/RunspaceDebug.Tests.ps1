# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Debug-Runspace.Tests.ps1 and
# Get-RunspaceDebug.Tests.ps1, with the Debugger object's breakpoint methods and Wait-Debugger without
# an attached debugger; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Debug-Runspace' {
    $rs1 = [runspacefactory]::CreateRunspace()
    $rs1.Open()
    $rs1.Name = 'MyRunspace1'
    $rs2 = [runspacefactory]::CreateRunspace()
    $rs2.Open()
    $rs2.Name = 'MyRunspace2'

    It 'Debugging a runspace should fail if the name is ambiguous' {
        { Debug-Runspace -Name 'My*' -ErrorAction stop } | Should -Throw -ErrorId 'DebugRunspaceTooManyRunspaceFound,Microsoft.PowerShell.Commands.DebugRunspaceCommand'
    }
    It 'Debugging a runspace should fail if the name is not found' {
        { Debug-Runspace -Name 'dflkjsdkfjldkjssldfj' -ErrorAction stop } | Should -Throw -ErrorId 'DebugRunspaceNoRunspaceFound,Microsoft.PowerShell.Commands.DebugRunspaceCommand'
    }
    It 'Debugging a runspace should fail if the runspace is not open' {
        $rs2.Close()
        { Debug-Runspace -Runspace $rs2 -ErrorAction stop } | Should -Throw -ErrorId 'InvalidOperation,Microsoft.PowerShell.Commands.DebugRunspaceCommand'
    }
    It 'Debugging a runspace should fail if the runspace has no debugger' {
        $rs1.Debugger.SetDebugMode('None')
        { Debug-Runspace -Runspace $rs1 -ErrorAction stop } | Should -Throw -ErrorId 'InvalidOperation,Microsoft.PowerShell.Commands.DebugRunspaceCommand'
    }
    It 'Debugging the host runspace is refused' {
        { Debug-Runspace -Runspace $host.Runspace -ErrorAction stop } | Should -Throw -ErrorId 'DebugRunspaceCannotDebugHostRunspace,Microsoft.PowerShell.Commands.DebugRunspaceCommand'
    }
    $rs1.Dispose()
    $rs2.Dispose()
}

Describe 'Get-RunspaceDebug' {
    It 'Should return Microsoft.Powershell.Commands.PSRunspaceDebug as the return type' {
        $rs = Get-RunspaceDebug -ErrorAction SilentlyContinue
        $rs | Should -Not -BeNullOrEmpty
        $rs[0] | Should -BeOfType Microsoft.PowerShell.Commands.PSRunspaceDebug
    }
    It 'Shows what Enable- and Disable-RunspaceDebug set' {
        Enable-RunspaceDebug -BreakAll
        $on = Get-RunspaceDebug -RunspaceId $host.Runspace.Id
        Disable-RunspaceDebug
        $off = Get-RunspaceDebug -RunspaceName $host.Runspace.Name
        $on.Enabled | Should -BeTrue
        $on.BreakAll | Should -BeTrue
        $off.Enabled | Should -BeFalse
        $off.RunspaceId | Should -Be $host.Runspace.Id
    }
}

Describe 'The runspace Debugger object' {
    It 'Keeps the session breakpoints' {
        $debugger = $host.Runspace.Debugger
        $debugger.IsActive | Should -BeFalse
        $bp = $debugger.SetCommandBreakpoint('Get-Date', $null, $null)
        $bp | Should -BeOfType [System.Management.Automation.CommandBreakpoint]
        $debugger.IsActive | Should -BeTrue
        (Get-PSBreakpoint).Id | Should -Be $bp.Id
        $debugger.DisableBreakpoint($bp).Enabled | Should -BeFalse
        $debugger.GetBreakpoint($bp.Id).Enabled | Should -BeFalse
        $debugger.RemoveBreakpoint($bp) | Should -BeTrue
        @($debugger.GetBreakpoints()).Count | Should -Be 0
        $debugger.InBreakpoint | Should -BeFalse
        $host.Runspace.Debugger | Should -Be $debugger
    }
}

Describe 'Wait-Debugger' {
    It 'Goes on when no debugger is attached' {
        $out = & { Wait-Debugger; 'after' }
        $out | Should -Be 'after'
    }
}

Complete-MiniPester
