# Ported from test/powershell/Language/Parser/Parsing.Tests.ps1 and UsingNamespace.Tests.ps1: their
# ShouldBeParseError cases (helper from test/tools/Modules/HelpersLanguage), which read the errors of
# [System.Management.Automation.Language.Parser]::ParseInput: each error's ErrorId and the offset
# its extent starts at. Only the cases hvsh's parser already answers as PowerShell does are here
# (43 of the 105 single-line cases without switches; README "Pester port" says which fail and why);
# the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

function Get-ParseErrors([string]$Source) {
    $errors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseInput($Source, [ref]$null, [ref]$errors)
    ,$errors
}
function Get-ParseErrorIds([string]$Source) { (Get-ParseErrors $Source | ForEach-Object ErrorId) -join ',' }
function Get-ParseErrorOffsets([string]$Source) {
    (Get-ParseErrors $Source | ForEach-Object { $_.Extent.StartScriptPosition.Offset }) -join ','
}

Describe 'ParseInput errors' {
    It 'gives PowerShell''s error ids at PowerShell''s offsets' {
        Get-ParseErrorIds ':lab for($a;$b;$c)' | Should -BeExactly 'MissingLoopStatement'
        Get-ParseErrorOffsets ':lab for($a;$b;$c)' | Should -BeExactly '18'
        Get-ParseErrorIds 'foreach' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorOffsets 'foreach' | Should -BeExactly '7'
        Get-ParseErrorIds 'foreach (' | Should -BeExactly 'MissingVariableNameAfterForeach'
        Get-ParseErrorOffsets 'foreach (' | Should -BeExactly '9'
        Get-ParseErrorIds 'foreach ($a' | Should -BeExactly 'MissingInInForeach'
        Get-ParseErrorOffsets 'foreach ($a' | Should -BeExactly '11'
        Get-ParseErrorIds 'foreach ($a in $x)' | Should -BeExactly 'MissingForeachStatement'
        Get-ParseErrorOffsets 'foreach ($a in $x)' | Should -BeExactly '18'
        Get-ParseErrorIds ':lab foreach' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorOffsets ':lab foreach' | Should -BeExactly '12'
        Get-ParseErrorIds ':lab foreach (' | Should -BeExactly 'MissingVariableNameAfterForeach'
        Get-ParseErrorOffsets ':lab foreach (' | Should -BeExactly '14'
        Get-ParseErrorIds ':lab foreach ($a' | Should -BeExactly 'MissingInInForeach'
        Get-ParseErrorOffsets ':lab foreach ($a' | Should -BeExactly '16'
        Get-ParseErrorIds 'do {}' | Should -BeExactly 'MissingWhileOrUntilInDoWhile'
        Get-ParseErrorOffsets 'do {}' | Should -BeExactly '5'
        Get-ParseErrorIds 'do {} while' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorOffsets 'do {} while' | Should -BeExactly '11'
        Get-ParseErrorIds 'do {} while (' | Should -BeExactly 'MissingExpressionAfterKeyword'
        Get-ParseErrorOffsets 'do {} while (' | Should -BeExactly '13'
        Get-ParseErrorIds 'do {} while (1' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorOffsets 'do {} while (1' | Should -BeExactly '14'
        Get-ParseErrorIds ':lab do {}' | Should -BeExactly 'MissingWhileOrUntilInDoWhile'
        Get-ParseErrorOffsets ':lab do {}' | Should -BeExactly '10'
        Get-ParseErrorIds ':lab do {} until' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorOffsets ':lab do {} until' | Should -BeExactly '16'
        Get-ParseErrorIds ':lab do {} until (' | Should -BeExactly 'MissingExpressionAfterKeyword'
        Get-ParseErrorOffsets ':lab do {} until (' | Should -BeExactly '18'
        Get-ParseErrorIds ':lab do {} until (1' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorOffsets ':lab do {} until (1' | Should -BeExactly '19'
        Get-ParseErrorIds 'trap' | Should -BeExactly 'MissingTrapStatement'
        Get-ParseErrorOffsets 'trap' | Should -BeExactly '4'
        Get-ParseErrorIds 'try {}' | Should -BeExactly 'MissingCatchOrFinally'
        Get-ParseErrorOffsets 'try {}' | Should -BeExactly '6'
        Get-ParseErrorIds 'try {} catch' | Should -BeExactly 'MissingCatchHandlerBlock'
        Get-ParseErrorOffsets 'try {} catch' | Should -BeExactly '12'
        Get-ParseErrorIds 'try {} catch {} finally' | Should -BeExactly 'MissingFinallyStatementBlock'
        Get-ParseErrorOffsets 'try {} catch {} finally' | Should -BeExactly '23'
        Get-ParseErrorIds 'try {} catch {} catch' | Should -BeExactly 'MissingCatchHandlerBlock'
        Get-ParseErrorOffsets 'try {} catch {} catch' | Should -BeExactly '21'
        Get-ParseErrorIds 'switch (1) {default {} default {}}' | Should -BeExactly 'MultipleSwitchDefaultClauses'
        Get-ParseErrorOffsets 'switch (1) {default {} default {}}' | Should -BeExactly '23'
        Get-ParseErrorIds 'function foo' | Should -BeExactly 'MissingFunctionBody'
        Get-ParseErrorOffsets 'function foo' | Should -BeExactly '12'
        Get-ParseErrorIds 'function foo {' | Should -BeExactly 'MissingEndCurlyBrace'
        Get-ParseErrorOffsets 'function foo {' | Should -BeExactly '13'
        Get-ParseErrorIds 'function foo { function bar { if (1) {} }' | Should -BeExactly 'MissingEndCurlyBrace'
        Get-ParseErrorOffsets 'function foo { function bar { if (1) {} }' | Should -BeExactly '13'
        Get-ParseErrorIds '$a,$b += 1,2' | Should -BeExactly 'InvalidLeftHandSide'
        Get-ParseErrorOffsets '$a,$b += 1,2' | Should -BeExactly '0'
        Get-ParseErrorIds '1 ??= 1' | Should -BeExactly 'InvalidLeftHandSide'
        Get-ParseErrorOffsets '1 ??= 1' | Should -BeExactly '0'
        Get-ParseErrorIds '@() ??= 1' | Should -BeExactly 'InvalidLeftHandSide'
        Get-ParseErrorOffsets '@() ??= 1' | Should -BeExactly '0'
        Get-ParseErrorIds '@{} ??= 1' | Should -BeExactly 'InvalidLeftHandSide'
        Get-ParseErrorOffsets '@{} ??= 1' | Should -BeExactly '0'
        Get-ParseErrorIds '1..2 ??= 1' | Should -BeExactly 'InvalidLeftHandSide'
        Get-ParseErrorOffsets '1..2 ??= 1' | Should -BeExactly '0'
        Get-ParseErrorIds '[int] ??= 1' | Should -BeExactly 'InvalidLeftHandSide'
        Get-ParseErrorOffsets '[int] ??= 1' | Should -BeExactly '0'
        Get-ParseErrorIds '$x??=' | Should -BeExactly 'ExpectedValueExpression'
        Get-ParseErrorOffsets '$x??=' | Should -BeExactly '5'
        Get-ParseErrorIds '$x ??Get-Thing' | Should -BeExactly 'ExpectedValueExpression,UnexpectedToken'
        Get-ParseErrorOffsets '$x ??Get-Thing' | Should -BeExactly '5,5'
        Get-ParseErrorIds 'Get-Date ?.ToString()' | Should -BeExactly 'ExpectedExpression'
        Get-ParseErrorOffsets 'Get-Date ?.ToString()' | Should -BeExactly '20'
        Get-ParseErrorIds '${x}?.' | Should -BeExactly 'MissingPropertyName'
        Get-ParseErrorOffsets '${x}?.' | Should -BeExactly '6'
        Get-ParseErrorIds '${x}?[]' | Should -BeExactly 'MissingArrayIndexExpression'
        Get-ParseErrorOffsets '${x}?[]' | Should -BeExactly '6'
        Get-ParseErrorIds '${x}?[-]' | Should -BeExactly 'MissingExpressionAfterOperator'
        Get-ParseErrorOffsets '${x}?[-]' | Should -BeExactly '7'
        Get-ParseErrorIds '@a' | Should -BeExactly 'SplattingNotPermitted'
        Get-ParseErrorOffsets '@a' | Should -BeExactly '0'
        Get-ParseErrorIds '1|1' | Should -BeExactly 'ExpressionsMustBeFirstInPipeline'
        Get-ParseErrorOffsets '1|1' | Should -BeExactly '2'
        Get-ParseErrorIds '$a=' | Should -BeExactly 'ExpectedValueExpression'
        Get-ParseErrorOffsets '$a=' | Should -BeExactly '3'
        Get-ParseErrorIds 'gcm ,' | Should -BeExactly 'MissingArgument'
        Get-ParseErrorOffsets 'gcm ,' | Should -BeExactly '4'
        Get-ParseErrorIds '   )' | Should -BeExactly 'UnexpectedToken'
        Get-ParseErrorOffsets '   )' | Should -BeExactly '3'
        Get-ParseErrorIds '1+' | Should -BeExactly 'ExpectedValueExpression'
        Get-ParseErrorOffsets '1+' | Should -BeExactly '2'
    }
    It 'describes each error and its extent' {
        $errors = Get-ParseErrors '$x ='
        $errors.Count | Should -Be 1
        $errors[0].IncompleteInput | Should -BeTrue
        $errors[0].Message | Should -BeExactly "You must provide a value expression following the '=' operator."
        ($errors[0].ToString() -split [System.Environment]::NewLine).Count | Should -Be 4
        $errors[0].Extent.StartLineNumber | Should -Be 1
        $errors[0].Extent.StartColumnNumber | Should -Be 5
        (Get-ParseErrors '1 ??= 100')[0].ErrorId | Should -BeExactly 'InvalidLeftHandSide'
        $ternary = Get-ParseErrors '$true ? :'
        $ternary.Count | Should -Be 2
        $ternary[0].IncompleteInput | Should -BeFalse
        $ternary[0].ErrorId | Should -BeExactly 'ExpectedValueExpression'
    }
    It 'returns the script''s AST, whose script block runs only without errors' {
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput('"a" + "b"', [ref]$null, [ref]$errors)
        $errors.Count | Should -Be 0
        $ast | Should -BeOfType 'System.Management.Automation.Language.ScriptBlockAst'
        $ast.Extent.Text | Should -BeExactly '"a" + "b"'
        $ast.GetScriptBlock().Invoke() | Should -BeExactly 'ab'
        $broken = [System.Management.Automation.Language.Parser]::ParseInput('function ', [ref]$null, [ref]$errors)
        { $broken.GetScriptBlock() } | Should -Throw -ErrorId 'PSInvalidOperationException'
    }
}

Complete-MiniPester
