# Ported from test/powershell/Language/Scripting/TryCatch.Tests.ps1 and Trap.Tests.ps1: the
# behaviours those tests assert, in hvsh's own words.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'try, catch and finally' {
    It 'a throw leaves the try block for the catch block' {
        $r = . { try { 'a'; throw 'boom'; 'not reached' } catch { 'b' } }
        $r -join ',' | Should -BeExactly 'a,b'
    }
    It 'finally runs after a try block that did not fail' {
        $r = . { try { 'x' } finally { 'y' } }
        $r -join ',' | Should -BeExactly 'x,y'
    }
    It 'try, catch and finally all contribute output in order' {
        $r = . { try { 1; throw 'e'; 0 } catch { 2 } finally { 3 } }
        $r -join ',' | Should -BeExactly '1,2,3'
    }
    It 'newlines may appear between catch, its types and its block' {
        $r = try
        {
            throw [System.ArgumentException]::new('nl')
        }
        catch
        [System.InvalidOperationException]
        ,
        [System.ArgumentException]
        {
            'caught across lines'
        }
        finally
        {
        }
        $r | Should -BeExactly 'caught across lines'
    }
}

Describe 'traps beside try/catch' {
    It 'a trap does not see an error that a catch handles' {
        $r = . { trap { 'trap ran' } try { 'one'; throw 'x'; 'skipped' } catch { 'two' } }
        $r -join ',' | Should -BeExactly 'one,two'
    }
    It 'a trap inside the try block handles the error before the catch' {
        $r = . { try { 'one'; throw 'x'; trap { 'two'; return }; 'skipped' } catch { 'catch ran' } }
        $r -join ',' | Should -BeExactly 'one,two'
    }
}

Describe 'catch by type' {
    It 'division by zero is caught as DivideByZeroException' {
        $zero = 0
        $r = . { try { 'start'; 1 / $zero; 'skipped' } catch [DivideByZeroException] { 'div' } }
        $r -join ',' | Should -BeExactly 'start,div'
    }
    It 'the specific catch wins over a later catch of Exception' {
        $zero = 0
        $r = try { 1 / $zero } catch [DivideByZeroException] { 'specific' } catch [Exception] { 'general' }
        $r | Should -BeExactly 'specific'
    }
    It 'the specific catch wins over a later untyped catch' {
        $zero = 0
        $r = try { 1 / $zero } catch [DivideByZeroException] { 'specific' } catch { 'untyped' }
        $r | Should -BeExactly 'specific'
    }
    It 'a catch with a list of types takes the first of them' {
        $zero = 0
        $r = try { 1 / $zero } catch [DivideByZeroException], [ArgumentNullException] { 'listed' }
        $r | Should -BeExactly 'listed'
    }
    It 'a catch with a list of types takes the second of them' {
        $r = try { throw [ArgumentNullException]::new('p') } catch [DivideByZeroException], [ArgumentNullException] { 'listed' }
        $r | Should -BeExactly 'listed'
    }
    It 'a more specific type wins even when a base type catch comes first' {
        $r = try { Get-Item /no/such/file/anywhere -ErrorAction Stop } catch [System.Exception] { 'exception' } catch [System.Management.Automation.ItemNotFoundException] { 'item' }
        $r | Should -BeExactly 'item'
    }
    It 'ItemNotFoundException wins over RuntimeException and Exception' {
        $r = try { Get-Item /no/such/file/anywhere -ErrorAction Stop } catch [System.Management.Automation.ItemNotFoundException] { 'item' } catch [System.Management.Automation.RuntimeException] { 'runtime' } catch [System.Exception] { 'exception' }
        $r | Should -BeExactly 'item'
    }
    It 'a thrown ItemNotFoundException object is caught by its own type' {
        $r = try { throw [System.Management.Automation.ItemNotFoundException]::new() } catch [System.Management.Automation.ItemNotFoundException] { 'item' } catch [System.Management.Automation.RuntimeException] { 'runtime' }
        $r | Should -BeExactly 'item'
    }
    It 'ActionPreferenceStopException catches -ErrorAction Stop and $_ holds the real error' {
        $type = $null
        $r = try { Get-ChildItem /no/such/dir/here -ErrorAction Stop } catch [System.Management.Automation.ActionPreferenceStopException] {
            $type = $_.Exception.GetType().FullName
            'stop caught'
        }
        $r | Should -BeExactly 'stop caught'
        $type | Should -BeExactly 'System.Management.Automation.ItemNotFoundException'
    }
    It 'the ErrorRecord in $_ converts to the thrown value' {
        $r = . { try { throw 1234 } catch { $_ } }
        [int]$r.ToString() | Should -Be 1234
    }
}

