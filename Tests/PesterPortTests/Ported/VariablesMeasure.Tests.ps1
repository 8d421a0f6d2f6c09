# Ported from Modules/Microsoft.PowerShell.Utility/Set-Variable, Clear-Variable, New-Variable,
# Remove-Variable, Get-Variable and Measure-Object tests, and Language/Operators/NullConditional,
# RangeOperator and ComparisonOperator tests; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Set-Variable' {
    It 'sets by position, with no options and no description' {
        Set-Variable -Name foo bar
        $var1 = Get-Variable -Name foo
        $var1.Value | Should -BeExactly 'bar'
        $var1.Options | Should -BeExactly 'None'
        $var1.Description | Should -BeNullOrEmpty
    }
    It 'sets the matching variables of a wildcard name, with -Include and -Exclude' {
        Set-Variable abcaVar bar
        Set-Variable bcdaVar anotherVal
        Set-Variable aVarfoo bogusval
        Set-Variable -Name '*aV*' -Value 'overwrite' -Include '*Var*' -Exclude 'bcd*'
        $var1 = Get-Variable -Name '*aVar*' -Scope 'local'
        $var1[0].Name | Should -BeExactly 'abcaVar'
        $var1[0].Value | Should -BeExactly 'overwrite'
        $var1[1].Name | Should -BeExactly 'aVarfoo'
        $var1[1].Value | Should -BeExactly 'overwrite'
        $var1[2].Name | Should -BeExactly 'bcdaVar'
        $var1[2].Value | Should -BeExactly 'anotherVal'
    }
    It 'changes only the description when no value is given' {
        Set-Variable foo bar
        Set-Variable -Name foo -Description 'new description' -Scope 'local'
        $var1 = Get-Variable -Name foo -Scope 'local'
        $var1.Value | Should -BeExactly 'bar'
        $var1.Description | Should -BeExactly 'new description'
    }
    It 'private scope and read-only options together' {
        Set-Variable foo bar -Description 'new description' -Option ReadOnly -Scope 'private'
        $var1 = Get-Variable -Name foo
        $var1.Value | Should -BeExactly 'bar'
        $var1.Options | Should -BeExactly 'ReadOnly, Private'
        $var1.Description | Should -BeExactly 'new description'
    }
    It 'a read-only variable is not overwritten without -Force' {
        Set-Variable ro1 one -Option ReadOnly -Scope global
        { Set-Variable ro1 two -Scope global -ErrorAction Stop } | Should -Throw -ErrorId 'VariableNotWritable,Microsoft.PowerShell.Commands.SetVariableCommand'
        Set-Variable ro1 three -Scope global -Force
        $global:ro1 | Should -BeExactly 'three'
    }
    It '-Append adds to the existing value' {
        Set-Variable -Name appended -Value 1
        Set-Variable -Name appended -Value 2 -Append
        $observed = Get-Variable appended -ValueOnly
        $observed.Count | Should -Be 2
        $observed[0] | Should -Be 1
        $observed[1] | Should -Be 2
        Set-Variable -Name appended2 -Value 1
        Set-Variable -Name appended2 -Value @(2, 3, 4) -Append
        (Get-Variable appended2 -ValueOnly).Count | Should -Be 2
    }
    It '-Append takes pipeline input one object at a time' {
        $testVar = 1
        4..6 | Set-Variable -Name testVar -Append
        $testVar | Should -Be @(1, 4, 5, 6)
    }
    It 'pipeline input becomes the value' {
        1..3 | Set-Variable -Name collected
        $collected.Count | Should -Be 3
    }
}

Describe 'Clear-Variable' {
    It 'clears the matching names, with -Include' {
        $variable1 = 1; $variable2 = 2; $var1 = 3; $w = 3
        Clear-Variable -Name w, vari* -Include w, vari*
        $variable1 | Should -BeNullOrEmpty
        $variable2 | Should -BeNullOrEmpty
        $w | Should -BeNullOrEmpty
        $var1 | Should -Not -BeNullOrEmpty
    }
    It 'leaves what -Exclude names' {
        $variable1 = 1; $var1 = 3; $w = 3
        Clear-Variable -Name w, vari* -Exclude var*
        $variable1 | Should -Not -BeNullOrEmpty
        $var1 | Should -Not -BeNullOrEmpty
        $w | Should -BeNullOrEmpty
    }
    It 'a read-only variable needs -Force' {
        Set-Variable foo bar -Option ReadOnly
        { Clear-Variable -Name foo -ErrorAction Stop } | Should -Throw -ErrorId 'VariableNotWritable,Microsoft.PowerShell.Commands.ClearVariableCommand'
        Clear-Variable -Name foo -Force
        $var1 = Get-Variable -Name foo
        $var1.Value | Should -BeNullOrEmpty
        $var1.Options | Should -BeExactly 'ReadOnly'
    }
}

