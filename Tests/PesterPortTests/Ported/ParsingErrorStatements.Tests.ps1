# Ported from test/powershell/Language/Parser/Parsing.Tests.ps1: its Test-ErrorStmt, Test-Ast and
# Test-ErrorStmtForSwitchFlag cases (helpers in test/tools/Modules/HelpersLanguage). Each parses a
# broken statement with [System.Management.Automation.Language.Parser]::ParseInput and reads the
# tree PowerShell keeps for it: the first statement is an ErrorStatementAst whose extent is what was
# read, and walking it (each node, then its Ast-valued properties in name order, as Get-Member lists
# them) gives the nodes it kept, whose extents are compared in order. The walk is hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

function Get-FlatAst($Node) {
    $Node
    foreach ($property in @($Node.PSObject.Properties | Where-Object Name -ne 'Parent' | Sort-Object Name)) {
        $Node.($property.Name) | Where-Object { $_ -is [System.Management.Automation.Language.Ast] } |
            ForEach-Object { Get-FlatAst $_ }
    }
}
function Get-ParsedAst([string]$Source) {
    [System.Management.Automation.Language.Parser]::ParseInput($Source, [ref]$null, [ref]$null)
}
# The first statement's type, then the extent of it and of every node under it.
function Get-ErrorStatementShape([string]$Source) {
    $statement = (Get-ParsedAst $Source).EndBlock.Statements[0]
    $type = $statement.GetType().Name
    (@($type) + @(Get-FlatAst $statement | ForEach-Object { $_.Extent.Text })) -join '|'
}
function Get-AstShape([string]$Source) {
    @(Get-FlatAst (Get-ParsedAst $Source) | ForEach-Object { $_.Extent.Text }) -join '|'
}
# A broken switch keeps its flags by name: a -file flag's Item2 is the file name's pipeline.
function Get-SwitchFlagShape([string]$Source, [string]$Flag) {
    $statement = (Get-ParsedAst $Source).EndBlock.Statements[0]
    @(Get-FlatAst $statement.Flags[$Flag].Item2 | ForEach-Object { $_.Extent.Text }) -join '|'
}

