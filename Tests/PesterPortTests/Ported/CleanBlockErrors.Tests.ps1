# Ported from test/powershell/Language/Scripting/CleanBlockErrorHandling.Tests.ps1 and
# CommandErrorHandling.Tests.ps1: what they assert about errors in `clean` and `end` blocks, checked
# with redirections and -ErrorVariable in place of a hosted [powershell] instance's streams.
. "$PSScriptRoot/MiniPester.ps1"

function Test-CleanError {
    [CmdletBinding()]
    param([string] $Kind)
    end {}
    clean {
        switch ($Kind) {
            'ThrowTerminatingError' {
                $ex = [System.ArgumentException]::new('terminating-exception')
                $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new($ex, 'TTE:error', 'InvalidArgument', $null))
            }
            'ErrorActionStop' { Get-Command NonExistClean -ErrorAction Stop }
            'Throw' { throw 'throw-exception' }
            'WriteErrorAPI' {
                $ex = [System.ArgumentException]::new('arg-exception')
                $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new($ex, 'WriteErrorAPI:error', 'InvalidArgument', $null))
            }
            'WriteErrorCmdlet' { Write-Error 'write-error-cmdlet' }
            'Expression' { $zero = 0; 1 / $zero }
        }
        Write-Verbose -Verbose 'verbose-message'
    }
}

function Test-EndError {
    [CmdletBinding()]
    param([string] $Kind)
    switch ($Kind) {
        'ThrowTerminatingError' {
            $ex = [System.ArgumentException]::new('terminating-exception')
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new($ex, 'TTE:error', 'InvalidArgument', $null))
        }
        'Expression' { $zero = 0; 1 / $zero }
        'WriteErrorCmdlet' { Write-Error 'write-error-cmdlet' }
    }
    Write-Verbose -Verbose 'verbose-message'
}

function Test-Both {
    [CmdletBinding()]
    param([string] $End, [string] $Clean)
    end {
        if ($End -eq 'Throw') { throw 'end-throw-exception' }
        if ($End -eq 'WriteError') { Write-Error 'end-write-error' }
        Write-Verbose -Verbose 'end-verbose-message'
    }
    clean {
        if ($Clean -eq 'Throw') { throw 'clean-throw-exception' }
        Write-Verbose -Verbose 'clean-verbose-message'
    }
}

# An It runs inside a try, which makes every error terminating, as in Pester: what must run outside
# any try or trap runs here, at the top of the script, and the Its below check what it left.
$endExpression = Test-EndError -Kind Expression *>&1
$Error.Clear()
$silentExpression = Test-EndError -Kind Expression -ErrorAction SilentlyContinue *>&1
$silentError = $Error[0]
$Error.Clear()
$ignoredExpression = Test-EndError -Kind Expression -ErrorAction Ignore *>&1
$ignoredError = $Error[0]
$afterTerminating = & { Test-EndError -Kind ThrowTerminatingError; 'next statement' } 2>$null
& { Test-EndError -Kind ThrowTerminatingError -ErrorVariable script:tteVariable } 2>$null
$Error.Clear()
$bothSilent = Test-Both -End Throw -Clean Throw -ErrorAction SilentlyContinue 4>&1
$bothSilentErrors = @($Error)

Describe 'a terminating error in a clean block' {
    It 'ThrowTerminatingError ends the clean block and is written to the error stream, whatever the error action' {
        $all = Test-CleanError -Kind ThrowTerminatingError *>&1
        $all | Should -HaveCount 1
        $all[0].Exception.Message | Should -BeExactly 'terminating-exception'
        $all = Test-CleanError -Kind ThrowTerminatingError -ErrorAction SilentlyContinue *>&1
        $all | Should -HaveCount 1
        $all = Test-CleanError -Kind ThrowTerminatingError -ErrorAction Ignore *>&1
        $all[0].Exception.Message | Should -BeExactly 'terminating-exception'
    }
    It 'throw ends the clean block and is written to the error stream' {
        $all = Test-CleanError -Kind Throw *>&1
        $all | Should -HaveCount 1
        $all[0].Exception.Message | Should -BeExactly 'throw-exception'
    }
    It '-ErrorAction Stop inside the clean block is written as the original error' {
        $all = Test-CleanError -Kind ErrorActionStop *>&1
        $all | Should -HaveCount 1
        $all[0].FullyQualifiedErrorId | Should -BeExactly 'CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand'
    }
    It 'an error action of Stop on the command makes Write-Error end the clean block without escaping' {
        $all = Test-CleanError -Kind WriteErrorCmdlet -ErrorAction Stop *>&1
        $all | Should -HaveCount 1
        $all[0].Exception.Message | Should -BeExactly 'write-error-cmdlet'
    }
    It 'does not reach a try/catch around the command' {
        $caught = 'no'
        try { Test-CleanError -Kind Throw 2>$null } catch { $caught = 'yes' }
        $caught | Should -BeExactly 'no'
    }
    It 'leaves $? false' {
        Test-CleanError -Kind ThrowTerminatingError 2>$null
        $? | Should -BeFalse
        Test-CleanError -Kind Throw 2>$null
        $? | Should -BeFalse
        Test-CleanError -Kind WriteErrorAPI 2>$null 4>$null
        $? | Should -BeFalse
    }
    It 'Write-Error or a failing expression in the clean block leaves $? true' {
        Test-CleanError -Kind WriteErrorCmdlet 2>$null 4>$null
        $? | Should -BeTrue
        Test-CleanError -Kind Expression 2>$null 4>$null
        $? | Should -BeTrue
    }
}

