# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Write-Error.Tests.ps1 (the test that
# starts a second pwsh to read its redirected error is left out); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Write-Error Tests' {
    It 'works with a message alone' {
        $e = Write-Error myerrortext 2>&1
        $e | Should -BeOfType System.Management.Automation.ErrorRecord
        $e.Exception | Should -BeOfType Microsoft.PowerShell.Commands.WriteErrorException
        $e.Exception.Message | Should -Be 'myerrortext'
        $e.Exception.Data.Count | Should -Be 0
        $e.Exception.InnerException | Should -BeNullOrEmpty
        $e.CategoryInfo | Should -Not -BeNullOrEmpty
        $e.CategoryInfo.Category | Should -Be 'NotSpecified'
        $e.CategoryInfo.Activity | Should -Be 'Write-Error'
        $e.CategoryInfo.Reason | Should -Be 'WriteErrorException'
        $e.CategoryInfo.TargetName | Should -BeNullOrEmpty
        $e.CategoryInfo.TargetType | Should -BeNullOrEmpty
        $e.CategoryInfo.GetMessage() | Should -Be 'NotSpecified: (:) [Write-Error], WriteErrorException'
        $e.ErrorDetails | Should -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -BeExactly 'Microsoft.PowerShell.Commands.WriteErrorException'
        $e.InvocationInfo | Should -Not -BeNullOrEmpty
        $e.InvocationInfo.MyCommand.Name | Should -BeNullOrEmpty
    }
    It 'works with all parameters' {
        $exception = New-Object -TypeName System.ArgumentNullException -ArgumentList paramname
        $e = Write-Error -Message myerrortext -Exception $exception -ErrorId myerrorid -Category syntaxerror -TargetObject TargetObject -CategoryActivity myactivity -CategoryReason myreason -CategoryTargetName mytargetname -CategoryTargetType mytargettype -RecommendedAction myrecommendedaction 2>&1
        $e | Should -Not -BeNullOrEmpty
        $e | Should -BeOfType System.Management.Automation.ErrorRecord
        $e.Exception | Should -BeOfType System.ArgumentNullException
        $e.Exception.ParamName | Should -Be 'paramname'
        $e.Exception.Data.Count | Should -Be 0
        $e.Exception.InnerException | Should -BeNullOrEmpty
        $e.TargetObject | Should -Be 'TargetObject'
        $e.FullyQualifiedErrorId | Should -BeExactly 'myerrorid'
        $e.CategoryInfo | Should -Not -BeNullOrEmpty
        $e.CategoryInfo.Category | Should -Be 'SyntaxError'
        $e.CategoryInfo.Activity | Should -Be 'myactivity'
        $e.CategoryInfo.Reason | Should -Be 'myreason'
        $e.CategoryInfo.TargetName | Should -Be 'mytargetname'
        $e.CategoryInfo.TargetType | Should -Be 'mytargettype'
        $e.CategoryInfo.GetMessage() | Should -Be 'SyntaxError: (mytargetname:mytargettype) [myactivity], myreason'
        $e.ErrorDetails | Should -Not -BeNullOrEmpty
        $e.ErrorDetails.Message | Should -Be 'myerrortext'
        $e.ErrorDetails.RecommendedAction | Should -Be 'myrecommendedaction'
        $e.InvocationInfo | Should -Not -BeNullOrEmpty
        $e.InvocationInfo.MyCommand.Name | Should -BeNullOrEmpty
    }
    It 'takes the category parameters by their aliases' {
        $e = Write-Error -Activity fooAct -Reason fooReason -TargetName fooTargetName -TargetType fooTargetType -Message fooMessage 2>&1
        $e.CategoryInfo.Activity | Should -Be 'fooAct'
        $e.CategoryInfo.Reason | Should -Be 'fooReason'
        $e.CategoryInfo.TargetName | Should -Be 'fooTargetName'
        $e.CategoryInfo.TargetType | Should -Be 'fooTargetType'
        $e.CategoryInfo.GetMessage() | Should -Be 'NotSpecified: (fooTargetName:fooTargetType) [fooAct], fooReason'
    }
    It 'throws with -ErrorAction Stop and not without' {
        { Write-Error 'test throw' -ErrorAction Stop } | Should -Throw
        { Write-Error 'test throw' -ErrorAction SilentlyContinue } | Should -Not -Throw
    }
    It 'needs an argument for -Exception' {
        { Write-Error -Exception -Message 'test throw' } | Should -Throw -ErrorId 'MissingArgument,Microsoft.PowerShell.Commands.WriteErrorCommand'
    }
    It 'puts the error in $error' {
        $theError = 'Error: Too many input values.'
        Write-Error -Message $theError -Category InvalidArgument -ErrorAction SilentlyContinue
        [string]$error[0] | Should -Be $theError
    }
    It 'takes an ErrorRecord at position 0' {
        try { [int]::parse('foo') } catch { }
        (Write-Error $Error[0] 2>&1).Exception.GetType().FullName | Should -Be System.Management.Automation.MethodInvocationException
    }
}

Complete-MiniPester
