# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Variable.Tests.ps1: names with
# wildcards, -Include/-Exclude, -ValueOnly, a name from the pipeline, options and descriptions, private
# variables, the automatic variables listed, and -Scope; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Get-Variable DRT' {
    It 'fails for a variable that does not exist' {
        { Get-Variable -ErrorAction Stop -Name nonexistingVariableName } |
            Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"
    }
    It 'finds a name with -Include and an -Exclude that matches nothing' {
        Set-Variable newVar testing
        $v = Get-Variable -Name newVar -Include newVar -Exclude bogus
        $v.Name | Should -BeExactly "newVar"
        $v.Value | Should -BeExactly "testing"
    }
    It 'shows options and description' {
        Set-Variable newVar testing -Option ReadOnly -Description "testing description"
        $v = Get-Variable -Name newVar
        $v.Name | Should -BeExactly "newVar"
        $v.Value | Should -BeExactly "testing"
        $v.Options | Should -BeExactly "ReadOnly"
        $v.Description | Should -BeExactly "testing description"
    }
    It 'matches a wildcard in the local scope, sorted by name' {
        Set-Variable abcaVar testing
        Set-Variable bcdaVar "another test"
        Set-Variable aVarfoo wow
        $v = Get-Variable -Name *aVar* -Scope local
        $v.Count | Should -Be 3
        $v[0].Name | Should -BeExactly "abcaVar"
        $v[0].Value | Should -BeExactly "testing"
        $v[1].Name | Should -BeExactly "aVarfoo"
        $v[1].Value | Should -BeExactly "wow"
        $v[2].Name | Should -BeExactly "bcdaVar"
        $v[2].Value | Should -BeExactly "another test"
    }
    It 'does not see a private variable from a child scope' {
        Set-Variable newVar testing -Option Private
        {Get-Variable -Name newVar -ErrorAction Stop} |
            Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"
    }
}

Describe 'Get-Variable' {
    It 'runs without parameters' {
        { Get-Variable } | Should -Not -Throw
    }
    It 'lists the automatic variables' {
        (Get-Variable).Name -contains "$" | Should -BeTrue
        (Get-Variable).Name -contains "?" | Should -BeTrue
        (Get-Variable).Name -contains "HOST" | Should -BeTrue
        (Get-Variable).Name -contains "PWD" | Should -BeTrue
        (Get-Variable).Name -contains "PID" | Should -BeTrue
        (Get-Variable).Name -contains "^" | Should -BeTrue
    }
    It 'gives the value of a variable' {
        New-Variable -Name tempVar -Value 1
        (Get-Variable tempVar).Value | Should -Be (1)
    }
    It 'takes -Name' {
        New-Variable -Name var1 -Value 4
        { Get-Variable -Name var1 } | Should -Not -Throw
        (Get-Variable -Name var1).Value | Should -Be 4
        Remove-Variable var1
    }
    It 'takes wildcards in -Name' {
        New-Variable -Name var1 -Value 4
        New-Variable -Name var2 -Value "test"
        (Get-Variable -Name var*).Value[0] | Should -Be 4
        (Get-Variable -Name var*).Value[1] | Should -BeExactly "test"
        Remove-Variable var1
        Remove-Variable var2
    }
    It 'gives only the value with -ValueOnly' {
        New-Variable -Name var1 -Value 4
        Get-Variable -Name var1 -ValueOnly | Should -Be 4
        Remove-Variable var1
    }
    It 'takes the name from the pipeline' {
        New-Variable -Name var1 -Value 3
        ("var1" | Get-Variable ).Value | Should -Be 3
        Remove-Variable var1
    }
    It 'filters with -Include' {
        New-Variable -Name var1 -Value 4
        New-Variable -Name var2 -Value 2
        $got = Get-Variable -Include var1, var2
        $got[0].Name | Should -Be var1
        $got[1].Name | Should -Be var2
        $got[0].Value | Should -Be 4
        $got[1].Value | Should -Be 2
        Remove-Variable var1
        Remove-Variable var2
    }
    It 'filters with -Exclude' {
        New-Variable -Name var1 -Value 4
        New-Variable -Name var2 -Value 2
        New-Variable -Name var3 -Value "test"
        $got = Get-Variable -Exclude var1, var2
        $got.Name -contains "var3" | Should -BeTrue
    }

    Context 'scopes' {
        It 'reads a global variable with -Scope global' {
            New-Variable globalVar -Value 1 -Scope global -Force
            (Get-Variable -Name globalVar -Scope global).Value | Should -Be 1
        }
        It 'does not find a global variable with -Scope local' {
            New-Variable globalVar -Value 1 -Scope global -Force
            { Get-Variable -Name globalVar -Scope local -ErrorAction Stop } | Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"
        }
        It 'finds the global variable when a script block made one in its own scope' {
            New-Variable globalVar -Value 1 -Scope global -Force
            { New-Variable globalVar -Value 2 -Scope script -Force}
            (Get-Variable -Name globalVar).Value | Should -Be 1
        }
        It 'reads a local variable with -Scope local' {
            {
                New-Variable localVar -Value 1 -Scope local -Force
                Get-Variable -Name localVar -Scope local
            } | Should -Not -Throw
        }
        It 'reads the global one of two with -Scope global' {
            New-Variable localVar -Value 1 -Scope local -Force
            New-Variable localVar -Value 2 -Scope global -Force
            (Get-Variable -Name localVar -Scope global).Value | Should -Be 2
        }
        It 'reads a script variable with -Scope script' {
            {
                New-Variable scriptVar -Value 1 -Scope script -Force
                Get-Variable -Name scriptVar -Scope script
            } | Should -Not -Throw
            {
                New-Variable scriptVar -Value 1 -Scope script -Force
                Get-Variable -Name scriptVar -Scope script
            } | Should -Not -Throw
        }
    }
}

Remove-Variable globalVar, localVar -Scope global -ErrorAction SilentlyContinue
Complete-MiniPester
