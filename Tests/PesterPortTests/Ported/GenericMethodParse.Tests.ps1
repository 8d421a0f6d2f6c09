# Ported from test/powershell/Language/Parser/MethodInvocation.Tests.ps1 ('reports a parse error for'):
# a `[` after a member name whose first token is a name commits to generic type arguments; any other
# `[` is an index; and PowerShell's recovery, which does not eat an unexpected token but starts the
# next statement with it. The assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Generic method invocation parse errors' {
    $cases = @(
        @{ Script = '$object.Method[incompl'; Errors = @('EndSquareBracketExpectedAtEndOfType') }
        @{ Script = '[type]::Member[incompl'; Errors = @('EndSquareBracketExpectedAtEndOfType') }
        @{ Script = '[array]::empty[type]]()'; Errors = @('MissingArrayIndexExpression', 'UnexpectedToken', 'ExpectedExpression') }
        @{ Script = '$object.Method[type,]()'; Errors = @('MissingTypename') }
        @{ Script = '$object.Method[]()'; Errors = @('MissingArrayIndexExpression', 'UnexpectedToken', 'ExpectedExpression') }
        @{ Script = '$object.Method[,]()'; Errors = @('MissingExpressionAfterOperator', 'UnexpectedToken', 'ExpectedExpression') }
        @{ Script = '$object.Method[,type]()'; Errors = @('MissingExpressionAfterOperator', 'UnexpectedToken', 'ExpectedExpression') }
        @{ Script = '$object.Method[type()'; Errors = @('EndSquareBracketExpectedAtEndOfType', 'UnexpectedToken', 'ExpectedExpression') }
        @{ Script = '$object.Method[type)'; Errors = @('EndSquareBracketExpectedAtEndOfType', 'UnexpectedToken') }
        @{ Script = '$object.Method[[type]]()'; Errors = @('UnexpectedToken', 'ExpectedExpression') }
        @{ Script = '[Array]::Empty[[type]]()'; Errors = @('UnexpectedToken', 'ExpectedExpression') }
    )
    foreach ($case in $cases) {
        It "reports $($case.Errors -join ' ') for $($case.Script)" {
            $parseErrors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($case.Script, [ref]$null, [ref]$parseErrors)
            $parseErrors.Count | Should -Be $case.Errors.Count
            for ($i = 0; $i -lt $case.Errors.Count; $i++) {
                $parseErrors[$i].ErrorId | Should -BeExactly $case.Errors[$i]
            }
        }
    }
    It 'still calls generic methods and indexes members' {
        [Array]::Empty[string]().GetType().Name | Should -BeExactly 'String[]'
        $h = @{ Items = @(10, 20) }
        $h.Items[1] | Should -Be 20
        $n = 0
        $h.Items[$n] | Should -Be 10
    }
}

Complete-MiniPester
