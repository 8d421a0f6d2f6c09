# Ported from test/powershell/Language/Scripting/Array.Tests.ps1, Adapter.Tests.ps1,
# Modules/Microsoft.PowerShell.Utility/Add-Member.Tests.ps1 and the intrinsic-member tests
# (the assertions, in hvsh's own code).
. "$PSScriptRoot/MiniPester.ps1"

Describe 'intrinsic ForEach and Where' {
    It 'ForEach runs a script block per element' {
        (1..3).ForEach({ $_ + 1 }) -join ',' | Should -BeExactly '2,3,4'
    }
    It 'ForEach reads a property of each element' {
        ([pscustomobject]@{ P = 1 }, [pscustomobject]@{ P = 2 }).ForEach('P') -join ',' | Should -BeExactly '1,2'
    }
    It 'ForEach calls a method of each element with arguments' {
        ('a.b', 'c.d').ForEach('Split', '.') -join ',' | Should -BeExactly 'a,b,c,d'
    }
    It 'ForEach with a type converts' {
        $r = ('4', '5').ForEach([int])
        $r[0] + $r[1] | Should -Be 9
    }
    It 'ForEach on a single value' {
        (5).ForEach({ $_ * 2 }) | Should -Be 10
    }
    It 'Where filters, with modes and a count' {
        (1..9).Where({ $_ % 2 }) -join ',' | Should -BeExactly '1,3,5,7,9'
        (1..9).Where({ $_ -gt 3 }, 'First') | Should -Be 4
        (1..9).Where({ $_ -gt 3 }, 'Last', 2) -join ',' | Should -BeExactly '8,9'
        (1..9).Where({ $_ -gt 6 }, 'SkipUntil') -join ',' | Should -BeExactly '7,8,9'
        (1..9).Where({ $_ -gt 2 }, 'Until') -join ',' | Should -BeExactly '1,2'
    }
    It 'Where Split gives the matches and the rest' {
        $yes, $no = (1..4).Where({ $_ -le 2 }, 'Split')
        $yes -join ',' | Should -BeExactly '1,2'
        $no -join ',' | Should -BeExactly '3,4'
    }
    It 'both return a Collection of PSObject' {
        (1..2).Where({ $true }).GetType().Name | Should -BeExactly 'Collection`1'
        (1..2).ForEach({ $_ }).GetType().Name | Should -BeExactly 'Collection`1'
    }
}

Describe 'member enumeration' {
    It 'a property of every element' {
        ([pscustomobject]@{ Q = 'a' }, [pscustomobject]@{ Q = 'b' }).Q -join '' | Should -BeExactly 'ab'
    }
    It 'a method of every element' {
        ('x', 'y').ToUpper() -join '' | Should -BeExactly 'XY'
    }
    It 'the collection''s own members come first' {
        (1, 2, 3).Count | Should -Be 3
        (1, 2).ToString() | Should -BeExactly 'System.Object[]'
    }
}

Describe 'Add-Member' {
    It 'adds a note property' {
        $o = [pscustomobject]@{}
        $o | Add-Member -NotePropertyName N -NotePropertyValue 5
        $o.N | Should -Be 5
    }
    It 'refuses an existing name without -Force' {
        $o = [pscustomobject]@{ N = 1 }
        { $o | Add-Member -NotePropertyName N -NotePropertyValue 2 -ErrorAction Stop } | Should -Throw -ErrorId 'MemberAlreadyExists'
    }
    It 'an alias property with a type converts' {
        $o = [pscustomobject]@{ Text = '12' }
        $o | Add-Member -MemberType AliasProperty -Name Number -Value Text -SecondValue ([int])
        $o.Number + 1 | Should -Be 13
    }
    It 'a script method sees $this' {
        $o = [pscustomobject]@{ V = 3 }
        $o | Add-Member -MemberType ScriptMethod -Name Twice -Value { $this.V * 2 }
        $o.Twice() | Should -Be 6
    }
    It '-TypeName adds a type name' {
        $o = [pscustomobject]@{} | Add-Member -TypeName Lab.Item -PassThru
        $o.PSTypeNames[0] | Should -BeExactly 'Lab.Item'
    }
}

Describe 'PSObject views' {
    It 'Properties lists, finds and removes' {
        $o = [pscustomobject]@{ A = 1; B = 2 }
        $o.PSObject.Properties.Name -join ',' | Should -BeExactly 'A,B'
        $o.PSObject.Properties['B'].Value | Should -Be 2
        $o.PSObject.Properties.Remove('A')
        $o.PSObject.Properties.Name -join ',' | Should -BeExactly 'B'
    }
    It 'Copy makes an independent object' {
        $o = [pscustomobject]@{ A = 1 }
        $c = $o.PSObject.Copy()
        $c.A = 9
        $o.A | Should -Be 1
    }
}

Describe 'arrays' {
    It 'a typed array converts what is stored in it' {
        [int[]]$a = 1, 2
        $a[0] = '7'
        $a[0].GetType().Name | Should -BeExactly 'Int32'
    }
    It 'Clear on a typed array sets defaults' {
        [int[]]$a = 1, 2
        $a.Clear()
        $a -join ',' | Should -BeExactly '0,0'
    }
    It 'negative indexes count from the end' {
        (1, 2, 3)[-1] | Should -Be 3
    }
    It 'a slice with several indexes' {
        (10, 20, 30, 40)[1, 3] -join ',' | Should -BeExactly '20,40'
    }
}

Complete-MiniPester
