# Ported from test/powershell/Language/Parser/MethodInvocation.Tests.ps1 ('reports a parse error for'):
# a `[` after a member name whose first token is a name commits to generic type arguments; any other
# `[` is an index; and PowerShell's recovery, which does not eat an unexpected token but starts the
# next statement with it. Each case checks the error ids in order (and so their count); the
# assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

function Get-ParseErrorIds([string]$Script) {
    $parseErrors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseInput($Script, [ref]$null, [ref]$parseErrors)
    ($parseErrors | ForEach-Object ErrorId) -join ','
}

Describe 'Generic method invocation parse errors' {
    It 'reports EndSquareBracketExpectedAtEndOfType for $object.Method[incompl' {
        Get-ParseErrorIds '$object.Method[incompl' | Should -BeExactly 'EndSquareBracketExpectedAtEndOfType'
    }
    It 'reports EndSquareBracketExpectedAtEndOfType for [type]::Member[incompl' {
        Get-ParseErrorIds '[type]::Member[incompl' | Should -BeExactly 'EndSquareBracketExpectedAtEndOfType'
    }
    It 'reports MissingArrayIndexExpression then UnexpectedToken then ExpectedExpression for [array]::empty[type]]()' {
        Get-ParseErrorIds '[array]::empty[type]]()' | Should -BeExactly 'MissingArrayIndexExpression,UnexpectedToken,ExpectedExpression'
    }
    It 'reports MissingTypename for $object.Method[type,]()' {
        Get-ParseErrorIds '$object.Method[type,]()' | Should -BeExactly 'MissingTypename'
    }
    It 'reports MissingArrayIndexExpression then UnexpectedToken then ExpectedExpression for $object.Method[]()' {
        Get-ParseErrorIds '$object.Method[]()' | Should -BeExactly 'MissingArrayIndexExpression,UnexpectedToken,ExpectedExpression'
    }
    It 'reports MissingExpressionAfterOperator then UnexpectedToken then ExpectedExpression for $object.Method[,]()' {
        Get-ParseErrorIds '$object.Method[,]()' | Should -BeExactly 'MissingExpressionAfterOperator,UnexpectedToken,ExpectedExpression'
    }
    It 'reports MissingExpressionAfterOperator then UnexpectedToken then ExpectedExpression for $object.Method[,type]()' {
        Get-ParseErrorIds '$object.Method[,type]()' | Should -BeExactly 'MissingExpressionAfterOperator,UnexpectedToken,ExpectedExpression'
    }
    It 'reports EndSquareBracketExpectedAtEndOfType then UnexpectedToken then ExpectedExpression for $object.Method[type()' {
        Get-ParseErrorIds '$object.Method[type()' | Should -BeExactly 'EndSquareBracketExpectedAtEndOfType,UnexpectedToken,ExpectedExpression'
    }
    It 'reports EndSquareBracketExpectedAtEndOfType then UnexpectedToken for $object.Method[type)' {
        Get-ParseErrorIds '$object.Method[type)' | Should -BeExactly 'EndSquareBracketExpectedAtEndOfType,UnexpectedToken'
    }
    It 'reports UnexpectedToken then ExpectedExpression for $object.Method[[type]]()' {
        Get-ParseErrorIds '$object.Method[[type]]()' | Should -BeExactly 'UnexpectedToken,ExpectedExpression'
    }
    It 'reports UnexpectedToken then ExpectedExpression for [Array]::Empty[[type]]()' {
        Get-ParseErrorIds '[Array]::Empty[[type]]()' | Should -BeExactly 'UnexpectedToken,ExpectedExpression'
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
