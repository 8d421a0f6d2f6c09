# Ported from test/powershell/Language/Scripting/CmdletDeclaration.Tests.ps1 (scripts with cmdlet
# declarations tokenize without errors through [PSParser]::Tokenize) and Parser/Ast.Tests.ps1
# (SafeGetValue on ASTs, type names under `using namespace`), plus PSToken's documented shape; the
# assertions, in hvsh's own code.
using namespace System.Management.Automation.Language
. "$PSScriptRoot/MiniPester.ps1"

Describe 'PSParser.Tokenize on cmdlet declarations' {
    It 'reports no errors for a function with [CmdletBinding()] and a param block' {
        $syntaxErrors = $null
        $null = [System.Management.Automation.PSParser]::Tokenize('function get-foo { [CmdletBinding(SupportsShouldProcess=$true, ConfirmImpact="low")] param([Parameter(mandatory=$true)]$a) $a }', [ref] $syntaxErrors)
        $syntaxErrors.Count | Should -Be 0
    }
    It 'reports no errors for a script block declaring a nested function' {
        $syntaxErrors = $null
        $null = [System.Management.Automation.PSParser]::Tokenize("function get-foo {`n [CmdletBinding()]`n param()`n function get-bar { param([Parameter(mandatory=`$true)]`$a) `$a }`n}", [ref] $syntaxErrors)
        $syntaxErrors.Count | Should -Be 0
    }
    It 'reports a parse error as a PSParseError with a Position token' {
        $syntaxErrors = $null
        $null = [System.Management.Automation.PSParser]::Tokenize('{', [ref] $syntaxErrors)
        $syntaxErrors.Count | Should -Be 1
        $syntaxErrors[0].Message | Should -BeExactly "Missing closing '}' in statement block or type definition."
        $syntaxErrors[0].Token.Type | Should -Be ([System.Management.Automation.PSTokenType]::Position)
    }
}

Describe 'PSToken objects' {
    It 'types a command name, its parameter, a variable and a string as PSTokenType does' {
        $syntaxErrors = $null
        $tokens = [System.Management.Automation.PSParser]::Tokenize('Get-Item -Path $env:HOME ''it''''s''', [ref] $syntaxErrors)
        ($tokens | ForEach-Object { "$($_.Type)" }) -join ',' | Should -BeExactly 'Command,CommandParameter,Variable,String'
        ($tokens | ForEach-Object Content) -join '|' | Should -BeExactly 'Get-Item|-Path|env:HOME|it''s'
    }
    It 'gives each token its start, length, lines and columns' {
        $syntaxErrors = $null
        $tokens = [System.Management.Automation.PSParser]::Tokenize("`$a = 1`n[int]::MaxValue", [ref] $syntaxErrors)
        ($tokens | ForEach-Object { "$($_.Type)" }) -join ',' | Should -BeExactly 'Variable,Operator,Number,NewLine,Operator,Type,Operator,Operator,Member'
        $tokens[2].Start | Should -Be 5
        $tokens[2].Length | Should -Be 1
        $tokens[8].StartLine | Should -Be 2
        $tokens[8].StartColumn | Should -Be 8
        $tokens[8].EndColumn | Should -Be 16
    }
    It 'marks attributes, keywords, groups and comments' {
        $syntaxErrors = $null
        $tokens = [System.Management.Automation.PSParser]::Tokenize('param([Parameter()]$x) # note', [ref] $syntaxErrors)
        ($tokens | ForEach-Object { "$($_.Type)" }) -join ',' | Should -BeExactly 'Keyword,GroupStart,Operator,Attribute,GroupStart,GroupEnd,Operator,Variable,GroupEnd,Comment'
    }
    It 'takes the object[] overload as lines' {
        $syntaxErrors = $null
        $tokens = [System.Management.Automation.PSParser]::Tokenize([object[]]@('1', '2'), [ref] $syntaxErrors)
        ($tokens | ForEach-Object { "$($_.Type)" }) -join ',' | Should -BeExactly 'Number,NewLine,Number,NewLine'
    }
}

Describe 'SafeGetValue on an AST' {
    It 'returns a hashtable from a HashtableAst found by its short type name' {
        $hashtableAstType = [HashtableAst]
        $htAst = { @{ one = 1 } }.Ast.Find({ $args[0] -is $hashtableAstType }, $true)
        $htAst | Should -Not -BeNullOrEmpty
        $htAst.SafeGetValue() | Should -BeOfType Hashtable
    }
    It 'returns an object[] from an ArrayLiteralAst' {
        $arrayAst = { @( 1,2,3,4) }.Ast.Find({ $args[0] -is [ArrayLiteralAst] }, $true)
        ,$arrayAst.SafeGetValue() | Should -BeOfType Object[]
        $arrayAst.SafeGetValue().Count | Should -Be 4
    }
    It 'throws InvalidOperationException for a variable and for a script block' {
        $ast = { $a }.Ast.Find({ $args[0] -is 'VariableExpressionAst' }, $true)
        { $ast.SafeGetValue() } | Should -Throw -ErrorId 'InvalidOperationException'
        { { 1 }.Ast.SafeGetValue() } | Should -Throw -ErrorId 'InvalidOperationException'
    }
}

Describe 'using namespace' {
    It 'lets a type literal and a -is string name the type by its short name' {
        [StringConstantExpressionAst].FullName | Should -BeExactly 'System.Management.Automation.Language.StringConstantExpressionAst'
        ({ 'x' }.Ast.Find({ $args[0] -is 'StringConstantExpressionAst' }, $true)).Value | Should -BeExactly 'x'
    }
}

Complete-MiniPester
