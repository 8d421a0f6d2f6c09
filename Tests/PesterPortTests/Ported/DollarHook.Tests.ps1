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

Complete-MiniPester
