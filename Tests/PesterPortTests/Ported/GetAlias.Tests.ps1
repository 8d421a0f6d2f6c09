# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Alias.Tests.ps1, Set-Alias.Tests.ps1,
# New-Alias.Tests.ps1 and Remove-Alias.Tests.ps1 (aliases live in
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

Describe 'Set-Alias, New-Alias and Remove-Alias DRT Unit Tests' {
    It 'refuses a bogus or negative scope' {
        { Set-Alias -Name 'ABCD' -Value 'foo' -Scope 'bogus' } | Should -Throw -ErrorId 'Argument,Microsoft.PowerShell.Commands.SetAliasCommand'
        { Set-Alias -Name 'ABCD' -Value 'foo' -Scope '-1' } | Should -Throw -ErrorId 'ArgumentOutOfRange,Microsoft.PowerShell.Commands.SetAliasCommand'
    }
    It 'makes a read-only alias writable only with -Force' {
        Set-Alias -Name ABCH -Value 'foo' -Option ReadOnly -Force:$true
        $result = Get-Alias -Name ABCH
        $result.Definition | Should -BeExactly 'foo'
        $result.Options | Should -BeExactly 'ReadOnly'
        # In the alias's own scope (a { } block would be a new scope, where Set-Alias makes a new alias).
        $err = $null
        try { Set-Alias -Name ABCH -Value 'bar' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeExactly 'AliasNotWritable,Microsoft.PowerShell.Commands.SetAliasCommand'
        Set-Alias -Name ABCH -Value 'foo' -Force:$true
        $result = Get-Alias -Name ABCH
        $result.Definition | Should -BeExactly 'foo'
        $result.Options | Should -BeExactly 'None'
    }
    It 'never changes a constant alias' {
        New-Alias -Name 'ABCI' -Value 'foo' -Option 'Constant' -Force:$true
        $e = $null
        try { New-Alias -Name 'ABCI' -Value 'foo' -Force:$true -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeExactly 'AliasNotWritable,Microsoft.PowerShell.Commands.NewAliasCommand'
        $e.CategoryInfo | Should -Match 'SessionStateUnauthorizedAccessException'
    }
    It 'keeps New-Alias descriptions, by name and by position' {
        New-Alias ABCJ 'MyCommand' -Scope '0'
        $result = Get-Alias -Name ABCJ -Scope '0'
        $result.Definition | Should -BeExactly 'MyCommand'
        $result.Options | Should -BeExactly 'None'
        New-Alias -Name ABCK -Value 'MyCommand' -Description 'test description' -Scope '0'
        (Get-Alias -Name ABCK).Description | Should -BeExactly 'test description'
    }
    It 'removes an alias, a read-only one only with -Force' {
        $testAliasName = (New-Guid).Guid
        {
            Set-Alias -Name $testAliasName -Value 'Remove-Alias' -ErrorAction Stop
            Remove-Alias -Name $testAliasName -ErrorAction Stop
            Get-Alias -Name $testAliasName -ErrorAction Stop
        } | Should -Throw -ErrorId 'ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand'
        {
            Set-Alias -Name $testAliasName -Value 'Remove-Alias' -Option ReadOnly -ErrorAction Stop
            Remove-Alias -Name $testAliasName -ErrorAction Stop
        } | Should -Throw -ErrorId 'AliasNotRemovable,Microsoft.PowerShell.Commands.RemoveAliasCommand'
        Remove-Alias -Name $testAliasName -Force
        { Get-Alias -Name $testAliasName -ErrorAction Stop } | Should -Throw -ErrorId 'ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand'
    }
    It 'refuses to change a built-in read-only alias without -Force' {
        # Built-in aliases live in the global scope (elsewhere Set-Alias makes a new alias that hides it).
        { Set-Alias -Name gci -Value Get-Date -Scope Global -ErrorAction Stop } | Should -Throw -ErrorId 'AliasNotWritable,Microsoft.PowerShell.Commands.SetAliasCommand'
        (Get-Alias gci).Definition | Should -BeExactly 'Get-ChildItem'
    }
}

Complete-MiniPester