Describe 'ErrorStatementAst for broken statements' {
    It 'keeps what a broken for statement read' {
        Get-ErrorStatementShape 'for z' | Should -BeExactly 'ErrorStatementAst|for'
        Get-ErrorStatementShape 'for {}' | Should -BeExactly 'ErrorStatementAst|for'
        Get-ErrorStatementShape 'for ()' | Should -BeExactly 'ErrorStatementAst|for ()'
        Get-ErrorStatementShape 'for(' | Should -BeExactly 'ErrorStatementAst|for('
        Get-ErrorStatementShape 'for(;' | Should -BeExactly 'ErrorStatementAst|for(;'
        Get-ErrorStatementShape 'for(;;' | Should -BeExactly 'ErrorStatementAst|for(;;'
        Get-ErrorStatementShape 'for($a' | Should -BeExactly 'ErrorStatementAst|for($a|$a|$a|$a'
        Get-ErrorStatementShape 'for($a;$b' | Should -BeExactly 'ErrorStatementAst|for($a;$b|$a|$a|$a|$b|$b|$b'
        Get-ErrorStatementShape 'for($a;$b;$c' | Should -BeExactly 'ErrorStatementAst|for($a;$b;$c|$a|$a|$a|$b|$b|$b|$c|$c|$c'
        Get-ErrorStatementShape 'for($a;$b;$c)' | Should -BeExactly 'ErrorStatementAst|for($a;$b;$c)|$a|$a|$a|$b|$b|$b|$c|$c|$c'
        Get-ErrorStatementShape 'for()zzzz' | Should -BeExactly 'ErrorStatementAst|for()'
        Get-ErrorStatementShape ':lab for z' | Should -BeExactly 'ErrorStatementAst|:lab for'
        Get-ErrorStatementShape ':lab for {}' | Should -BeExactly 'ErrorStatementAst|:lab for'
        Get-ErrorStatementShape ':lab for ()' | Should -BeExactly 'ErrorStatementAst|:lab for ()'
        Get-ErrorStatementShape ':lab for(' | Should -BeExactly 'ErrorStatementAst|:lab for('
        Get-ErrorStatementShape ':lab for(;' | Should -BeExactly 'ErrorStatementAst|:lab for(;'
        Get-ErrorStatementShape ':lab for(;;' | Should -BeExactly 'ErrorStatementAst|:lab for(;;'
        Get-ErrorStatementShape ':lab for($a' | Should -BeExactly 'ErrorStatementAst|:lab for($a|$a|$a|$a'
        Get-ErrorStatementShape ':lab for($a;$b' | Should -BeExactly 'ErrorStatementAst|:lab for($a;$b|$a|$a|$a|$b|$b|$b'
        Get-ErrorStatementShape ':lab for($a;$b;$c' | Should -BeExactly 'ErrorStatementAst|:lab for($a;$b;$c|$a|$a|$a|$b|$b|$b|$c|$c|$c'
        Get-ErrorStatementShape ':lab for($a;$b;$c)' | Should -BeExactly 'ErrorStatementAst|:lab for($a;$b;$c)|$a|$a|$a|$b|$b|$b|$c|$c|$c'
        Get-ErrorStatementShape ':lab for()zzzz' | Should -BeExactly 'ErrorStatementAst|:lab for()'
    }
    It 'keeps what a broken foreach statement read' {
        Get-ErrorStatementShape 'foreach' | Should -BeExactly 'ErrorStatementAst|foreach'
        Get-ErrorStatementShape 'foreach z' | Should -BeExactly 'ErrorStatementAst|foreach'
        Get-ErrorStatementShape 'foreach (' | Should -BeExactly 'ErrorStatementAst|foreach ('
        Get-ErrorStatementShape 'foreach ($a' | Should -BeExactly 'ErrorStatementAst|foreach ($a|$a'
        Get-ErrorStatementShape 'foreach ($a zz' | Should -BeExactly 'ErrorStatementAst|foreach ($a|$a'
        $withComment1 = 'foreach ($a # line comment'
        Get-ErrorStatementShape $withComment1 | Should -BeExactly 'ErrorStatementAst|foreach ($a|$a'
        Get-ErrorStatementShape 'foreach ($a $zz' | Should -BeExactly 'ErrorStatementAst|foreach ($a|$a'
        Get-ErrorStatementShape 'foreach ($a in' | Should -BeExactly 'ErrorStatementAst|foreach ($a in|$a'
        Get-ErrorStatementShape 'foreach ($a in $b' | Should -BeExactly 'ErrorStatementAst|foreach ($a in $b|$a|$b|$b|$b'
        $withComment2 = 'foreach ($a in $b <#hmm#>)'
        $expected2 = 'ErrorStatementAst|foreach ($a in $b <#hmm#>)|$a|$b|$b|$b'
        Get-ErrorStatementShape $withComment2 | Should -BeExactly $expected2
        Get-ErrorStatementShape ':lab foreach' | Should -BeExactly 'ErrorStatementAst|:lab foreach'
        Get-ErrorStatementShape ':lab foreach z' | Should -BeExactly 'ErrorStatementAst|:lab foreach'
        Get-ErrorStatementShape ':lab foreach (' | Should -BeExactly 'ErrorStatementAst|:lab foreach ('
        Get-ErrorStatementShape ':lab foreach ($a' | Should -BeExactly 'ErrorStatementAst|:lab foreach ($a|$a'
        Get-ErrorStatementShape ':lab foreach ($a zz' | Should -BeExactly 'ErrorStatementAst|:lab foreach ($a|$a'
        $withComment3 = ':lab foreach ($a # line comment'
        Get-ErrorStatementShape $withComment3 | Should -BeExactly 'ErrorStatementAst|:lab foreach ($a|$a'
        Get-ErrorStatementShape ':lab foreach ($a $zz' | Should -BeExactly 'ErrorStatementAst|:lab foreach ($a|$a'
        Get-ErrorStatementShape ':lab foreach ($a in' | Should -BeExactly 'ErrorStatementAst|:lab foreach ($a in|$a'
        Get-ErrorStatementShape ':lab foreach ($a in $b' | Should -BeExactly 'ErrorStatementAst|:lab foreach ($a in $b|$a|$b|$b|$b'
        $withComment4 = ':lab foreach ($a in $b <#hmm#>)'
        $expected4 = 'ErrorStatementAst|:lab foreach ($a in $b <#hmm#>)|$a|$b|$b|$b'
        Get-ErrorStatementShape $withComment4 | Should -BeExactly $expected4
    }
    It 'keeps what a broken do loop read' {
        Get-ErrorStatementShape 'do' | Should -BeExactly 'ErrorStatementAst|do'
        Get-ErrorStatementShape 'do {1}' | Should -BeExactly 'ErrorStatementAst|do {1}|{1}|1|1|1'
        Get-ErrorStatementShape 'do {1} while' | Should -BeExactly 'ErrorStatementAst|do {1} while|{1}|1|1|1'
        Get-ErrorStatementShape 'do {1} while(' | Should -BeExactly 'ErrorStatementAst|do {1} while(|{1}|1|1|1'
        Get-ErrorStatementShape 'do {1} while($false' | Should -BeExactly 'ErrorStatementAst|do {1} while($false|{1}|1|1|1|$false|$false|$false'
        Get-ErrorStatementShape ':lab do' | Should -BeExactly 'ErrorStatementAst|:lab do'
        Get-ErrorStatementShape ':lab do {1}' | Should -BeExactly 'ErrorStatementAst|:lab do {1}|{1}|1|1|1'
        Get-ErrorStatementShape ':lab do {1} while' | Should -BeExactly 'ErrorStatementAst|:lab do {1} while|{1}|1|1|1'
        Get-ErrorStatementShape ':lab do {1} while(' | Should -BeExactly 'ErrorStatementAst|:lab do {1} while(|{1}|1|1|1'
        Get-ErrorStatementShape ':lab do {1} while($false' | Should -BeExactly 'ErrorStatementAst|:lab do {1} while($false|{1}|1|1|1|$false|$false|$false'
        Get-ErrorStatementShape 'do {1} until' | Should -BeExactly 'ErrorStatementAst|do {1} until|{1}|1|1|1'
        Get-ErrorStatementShape 'do {1} until(' | Should -BeExactly 'ErrorStatementAst|do {1} until(|{1}|1|1|1'
        Get-ErrorStatementShape 'do {1} until($false' | Should -BeExactly 'ErrorStatementAst|do {1} until($false|{1}|1|1|1|$false|$false|$false'
        Get-ErrorStatementShape ':lab do {1} until' | Should -BeExactly 'ErrorStatementAst|:lab do {1} until|{1}|1|1|1'
        Get-ErrorStatementShape ':lab do {1} until(' | Should -BeExactly 'ErrorStatementAst|:lab do {1} until(|{1}|1|1|1'
        Get-ErrorStatementShape ':lab do {1} until($false' | Should -BeExactly 'ErrorStatementAst|:lab do {1} until($false|{1}|1|1|1|$false|$false|$false'
    }
    It 'keeps what a broken trap statement read' {
        Get-ErrorStatementShape 'trap' | Should -BeExactly 'ErrorStatementAst|trap'
        Get-ErrorStatementShape 'trap [int]' | Should -BeExactly 'ErrorStatementAst|trap [int]|[int]'
    }
    It 'gives named blocks without bodies an empty extent each' {
        Get-AstShape 'begin' | Should -BeExactly 'begin|begin'
        Get-AstShape 'begin end' | Should -BeExactly 'begin end|begin|end'
        Get-AstShape 'begin end process' | Should -BeExactly 'begin end process|begin|end|process'
        Get-AstShape 'begin {} end' | Should -BeExactly 'begin {} end|begin {}|end'
        Get-AstShape 'begin process end clean' | Should -BeExactly 'begin process end clean|begin|clean|end|process'
        Get-AstShape 'begin {} process end clean {}' | Should -BeExactly 'begin {} process end clean {}|begin {}|clean {}|end|process'
    }
    It 'keeps what a broken data statement read' {
        Get-ErrorStatementShape 'data' | Should -BeExactly 'ErrorStatementAst|data'
        Get-ErrorStatementShape 'data -s & {}' | Should -BeExactly 'ErrorStatementAst|data -s'
        Get-ErrorStatementShape 'data -s ) {}' | Should -BeExactly 'ErrorStatementAst|data -s'
        Get-ErrorStatementShape 'data -s abc' | Should -BeExactly 'ErrorStatementAst|data -s abc|abc'
        Get-ErrorStatementShape 'data -s abc,' | Should -BeExactly 'ErrorStatementAst|data -s abc,|abc'
        Get-ErrorStatementShape 'data -s a,b' | Should -BeExactly 'ErrorStatementAst|data -s a,b|a|b'
    }
    It 'keeps what a broken try statement read' {
        Get-ErrorStatementShape 'try' | Should -BeExactly 'ErrorStatementAst|try'
        Get-ErrorStatementShape 'try {1}' | Should -BeExactly 'ErrorStatementAst|try {1}|{1}|1|1|1'
        Get-ErrorStatementShape 'try {1} catch' | Should -BeExactly 'ErrorStatementAst|try {1} catch|{1}|1|1|1'
        Get-ErrorStatementShape 'try {1} finally' | Should -BeExactly 'ErrorStatementAst|try {1} finally|{1}|1|1|1'
        Get-ErrorStatementShape 'try {1} catch [int]' | Should -BeExactly 'ErrorStatementAst|try {1} catch [int]|{1}|1|1|1|[int]'
        Get-ErrorStatementShape 'try {1} catch {2} finally' | Should -BeExactly 'ErrorStatementAst|try {1} catch {2} finally|{1}|1|1|1|catch {2}|{2}|2|2|2'
        Get-ErrorStatementShape 'try {1} catch {2} catch' | Should -BeExactly 'ErrorStatementAst|try {1} catch {2} catch|{1}|1|1|1|catch {2}|{2}|2|2|2'
        Get-ErrorStatementShape 'try {1} catch [int],[char] {2} catch' | Should -BeExactly 'ErrorStatementAst|try {1} catch [int],[char] {2} catch|{1}|1|1|1|catch [int],[char] {2}|{2}|2|2|2|[int]|[char]'
        Get-ErrorStatementShape 'try {1} catch [int],' | Should -BeExactly 'ErrorStatementAst|try {1} catch [int],|{1}|1|1|1|[int]'
    }
    It 'keeps what a broken switch statement read' {
        Get-ErrorStatementShape 'switch' | Should -BeExactly 'ErrorStatementAst|switch'
        Get-ErrorStatementShape 'switch -abc' | Should -BeExactly 'ErrorStatementAst|switch -abc'
        Get-ErrorStatementShape 'switch (' | Should -BeExactly 'ErrorStatementAst|switch ('
        Get-ErrorStatementShape 'switch ()' | Should -BeExactly 'ErrorStatementAst|switch ()'
        Get-ErrorStatementShape 'switch -file' | Should -BeExactly 'ErrorStatementAst|switch -file'
        Get-ErrorStatementShape 'switch -file a' | Should -BeExactly 'ErrorStatementAst|switch -file a'
        Get-SwitchFlagShape 'switch -file a' 'file' | Should -BeExactly 'a|a|a'
        Get-ErrorStatementShape 'switch -file a (1)' | Should -BeExactly 'ErrorStatementAst|switch -file a (1)|1|1|1'
        Get-SwitchFlagShape 'switch -file a (1)' 'file' | Should -BeExactly 'a|a|a'
        Get-ErrorStatementShape 'switch (1) {foo' | Should -BeExactly 'ErrorStatementAst|switch (1) {foo|foo|1|1|1'
        Get-ErrorStatementShape 'switch (1) {foo}' | Should -BeExactly 'ErrorStatementAst|switch (1) {foo|foo|1|1|1'
        Get-ErrorStatementShape 'switch (1) {foo {bar}' | Should -BeExactly 'ErrorStatementAst|switch (1) {foo {bar}|foo|{bar}|bar|bar|bar|1|1|1'
        Get-ErrorStatementShape 'switch (1) {default {9} default{2}' | Should -BeExactly 'ErrorStatementAst|switch (1) {default {9} default{2}|default|{9}|9|9|9|default|{2}|2|2|2|1|1|1'
    }
    It 'keeps what a broken function statement read' {
        Get-ErrorStatementShape 'function foo()' | Should -BeExactly 'ErrorStatementAst|function foo()'
        Get-ErrorStatementShape 'function foo($a)' | Should -BeExactly 'ErrorStatementAst|function foo($a)|$a|$a'
        Get-ErrorStatementShape 'function foo($a = 1)' | Should -BeExactly 'ErrorStatementAst|function foo($a = 1)|$a = 1|1|$a'
        Get-ErrorStatementShape 'function foo($a' | Should -BeExactly 'ErrorStatementAst|function foo($a|$a|$a'
        Get-ErrorStatementShape 'function foo($a 1' | Should -BeExactly 'ErrorStatementAst|function foo($a|$a|$a'
        Get-ErrorStatementShape 'function foo($a = 1' | Should -BeExactly 'ErrorStatementAst|function foo($a = 1|$a = 1|1|$a'
    }
}

# From Parsing.Tests' "Ternary Operator parsing": `?` and `:` outside a ternary stay in the token.
Describe 'ParseInput token kinds' {
    It 'gives each token a TokenKind' {
        $tokens = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput('$true?2:3', [ref]$tokens, [ref]$null)
        $tokens[0].Kind | Should -BeExactly ([System.Management.Automation.Language.TokenKind]::Variable)
        $tokens[0].Text | Should -BeExactly '$true?2:3'
        $tokens[1].Kind -eq [System.Management.Automation.Language.TokenKind]::EndOfInput | Should -BeTrue
        $null = [System.Management.Automation.Language.Parser]::ParseInput('a?b', [ref]$tokens, [ref]$null)
        $tokens[0].Kind | Should -BeExactly ([System.Management.Automation.Language.TokenKind]::Generic)
        [int]$tokens[0].Kind | Should -Be 7
        $null = [System.Management.Automation.Language.Parser]::ParseInput('$env:123', [ref]$tokens, [ref]$null)
        $tokens[0].Kind | Should -BeExactly ([System.Management.Automation.Language.TokenKind]::Variable)
    }
}

Complete-MiniPester
