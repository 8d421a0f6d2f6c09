# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Uptime.Tests.ps1 (which first
# asks [System.Diagnostics.Stopwatch]::IsHighResolution) and Measure-Command's timing, plus the
# Stopwatch members lab scripts time their steps with; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Get-Uptime' {
    It 'is a high-resolution clock here' {
        [System.Diagnostics.Stopwatch]::IsHighResolution | Should -BeTrue
    }
    It 'writes a TimeSpan, or with -Since a DateTime' {
        Get-Uptime | Should -BeOfType Timespan
        Get-Uptime -Since | Should -BeOfType DateTime
        Get-Uptime -Since:$false | Should -BeOfType TimeSpan
        (Get-Uptime).TotalSeconds | Should -BeGreaterThan 0
        ((Get-Date) - (Get-Uptime -Since) - (Get-Uptime)).Duration().TotalSeconds | Should -BeLessThan 5
    }
}

Describe 'System.Diagnostics.Stopwatch' {
    It 'measures while running and keeps its time when stopped' {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $sw.IsRunning | Should -BeTrue
        Start-Sleep -Milliseconds 20
        $sw.Stop()
        $sw.IsRunning | Should -BeFalse
        $sw.ElapsedMilliseconds | Should -BeGreaterOrEqual 20
        $sw.Elapsed | Should -BeOfType TimeSpan
        $stopped = $sw.ElapsedTicks
        Start-Sleep -Milliseconds 5
        $sw.ElapsedTicks | Should -Be $stopped
    }
    It 'starts, resets and restarts' {
        $sw = [System.Diagnostics.Stopwatch]::new()
        $sw.IsRunning | Should -BeFalse
        $sw.ElapsedTicks | Should -Be 0
        $sw.Start()
        $sw.IsRunning | Should -BeTrue
        $sw.Reset()
        $sw.IsRunning | Should -BeFalse
        $sw.ElapsedTicks | Should -Be 0
        $sw.Restart()
        $sw.IsRunning | Should -BeTrue
        [System.Diagnostics.Stopwatch]::Frequency | Should -Be 1000000000
        [System.Diagnostics.Stopwatch]::GetTimestamp() | Should -BeOfType long
    }
}

Describe 'Get-Uptime without a high-resolution Stopwatch' {
    It 'refuses under the StopwatchIsNotHighResolution test hook' {
        [System.Management.Automation.Internal.InternalTestHooks]::SetTestHook('StopwatchIsNotHighResolution', $true)
        try {
            { Get-Uptime } | Should -Throw -ErrorId 'GetUptimePlatformIsNotSupported,Microsoft.PowerShell.Commands.GetUptimeCommand'
        } finally {
            [System.Management.Automation.Internal.InternalTestHooks]::SetTestHook('StopwatchIsNotHighResolution', $false)
        }
        Get-Uptime | Should -BeOfType timespan
    }
}

Complete-MiniPester