Describe 'non-terminating errors in clean and end blocks' {
    It 'a failing expression in the clean block is reported and the block goes on' {
        $all = Test-CleanError -Kind Expression *>&1
        $all | Should -HaveCount 2
        $all[0].Exception.InnerException | Should -BeOfType System.DivideByZeroException
        $all[1].Message | Should -BeExactly 'verbose-message'
    }
    It 'a try/catch around the command does not make the clean block''s expression error terminating' {
        $caught = 'no'
        $all = try { Test-CleanError -Kind Expression *>&1 } catch { $caught = 'yes' }
        $caught | Should -BeExactly 'no'
        $all | Should -HaveCount 2
    }
    It 'a trap around the command does not see the clean block''s expression error' {
        $r = & { trap { 'trapped'; continue } Test-CleanError -Kind Expression 2>$null 4>$null; 'after' }
        $r | Should -BeExactly 'after'
    }
    It 'throw under -ErrorAction SilentlyContinue is suppressed in the clean block, even inside try' {
        $Error.Clear()
        $all = try { Test-CleanError -Kind Throw -ErrorAction SilentlyContinue *>&1 } catch { 'caught' }
        $all | Should -HaveCount 1
        $all[0].Message | Should -BeExactly 'verbose-message'
        $Error[0].FullyQualifiedErrorId | Should -BeExactly 'throw-exception'
    }
    It 'the same failing expression in an end block goes on with the error action Continue' {
        $endExpression | Should -HaveCount 2
        $endExpression[0].Exception.InnerException | Should -BeOfType System.DivideByZeroException
    }
    It 'SilentlyContinue and Ignore hide it, and $Error keeps it either way' {
        $silentExpression | Should -HaveCount 1
        $silentError.Exception.InnerException | Should -BeOfType System.DivideByZeroException
        $ignoredExpression | Should -HaveCount 1
        $ignoredError.Exception.InnerException | Should -BeOfType System.DivideByZeroException
    }
    It 'Ignore keeps Write-Error out of $Error' {
        $Error.Clear()
        $all = Test-CleanError -Kind WriteErrorCmdlet -ErrorAction Ignore *>&1
        $all | Should -HaveCount 1
        $Error.Count | Should -Be 0
    }
}

Describe 'ThrowTerminatingError in a script command' {
    It 'ends the whole command whatever its error action' {
        $r = try { Test-EndError -Kind ThrowTerminatingError 4>&1 } catch { "caught: $_" }
        $r | Should -BeExactly 'caught: terminating-exception'
        $r = try { Test-EndError -Kind ThrowTerminatingError -ErrorAction SilentlyContinue 4>&1 } catch { "caught: $_" }
        $r | Should -BeExactly 'caught: terminating-exception'
        $r = try { Test-EndError -Kind ThrowTerminatingError -ErrorAction Ignore 4>&1 } catch { "caught: $_" }
        $r | Should -BeExactly 'caught: terminating-exception'
    }
    It 'is an ordinary statement-terminating error where the command was called' {
        $afterTerminating | Should -BeExactly 'next statement'
    }
    It 'puts a CmdletInvocationException in -ErrorVariable' {
        $tteVariable | Should -HaveCount 1
        $tteVariable[0] | Should -BeOfType System.Management.Automation.CmdletInvocationException
        $tteVariable[0].Message | Should -BeExactly 'terminating-exception'
        $tteVariable[0].InnerException | Should -BeOfType System.ArgumentException
    }
}

