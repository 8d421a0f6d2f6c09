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
