# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Write-Verbose.Tests.ps1,
# Write-Debug.Tests.ps1 and Write-Host.Tests.ps1: verbose output hidden by default and shown by the
# preference or -Verbose[:$bool], long messages kept on one line, -Debug not asking ShouldProcess,
# Write-Host's -Separator and -NoNewline through a child shell, and colours out of range refused; the
# assertions, in hvsh's own code (the child shell is hvsh itself; the cases run through pwsh's
# TestHost and the one that starts a child process with StartInfo are left out).
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Write-Verbose' {
    It 'runs' {
        { Write-Verbose -Message "test" -ErrorAction SilentlyContinue } | Should -Not -Throw
    }
    It 'shows nothing by default' {
        $VerbosePreference | Should -Be SilentlyContinue
        Write-Verbose -Message "test" | Should -BeNullOrEmpty
    }
    It 'shows the message under $VerbosePreference = Continue' {
        $VerbosePreference = "Continue"
        Write-Verbose -Message "test" 4>&1 | Should -Not -BeNullOrEmpty
        $VerbosePreference = "SilentlyContinue"
    }
    It 'shows the message with -Verbose' {
        Write-Verbose -Message "test" -Verbose 4>&1 | Should -BeExactly "test"
    }
    It 'takes -Verbose:$false and -Verbose:$true' {
        { Write-Verbose -Message "test" -Verbose:$false } | Should -Not -Throw
        $(Write-Verbose -Message "test" -Verbose:$true) 4>&1 | Should -BeExactly "test"
    }
    It 'adds no line breaks' {
        $text = "0123456789"
        try { while ($text.Length -lt [Console]::WindowWidth) { $text += $text } } catch { }
        $VerbosePreference = "continue"
        $out = Write-Verbose $text 4>&1
        $out | Should -BeExactly $text
    }
}

Describe 'Write-Debug' {
    It 'adds no line breaks' {
        $text = "0123456789"
        try { while ($text.Length -lt [Console]::WindowWidth) { $text += $text } } catch { }
        $DebugPreference = "Continue"
        $out = Write-Debug $text 5>&1
        $out | Should -BeExactly $text
    }
    It 'does not make -Debug ask ShouldProcess' {
        $pwsh = [PowerShell]::Create()
        $null = $pwsh.AddScript(@'
function Test-DebugWithConfirm
{
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    Param ()
    PROCESS
    {
        Write-Debug -Message "Debug_Message1"
        If ($PSCmdlet.ShouldProcess('Doing the thing.','Proceed?','Ready to do the thing.'))
        {
            Write-Output 'success'
        }
        Write-Debug -Message "Debug_Message2"
    }
    END {}
}
'@).Invoke()
        $pwsh.Commands.Clear()
        $pwsh.Streams.ClearStreams()
        $result = $pwsh.AddScript("Test-DebugWithConfirm -Debug").Invoke()
        $result.Count | Should -BeExactly 1
        $result[0] | Should -BeExactly 'success'
        $pwsh.Streams.Error.Count | Should -BeExactly 0
        $pwsh.Streams.Debug.Count | Should -BeExactly 2
        $pwsh.Streams.Debug[0] | Should -BeExactly 'Debug_Message1'
        $pwsh.Streams.Debug[1] | Should -BeExactly 'Debug_Message2'
    }
}

Describe 'Write-Host through a child shell' {
    $shell = [Environment]::ProcessPath
    It 'joins with -Separator' {
        [array]$result = & $shell -noprofile -c "Write-Host a,b,c -Separator '+'"
        $result.Count | Should -Be 1
        $result[0] | Should -Be "a+b+c"
    }
    It 'keeps the line open with -NoNewline:$true' {
        [array]$result = & $shell -noprofile -c "Write-Host a,b -NoNewline:`$true;Write-Host a,b"
        $result.Count | Should -Be 1
        $result[0] | Should -Be "a ba b"
    }
    It 'ends each line otherwise' {
        [array]$result = & $shell -noprofile -c "Write-Host a1,b1;Write-Host a2,b2"
        $result.Count | Should -Be 2
        $result[0] | Should -Be "a1 b1"
        $result[1] | Should -Be "a2 b2"
    }
}

Describe 'Write-Host with wrong colours' {
    It 'refuses a colour outside ConsoleColor' {
        { Write-Host "No output from Write-Host" -ForegroundColor -1 -BackgroundColor Red } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.WriteHostCommand'
        { Write-Host "No output from Write-Host" -ForegroundColor 16 -BackgroundColor Red } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.WriteHostCommand'
        { Write-Host "No output from Write-Host" -ForegroundColor Red -BackgroundColor -1 } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.WriteHostCommand'
        { Write-Host "No output from Write-Host" -ForegroundColor Red -BackgroundColor 16 } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.WriteHostCommand'
    }
}

Complete-MiniPester
