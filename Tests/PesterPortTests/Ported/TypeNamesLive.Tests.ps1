# The type names list PowerShell's tests change in place ($obj.pstypenames.Insert(0, 'Test.Format'),
# $obj.PSObject.TypeNames.Add/Remove/Clear, as Format-Table.Tests, Export-Csv.Tests and Add-Member
# tests do): the list is the object's own, so the change is the object's; the assertions, in hvsh's
# own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'pstypenames is the object''s own list' {
    It 'Insert puts a type name first' {
        $o = [pscustomobject]@{ a = 1 }
        $o.pstypenames.Insert(0, 'My.Type')
        $o.pstypenames[0] | Should -BeExactly 'My.Type'
        $o -is [pscustomobject] | Should -BeTrue
        ($o | Get-Member)[0].TypeName | Should -BeExactly 'My.Type'
    }
    It 'PSObject.TypeNames is the same list' {
        $o = [pscustomobject]@{ a = 1 }
        $o.PSObject.TypeNames.Add('Last.Type')
        $o.pstypenames[-1] | Should -BeExactly 'Last.Type'
        $null = $o.PSObject.TypeNames.Remove('Last.Type')
        $o.pstypenames -contains 'Last.Type' | Should -BeFalse
    }
    It 'Remove of every name leaves none' {
        $o = [pscustomobject]@{ a = 1 }
        $names = $o.pstypenames | ForEach-Object { $_ }
        $names | ForEach-Object { $null = $o.pstypenames.Remove($_) }
        $o.pstypenames.Count | Should -Be 0
    }
}

Complete-MiniPester