Describe 'flow control inside try' {
    It 'break in a try block runs finally and leaves the loop' {
        $r = . { foreach ($i in 1..3) { try { if ($i -eq 2) { break }; $i } catch { 'bad' } finally { "f$i" } } }
        $r -join ',' | Should -BeExactly '1,f1,f2'
    }
    It 'continue in a try block runs finally and goes on with the loop' {
        $r = . { foreach ($i in 1..3) { try { if ($i -eq 2) { continue }; $i } catch { 'bad' } finally { "f$i" } } }
        $r -join ',' | Should -BeExactly '1,f1,f2,3,f3'
    }
    It 'continue in a nested try runs both finally blocks' {
        $r = . { foreach ($i in 1..3) { try { try { if ($i -eq 2) { continue }; $i } finally { "in$i" } } finally { "out$i" } } }
        $r -join ',' | Should -BeExactly '1,in1,out1,in2,out2,3,in3,out3'
    }
    It 'break in a nested try runs both finally blocks' {
        $r = . { foreach ($i in 1..3) { try { try { if ($i -eq 2) { break }; $i } finally { "in$i" } } finally { "out$i" } } }
        $r -join ',' | Should -BeExactly '1,in1,out1,in2,out2'
    }
    It 'break in a catch block with no loop around it ends only the inner loop' {
        $r = . { try { throw 'x' } catch { foreach ($i in 1..3) { if ($i -eq 2) { break }; $i } } finally { 'fin' } }
        $r -join ',' | Should -BeExactly '1,fin'
    }
    It 'break in a catch block leaves the enclosing loop' {
        $r = . { foreach ($i in 1..3) { try { throw 'x' } catch { if ($i -eq 2) { break }; $i } finally { "f$i" } } }
        $r -join ',' | Should -BeExactly '1,f1,f2'
    }
    It 'continue in a catch block goes on with the enclosing loop' {
        $r = . { foreach ($i in 1..3) { try { throw 'x' } catch { if ($i -eq 2) { continue }; $i } finally { "f$i" } } }
        $r -join ',' | Should -BeExactly '1,f1,f2,3,f3'
    }
    It 'continue in a nested catch runs the outer finally too' {
        $r = . { foreach ($i in 1..2) { try { try { throw 'x' } catch { if ($i -eq 1) { continue }; $i } finally { "in$i" } } catch { 'bad' } finally { "out$i" } } }
        $r -join ',' | Should -BeExactly 'in1,out1,2,in2,out2'
    }
    It 'break in a finally block of a successful try' {
        $r = . { try { 'try' } finally { 'finally'; foreach ($i in 1..3) { if ($i -eq 2) { break }; $i } } }
        $r -join ',' | Should -BeExactly 'try,finally,1'
    }
    It 'continue in a finally block after a caught error' {
        $r = . { try { 'try'; throw 1 } catch { 'catch' } finally { 'finally'; foreach ($i in 1..3) { if ($i -eq 2) { continue }; $i } } }
        $r -join ',' | Should -BeExactly 'try,catch,finally,1,3'
    }
}

Describe 'nested handlers and rethrow' {
    It 'an error no inner catch takes goes to the outer catch after the inner finally' {
        $zero = 0
        $r = . {
            try {
                'outer'
                try { 'inner'; 1 / $zero } catch [OutOfMemoryException] { 'wrong' } finally { 'inner finally' }
            } catch [DivideByZeroException] { 'caught' } finally { 'outer finally' }
        }
        $r -join ',' | Should -BeExactly 'outer,inner,inner finally,caught,outer finally'
    }
    It 'a bare throw in a catch block passes the same exception outwards' {
        $zero = 0
        $inner = $null; $outer = $null
        $r = . {
            try {
                try { 1 / $zero } catch { 'inner catch'; $inner = $_; throw }
            } catch { 'outer catch'; $outer = $_ }
        }
        $r -join ',' | Should -BeExactly 'inner catch,outer catch'
        $outer.Exception | Should -BeExactly $inner.Exception
    }
    It 'a bare throw in a function called from a catch block rethrows the error being handled' {
        function Get-Rethrown {
            trap [System.Management.Automation.RuntimeException] { return 'runtime trap' }
            trap { return 'untyped trap' }
            throw
        }
        $zero = 0
        $r = try { 1 / $zero } catch { Get-Rethrown }
        $r | Should -BeExactly 'runtime trap'
    }
}

