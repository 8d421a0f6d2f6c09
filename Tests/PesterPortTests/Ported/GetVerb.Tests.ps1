# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Verb.Tests.ps1: the approved
# verbs, -Verb wildcards and -Group filters without duplicates, the group's validate set, and that
# every verb has a description and its own alias prefix; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Get-Verb' {
    It 'lists verbs' {
        Get-Verb | Should -Not -BeNullOrEmpty
        (Get-Verb)[0] | Should -BeOfType 'System.Management.Automation.VerbInfo'
    }
    It 'finds one verb, also within its group' {
        @(Get-Verb -Verb Add).Count | Should -Be 1
        @(Get-Verb -Verb add -Group Common).Count | Should -Be 1
        @(Get-Verb -Verb Add -Group Data).Count | Should -Be 0
        (Get-Verb Get).AliasPrefix | Should -BeExactly 'g'
        (Get-Verb Get).Group | Should -BeExactly 'Common'
    }
    It 'filters by group' {
        (Get-Verb -Group Common).Group | Sort-Object -Unique | Should -Be Common
        (Get-Verb -Group Security).Verb -join ',' | Should -BeExactly 'Block,Grant,Protect,Revoke,Unblock,Unprotect'
        (Get-Verb -Group Other).Verb | Should -BeExactly 'Use'
    }
    It 'writes each verb once however many patterns or groups match it' {
        $dups = Get-Verb -Verb Add, ad*, a*
        $dups.Count | Should -Be ($dups | Select-Object -Property * -Unique).Count
        $dupGroups = Get-Verb -Group Data, Data
        $dupGroups.Count | Should -Be ($dupGroups | Select-Object -Property * -Unique).Count
    }
    It 'writes nothing for a verb that does not exist' {
        Get-Verb -Verb fakeVerbNeverExists | Should -BeNullOrEmpty
    }
    It 'refuses a group outside its validate set' {
        { Get-Verb -Group FakeGroupNeverExists -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetVerbCommand'
    }
    It 'accepts every group' {
        @('Common', 'Communications', 'Data', 'Diagnostic', 'Lifecycle', 'Other', 'Security' | Where-Object { @(Get-Verb -Group $_).Count -eq 0 }).Count | Should -Be 0
        (Get-Verb -Group Common, Communications, Data, Diagnostic, Lifecycle, Other, Security).Count | Should -Be (Get-Verb).Count
    }
    It 'has a description and a unique alias prefix for every verb' {
        (Get-Verb | Where-Object { [string]::IsNullOrEmpty($_.Description) }).Verb -join ', ' | Should -BeNullOrEmpty
        (Get-Verb | Where-Object { [string]::IsNullOrEmpty($_.AliasPrefix) }).Verb -join ', ' | Should -BeNullOrEmpty
        ((Get-Verb | Group-Object -Property AliasPrefix | Where-Object Count -GT 1).Group).Verb -join ', ' | Should -BeNullOrEmpty
    }
}

Complete-MiniPester