Describe 'New-Variable and Remove-Variable' {
    It 'a second New-Variable of one name fails' {
        New-Variable twice -Value 1 -Scope global
        { New-Variable twice -Value 2 -Scope global -ErrorAction Stop } | Should -Throw -ErrorId 'VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand'
        $twice | Should -Be 1
    }
    It 'the error of a second New-Variable is a SessionStateException' {
        New-Variable again -Value 1
        New-Variable again -Value 2 -ErrorAction SilentlyContinue -ErrorVariable nvErr
        $nvErr[0].FullyQualifiedErrorId | Should -BeExactly 'VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand'
        "$($nvErr[0].CategoryInfo)" | Should -Match 'SessionStateException'
    }
    It 'an AllScope variable is the same variable in child scopes' {
        New-Variable -Name sharedEverywhere -Value 1 -Option AllScope
        & { $sharedEverywhere = 2 }
        $sharedEverywhere | Should -Be 2
        & { & { $sharedEverywhere = 3 } }
        $sharedEverywhere | Should -Be 3
    }
    It 'an existing variable cannot be made constant' {
        New-Variable tobeconst -Value 1
        New-Variable tobeconst -Value 2 -Option Constant -Force -ErrorAction SilentlyContinue
        (Get-Variable tobeconst).Options | Should -BeExactly 'None'
    }
    It 'constant and read-only variables are not removed' {
        New-Variable cst -Value 1 -Option Constant
        { Remove-Variable cst -ErrorAction Stop } | Should -Throw -ErrorId 'VariableNotRemovable,Microsoft.PowerShell.Commands.RemoveVariableCommand'
        { Remove-Variable cst -Force -ErrorAction Stop } | Should -Throw -ErrorId 'VariableNotRemovable,Microsoft.PowerShell.Commands.RemoveVariableCommand'
        New-Variable rdo -Value 1 -Option ReadOnly
        { Remove-Variable rdo -ErrorAction Stop } | Should -Throw -ErrorId 'VariableNotRemovable,Microsoft.PowerShell.Commands.RemoveVariableCommand'
        Remove-Variable rdo -Force
        Get-Variable rdo -ErrorAction Ignore | Should -BeNullOrEmpty
    }
    It 'Remove-Variable with -Include and -Exclude' {
        $variable1 = 1; $variable2 = 2; $var1 = 3
        Remove-Variable -Name var* -Exclude variable2
        Get-Variable variable1 -ErrorAction Ignore | Should -BeNullOrEmpty
        $variable2 | Should -Be 2
        Get-Variable var1 -ErrorAction Ignore | Should -BeNullOrEmpty
    }
}

Describe 'Measure-Object property expressions' {
    It 'script block properties' {
        $result = 1..10 | Measure-Object -Sum -Average -Minimum -Maximum -Property {$_ * 10}
        $result.Count | Should -Be 10
        $result.Average | Should -Be 55
        $result.Sum | Should -Be 550
        $result.Minimum | Should -Be 10
        $result.Maximum | Should -Be 100
        $result.Property | Should -Be '$_ * 10'
    }
    It 'script block properties with -Word and as transforms' {
        ('a,b,c', 'd,e' | Measure-Object -Word { $_ -split ',' }).Words | Should -Be 5
        $map = @{ one = 1; two = 2; three = 3 }
        ('one', 'two', 'three' | Measure-Object -Sum { $map[$_] }).Sum | Should -Be 6
    }
    It 'hashtables are measured by key, with wildcards' {
        $htables = @{ foo = 1 }, @{ foo = 3 }, @{ foo = 10 }
        ($htables | Measure-Object -Sum fo*).Sum | Should -Be 14
        ($htables | Measure-Object -Sum { $_.foo * 10 }).Sum | Should -Be 140
    }
}

Describe 'operators' {
    It 'a string is not a PSObject, a custom object is' {
        'hello' -is [psobject] | Should -BeFalse
        [pscustomobject]@{ foo = 1 } -is [psobject] | Should -BeTrue
    }
    It 'DBNull and NullString are values, AutomationNull is null, for ??' {
        $x = [System.DBNull]::Value
        $x ??= 200
        $x | Should -Be ([System.DBNull]::Value)
        $y = [System.Management.Automation.Internal.AutomationNull]::Value
        $y ?? 200 | Should -Be 200
        $z = [NullString]::Value
        $z ?? 200 | Should -Be ([NullString]::Value)
    }
    It 'a one-character string with a char is a character range' {
        $r = 'a'..[char]'c'
        $r.Count | Should -Be 3
        $r[2] | Should -BeExactly ([char]'c')
    }
}

Complete-MiniPester
