# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Start-Sleep.Tests.ps1: -Seconds
# with a fraction, -Milliseconds and its ms alias, -Duration and a positional TimeSpan, the
# duration's validation (negative, over the maximum) and -s; the assertions, in hvsh's own code. The
# upper bound is 3000 ms rather than the test's 1700: this suite shares a loaded machine, and a sleep
# that waits twice as long still fails it.
. "$PSScriptRoot/MiniPester.ps1"

$minTime = 1450
$maxTime = 3000

Describe 'Start-Sleep DRT' {
    It 'sleeps -Seconds 1.5' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Start-Sleep -Seconds 1.5
        $watch.Stop()
        $watch.ElapsedMilliseconds | Should -BeGreaterThan $minTime
        $watch.ElapsedMilliseconds | Should -BeLessThan $maxTime
    }
    It 'sleeps -Milliseconds 1500' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Start-Sleep -Milliseconds 1500
        $watch.Stop()
        $watch.ElapsedMilliseconds | Should -BeGreaterThan $minTime
        $watch.ElapsedMilliseconds | Should -BeLessThan $maxTime
    }
    It 'sleeps for a -Duration' {
        $duration = [timespan]::FromMilliseconds(1500)
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Start-Sleep -Duration $duration
        $watch.Stop()
        $watch.ElapsedMilliseconds | Should -BeGreaterThan $minTime
        $watch.ElapsedMilliseconds | Should -BeLessThan $maxTime
    }
    It 'takes -ms' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Start-Sleep -ms 1500
        $watch.Stop()
        $watch.ElapsedMilliseconds | Should -BeGreaterThan $minTime
        $watch.ElapsedMilliseconds | Should -BeLessThan $maxTime
    }
    It 'takes seconds by position' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Start-Sleep 1.5
        $watch.Stop()
        $watch.ElapsedMilliseconds | Should -BeGreaterThan $minTime
        $watch.ElapsedMilliseconds | Should -BeLessThan $maxTime
    }
    It 'takes a TimeSpan by position' {
        $duration = [timespan]::FromMilliseconds(1500)
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Start-Sleep $duration
        $watch.Stop()
        $watch.ElapsedMilliseconds | Should -BeGreaterThan $minTime
        $watch.ElapsedMilliseconds | Should -BeLessThan $maxTime
    }
    It 'validates the duration' {
        { Start-Sleep -Duration    '0:00:01' } | Should -Not -Throw
        { Start-Sleep -Duration   '-0:00:01' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.StartSleepCommand'
        { Start-Sleep -Duration '30.0:00:00' } | Should -Throw -ErrorId 'MaximumDurationExceeded,Microsoft.PowerShell.Commands.StartSleepCommand'
    }
}

Describe 'Start-Sleep' {
    It 'sleeps -s 1' {
        $result = Measure-Command { Start-Sleep -s 1 }
        $result.TotalSeconds | Should -BeGreaterThan 0.25
    }
}

Complete-MiniPester
