# Ported from test/powershell/Modules/Microsoft.PowerShell.Core/History.Tests.ps1: Get-History,
# Invoke-History, Clear-History and Add-History on lines added by Invoke with
# PSInvocationSettings.AddToHistory, HistoryInfo's Duration, Invoke-History's loop detection, and the
# history aliases; plus the rules of History.cs (ids, -Count, errors). The assertions, in hvsh's code.
. "$PSScriptRoot/MiniPester.ps1"

# Pester's BeforeEach: a new instance whose history holds three lines.
function New-HistoryInstance {
    $setting = [System.Management.Automation.PSInvocationSettings]::new()
    $setting.AddToHistory = $true
    $ps = [PowerShell]::Create('NewRunspace')
    $null = $ps.AddCommand('Get-Date').Invoke($null, $setting)
    $ps.Commands.Clear()
    $null = $ps.AddScript('1+1').Invoke($null, $setting)
    $ps.Commands.Clear()
    $null = $ps.AddCommand('Get-Location').Invoke($null, $setting)
    $ps.Commands.Clear()
    $ps
}

Describe 'History cmdlets' {
    $setting = [System.Management.Automation.PSInvocationSettings]::new()
    $setting.AddToHistory = $true
    It 'Get-History returns the lines added in order' {
        $ps = New-HistoryInstance
        $result = $ps.AddCommand('Get-History').Invoke()
        $result.Count | Should -Be 3
        $result[0].CommandLine | Should -BeExactly 'Get-Date'
        $result[1].CommandLine | Should -Be '1+1'
        $result[2].CommandLine | Should -BeExactly 'Get-Location'
        $result[2].Id | Should -Be 3
        $result[0] | Should -BeOfType 'Microsoft.PowerShell.Commands.HistoryInfo'
        $result[0].ExecutionStatus | Should -Be 'Completed'
        "$($result[1])" | Should -BeExactly '1+1'
    }
    It 'Invoke-History runs the entry with that id' {
        $ps = New-HistoryInstance
        $ps.AddScript('Invoke-History 2').Invoke() | Should -Be 2
    }
    It 'Invoke-History with text runs the newest entry starting with it' {
        $ps = New-HistoryInstance
        $ps.AddScript('Invoke-History 1+').Invoke() | Should -Be 2
    }
    It 'Clear-History removes every entry' {
        $ps = New-HistoryInstance
        $null = $ps.AddCommand('Clear-History').Invoke()
        $ps.Commands.Clear()
        $ps.AddCommand('Get-History').Invoke() | Should -BeNullOrEmpty
    }
    It 'Add-History adds the running line first and then its input' {
        $ps = New-HistoryInstance
        $null = $ps.AddScript('Get-History|Add-History').Invoke($null, $setting)
        $ps.Commands.Clear()
        $result = $ps.AddCommand('Get-History').Invoke()
        $result.Count | Should -Be 8
        ($result[4..7].CommandLine -join ',') | Should -BeExactly ($result[0..3].CommandLine -join ',')
        $result[3].CommandLine | Should -BeExactly 'Get-History|Add-History'
    }
    It 'Get-History -Count gives the newest entries' {
        $ps = New-HistoryInstance
        $result = $ps.AddCommand('Get-History').AddParameter('Count', 2).Invoke()
        ($result.Id -join ',') | Should -BeExactly '2,3'
    }
    It 'Clear-History -Id leaves the other ids as they were' {
        $ps = New-HistoryInstance
        $null = $ps.AddScript('Clear-History -Id 2').Invoke()
        $ps.Commands.Clear()
        ($ps.AddCommand('Get-History').Invoke().Id -join ',') | Should -BeExactly '1,3'
    }
    It 'Clear-History -CommandLine clears the matching entries' {
        $ps = New-HistoryInstance
        $null = $ps.AddScript("Clear-History -CommandLine 'Get-*'").Invoke()
        $ps.Commands.Clear()
        ($ps.AddCommand('Get-History').Invoke().CommandLine -join ',') | Should -BeExactly '1+1'
    }
    It 'Get-History -Id of a missing entry is an error' {
        $ps = New-HistoryInstance
        $null = $ps.AddScript('Get-History -Id 42').Invoke()
        $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeExactly 'GetHistoryNoHistoryForId,Microsoft.PowerShell.Commands.GetHistoryCommand'
        $ps.Streams.Error[0].Exception.Message | Should -BeExactly 'Cannot locate the history for Id 42.'
    }
}