Describe 'error variables and clean blocks' {
    It 'a terminating error in the clean block reaches -ErrorVariable' {
        Test-CleanError -Kind ThrowTerminatingError -ErrorVariable ev 2>$null
        $ev | Should -HaveCount 1
        $ev[0].Message | Should -BeExactly 'terminating-exception'
        Test-CleanError -Kind ErrorActionStop -ErrorVariable ev 2>$null
        $ev[0] | Should -BeOfType System.Management.Automation.ActionPreferenceStopException
        Test-CleanError -Kind Throw -ErrorVariable ev 2>$null
        $ev[0].Exception.Message | Should -BeExactly 'throw-exception'
    }
    It 'non-terminating errors in the clean block reach -ErrorVariable once' {
        Test-CleanError -Kind WriteErrorAPI -ErrorVariable ev *>$null
        $ev | Should -HaveCount 1
        $ev[0].Exception.Message | Should -BeExactly 'arg-exception'
        Test-CleanError -Kind Expression -ErrorVariable ev *>$null
        $ev | Should -HaveCount 1
        $ev[0].Exception.InnerException | Should -BeOfType System.DivideByZeroException
    }
    It 'an end block''s throw escapes after the clean block''s error is written' {
        $r = try { Test-Both -End Throw -Clean Throw 2>&1 } catch { "caught: $_" }
        $r | Should -HaveCount 2
        $r[0].Exception.Message | Should -BeExactly 'clean-throw-exception'
        $r[1] | Should -BeExactly 'caught: end-throw-exception'
    }
    It 'a non-terminating error in end and a throw in clean are both written, nothing escapes' {
        $r = try { Test-Both -End WriteError -Clean Throw 2>&1 4>$null } catch { 'caught' }
        $r | Should -HaveCount 2
        $r[0].Exception.Message | Should -BeExactly 'end-write-error'
        $r[1].Exception.Message | Should -BeExactly 'clean-throw-exception'
    }
    It 'throws in end and clean under SilentlyContinue are both kept in $Error, latest first' {
        $bothSilent | Should -HaveCount 2
        $bothSilent[0].Message | Should -BeExactly 'end-verbose-message'
        $bothSilent[1].Message | Should -BeExactly 'clean-verbose-message'
        $bothSilentErrors.Count | Should -Be 2
        $bothSilentErrors[0].Exception.Message | Should -BeExactly 'clean-throw-exception'
        $bothSilentErrors[1].Exception.Message | Should -BeExactly 'end-throw-exception'
    }
}

Describe 'the exception a handler sees' {
    It 'a trap in the block of a failing expression sees the inner exception' {
        $r = & { trap { $_.Exception.GetType().FullName; continue } $zero = 0; 1 / $zero }
        $r | Should -BeExactly 'System.DivideByZeroException'
    }
    It 'a try/catch inside a clean block catches its expression error' {
        function Test-CleanTry { [CmdletBinding()] param() end {} clean { try { $zero = 0; 1 / $zero; Write-Verbose -Verbose 'no' } catch { Write-Verbose -Verbose $_.Exception.InnerException.GetType().FullName } } }
        $r = Test-CleanTry 4>&1
        $r | Should -HaveCount 1
        $r[0].Message | Should -BeExactly 'System.DivideByZeroException'
    }
    It 'a trap inside a clean block handles its expression error and the block goes on' {
        function Test-CleanTrap { [CmdletBinding()] param() end {} clean { trap { Write-Verbose -Verbose $_.Exception.GetType().FullName; continue } $zero = 0; 1 / $zero; Write-Verbose -Verbose 'clean' } }
        $r = Test-CleanTrap 4>&1
        $r | Should -HaveCount 2
        $r[0].Message | Should -BeExactly 'System.DivideByZeroException'
        $r[1].Message | Should -BeExactly 'clean'
    }
    It 'a trap around a command sees the wrapping RuntimeException of its expression error' {
        $r = & { trap { $_.Exception.GetType().FullName; $_.Exception.InnerException.GetType().FullName; continue } Test-EndError -Kind Expression -ErrorAction Stop 4>$null }
        $r -join ',' | Should -BeExactly 'System.Management.Automation.RuntimeException,System.DivideByZeroException'
    }
    It 'one untyped catch sees the RuntimeException, a typed catch the exception it named' {
        $zero = 0
        $r = try { 1 / $zero } catch { $_.Exception.GetType().Name }
        $r | Should -BeExactly 'RuntimeException'
        $r = try { 1 / $zero } catch [System.DivideByZeroException] { $_.Exception.GetType().Name }
        $r | Should -BeExactly 'DivideByZeroException'
        $r = try { [int]::Parse('zz') } catch [System.FormatException] { $_.Exception.GetType().Name; $_.FullyQualifiedErrorId }
        $r -join ',' | Should -BeExactly 'FormatException,FormatException'
    }
    It 'a rethrow from a typed catch keeps the original exception' {
        $zero = 0
        $r = try { try { 1 / $zero } catch [System.DivideByZeroException] { throw } } catch { $_.Exception.GetType().Name }
        $r | Should -BeExactly 'RuntimeException'
    }
}

Describe 'a .NET method that throws' {
    It 'InitialSessionState.ImportPSModule($null) throws ArgumentNullException as a MethodInvocationException' {
        $iss = [initialsessionstate]::Create()
        $err = $null
        try { $iss.ImportPSModule($null) } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeExactly 'ArgumentNullException'
        $err.Exception | Should -BeOfType System.Management.Automation.MethodInvocationException
        $err.Exception.InnerException | Should -BeOfType System.ArgumentNullException
    }
}

Complete-MiniPester
