# Ported from test/powershell/Language/Parser/LanguageAndParser.TestFollowup.Tests.ps1: assigning
# automatic variables (a type constraint other than the variable's own is refused when the script
# is parsed; without one, or with the right one, the assigned value reads back), writing the
# read-only and constant AllScope variables from any scope, and ScriptBlockAst.GetScriptBlock on
# a tree with errors. Assertions in hvsh's own words.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Assigning automatic variables' {
    It 'refuses a type constraint other than the variable''s own' {
        { & ([scriptblock]::Create('[datetime]$_ = 1')) } | Should -Throw '*_*'
        { . ([scriptblock]::Create('[runspace]$args = 1')) } | Should -Throw '*args*'
        { & ([scriptblock]::Create('[notexist]$this = 1')) } | Should -Throw '*this*'
        { . ([scriptblock]::Create('[int]$input = 1')) } | Should -Throw '*input*'
        { & ([scriptblock]::Create('[object]$PSCmdlet = 1')) } | Should -Throw '*PSCmdlet*'
        { & ([scriptblock]::Create('[hashtable]$PSBoundParameters = @{}')) } | Should -Throw '*PSBoundParameters*'
        { . ([scriptblock]::Create('[datetime]$MyInvocation = 1')) } | Should -Throw '*MyInvocation*'
        { & ([scriptblock]::Create('[int]$PSScriptRoot = 1')) } | Should -Throw '*PSScriptRoot*'
        { . ([scriptblock]::Create('[datetime]$PSCommandPath = 1')) } | Should -Throw '*PSCommandPath*'
    }
    It 'names the variable and its type in the parse error' {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput('[int]$args = 1', [ref]$null, [ref]$errors)
        $errors[0].ErrorId | Should -BeExactly 'AssignmentStatementToAutomaticNotSupported'
        $errors[0].Message | Should -BeExactly "Cannot assign automatic variable 'args' with type 'System.Object[]'"
        $errors[0].Extent.Text | Should -BeExactly '[int]$args'
    }
    It 'reads back a value assigned without a constraint' {
        & ([scriptblock]::Create('$PSBoundParameters = 2; $PSBoundParameters')) | Should -Be 2
        . ([scriptblock]::Create('$MyInvocation = 3; $MyInvocation')) | Should -Be 3
        & ([scriptblock]::Create('$PSScriptRoot = 4; $PSScriptRoot')) | Should -Be 4
        & ([scriptblock]::Create('$PSCommandPath = 5; $PSCommandPath')) | Should -Be 5
    }
    It 'accepts the variable''s own type' {
        & { [object]$_ = 'u'; $_ } | Should -Be 'u'
        & { [object[]]$args = 'a'; $args } | Should -Be 'a'
        & { [object]$input = 'i'; $input } | Should -Be 'i'
        & { [string]$PSScriptRoot = 'root'; $PSScriptRoot } | Should -BeExactly 'root'
        & { [System.Management.Automation.InvocationInfo]$MyInvocation = $MyInvocation; $MyInvocation.GetType().Name } | Should -BeExactly 'InvocationInfo'
    }
}

Describe 'Writing read-only and constant AllScope variables' {
    It 'fails in a child scope as in the global one' {
        { & { $PID = 1 } } | Should -Throw -ErrorId 'VariableNotWritable'
        { . { $HOME = 1 } } | Should -Throw -ErrorId 'VariableNotWritable'
        { & { [datetime]$HOME = 1 } } | Should -Throw -ErrorId 'VariableNotWritable'
        { . { [datetime]$PID = 1 } } | Should -Throw -ErrorId 'VariableNotWritable'
    }
}

Describe 'ScriptBlockAst.GetScriptBlock' {
    It 'refuses a tree with errors at any level' {
        $ast = [System.Management.Automation.Language.Parser]::ParseInput('function f { end { [ref][ref]1 } }', [ref]$null, [ref]$null)
        { $ast.EndBlock.Statements[0].Body.GetScriptBlock() } | Should -Throw -ErrorId 'PSInvalidOperationException'
    }
    It 'compiles a function body' {
        $ast = [System.Management.Automation.Language.Parser]::ParseInput('function f { "body" }', [ref]$null, [ref]$null)
        $ast.EndBlock.Statements[0].Body.GetScriptBlock().Invoke() | Should -BeExactly 'body'
    }
}

Complete-MiniPester
