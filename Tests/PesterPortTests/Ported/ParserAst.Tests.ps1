# Ported from test/powershell/Language/Parser/Parsing.Tests.ps1 ("Ternary Operator parsing", "Additional
# tests") and MethodInvocation.Tests.ps1 ("Generic Method invocation"): the tokens and the tree that
# [System.Management.Automation.Language.Parser]::ParseInput returns, generic method calls and
# assembly-qualified type names. The assertions are in hvsh's own code; the parts of those tests that
# need .NET itself (GetReflectionType, System.Linq, ConcurrentDictionary) are not ported, nor `1?2:3`,
# which PowerShell reads as one command name and hvsh as a number in a ternary.
. "$PSScriptRoot/MiniPester.ps1"

function Get-Parsed([string]$Source) {
    $tokens = $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Source, [ref]$tokens, [ref]$errors)
    [pscustomobject]@{ Ast = $ast; Tokens = $tokens; Errors = $errors }
}

Describe 'ParseInput tokens and tree' {
    It 'gives the first token of a variable or a generic word with its kind and text' {
        $p = Get-Parsed '$true?2:3'
        $p.Tokens[0].Kind | Should -BeExactly 'Variable'
        $p.Tokens[0].Text | Should -BeExactly '$true?2:3'
        $p.Ast.EndBlock.Statements[0].PipelineElements[0].Expression | Should -BeOfType System.Management.Automation.Language.VariableExpressionAst
        $p.Ast.EndBlock.Statements[0].PipelineElements[0].Expression.Extent.Text | Should -BeExactly '$true?2:3'
        $p = Get-Parsed '$env:abc'
        $p.Tokens[0].Kind | Should -BeExactly 'Variable'
        $p.Tokens[0].Text | Should -BeExactly '$env:abc'
        $p = Get-Parsed 'a?2:2'
        $p.Tokens[0].Kind | Should -BeExactly 'Generic'
        $p.Tokens[0].Text | Should -BeExactly 'a?2:2'
        $p.Ast.EndBlock.Statements[0].PipelineElements[0].CommandElements[0] | Should -BeOfType System.Management.Automation.Language.StringConstantExpressionAst
        $p.Ast.EndBlock.Statements[0].PipelineElements[0].CommandElements[0].Extent.Text | Should -BeExactly 'a?2:2'
    }
    It 'makes a ternary expression of a complete ternary and reports an incomplete one' {
        $p = Get-Parsed '$true ? 3 :'
        $p.Errors.Count | Should -Be 1
        $p.Errors[0].IncompleteInput | Should -BeTrue
        $p.Errors[0].ErrorId | Should -BeExactly 'ExpectedValueExpression'
        $p.Ast.EndBlock.Statements[0].PipelineElements[0].Expression | Should -BeOfType System.Management.Automation.Language.TernaryExpressionAst
    }
    It 'parses an array literal as the index of a method argument' {
        $p = Get-Parsed '[string]::join(" ", (0, 1, 2)[0, 1])'
        $p.Ast.EndBlock.Statements[0].PipelineElements[0].Expression.Arguments[1].Index.Elements.Count | Should -Be 2
        $p.Errors.Count | Should -Be 0
    }
    It 'names generic and assembly-qualified types as PowerShell spells them' {
        $p = Get-Parsed '[System.Tuple[System.String[],System.Int32[]]]'
        $p.Ast.EndBlock.Statements[0].PipelineElements[0].Expression.TypeName.FullName | Should -Be 'System.Tuple[System.String[],System.Int32[]]'
        $p = Get-Parsed '[System.Collections.Generic.List[string]]'
        $typeExpr = $p.Ast.EndBlock.Statements[0].PipelineElements[0].Expression
        $typeExpr.TypeName.FullName | Should -Be 'System.Collections.Generic.List[string]'
        $typeExpr.TypeName.TypeName.FullName | Should -Be 'System.Collections.Generic.List'
        $p = Get-Parsed '[System.Collections.Generic.List[string], System.Private.CoreLib]'
        $typeExpr = $p.Ast.EndBlock.Statements[0].PipelineElements[0].Expression
        $typeExpr.TypeName.FullName | Should -Be 'System.Collections.Generic.List[string],System.Private.CoreLib'
        $typeExpr.TypeName.TypeName.FullName | Should -Be 'System.Collections.Generic.List,System.Private.CoreLib'
        $p = Get-Parsed '[System.Collections.Generic.List`1[string]]'
        $typeExpr = $p.Ast.EndBlock.Statements[0].PipelineElements[0].Expression
        $typeExpr.TypeName.FullName | Should -Be 'System.Collections.Generic.List`1[string]'
        $typeExpr.TypeName.TypeName.FullName | Should -Be 'System.Collections.Generic.List`1'
    }
}

Describe 'Generic method invocation' {
    It 'parses fine for indexing a property' {
        $p = Get-Parsed '[object]::Property[[type]]'
        $p.Errors | Should -BeNullOrEmpty
        $cmdExpr = $p.Ast.EndBlock.Statements[0].PipelineElements[0]
        $cmdExpr | Should -BeOfType 'System.Management.Automation.Language.CommandExpressionAst'
        $cmdExpr.Expression | Should -BeOfType 'System.Management.Automation.Language.IndexExpressionAst'
        $cmdExpr.Expression.Index | Should -BeOfType 'System.Management.Automation.Language.TypeExpressionAst'
        $cmdExpr.Expression.Index.ToString() | Should -BeExactly '[type]'
        $p = Get-Parsed '$object.IPSubnet[[Array]::IndexOf($_.IPAddress, $_.IPAddress[0])]'
        $p.Errors | Should -BeNullOrEmpty
        $indexExpr = $p.Ast.EndBlock.Statements[0].PipelineElements[0].Expression
        $indexExpr | Should -BeOfType 'System.Management.Automation.Language.IndexExpressionAst'
        $indexExpr.Index | Should -BeOfType 'System.Management.Automation.Language.InvokeMemberExpressionAst'
        $indexExpr.Index.ToString() | Should -BeExactly '[Array]::IndexOf($_.IPAddress, $_.IPAddress[0])'
    }
    It 'does not throw a parse error for a generic method call' {
        { [scriptblock]::Create('[Array]::Empty[string]()') } | Should -Not -Throw
        { [scriptblock]::Create('[Array]::Empty[System.Collections.Generic.Dictionary[System.Numerics.BigInteger, System.Collections.Generic.List[string[,]]]]()') } | Should -Not -Throw
    }
    It 'can call a generic method with no arguments' {
        $r = [Array]::Empty[string]()
        $r.GetType() | Should -Be ([string[]])
        $r.Length | Should -Be 0
    }
    It 'gives a runtime error if too many type parameters are given' {
        $id = try { [array]::Empty[string, int](); 'no error' } catch { $_.FullyQualifiedErrorId }
        $id | Should -BeExactly 'MethodCountCouldNotFindBestGeneric'
    }
    It 'gives a runtime error if a nonexistent type is specified' {
        $err = try { [array]::Empty[thisdoesnotexist](); $null } catch { $_ }
        $err.Exception.Message | Should -BeLike '*[thisdoesnotexist]*'
        $err.FullyQualifiedErrorId | Should -BeExactly 'TypeNotFound'
    }
}

Complete-MiniPester
