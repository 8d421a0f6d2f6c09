# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Alias.Tests.ps1 (aliases live in
# one session-wide table in hvsh, so the per-scope definitions of its "Scope Valid" test are left
# out); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Get-Alias DRT Unit Tests' {
    It 'refuses a bogus or out-of-range scope' {
        { Get-Alias -Name 'ABCD' -Scope 'bogus' } | Should -Throw -ErrorId 'Argument,Microsoft.PowerShell.Commands.GetAliasCommand'
        { Get-Alias -Name 'ABCD' -Scope '99999' } | Should -Throw -ErrorId 'ArgumentOutOfRange,Microsoft.PowerShell.Commands.GetAliasCommand'
        { Get-Alias -Name 'ABCD' -Scope '100' } | Should -Throw -ErrorId 'ArgumentOutOfRange,Microsoft.PowerShell.Commands.GetAliasCommand'
    }
    It 'gets one alias by name, as it was spelt' {
        Set-Alias -Name ABCD -Value 'foo'
        $result = Get-Alias -Name ABCD
        $result.Name | Should -BeExactly 'ABCD'
        $result.Definition | Should -BeExactly 'foo'
        $result.Description | Should -BeNullOrEmpty
        $result.Options | Should -BeExactly 'None'
        (Get-Alias ABCD).Name | Should -BeExactly 'ABCD'
        (Get-Alias -Name ABCD -Scope '0').Definition | Should -BeExactly 'foo'
    }
    It 'gets several aliases, by names and by wildcard' {
        Set-Alias -Name ABCD -Value 'foo'
        Set-Alias -Name AEFG -Value 'bar'
        Set-Alias -Name ABCG -Value 'bar'
        $result = Get-Alias -Name ABCD, AEFG
        $result[0].Name | Should -BeExactly 'ABCD'
        $result[1].Name | Should -BeExactly 'AEFG'
        $result[1].Options | Should -BeExactly 'None'
        $result = Get-Alias -Name ABC*
        $result[0].Name | Should -BeExactly 'ABCD'
        $result[1].Name | Should -BeExactly 'ABCG'
        $result[1].Definition | Should -BeExactly 'bar'
        $result = Get-Alias -Name ABC* -Exclude '*BCG'
        $result.Name | Should -BeExactly 'ABCD'
    }
    It 'finds aliases by -Definition' {
        $returnObject = Get-Alias -Definition Get-Command
        $returnObject.Name | Should -Contain 'gcm'
        $returnObject[0].Definition | Should -BeExactly 'Get-Command'
    }
    It 'gives built-in aliases their scope options' {
        (Get-Alias '%').Options.ToString() | Should -BeExactly 'ReadOnly, AllScope'
        (Get-Alias cd).Options.ToString() | Should -BeExactly 'AllScope'
        (Get-Alias gci).Options.ToString() | Should -BeExactly 'ReadOnly'
        (Get-Alias sls).Options.ToString() | Should -BeExactly 'None'
    }
    It 'keeps a description and options given to Set-Alias and New-Alias' {
        Set-Alias -Name ABCE -Value 'foo' -Description 'an alias' -Option AllScope
        (Get-Alias ABCE).Description | Should -BeExactly 'an alias'
        (Get-Alias ABCE).Options.ToString() | Should -BeExactly 'AllScope'
        New-Alias -Name ABCF -Value 'foo' -Option 'ReadOnly, Private'
        (Get-Alias ABCF).Options.ToString() | Should -BeExactly 'ReadOnly, Private'
    }
}

Complete-MiniPester
