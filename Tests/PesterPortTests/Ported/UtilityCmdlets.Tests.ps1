# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility: Group-Object, Sort-Object,
# Select-Object, Compare-Object, Join-String, ConvertFrom-StringData, ConvertTo/From-Json and
# ConvertTo/From-Csv tests (the assertions, in hvsh's own code).
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Group-Object' {
    It 'groups equal values and counts them' {
        $g = 'x', 'y', 'x' | Group-Object
        $g.Count | Should -Be 2
        ($g | Where-Object Name -eq 'x').Count | Should -Be 2
    }
    It 'outputs the groups sorted by their values' {
        $names = (3, 1, 2, 1 | Group-Object).Name
        $names -join ',' | Should -BeExactly '1,2,3'
    }
    It 'groups by a script block' {
        $g = 1..6 | Group-Object { $_ % 3 }
        $g.Count | Should -Be 3
    }
    It '-NoElement leaves out the Group property' {
        $g = 'a', 'a' | Group-Object -NoElement
        $g.Count | Should -Be 2
        $g.PSObject.Properties.Name -contains 'Group' | Should -BeFalse
    }
    It '-AsHashTable keys the groups by value' {
        $h = 'a', 'b', 'a' | Group-Object -AsHashTable
        $h['a'].Count | Should -Be 2
    }
    It '-CaseSensitive keeps cases apart' {
        @('A', 'a' | Group-Object -CaseSensitive).Count | Should -Be 2
        @('A', 'a' | Group-Object).Count | Should -Be 1
    }
}

Describe 'Sort-Object' {
    It 'sorts numbers' {
        (5, 3, 9 | Sort-Object) -join ',' | Should -BeExactly '3,5,9'
    }
    It '-Descending reverses' {
        (5, 3, 9 | Sort-Object -Descending) -join ',' | Should -BeExactly '9,5,3'
    }
    It '-Unique drops duplicates' {
        (2, 1, 2 | Sort-Object -Unique) -join ',' | Should -BeExactly '1,2'
    }
    It 'sorts by a property' {
        $r = [pscustomobject]@{ N = 'b' }, [pscustomobject]@{ N = 'a' } | Sort-Object N
        $r[0].N | Should -BeExactly 'a'
    }
    It 'puts punctuation before digits before letters' {
        ('b', '1', '_' | Sort-Object) -join '' | Should -BeExactly '_1b'
    }
    It '-Top and -Bottom' {
        (5, 1, 4, 2 | Sort-Object -Top 2) -join ',' | Should -BeExactly '1,2'
        (5, 1, 4, 2 | Sort-Object -Bottom 2) -join ',' | Should -BeExactly '4,5'
    }
}

Describe 'Select-Object' {
    It '-First and -Last' {
        (1..10 | Select-Object -First 3) -join ',' | Should -BeExactly '1,2,3'
        (1..10 | Select-Object -Last 2) -join ',' | Should -BeExactly '9,10'
    }
    It '-Skip' {
        (1..5 | Select-Object -Skip 3) -join ',' | Should -BeExactly '4,5'
    }
    It '-ExpandProperty gives the property values' {
        ([pscustomobject]@{ P = 'v' } | Select-Object -ExpandProperty P) | Should -BeExactly 'v'
    }
    It 'a calculated property' {
        (2 | Select-Object @{ n = 'Twice'; e = { $_ * 2 } }).Twice | Should -Be 4
    }
    It '-Unique' {
        (1, 1, 2 | Select-Object -Unique) -join ',' | Should -BeExactly '1,2'
    }
}

