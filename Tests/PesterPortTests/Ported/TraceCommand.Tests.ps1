# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Trace-Command.Tests.ps1: listener
# options in the trace file (DateTime, ThreadId, Timestamp, ProcessId, None), the traced command's
# output and errors (re-attributed to Trace-Command), -FilePath's alias and a non-FileSystem path,
# Set-TraceSource's file listener and Get-TraceSource's TraceSourceNotFound.
. "$PSScriptRoot/MiniPester.ps1"

$base = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsh-trace-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $base
$logFile = Join-Path $base 'traceCommandLog.txt'
$actualLogFile = Join-Path $base 'actualTraceCommandLog.txt'

Describe 'Trace-Command listener options' {
    It 'DateTime writes the time of each line' {
        $expectedDate = Trace-Command -Name * -Expression { Get-Date } -ListenerOption DateTime -FilePath $logFile
        $log = Get-Content $logFile | Where-Object { $_ -like '*DateTime=*' }
        $log.Count | Should -BeGreaterThan 0
        $gap = ([DateTime]::Parse($log[0].Split('=')[1]) - $expectedDate).Duration()
        $gap | Should -BeLessThan ([timespan]::FromSeconds(60))
        Remove-Item $logFile
    }
    It 'None has no effect' {
        Trace-Command -Name * -Expression { Write-Output Foo } -ListenerOption None -FilePath $actualLogFile
        Trace-Command -Name * -Expression { Write-Output Foo } -FilePath $logFile
        Compare-Object (Get-Content $actualLogFile) (Get-Content $logFile) | Should -BeNullOrEmpty
        Remove-Item $logFile, $actualLogFile
    }
    It 'ThreadId, ProcessId and Timestamp write their fields' {
        Trace-Command -Name * -Expression { Write-Output Foo } -ListenerOption 'ThreadId,ProcessId,Timestamp' -FilePath $logFile
        $log = Get-Content $logFile
        @($log | Where-Object { $_ -like '*ThreadID=*' })[0].Split('=')[1] | Should -Be ([threading.thread]::CurrentThread.ManagedThreadId)
        @($log | Where-Object { $_ -like '*ProcessID=*' })[0].Split('=')[1] | Should -Be $PID
        $stamps = $log | Where-Object { $_ -like '*Timestamp=*' } | ForEach-Object { $_.Split('=')[1] }
        ($stamps | Sort-Object) -join ',' | Should -BeExactly ($stamps -join ',')
        Remove-Item $logFile
    }
}

Describe 'Trace-Command and the trace source cmdlets' {
    It 'writes the traced command''s output and traces its binding' {
        $a = Trace-Command -Name ParameterB* -Command 'Get-Alias'
        $a.Count | Should -BeGreaterThan 0
        Trace-Command -Name ParameterBinding -Command 'Get-PSDrive' -Path $logFile -Force
        Get-Content $logFile -Raw | Should -Match 'ParameterBinding Information'
        Remove-Item $logFile
    }
    It 'reports the command''s errors as its own, and a path outside the file system' {
        { Trace-Command -Name ParameterBinding -Command 'Get-PSDrive' -ArgumentList 'NonExistingDrive' -FilePath $logFile -ErrorAction Stop } |
            Should -Throw -ErrorId 'GetLocationNoMatchingDrive,Microsoft.PowerShell.Commands.TraceCommandCommand'
        { Trace-Command -Name ParameterBinding -Expression { $null } -FilePath 'Env:\Test' -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileListenerPathResolutionFailed,Microsoft.PowerShell.Commands.TraceCommandCommand'
        Remove-Item $logFile -ErrorAction SilentlyContinue
    }
    It 'Set-TraceSource traces to a file until its listener is removed' {
        $null = Set-TraceSource -Name ParameterBinding -FilePath $logFile -Force -ListenerOption 'ProcessId,TimeStamp' -PassThru
        Set-TraceSource -Name ParameterBinding -RemoveFileListener *
        Get-Content $logFile -Raw | Should -Match 'ParameterBinding Information'
        $before = (Get-Content $logFile).Count
        Get-Date | Out-Null
        (Get-Content $logFile).Count | Should -Be $before
    }
    It 'Get-TraceSource finds sources by name and reports a name it does not know' {
        (Get-TraceSource -Name ParameterBinding).Name | Should -BeExactly 'ParameterBinding'
        { '34E7F9FA-EBFB-4D21-A7D2-D7D102E2CC2F' | Get-TraceSource -ErrorAction Stop } | Should -Throw -ErrorId 'TraceSourceNotFound,Microsoft.PowerShell.Commands.GetTraceSourceCommand'
    }
}

Remove-Item -LiteralPath $base -Recurse -Force
Complete-MiniPester
