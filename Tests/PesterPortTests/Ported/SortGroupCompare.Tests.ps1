# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility: Sort-Object.Tests.ps1 (DRT unit
# tests), Group-Object.Tests.ps1, Compare-Object.Tests.ps1 and Join-String.Tests.ps1 (the assertions,
# in hvsh's own code).
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Sort-Object DRT' {
    It 'sorts objects by a property with a $null value among numbers' {
        $e1 = [pscustomobject]@{ FirstName = 'Eight'; LastName = 'Eight'; YearsInMS = 8 }
        $e2 = [pscustomobject]@{ FirstName = 'Eight'; YearsInMS = $null }
        $e3 = [pscustomobject]@{ FirstName = 'Minus'; LastName = 'Two'; YearsInMS = -2 }
        $e4 = [pscustomobject]@{ FirstName = 'One'; LastName = 'One'; YearsInMS = 1 }
        $r = @($e1, $e2, $e3, $e4) | Sort-Object -Property YearsInMS
        $r[0].FirstName | Should -BeExactly 'Minus'
        $r[0].YearsInMS | Should -Be -2
        $r[1].FirstName | Should -BeExactly 'Eight'
        $r[1].YearsInMS | Should -BeNullOrEmpty
        $r[2].FirstName | Should -BeExactly 'One'
        $r[3].YearsInMS | Should -Be 8
    }
    It 'honours Ascending over Descending in a hashtable key and ignores a contradiction' {
        $e1 = [pscustomobject]@{ FirstName = 'john'; LastName = 'smith'; YearsInMS = 5 }
        $e2 = [pscustomobject]@{ FirstName = 'joesph'; LastName = 'smith'; YearsInMS = 15 }
        $e3 = [pscustomobject]@{ FirstName = 'john'; LastName = 'smyth'; YearsInMS = 2 }
        $all = @($e1, $e2, $e3)
        $r = $all | Sort-Object -Property @{ e = 'YearsInMS'; descending = $false; ascending = $true } -Descending
        $r[0].YearsInMS | Should -Be 2
        $r[2].YearsInMS | Should -Be 15
        $r = $all | Sort-Object -Property @{ e = 'YearsInMS'; descending = $false; ascending = $false } -Descending
        $r[0].YearsInMS | Should -Be 15
        $r[2].YearsInMS | Should -Be 2
        $r = $all | Sort-Object -Property @{ e = 'YearsInMS'; descending = $false } -Descending
        $r[0].YearsInMS | Should -Be 2
    }
    It '-Unique without -CaseSensitive keeps the object the sort puts first' {
        $e1 = [pscustomobject]@{ FirstName = 'john'; LastName = 'smith'; YearsInMS = 5 }
        $e2 = [pscustomobject]@{ FirstName = 'joesph'; LastName = 'smith'; YearsInMS = 15 }
        $e3 = [pscustomobject]@{ FirstName = 'john'; LastName = 'smyth'; YearsInMS = 12 }
        $r = @($e1, $e2, $e3) | Sort-Object -Property LastName -Descending -Unique
        $r[0].YearsInMS | Should -Be 12
        $r[1].YearsInMS | Should -Be 15
        $r[2] | Should -BeNullOrEmpty
    }
}

Describe 'Group-Object' {
    It 'makes the Group a Collection and the output GroupInfo' {
        $g = Group-Object -InputObject 'a'
        $g.Group.GetType().Name | Should -Be 'Collection`1'
        $g -is [Microsoft.PowerShell.Commands.GroupInfo] | Should -BeTrue
    }
    It 'refuses -AsString without -AsHashTable' {
        { 'a', 'b' | Group-Object -AsString } | Should -Throw -ErrorId 'ArgumentException,Microsoft.PowerShell.Commands.GroupObjectCommand'
        { 'a', 'b' | Group-Object -AsHashTable -AsString } | Should -Not -Throw
    }
}

Describe 'Compare-Object' {
    It '-ExcludeDifferent alone shows the equal lines' {
        $r = Compare-Object -ReferenceObject 'a', 'b', 'c' -DifferenceObject 'b', 'c', 'd' -ExcludeDifferent
        $r.Length | Should -Be 2
        $r = Compare-Object -ReferenceObject 'a', 'b', 'c' -DifferenceObject 'b', 'c', 'd' -IncludeEqual -ExcludeDifferent
        $r.Length | Should -Be 2
        $r = Compare-Object -ReferenceObject 'a', 'b', 'c' -DifferenceObject 'b', 'c', 'd' -IncludeEqual:$false -ExcludeDifferent
        $r.Length | Should -Be 0
    }
    It 'matches IComparable objects by CompareTo, not by their text' {
        class EmployeeComparable : System.IComparable {
            [string]$Name
            EmployeeComparable([string]$n) { $this.Name = $n }
            [int] CompareTo([object]$other) { if ($other.Name -ne $this.Name) { return -1 }; return 0 }
        }
        $john = [EmployeeComparable]::new('john'); $mary = [EmployeeComparable]::new('mary')
        $r = Compare-Object -ReferenceObject @($john) -DifferenceObject @($mary) -IncludeEqual -ExcludeDifferent
        $r.Count | Should -Be 0
        $r = Compare-Object -ReferenceObject @($john) -DifferenceObject @($mary) -PassThru
        $r.Count | Should -Be 2
        $r = Compare-Object -ReferenceObject @($john) -DifferenceObject @([EmployeeComparable]::new('john')) -IncludeEqual
        $r.SideIndicator | Should -BeExactly '=='
    }
}

Describe 'Join-String' {
    It 'uses $OFS when -Separator is not given' {
        $OFS = ','
        1..3 | Join-String -OutputPrefix 'A ' -OutputSuffix ' B' | Should -BeExactly 'A 1,2,3 B'
    }
    It 'joins the characters with a $null separator' {
        'hello' | Join-String -Separator $null | Should -BeExactly 'hello'
    }
    It 'formats numbers with -FormatString' {
        1.2, 3.4, 5.6 | Join-String -Separator '; ' -FormatString '{0:N2}' | Should -BeExactly '1.20; 3.40; 5.60'
    }
}

Complete-MiniPester
