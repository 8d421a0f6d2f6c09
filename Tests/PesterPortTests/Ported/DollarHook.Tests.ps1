# Ported from test/powershell/Language/Scripting/DollarHook.Tests.ps1: what $? says after a statement
# whose expression runs a command that fails; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe '$? after an expression statement' {
    It 'is false after a parenthesised command that wrote an error, true again after the next statement' {
        function Hook { param($Value) $Value }
        $results = & { (Write-Error 'Bad' -ErrorAction SilentlyContinue); Hook $?; Hook $? }
        $results | Should -Be @($false, $true)
    }
    It 'is false after a subexpression or array expression holding a failing command' {
        $(Write-Error 'Bad' -ErrorAction SilentlyContinue); $afterSub = $?
        $afterSub | Should -BeFalse
        @('Hi'; Write-Error 'Bad' -ErrorAction SilentlyContinue); $afterArray = $?
        $afterArray | Should -BeFalse
    }
    It 'is true after a plain expression, even after a failed command' {
        Get-Item -LiteralPath '/no/such/path/here' -ErrorAction SilentlyContinue
        'a'; $afterLiteral = $?
        $afterLiteral | Should -BeTrue
    }
}

Describe 'a parenthesised pipeline that writes nothing' {
    It 'writes no object as a statement, while ($null) writes one' {
        @(& { (Write-Error 'Bad' -ErrorAction SilentlyContinue) }).Count | Should -Be 0
        @(& { $(Get-Item -LiteralPath '/no/such/path/here' -ErrorAction SilentlyContinue) }).Count | Should -Be 0
        @(& { ($null) }).Count | Should -Be 1
    }
}

Describe '$? after @( ) and $( ) statements (the compiler''s rule)' {
    function Hook { param($Value) $Value }
    It 'is what the last statement inside @( ) left' {
        (& { @(Write-Error 'Bad' -ErrorAction SilentlyContinue; 'Hi'); Hook $?; Hook $? }) -join ',' | Should -BeExactly 'Hi,True,True'
        (& { @(Write-Error 'Bad' -ErrorAction SilentlyContinue; Write-Output 'Hi'); Hook $?; Hook $? }) -join ',' | Should -BeExactly 'Hi,True,True'
        (& { @(Write-Output 'Hi'; Write-Error 'Bad' -ErrorAction SilentlyContinue); Hook $?; Hook $? }) -join ',' | Should -BeExactly 'Hi,False,True'
    }
    It 'is true after an empty or trap-only @( ) or $( ) following a failure' {
        & { Write-Error 'Bad' -ErrorAction SilentlyContinue; @(); Hook $? } | Should -Be $true
        # An empty (or trap-only) `$()` is $null itself (Compiler.VisitSubExpression), written as a statement's value.
        & { Write-Error 'Bad' -ErrorAction SilentlyContinue; $(); Hook $? } | Should -Be @($null, $true)
        & { Write-Error 'Bad' -ErrorAction SilentlyContinue; $(trap { continue }); Hook $? } | Should -Be @($null, $true)
        (& { Write-Error 'Bad' -ErrorAction SilentlyContinue; @(trap { continue } 'Hi', 'There'); Hook $? }) -join ',' | Should -BeExactly 'Hi,There,True'
    }
    It 'is true after an expandable string whose subexpression failed' {
        & { "Hi $(Write-Error 'Bad' -ErrorAction SilentlyContinue)"; Hook $? } | Should -Be @('Hi ', $true)
    }
}

Describe 'a parameter named $input' {
    It 'hides the automatic $input in a filter''s conditions and returns' {
        filter Test-InputParameter { [CmdletBinding()] param([Parameter(ValueFromPipeline)][object[]]$input) if ($input -ne 2) { return $input } }
        (1, 2, 3 | Test-InputParameter) -join ' ' | Should -BeExactly '1 3'
    }
    It 'is an ordinary variable in a function''s body' {
        function Test-InputArgument { param($input) $input.Length; foreach ($i in $input) { $i } }
        (Test-InputArgument -input 'ab', 'cd') -join ',' | Should -BeExactly '2,ab,cd'
    }
}

Complete-MiniPester