Describe 'First and last tokens of a line added to history' {
    # Ported from Language/Parser/Parser.Tests.ps1 (#requires nested scan tokenizer tests).
    $settings = [System.Management.Automation.PSInvocationSettings]::new()
    $settings.AddToHistory = $true
    $ps = [powershell]::Create()
    It 'sets $^ and $$ from the script, skipping comments' {
        $tokens = $ps.AddScript("#requires -Version 5.0`n10").AddScript('($^,$$)').Invoke(@(), $settings)
        $ps.Commands.Clear()
        ($tokens -join ',') | Should -BeExactly '10,10'
        $tokens = $ps.AddScript("Write-Host 'Hello'`n#requires -Version 5.0").AddScript('($^,$$)').Invoke(@(), $settings)
        $ps.Commands.Clear()
        ($tokens -join ',') | Should -BeExactly 'Write-Host,Hello'
        $tokens = $ps.AddScript('#requires').AddScript('($^,$$)').Invoke(@(), $settings)
        $ps.Commands.Clear()
        $tokens.Count | Should -Be 2
        $tokens[0] | Should -BeNullOrEmpty
    }
    $ps.Dispose()
}

Describe 'History without a user line' {
    It 'a script run with -File has an empty history' {
        Get-History | Should -BeNullOrEmpty
    }
    It 'HistoryInfo calculates Duration' {
        $start = [datetime]::new(2001, 01, 01, 10, 01, 01)
        $duration = [timespan] '1:2:21'
        [PSCustomObject] @{
            CommandLine        = 'command'
            ExecutionStatus    = [Management.Automation.Runspaces.PipelineState]::Completed
            StartExecutionTime = $start
            EndExecutionTime   = $start + $duration
        } | Add-History
        $h = Get-History -Count 1
        $h.Duration | Should -Be $duration
        $h.CommandLine | Should -BeExactly 'command'
    }
    It 'Add-History refuses an object without the history properties' {
        { 5 | Add-History -ErrorAction Stop } | Should -Throw -ErrorId 'AddHistoryInvalidInput,Microsoft.PowerShell.Commands.AddHistoryCommand'
    }
    It 'Invoke-History detects an entry that invokes itself' {
        $ps = [PowerShell]::Create()
        $entry = [PSCustomObject] @{ CommandLine = 'Invoke-History'; ExecutionStatus = 'Completed'; StartExecutionTime = [datetime]::Now; EndExecutionTime = [datetime]::Now }
        $null = $ps.AddCommand('Add-History').AddParameter('InputObject', $entry).Invoke()
        $ps.Commands.Clear()
        $null = $ps.AddCommand('Invoke-History').Invoke()
        $ps.Streams.Error.Count | Should -BeExactly 1
        $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeExactly 'InvokeHistoryLoopDetected,Microsoft.PowerShell.Commands.InvokeHistoryCommand'
        $ps.Dispose()
    }
    It 'Invoke-History on an empty history is an error' {
        Clear-History
        { Invoke-History -ErrorAction Stop } | Should -Throw -ErrorId 'InvokeHistoryNoLastHistoryEntryFound,Microsoft.PowerShell.Commands.InvokeHistoryCommand'
    }
    It 'the history aliases resolve' {
        ('h', 'history', 'ghy', 'r', 'ihy', 'clhy' | ForEach-Object { (Get-Alias $_).Definition }) -join ',' |
            Should -BeExactly 'Get-History,Get-History,Get-History,Invoke-History,Invoke-History,Clear-History'
    }
    It 'streams of an invoked entry are forwarded' {
        $settings = New-Object System.Management.Automation.PSInvocationSettings
        $settings.AddToHistory = $true
        $ps = [PowerShell]::Create()
        $null = $ps.AddScript('function S { [CmdletBinding()] param() Write-Error E; Write-Progress P; Write-Warning W; "O" }').Invoke()
        $ps.Commands.Clear()
        $null = $ps.AddScript('S').Invoke($null, $settings)
        $ps.Commands.Clear()
        $result = $ps.AddScript('Invoke-History -id 1').Invoke($null, $settings)
        $result | Should -BeExactly 'O'
        @($ps.Streams.Error).Count + @($ps.Streams.Progress).Count + @($ps.Streams.Warning).Count | Should -Be 6
        $ps.Dispose()
    }
}

Complete-MiniPester
