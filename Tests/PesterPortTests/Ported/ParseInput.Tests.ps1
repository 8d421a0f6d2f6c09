# Ported from test/powershell/Language/Parser/Parsing.Tests.ps1 and UsingNamespace.Tests.ps1: their
# ShouldBeParseError cases (helper from test/tools/Modules/HelpersLanguage), which read the errors of
# [System.Management.Automation.Language.Parser]::ParseInput: every error's ErrorId, in order, and
# where its extent starts (the offset, or the column where the upstream case passes
# -CheckColumnNumber). 163 of the 167 cases are here (one is listed twice upstream); the four left
# out are null-conditional and ternary operators (`${x} ?[1]`, `[datetime]?[0]`, `$hello ??? $what`,
# `${x}?[   ]`), where hvsh's errors differ in count or place. The assertions are in hvsh's own code.
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
function Get-ParseErrorColumns([string]$Source) {
    (Get-ParseErrors $Source | ForEach-Object { $_.Extent.StartScriptPosition.ColumnNumber }) -join ','
}

Describe 'ParseInput errors' {
    It 'reports loop headers and bodies as PowerShell does' {
        Get-ParseErrorIds 'for' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorColumns 'for' | Should -BeExactly '4'
        Get-ParseErrorIds 'for(' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns 'for(' | Should -BeExactly '5'
        Get-ParseErrorIds 'for(;' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns 'for(;' | Should -BeExactly '6'
        Get-ParseErrorIds 'for(;;' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns 'for(;;' | Should -BeExactly '7'
        Get-ParseErrorIds 'for($a' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns 'for($a' | Should -BeExactly '7'
        Get-ParseErrorIds 'for($a;' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns 'for($a;' | Should -BeExactly '8'
        Get-ParseErrorIds 'for($a;$b' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns 'for($a;$b' | Should -BeExactly '10'
        Get-ParseErrorIds 'for($a;$b;' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns 'for($a;$b;' | Should -BeExactly '11'
        Get-ParseErrorIds 'for($a;$b;$c' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns 'for($a;$b;$c' | Should -BeExactly '13'
        Get-ParseErrorIds 'for($a;$b;$c)' | Should -BeExactly 'MissingLoopStatement'
        Get-ParseErrorColumns 'for($a;$b;$c)' | Should -BeExactly '14'
        Get-ParseErrorIds ':lab for' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorColumns ':lab for' | Should -BeExactly '9'
        Get-ParseErrorIds ':lab for(' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorOffsets ':lab for(' | Should -BeExactly '9'
        Get-ParseErrorIds ':lab for(;' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns ':lab for(;' | Should -BeExactly '11'
        Get-ParseErrorIds ':lab for(;;' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns ':lab for(;;' | Should -BeExactly '12'
        Get-ParseErrorIds ':lab for($a' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns ':lab for($a' | Should -BeExactly '12'
        Get-ParseErrorIds ':lab for($a;' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorOffsets ':lab for($a;' | Should -BeExactly '12'
        Get-ParseErrorIds ':lab for($a;$b' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorOffsets ':lab for($a;$b' | Should -BeExactly '14'
        Get-ParseErrorIds ':lab for($a;$b;' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorOffsets ':lab for($a;$b;' | Should -BeExactly '15'
        Get-ParseErrorIds ':lab for($a;$b;$c' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorOffsets ':lab for($a;$b;$c' | Should -BeExactly '17'
        Get-ParseErrorIds ':lab for($a;$b;$c)' | Should -BeExactly 'MissingLoopStatement'
        Get-ParseErrorOffsets ':lab for($a;$b;$c)' | Should -BeExactly '18'
        Get-ParseErrorIds 'foreach' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorOffsets 'foreach' | Should -BeExactly '7'
        Get-ParseErrorIds 'foreach (' | Should -BeExactly 'MissingVariableNameAfterForeach'
        Get-ParseErrorOffsets 'foreach (' | Should -BeExactly '9'
        Get-ParseErrorIds 'foreach ($a' | Should -BeExactly 'MissingInInForeach'
        Get-ParseErrorOffsets 'foreach ($a' | Should -BeExactly '11'
        Get-ParseErrorIds 'foreach ($a into' | Should -BeExactly 'MissingInInForeach'
        Get-ParseErrorOffsets 'foreach ($a into' | Should -BeExactly '11'
        Get-ParseErrorIds 'foreach ($a in' | Should -BeExactly 'MissingForeachExpression'
        Get-ParseErrorOffsets 'foreach ($a in' | Should -BeExactly '14'
        Get-ParseErrorIds 'foreach ($a in $x' | Should -BeExactly 'MissingEndParenthesisAfterForeach'
        Get-ParseErrorOffsets 'foreach ($a in $x' | Should -BeExactly '17'
        Get-ParseErrorIds 'foreach ($a in $x)' | Should -BeExactly 'MissingForeachStatement'
        Get-ParseErrorOffsets 'foreach ($a in $x)' | Should -BeExactly '18'
        Get-ParseErrorIds ':lab foreach' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorOffsets ':lab foreach' | Should -BeExactly '12'
        Get-ParseErrorIds ':lab foreach (' | Should -BeExactly 'MissingVariableNameAfterForeach'
        Get-ParseErrorOffsets ':lab foreach (' | Should -BeExactly '14'
        Get-ParseErrorIds ':lab foreach ($a' | Should -BeExactly 'MissingInInForeach'
        Get-ParseErrorOffsets ':lab foreach ($a' | Should -BeExactly '16'
        Get-ParseErrorIds ':lab foreach ($a into' | Should -BeExactly 'MissingInInForeach'
        Get-ParseErrorColumns ':lab foreach ($a into' | Should -BeExactly '17'
        Get-ParseErrorIds ':lab foreach ($a in' | Should -BeExactly 'MissingForeachExpression'
        Get-ParseErrorColumns ':lab foreach ($a in' | Should -BeExactly '20'
        Get-ParseErrorIds ':lab foreach ($a in $x' | Should -BeExactly 'MissingEndParenthesisAfterForeach'
        Get-ParseErrorColumns ':lab foreach ($a in $x' | Should -BeExactly '23'
        Get-ParseErrorIds ':lab foreach ($a in $x)' | Should -BeExactly 'MissingForeachStatement'
        Get-ParseErrorColumns ':lab foreach ($a in $x)' | Should -BeExactly '24'
        Get-ParseErrorIds 'do' | Should -BeExactly 'MissingLoopStatement'
        Get-ParseErrorOffsets 'do' | Should -BeExactly '2'
        Get-ParseErrorIds 'do {}' | Should -BeExactly 'MissingWhileOrUntilInDoWhile'
        Get-ParseErrorOffsets 'do {}' | Should -BeExactly '5'
        Get-ParseErrorIds 'do {} while' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorOffsets 'do {} while' | Should -BeExactly '11'
        Get-ParseErrorIds 'do {} while (' | Should -BeExactly 'MissingExpressionAfterKeyword'
        Get-ParseErrorOffsets 'do {} while (' | Should -BeExactly '13'
        Get-ParseErrorIds 'do {} while (1' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorOffsets 'do {} while (1' | Should -BeExactly '14'
        Get-ParseErrorIds ':lab do' | Should -BeExactly 'MissingLoopStatement'
        Get-ParseErrorColumns ':lab do' | Should -BeExactly '8'
        Get-ParseErrorIds ':lab do {}' | Should -BeExactly 'MissingWhileOrUntilInDoWhile'
        Get-ParseErrorColumns ':lab do {}' | Should -BeExactly '11'
        Get-ParseErrorIds ':lab do {} while' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorColumns ':lab do {} while' | Should -BeExactly '17'
        Get-ParseErrorIds ':lab do {} while (' | Should -BeExactly 'MissingExpressionAfterKeyword'
        Get-ParseErrorColumns ':lab do {} while (' | Should -BeExactly '19'
        Get-ParseErrorIds ':lab do {} while (1' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns ':lab do {} while (1' | Should -BeExactly '20'
        Get-ParseErrorIds 'do' | Should -BeExactly 'MissingLoopStatement'
        Get-ParseErrorColumns 'do' | Should -BeExactly '3'
        Get-ParseErrorIds 'do {}' | Should -BeExactly 'MissingWhileOrUntilInDoWhile'
        Get-ParseErrorColumns 'do {}' | Should -BeExactly '6'
        Get-ParseErrorIds 'do {} until' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorColumns 'do {} until' | Should -BeExactly '12'
        Get-ParseErrorIds 'do {} until (' | Should -BeExactly 'MissingExpressionAfterKeyword'
        Get-ParseErrorColumns 'do {} until (' | Should -BeExactly '14'
        Get-ParseErrorIds 'do {} until (1' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorColumns 'do {} until (1' | Should -BeExactly '15'
        Get-ParseErrorIds ':lab do {}' | Should -BeExactly 'MissingWhileOrUntilInDoWhile'
        Get-ParseErrorOffsets ':lab do {}' | Should -BeExactly '10'
        Get-ParseErrorIds ':lab do {} until' | Should -BeExactly 'MissingOpenParenthesisAfterKeyword'
        Get-ParseErrorOffsets ':lab do {} until' | Should -BeExactly '16'
        Get-ParseErrorIds ':lab do {} until (' | Should -BeExactly 'MissingExpressionAfterKeyword'
        Get-ParseErrorOffsets ':lab do {} until (' | Should -BeExactly '18'
        Get-ParseErrorIds ':lab do {} until (1' | Should -BeExactly 'MissingEndParenthesisAfterStatement'
        Get-ParseErrorOffsets ':lab do {} until (1' | Should -BeExactly '19'
        Get-ParseErrorIds 'foreach (@a in $b) {}' | Should -BeExactly 'SplattingNotPermitted'
        Get-ParseErrorOffsets 'foreach (@a in $b) {}' | Should -BeExactly '9'
    }
    It 'reports named blocks without a block as PowerShell does' {
        Get-ParseErrorIds 'process' | Should -BeExactly 'MissingNamedStatementBlock'
        Get-ParseErrorOffsets 'process' | Should -BeExactly '7'
        Get-ParseErrorIds 'end' | Should -BeExactly 'MissingNamedStatementBlock'
        Get-ParseErrorOffsets 'end' | Should -BeExactly '3'
        Get-ParseErrorIds 'clean' | Should -BeExactly 'MissingNamedStatementBlock'
        Get-ParseErrorOffsets 'clean' | Should -BeExactly '5'
        Get-ParseErrorIds 'dynamicparam' | Should -BeExactly 'MissingNamedStatementBlock'
        Get-ParseErrorOffsets 'dynamicparam' | Should -BeExactly '12'
        Get-ParseErrorIds 'end process {}' | Should -BeExactly 'MissingNamedStatementBlock'
        Get-ParseErrorColumns 'end process {}' | Should -BeExactly '4'
        Get-ParseErrorIds 'clean process {}' | Should -BeExactly 'MissingNamedStatementBlock'
        Get-ParseErrorColumns 'clean process {}' | Should -BeExactly '6'
        Get-ParseErrorIds 'dynamicparam process {}' | Should -BeExactly 'MissingNamedStatementBlock'
        Get-ParseErrorColumns 'dynamicparam process {}' | Should -BeExactly '13'
        Get-ParseErrorIds 'process begin {}' | Should -BeExactly 'MissingNamedStatementBlock'
        Get-ParseErrorColumns 'process begin {}' | Should -BeExactly '8'
    }
    It 'reports data sections as PowerShell does' {
        Get-ParseErrorIds 'data' | Should -BeExactly 'MissingStatementBlockForDataSection'
        Get-ParseErrorColumns 'data' | Should -BeExactly '5'
        Get-ParseErrorIds 'data foo' | Should -BeExactly 'MissingStatementBlockForDataSection'
        Get-ParseErrorColumns 'data foo' | Should -BeExactly '9'
        Get-ParseErrorIds 'data -abc' | Should -BeExactly 'InvalidParameterForDataSectionStatement'
        Get-ParseErrorColumns 'data -abc' | Should -BeExactly '6'
        Get-ParseErrorIds 'data -abc foo {}' | Should -BeExactly 'InvalidParameterForDataSectionStatement'
        Get-ParseErrorColumns 'data -abc foo {}' | Should -BeExactly '6'
        Get-ParseErrorIds 'data -abc & {}' | Should -BeExactly 'InvalidParameterForDataSectionStatement'
        Get-ParseErrorOffsets 'data -abc & {}' | Should -BeExactly '5'
        Get-ParseErrorIds 'data -s & {}' | Should -BeExactly 'MissingValueForSupportedCommandInDataSectionStatement'
        Get-ParseErrorOffsets 'data -s & {}' | Should -BeExactly '7'
        Get-ParseErrorIds 'data -s ) {}' | Should -BeExactly 'MissingValueForSupportedCommandInDataSectionStatement,UnexpectedToken'
        Get-ParseErrorColumns 'data -s ) {}' | Should -BeExactly '8,9'
        Get-ParseErrorIds 'data -s } {}' | Should -BeExactly 'MissingValueForSupportedCommandInDataSectionStatement,UnexpectedToken'
        Get-ParseErrorOffsets 'data -s } {}' | Should -BeExactly '7,8'
        Get-ParseErrorIds 'data -s ; {}' | Should -BeExactly 'MissingValueForSupportedCommandInDataSectionStatement'
        Get-ParseErrorOffsets 'data -s ; {}' | Should -BeExactly '7'
        Get-ParseErrorIds 'data -sup a,' | Should -BeExactly 'MissingValueForSupportedCommandInDataSectionStatement'
        Get-ParseErrorColumns 'data -sup a,' | Should -BeExactly '13'
        Get-ParseErrorIds 'data -sup a,b' | Should -BeExactly 'MissingStatementBlockForDataSection'
        Get-ParseErrorColumns 'data -sup a,b' | Should -BeExactly '14'
    }
    It 'reports try, catch, finally and trap as PowerShell does' {
        Get-ParseErrorIds 'trap' | Should -BeExactly 'MissingTrapStatement'
        Get-ParseErrorOffsets 'trap' | Should -BeExactly '4'
        Get-ParseErrorIds 'trap [int]' | Should -BeExactly 'MissingTrapStatement'
        Get-ParseErrorColumns 'trap [int]' | Should -BeExactly '11'
        Get-ParseErrorIds 'try' | Should -BeExactly 'MissingTryStatementBlock'
        Get-ParseErrorOffsets 'try' | Should -BeExactly '3'
        Get-ParseErrorIds 'try {}' | Should -BeExactly 'MissingCatchOrFinally'
        Get-ParseErrorOffsets 'try {}' | Should -BeExactly '6'
        Get-ParseErrorIds 'try {} catch' | Should -BeExactly 'MissingCatchHandlerBlock'
        Get-ParseErrorOffsets 'try {} catch' | Should -BeExactly '12'
        Get-ParseErrorIds 'try {} finally' | Should -BeExactly 'MissingFinallyStatementBlock'
        Get-ParseErrorColumns 'try {} finally' | Should -BeExactly '15'
        Get-ParseErrorIds 'try {} catch [int]' | Should -BeExactly 'MissingCatchHandlerBlock'
        Get-ParseErrorColumns 'try {} catch [int]' | Should -BeExactly '19'
        Get-ParseErrorIds 'try {} catch {} finally' | Should -BeExactly 'MissingFinallyStatementBlock'
        Get-ParseErrorOffsets 'try {} catch {} finally' | Should -BeExactly '23'
        Get-ParseErrorIds 'try {} catch {} catch' | Should -BeExactly 'MissingCatchHandlerBlock'
        Get-ParseErrorOffsets 'try {} catch {} catch' | Should -BeExactly '21'
        Get-ParseErrorIds 'try {} catch [int],' | Should -BeExactly 'MissingTypeLiteralToken'
        Get-ParseErrorOffsets 'try {} catch [int],' | Should -BeExactly '19'
        Get-ParseErrorIds 'try {} finally { return }' | Should -BeExactly 'ControlLeavingFinally'
        Get-ParseErrorOffsets 'try {} finally { return }' | Should -BeExactly '17'
        Get-ParseErrorIds 'try {} finally { break }' | Should -BeExactly 'ControlLeavingFinally'
        Get-ParseErrorOffsets 'try {} finally { break }' | Should -BeExactly '17'
        Get-ParseErrorIds 'try {} finally { continue }' | Should -BeExactly 'ControlLeavingFinally'
        Get-ParseErrorOffsets 'try {} finally { continue }' | Should -BeExactly '17'
    }
    It 'reports switch statements as PowerShell does' {
        Get-ParseErrorIds 'switch' | Should -BeExactly 'PipelineValueRequired'
        Get-ParseErrorOffsets 'switch' | Should -BeExactly '6'
        Get-ParseErrorIds 'switch -abc' | Should -BeExactly 'InvalidSwitchFlag,PipelineValueRequired'
        Get-ParseErrorOffsets 'switch -abc' | Should -BeExactly '7,11'
        Get-ParseErrorIds 'switch -file' | Should -BeExactly 'MissingFilenameOption'
        Get-ParseErrorOffsets 'switch -file' | Should -BeExactly '12'
        Get-ParseErrorIds 'switch -file a (1)' | Should -BeExactly 'PipelineValueRequired,MissingCurlyBraceInSwitchStatement'
        Get-ParseErrorOffsets 'switch -file a (1)' | Should -BeExactly '15,18'
        Get-ParseErrorIds 'switch (' | Should -BeExactly 'PipelineValueRequired'
        Get-ParseErrorOffsets 'switch (' | Should -BeExactly '8'
        Get-ParseErrorIds 'switch ()' | Should -BeExactly 'PipelineValueRequired,MissingCurlyBraceInSwitchStatement'
        Get-ParseErrorOffsets 'switch ()' | Should -BeExactly '8,9'
        Get-ParseErrorIds 'switch ("abc")  ' | Should -BeExactly 'MissingCurlyBraceInSwitchStatement'
        Get-ParseErrorOffsets 'switch ("abc")  ' | Should -BeExactly '14'
        Get-ParseErrorIds 'switch ("abc")  {' | Should -BeExactly 'MissingSwitchConditionExpression'
        Get-ParseErrorOffsets 'switch ("abc")  {' | Should -BeExactly '17'
        Get-ParseErrorIds 'switch ("abc")  { 1' | Should -BeExactly 'MissingSwitchStatementClause'
        Get-ParseErrorOffsets 'switch ("abc")  { 1' | Should -BeExactly '19'
        Get-ParseErrorIds 'switch ("abc")  { 1 }' | Should -BeExactly 'MissingSwitchStatementClause'
        Get-ParseErrorOffsets 'switch ("abc")  { 1 }' | Should -BeExactly '19'
        Get-ParseErrorIds 'switch (1) {default {} default {}}' | Should -BeExactly 'MultipleSwitchDefaultClauses'
        Get-ParseErrorOffsets 'switch (1) {default {} default {}}' | Should -BeExactly '23'
    }
    It 'reports function definitions and parameter lists as PowerShell does' {
        Get-ParseErrorIds 'function' | Should -BeExactly 'MissingNameAfterKeyword'
        Get-ParseErrorOffsets 'function' | Should -BeExactly '8'
        Get-ParseErrorIds 'function foo' | Should -BeExactly 'MissingFunctionBody'
        Get-ParseErrorOffsets 'function foo' | Should -BeExactly '12'
        Get-ParseErrorIds 'function foo(' | Should -BeExactly 'MissingEndParenthesisInFunctionParameterList'
        Get-ParseErrorOffsets 'function foo(' | Should -BeExactly '13'
        Get-ParseErrorIds 'function foo {' | Should -BeExactly 'MissingEndCurlyBrace'
        Get-ParseErrorOffsets 'function foo {' | Should -BeExactly '13'
        Get-ParseErrorIds 'function foo { function bar { if (1) {} }' | Should -BeExactly 'MissingEndCurlyBrace'
        Get-ParseErrorOffsets 'function foo { function bar { if (1) {} }' | Should -BeExactly '13'
        Get-ParseErrorIds 'function f { param($a,[int]$a) }' | Should -BeExactly 'DuplicateFormalParameter'
        Get-ParseErrorOffsets 'function f { param($a,[int]$a) }' | Should -BeExactly '27'
        Get-ParseErrorIds 'function f($a,[int]$a){}' | Should -BeExactly 'DuplicateFormalParameter'
        Get-ParseErrorOffsets 'function f($a,[int]$a){}' | Should -BeExactly '19'
        Get-ParseErrorIds 'function foo {param(}' | Should -BeExactly 'MissingEndParenthesisInFunctionParameterList'
        Get-ParseErrorOffsets 'function foo {param(}' | Should -BeExactly '20'
        Get-ParseErrorIds 'param(@a)' | Should -BeExactly 'SplattingNotPermitted'
        Get-ParseErrorOffsets 'param(@a)' | Should -BeExactly '6'
        Get-ParseErrorIds 'function foo (@a) {}' | Should -BeExactly 'SplattingNotPermitted'
        Get-ParseErrorOffsets 'function foo (@a) {}' | Should -BeExactly '14'
    }
    It 'reports assignments, casts, attributes and pipelines as PowerShell does' {
        Get-ParseErrorIds 'begin' | Should -BeExactly 'MissingNamedStatementBlock'
        Get-ParseErrorOffsets 'begin' | Should -BeExactly '5'
        Get-ParseErrorIds 'begin process {}' | Should -BeExactly 'MissingNamedStatementBlock'
        Get-ParseErrorColumns 'begin process {}' | Should -BeExactly '6'
        Get-ParseErrorIds 'begin process end clean' | Should -BeExactly 'MissingNamedStatementBlock,MissingNamedStatementBlock,MissingNamedStatementBlock,MissingNamedStatementBlock'
        Get-ParseErrorColumns 'begin process end clean' | Should -BeExactly '6,14,18,24'
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
        Get-ParseErrorIds '[datetime]?::now' | Should -BeExactly 'ExpectedValueExpression,UnexpectedToken'
        Get-ParseErrorOffsets '[datetime]?::now' | Should -BeExactly '11,11'
        Get-ParseErrorIds 'Get-Date ?.ToString()' | Should -BeExactly 'ExpectedExpression'
        Get-ParseErrorOffsets 'Get-Date ?.ToString()' | Should -BeExactly '20'
        Get-ParseErrorIds '${x}?.' | Should -BeExactly 'MissingPropertyName'
        Get-ParseErrorOffsets '${x}?.' | Should -BeExactly '6'
        Get-ParseErrorIds '${x}?.name = "value"' | Should -BeExactly 'InvalidLeftHandSide'
        Get-ParseErrorOffsets '${x}?.name = "value"' | Should -BeExactly '0'
        Get-ParseErrorIds '${x}?[]' | Should -BeExactly 'MissingArrayIndexExpression'
        Get-ParseErrorOffsets '${x}?[]' | Should -BeExactly '6'
        Get-ParseErrorIds '${x}?[-]' | Should -BeExactly 'MissingExpressionAfterOperator'
        Get-ParseErrorOffsets '${x}?[-]' | Should -BeExactly '7'
        Get-ParseErrorIds '${x}?[0] = 1' | Should -BeExactly 'InvalidLeftHandSide'
        Get-ParseErrorOffsets '${x}?[0] = 1' | Should -BeExactly '0'
        Get-ParseErrorIds '@a' | Should -BeExactly 'SplattingNotPermitted'
        Get-ParseErrorOffsets '@a' | Should -BeExactly '0'
        Get-ParseErrorIds '|gps' | Should -BeExactly 'EmptyPipeElement'
        Get-ParseErrorOffsets '|gps' | Should -BeExactly '0'
        Get-ParseErrorIds 'gps|' | Should -BeExactly 'EmptyPipeElement'
        Get-ParseErrorOffsets 'gps|' | Should -BeExactly '4'
        Get-ParseErrorIds 'gps| |foreach name' | Should -BeExactly 'EmptyPipeElement'
        Get-ParseErrorOffsets 'gps| |foreach name' | Should -BeExactly '4'
        Get-ParseErrorIds '1|1' | Should -BeExactly 'ExpressionsMustBeFirstInPipeline'
        Get-ParseErrorOffsets '1|1' | Should -BeExactly '2'
        Get-ParseErrorIds '$a=' | Should -BeExactly 'ExpectedValueExpression'
        Get-ParseErrorOffsets '$a=' | Should -BeExactly '3'
        Get-ParseErrorIds 'gcm -a:' | Should -BeExactly 'ParameterRequiresArgument'
        Get-ParseErrorOffsets 'gcm -a:' | Should -BeExactly '7'
        Get-ParseErrorIds 'gcm -a: 1,' | Should -BeExactly 'MissingExpression'
        Get-ParseErrorColumns 'gcm -a: 1,' | Should -BeExactly '11'
        Get-ParseErrorIds 'gcm ,' | Should -BeExactly 'MissingArgument'
        Get-ParseErrorOffsets 'gcm ,' | Should -BeExactly '4'
        Get-ParseErrorIds '   )' | Should -BeExactly 'UnexpectedToken'
        Get-ParseErrorOffsets '   )' | Should -BeExactly '3'
        Get-ParseErrorIds '   }' | Should -BeExactly 'UnexpectedToken'
        Get-ParseErrorColumns '   }' | Should -BeExactly '4'
        Get-ParseErrorIds '1+' | Should -BeExactly 'ExpectedValueExpression'
        Get-ParseErrorOffsets '1+' | Should -BeExactly '2'
        Get-ParseErrorIds '[a()][b]' | Should -BeExactly 'UnexpectedAttribute'
        Get-ParseErrorOffsets '[a()][b]' | Should -BeExactly '0'
        Get-ParseErrorIds '[a()][b]2' | Should -BeExactly 'UnexpectedAttribute'
        Get-ParseErrorOffsets '[a()][b]2' | Should -BeExactly '0'
        Get-ParseErrorIds '[ref][ref]$x' | Should -BeExactly 'ReferenceNeedsToBeByItselfInTypeSequence'
        Get-ParseErrorOffsets '[ref][ref]$x' | Should -BeExactly '5'
        Get-ParseErrorIds '[int][ref]$x' | Should -BeExactly 'ReferenceNeedsToBeLastTypeInTypeConversion'
        Get-ParseErrorOffsets '[int][ref]$x' | Should -BeExactly '5'
        Get-ParseErrorIds '[int][ref]$x = 42' | Should -BeExactly 'ReferenceNeedsToBeByItselfInTypeConstraint'
        Get-ParseErrorOffsets '[int][ref]$x = 42' | Should -BeExactly '5'
        Get-ParseErrorIds '@{ a=1;b=2;c=3;' | Should -BeExactly 'MissingEndCurlyBrace'
        Get-ParseErrorOffsets '@{ a=1;b=2;c=3;' | Should -BeExactly '2'
        Get-ParseErrorIds '$cricket ?= $soccer' | Should -BeExactly 'ExpectedValueExpression,InvalidLeftHandSide'
        Get-ParseErrorOffsets '$cricket ?= $soccer' | Should -BeExactly '10,0'
        Get-ParseErrorIds '$x ?.name' | Should -BeExactly 'ExpectedValueExpression,UnexpectedToken'
        Get-ParseErrorOffsets '$x ?.name' | Should -BeExactly '4,4'
        Get-ParseErrorIds '$??=$false' | Should -BeExactly 'ExpectedValueExpression,InvalidLeftHandSide'
        Get-ParseErrorOffsets '$??=$false' | Should -BeExactly '3,0'
    }
    It 'reports Unicode escapes in strings as PowerShell does' {
        Get-ParseErrorIds '"`u{}"' | Should -BeExactly 'InvalidUnicodeEscapeSequence'
        Get-ParseErrorOffsets '"`u{}"' | Should -BeExactly '1'
        Get-ParseErrorIds '"`u{219z}"' | Should -BeExactly 'InvalidUnicodeEscapeSequence'
        Get-ParseErrorOffsets '"`u{219z}"' | Should -BeExactly '7'
        Get-ParseErrorIds '"`u{12345z}"' | Should -BeExactly 'InvalidUnicodeEscapeSequence'
        Get-ParseErrorOffsets '"`u{12345z}"' | Should -BeExactly '9'
        Get-ParseErrorIds '"`u{1234567}"' | Should -BeExactly 'TooManyDigitsInUnicodeEscapeSequence'
        Get-ParseErrorOffsets '"`u{1234567}"' | Should -BeExactly '10'
        Get-ParseErrorIds '"`u{110000}"' | Should -BeExactly 'InvalidUnicodeEscapeSequenceValue'
        Get-ParseErrorOffsets '"`u{110000}"' | Should -BeExactly '4'
        Get-ParseErrorIds '"`u2195}"' | Should -BeExactly 'InvalidUnicodeEscapeSequence'
        Get-ParseErrorOffsets '"`u2195}"' | Should -BeExactly '1'
        Get-ParseErrorIds '"`u{' | Should -BeExactly 'InvalidUnicodeEscapeSequence,TerminatorExpectedAtEndOfString'
        Get-ParseErrorOffsets '"`u{' | Should -BeExactly '4,0'
        Get-ParseErrorIds '"`u{1' | Should -BeExactly 'InvalidUnicodeEscapeSequence,TerminatorExpectedAtEndOfString'
        Get-ParseErrorOffsets '"`u{1' | Should -BeExactly '5,0'
        Get-ParseErrorIds '"`u{123456' | Should -BeExactly 'MissingUnicodeEscapeSequenceTerminator,TerminatorExpectedAtEndOfString'
        Get-ParseErrorOffsets '"`u{123456' | Should -BeExactly '10,0'
        Get-ParseErrorIds '"`u{1234567' | Should -BeExactly 'TooManyDigitsInUnicodeEscapeSequence,TerminatorExpectedAtEndOfString'
        Get-ParseErrorOffsets '"`u{1234567' | Should -BeExactly '10,0'
    }
    It 'reports using namespace as PowerShell does' {
        Get-ParseErrorIds '1; using namespace System' | Should -BeExactly 'UsingMustBeAtStartOfScript'
        Get-ParseErrorOffsets '1; using namespace System' | Should -BeExactly '3'
        Get-ParseErrorIds 'using namespace Foo = System' | Should -BeExactly 'UsingStatementNotSupported'
        Get-ParseErrorOffsets 'using namespace Foo = System' | Should -BeExactly '0'
        Get-ParseErrorIds 'using namespace ''''' | Should -BeExactly 'InvalidNamespaceValue'
        Get-ParseErrorOffsets 'using namespace ''''' | Should -BeExactly '16'
        Get-ParseErrorIds 'using namespace [System]' | Should -BeExactly 'InvalidNamespaceValue'
        Get-ParseErrorOffsets 'using namespace [System]' | Should -BeExactly '16'
        Get-ParseErrorIds 'using namespace '',System''' | Should -BeExactly 'InvalidNamespaceValue'
        Get-ParseErrorOffsets 'using namespace '',System''' | Should -BeExactly '16'
        Get-ParseErrorIds 'using namespace '']System''' | Should -BeExactly 'InvalidNamespaceValue'
        Get-ParseErrorOffsets 'using namespace '']System''' | Should -BeExactly '16'
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

# Ported from test/powershell/Language/Scripting/ForeachParallel.Tests.ps1 and SwitchParallel.Tests.ps1.
Describe 'workflow flags of foreach and switch' {
    It 'foreach -parallel parses with its flag and is reserved' {
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput('foreach -parallel ($input in $bar) { }', [ref]$null, [ref]$errors)
        $ast.EndBlock.Statements[0].Flags | Should -BeExactly 'Parallel'
        $errors.Count | Should -Be 1
        $errors[0].ErrorId | Should -Be 'KeywordParameterReservedForFutureUse'
    }
    It 'the flag may stand on its own line' {
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput("foreach `n-parallel `n(`$foo in `$bar) {}", [ref]$null, [ref]$errors)
        $ast.EndBlock.Statements[0].Flags | Should -BeExactly 'Parallel'
    }
    It 'an unknown flag is InvalidForeachFlag' {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput('foreach -bogus ($input in $bar) { }', [ref]$null, [ref]$errors)
        $errors.Count | Should -Be 1
        $errors[0].ErrorId | Should -BeExactly 'InvalidForeachFlag'
    }
    It 'foreach -throttlelimit is reserved and needs -parallel' {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput('foreach -throttlelimit 2 ($input in $bar) { }', [ref]$null, [ref]$errors)
        $errors.Count | Should -Be 2
        $errors[0].ErrorId | Should -Be 'KeywordParameterReservedForFutureUse'
        $errors[1].ErrorId | Should -Be 'ThrottleLimitRequiresParallelFlag'
    }
    It 'switch -parallel parses with its flag and is reserved' {
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput('switch -parallel ($foo) {1 {break}}', [ref]$null, [ref]$errors)
        $ast.EndBlock.Statements[0].Flags | Should -BeExactly 'Parallel'
        $errors.Count | Should -Be 1
        $errors[0].ErrorId | Should -Be 'KeywordParameterReservedForFutureUse'
    }
}

Complete-MiniPester