Describe 'trap flow control' {
    It 'continue in a trap resumes after the statement that failed, in the trap''s block' {
        $r = . { trap { 'trapped'; continue }; . { 'hello'; throw 'x'; 'world' } }
        $r.Length | Should -Be 2
        $r -join ',' | Should -BeExactly 'hello,trapped'
    }
    It 'break in an inner trap hands the error to the outer trap' {
        $r = . { trap { 'outer'; continue }; . { trap { 'inner'; break }; 'hello'; throw 'x'; 'world' } }
        $r.Length | Should -Be 3
        $r -join ',' | Should -BeExactly 'hello,inner,outer'
    }
    It 'continue in a trap of the same block runs the next statement' {
        $r = . { trap { 'trapped'; continue } 'hello'; throw 'x'; 'world' }
        $r.Length | Should -Be 3
        $r -join ',' | Should -BeExactly 'hello,trapped,world'
    }
    It 'a typed inner trap that does not match leaves the error to the outer trap' {
        $r = . { trap { 'outer'; continue }; . { trap [System.ArgumentException] { 'inner'; continue }; 'hello'; throw 'x'; 'world' } }
        $r.Length | Should -Be 2
        $r -join ',' | Should -BeExactly 'hello,outer'
    }
}

Describe 'errors leaving a cmdlet' {
    # TryCatch.Tests' 'Catch CmdletInvocationException' and CommandErrorHandling.Tests' hosted cases.
    It 'lets catch [CmdletInvocationException] take an error from Invoke-Expression''s script' {
        $exception = $null
        $a = try {
            Invoke-Expression 'Get-Command -Name'
        } catch [System.Management.Automation.CmdletInvocationException] {
            $exception = $_.Exception.GetType().FullName
            'CmdletInvocationException Caught'
        }
        $a | Should -BeExactly 'CmdletInvocationException Caught'
        $exception | Should -BeExactly 'System.Management.Automation.ParameterBindingException'
    }
    It 'does not wrap a command''s own binding error, a throw or an -ErrorAction Stop error' {
        $r = foreach ($case in { Get-Command -Name }, { 1 | ForEach-Object { throw 'x' } }, { Get-Item /no/such/item -ErrorAction Stop }) {
            try { & $case } catch [System.Management.Automation.CmdletInvocationException] { 'wrapped' } catch { $_.Exception.GetType().Name }
        }
        $r -join ' ' | Should -BeExactly 'ParameterBindingException RuntimeException ItemNotFoundException'
    }
    It 'wraps a script error leaving ForEach-Object' {
        $r = try { 1 | ForEach-Object { 1/0 } } catch [System.Management.Automation.CmdletInvocationException] { 'wrapped ' + $_.Exception.InnerException.GetType().Name }
        $r | Should -BeExactly 'wrapped DivideByZeroException'
    }
    It 'throws a CmdletInvocationException from a hosted pipeline when Stop ends a statement' {
        $pwsh = [powershell]::Create()
        $null = $pwsh.AddScript('function ExpressionThrowException { [CmdletBinding()] param() 1/0; Write-Verbose -Verbose "v" }').Invoke()
        $pwsh.Commands.Clear()
        $failure = $null
        try { $pwsh.AddCommand('ExpressionThrowException').AddParameter('ErrorAction', 'Stop').Invoke() } catch { $failure = $_ }
        $failure.Exception | Should -BeOfType 'System.Management.Automation.MethodInvocationException'
        $failure.Exception.InnerException | Should -BeOfType 'System.Management.Automation.CmdletInvocationException'
        $failure.Exception.InnerException.InnerException.InnerException | Should -BeOfType 'System.DivideByZeroException'
        $pwsh.Streams.Verbose | Should -HaveCount 0
        $pwsh.Dispose()
    }
}

Complete-MiniPester