Describe 'Compare-Object' {
    It 'reports what only one side has' {
        $d = Compare-Object 'a', 'b' 'b', 'c'
        $d.Count | Should -Be 2
        ($d | Where-Object SideIndicator -eq '<=').InputObject | Should -BeExactly 'a'
        ($d | Where-Object SideIndicator -eq '=>').InputObject | Should -BeExactly 'c'
    }
    It '-IncludeEqual reports the shared ones with ==' {
        $d = Compare-Object 1, 2 2, 3 -IncludeEqual | Where-Object SideIndicator -eq '=='
        $d.InputObject | Should -Be 2
    }
    It 'nothing for equal sets' {
        Compare-Object 1, 2 2, 1 | Should -BeNullOrEmpty
    }
}

Describe 'Join-String' {
    It 'joins with a separator' {
        1..4 | Join-String -Separator '-' | Should -BeExactly '1-2-3-4'
    }
    It 'quotes each item' {
        'a', 'b' | Join-String -SingleQuote -Separator ', ' | Should -BeExactly "'a', 'b'"
        'a', 'b' | Join-String -DoubleQuote -Separator ', ' | Should -BeExactly '"a", "b"'
    }
    It 'takes a property by name or script block' {
        [pscustomobject]@{ V = 1 }, [pscustomobject]@{ V = 2 } | Join-String V -Separator '+' | Should -BeExactly '1+2'
        1, 2 | Join-String { $_ * 3 } -Separator '+' | Should -BeExactly '3+6'
    }
    It 'adds a prefix and a suffix around the whole' {
        'x' | Join-String -OutputPrefix '[' -OutputSuffix ']' | Should -BeExactly '[x]'
    }
    It 'formats each item' {
        1.5, 2 | Join-String -FormatString '{0:N2}' -Separator ' ' | Should -BeExactly '1.50 2.00'
    }
}

Describe 'ConvertFrom-StringData' {
    It 'makes a hashtable of name=value lines' {
        $h = ConvertFrom-StringData "one = 1`ntwo=2"
        $h.one | Should -BeExactly '1'
        $h.Count | Should -Be 2
    }
    It 'skips comments and blank lines' {
        $h = ConvertFrom-StringData "# note`n`nk = v"
        $h.Count | Should -Be 1
    }
    It 'keeps quotes in values' {
        (ConvertFrom-StringData "q = 'x'").q | Should -BeExactly "'x'"
    }
    It 'expands backslash escapes' {
        (ConvertFrom-StringData 'e = a\tb').e | Should -BeExactly "a`tb"
    }
    It 'refuses a duplicate name' {
        { ConvertFrom-StringData "k = 1`nk = 2" } | Should -Throw
    }
}

Describe 'JSON' {
    It 'round-trips an object' {
        $o = [pscustomobject]@{ Name = 'n'; N = 3 } | ConvertTo-Json | ConvertFrom-Json
        $o.Name | Should -BeExactly 'n'
        $o.N | Should -Be 3
    }
    It 'escapes quotes and control characters' {
        'a"b' | ConvertTo-Json | Should -BeExactly '"a\"b"'
        "t`tn" | ConvertTo-Json | Should -BeExactly '"t\tn"'
    }
    It '-AsHashtable keys differ by case' {
        ('{"k":1,"K":2}' | ConvertFrom-Json -AsHashtable).Count | Should -Be 2
    }
    It 'a JSON array is written element by element' {
        ('[1,2]' | ConvertFrom-Json).Count | Should -Be 2
    }
    It '-Compress writes one line' {
        @{ a = 1 } | ConvertTo-Json -Compress | Should -BeExactly '{"a":1}'
    }
}

Describe 'CSV' {
    It 'quotes every field by default' {
        $lines = [pscustomobject]@{ A = 1 } | ConvertTo-Csv
        $lines[0] | Should -BeExactly '"A"'
        $lines[1] | Should -BeExactly '"1"'
    }
    It 'reads rows back as objects' {
        $rows = 'a,b', '1,2' | ConvertFrom-Csv
        $rows.b | Should -BeExactly '2'
    }
    It '-Header names the columns' {
        $rows = '1,2' | ConvertFrom-Csv -Header x, y
        $rows.y | Should -BeExactly '2'
    }
}

Complete-MiniPester
