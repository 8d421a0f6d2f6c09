# Ported from test/powershell/Language/Operators/PipelineChainOperator.Tests.ps1 ('Pipeline chain
# error semantics': a pipeline-terminating error on the left of || is reported and the chain goes on,
# also as an assignment's value; a try around the chain takes it instead), and the .NET property
# accessors the test itself calls ($Variables.get_Keys()); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

filter Test-NonTerminatingError {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)][object[]]$input)
    if ($input -ne 2) { return $input }
    $errorRecord = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new('NTERROR'), 'NTERROR', 'NotSpecified', $null)
    $PSCmdlet.WriteError($errorRecord)
}

filter Test-PipelineTerminatingError {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)][int[]]$input)
    if ($input -ne 4) { return $input }
    $errorRecord = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new('PIPELINE'), 'PIPELINE', 'NotSpecified', $null)
    $PSCmdlet.ThrowTerminatingError($errorRecord)
}

Describe 'pipeline chain error semantics' {
    # Outside any try (an It runs in one), as the upstream test runs them: in a runspace of its own.
    $definitions = "filter Test-NonTerminatingError {`n$((Get-Command Test-NonTerminatingError).Definition)`n}`nfilter Test-PipelineTerminatingError {`n$((Get-Command Test-PipelineTerminatingError).Definition)`n}"
    function Invoke-Chain([string]$Statement) {
        $pwsh = [powershell]::Create()
        $null = $pwsh.AddScript($definitions).Invoke()
        $pwsh.Commands.Clear()
        $result = $pwsh.AddScript($Statement).Invoke()
        [pscustomobject]@{ Output = @($result) -join ' '; Errors = @($pwsh.Streams.Error | ForEach-Object { $_.FullyQualifiedErrorId }) -join ' ' }
        $pwsh.Dispose()
    }
    It 'runs the right of || after a non-terminating error' {
        $r = Invoke-Chain '1,2,3 | Test-NonTerminatingError || Write-Output 4'
        $r.Output | Should -BeExactly '1 3 4'
        $r.Errors | Should -BeExactly 'NTERROR,Test-NonTerminatingError'
    }
    It 'reports a pipeline-terminating error and runs the right of ||' {
        $r = Invoke-Chain '1,3,4,5 | Test-PipelineTerminatingError || Write-Output 2'
        $r.Output | Should -BeExactly '1 3 2'
        $r.Errors | Should -BeExactly 'PIPELINE,Test-PipelineTerminatingError'
    }
    It 'assigns what the whole chain wrote' {
        (Invoke-Chain '$x = 1,3,4,5 | Test-PipelineTerminatingError || Write-Output 2; $x').Output | Should -BeExactly '1 3 2'
        (Invoke-Chain '$x = 1,2,3 | Test-NonTerminatingError || Write-Output 4; $x').Output | Should -BeExactly '1 3 4'
    }
    It 'lets a surrounding try take the error instead' {
        (Invoke-Chain 'try { 1,3,4,5 | Test-PipelineTerminatingError || Write-Output 2 } catch {}').Output | Should -BeExactly '1 3'
        (Invoke-Chain 'try { "Hi" && "Bye" } catch { "Nothing" } finally { "Final" }').Output | Should -BeExactly 'Hi Bye Final'
    }
    It 'hands each pipeline''s error to a trap that continues and goes on with the chain' {
        (Invoke-Chain 'function Test-FullyTerminatingError { throw "TERMINATE" }; trap { continue }; Write-Output 2 && Test-FullyTerminatingError').Output | Should -BeExactly '2'
        (Invoke-Chain 'function Test-FullyTerminatingError { throw "TERMINATE" }; trap { continue }; Test-FullyTerminatingError || Write-Output 2').Output | Should -BeExactly '2'
        (Invoke-Chain 'trap { continue }; 1,3,4,5 | Test-PipelineTerminatingError || Write-Output 2').Output | Should -BeExactly '1 3 2'
        (Invoke-Chain 'trap { continue }; 1,2,3 | Test-NonTerminatingError -ErrorAction Stop || Write-Output 4').Output | Should -BeExactly '1 4'
    }
    It 'skips the right of && when a trap continues after the left failed' {
        (Invoke-Chain 'function Test-FullyTerminatingError { throw "TERMINATE" }; trap { continue }; Test-FullyTerminatingError && Write-Output 2').Output | Should -BeExactly ''
    }
    It 'assigns what the chain wrote when a trap continues' {
        (Invoke-Chain 'trap { continue }; $result = 1,3,4,5 | Test-PipelineTerminatingError || Write-Output 2; $result').Output | Should -BeExactly '1 3 2'
        (Invoke-Chain 'trap { continue }; $result = 1,2,3 | Test-NonTerminatingError -ErrorAction Stop || Write-Output 4; $result').Output | Should -BeExactly '1 4'
    }
    It 'ends the chain when the trap breaks, running the trap once' {
        $seen = [System.Collections.Generic.List[object]]::new()
        try {
            & { trap { 'T'; break }; if ($true) { 1,3,4,5 | Test-PipelineTerminatingError || Write-Output 2 } } | ForEach-Object { $seen.Add($_) }
        } catch { $seen.Add($_.FullyQualifiedErrorId) }
        $seen -join ' ' | Should -BeExactly '1 3 T PIPELINE,Test-PipelineTerminatingError'
    }
    It 'leaves an error inside a try body to its catch, not to the trap' {
        (Invoke-Chain 'function Test-FullyTerminatingError { throw "TERMINATE" }; trap { "T"; continue }; try { Test-FullyTerminatingError || "no" } catch { "c" }; "after"').Output | Should -BeExactly 'c after'
    }
}

Describe 'conditions that run commands' {
    It 'sets $? to true after an if condition that ran a command' {
        $r = if ("Hello" && Write-Error "Bad" -ErrorAction Ignore) { $?; 1 } else { throw "else" }
        $r -join ' ' | Should -BeExactly 'True 1'
        $r = if (Write-Error "Bad" -ErrorAction Ignore && "Hello") { throw "if" } else { $?; 1 }
        $r -join ' ' | Should -BeExactly 'True 1'
    }
    It 'sets $? to true after a loop condition that ran a command' {
        while (Write-Error "Bad" -ErrorAction Ignore) { }
        $? | Should -BeTrue
    }
    It 'keeps $? after a condition with no command in it' {
        Write-Error "Bad" -ErrorAction Ignore
        $r = if ($false) { } else { $? }
        $r | Should -BeFalse
    }
}

Describe 'property accessor methods' {
    It 'reads a .NET property through its get_ method' {
        $variables = @{ x = 1; y = 2 }
        ($variables.get_Keys() | Sort-Object) -join ',' | Should -BeExactly 'x,y'
        $variables.get_Count() | Should -Be 2
        'abc'.get_Length() | Should -Be 3
    }
    It 'has no accessors for a custom object''s note properties' {
        $o = [pscustomobject]@{ N = 1 }
        { $o.get_N() } | Should -Throw -ErrorId 'MethodNotFound'
    }
}

Describe 'invalid pipeline chains' {
    It 'reports a missing command after a trailing & as a plain MissingExpression' {
        $tokens = $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput('Write-Output 0 && Write-Output 1 && &', [ref]$tokens, [ref]$errors)
        $errors.Count | Should -BeExactly 1
        $errors[0].ErrorId | Should -BeExactly 'MissingExpression'
        $errors[0].IncompleteInput | Should -Be $false
    }
}

Complete-MiniPester
