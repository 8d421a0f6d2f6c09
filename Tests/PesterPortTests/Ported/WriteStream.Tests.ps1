# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Write-Stream.Tests.ps1: warning,
# error, debug and verbose messages redirected into a file, $Error, and Write-Information's records
# (thread, process, computer, user, its text; objects from the pipeline, -MessageData, -Message, -Msg,
# -Tag, $null with -InformationVariable); the assertions, in hvsh's own code (a scratch folder for
# $TestDrive).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("writestream-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
$targetfile = Join-Path -Path $scratch -ChildPath "writeoutput.txt"

function Write-Messages {
    [CmdletBinding()]
    param()
    Write-Verbose "Verbose message"
    Write-Debug "Debug message"
}

Describe 'Stream writers' {
    Context 'redirected streams' {
        It 'writes warnings to stream 3' {
            Write-Warning "Test Warning" 3>&1 > $targetfile
            Get-Content $targetfile | Should -BeExactly "Test Warning"
            Remove-Item $targetfile
        }
        It 'writes errors to stream 2' {
            Write-Error "Testing Error" 2>&1 > $targetfile
            $targetfile | Should -FileContentMatch "Testing Error"
            Remove-Item $targetfile
        }
        It 'writes debug messages to stream 5' {
            Write-Messages -Debug -ErrorAction SilentlyContinue 5>&1 > $targetfile
            $targetfile | Should -FileContentMatch "Debug Message"
            Remove-Item $targetfile
        }
        It 'writes verbose messages to stream 4' {
            Write-Messages -Verbose 4>&1 > $targetfile
            $targetfile | Should -FileContentMatch "Verbose Message"
            Remove-Item $targetfile
        }
    }
    Context '$Error' {
        It 'records a written error' {
            Write-Error "Test Error Message" -ErrorAction SilentlyContinue
            $error[0] | Should -Match "Test Error Message"
        }
    }
    Context 'Write-Information' {
        It 'writes an InformationRecord' {
            $result = Write-Information "Test Message" *>&1
            $result.NativeThreadId | Should -Not -Be 0
            $result.ProcessId | Should -Be $PID
            $result | Should -BeOfType System.Management.Automation.InformationRecord
            $result.Computer | Should -Match "^($([environment]::MachineName)){1}(\.[a-zA-Z0-9]+)*$|^localhost$"
            $result.User | Should -Be $(whoami)
            "$result" | Should -BeExactly "Test Message"
        }
        It 'takes objects from the pipeline' {
            $ps = [powershell]::Create()
            $ps.AddScript("'teststring',12345 | Write-Information -InformationAction Continue").Invoke()
            $result = $ps.Streams.Information
            $result.Count | Should -Be 2
            $result[0].MessageData | Should -BeExactly "teststring"
            $result[1].MessageData | Should -BeExactly "12345"
        }
        It 'takes the message by position, -MessageData, -Message, -Msg and with -Tag' {
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Write-Information TestMessage").Invoke()
            $result = $ps.Streams.Information
            $result.Count | Should -Be 1
            (Compare-Object $result 'TestMessage' -SyncWindow 0).length | Should -Be 0
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Write-Information -MessageData TestMessage").Invoke()
            $result = $ps.Streams.Information
            $result.Count | Should -Be 1
            (Compare-Object $result 'TestMessage' -SyncWindow 0).length | Should -Be 0
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Write-Information -Message TestMessage").Invoke()
            $result = $ps.Streams.Information
            $result.Count | Should -Be 1
            (Compare-Object $result 'TestMessage' -SyncWindow 0).length | Should -Be 0
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Write-Information -Msg TestMessage").Invoke()
            $result = $ps.Streams.Information
            $result.Count | Should -Be 1
            (Compare-Object $result 'TestMessage' -SyncWindow 0).length | Should -Be 0
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Write-Information TestMessage -Tag Test").Invoke()
            $result = $ps.Streams.Information
            $result.Count | Should -Be 1
            (Compare-Object $result 'TestMessage' -SyncWindow 0).length | Should -Be 0
        }
        It 'takes $null' {
            $null | Write-Information -Tags myTag -ErrorAction Stop -InformationAction SilentlyContinue -InformationVariable i
            $i.Tags | Should -BeExactly "myTag"
            $i.MessageData | Should -Be $null
        }
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
