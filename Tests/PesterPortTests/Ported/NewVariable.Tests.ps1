# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/New-Variable.Tests.ps1: values and
# descriptions, a name already taken (VariableAlreadyExists, or replaced with -Force), options
# (Constant, ReadOnly, Private, AllScope) and scopes; the assertions, in hvsh's own code. Pester runs a
# Should's script block in a scope whose parent is the It's, so `-Scope 1` there names the It's scope;
# MiniPester's Should is a function, so those assertions make the variable in the script scope.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'New-Variable DRT' {
    It 'makes a variable with a description' {
        New-Variable foo bar -Description "my description"
        $v = Get-Variable -Name foo
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeExactly "my description"
    }
    It 'makes a constant' {
        New-Variable foo bar -Option Constant
        $v = Get-Variable -Name foo
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "Constant"
        $v.Description | Should -BeNullOrEmpty
    }
    It 'refuses a name that is taken, and replaces it with -Force' {
        New-Variable takenVar bogus -Scope script
        $e = { New-Variable takenVar bar -Scope script -ErrorAction Stop } |
            Should -Throw -ErrorId "VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand" -PassThru
        $e.CategoryInfo | Should -Match "SessionStateException"
        $null = New-Variable takenVar bar -Force -PassThru -Scope script
        $v = Get-Variable -Name takenVar
        $v.Name | Should -BeExactly "takenVar"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
        Remove-Variable takenVar -Scope script
    }
    It 'refuses a read-only name that is taken, and replaces it with -Force' {
        New-Variable takenVar bogus -Option ReadOnly -Scope script
        $e = { New-Variable takenVar bar -Scope script -ErrorAction Stop } |
            Should -Throw -ErrorId "VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand" -PassThru
        $e.CategoryInfo | Should -Match "SessionStateException"
        $null = New-Variable takenVar bar -Force -PassThru -Scope script
        $v = Get-Variable -Name takenVar
        $v.Name | Should -BeExactly "takenVar"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
        Remove-Variable takenVar -Scope script
    }
}

Describe 'New-Variable' {
    It 'makes a variable from a name' {
        { New-Variable var1 } | Should -Not -Throw
        { New-Variable -Name var1 } | Should -Not -Throw
    }
    It 'sets the value by name or position' {
        New-Variable var1 -Value 4
        $var1 | Should -Be 4
        New-Variable var2 "test"
        $var2 | Should -BeExactly "test"
    }
    It 'sets a description' {
        New-Variable var1 100 -Description "Test Description"
        (Get-Variable var1).Description | Should -BeExactly "Test Description"
    }
    It 'refuses a name taken in the same scope' {
        New-Variable takenVar -Scope script
        { New-Variable takenVar -Scope script -ErrorAction Stop } | Should -Throw -ErrorId "VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand"
        Remove-Variable takenVar -Scope script
    }
    It 'replaces a value with -Force' {
        New-Variable var1 -Value 1
        $var1 | Should -Be 1
        New-Variable var1 -Value 2 -Force
        $var1 | Should -Be 2
        $var1 | Should -Not -Be 1
    }
    It 'takes the value from the pipeline' {
        $in = "value"
        $in | New-Variable -Name var1
        $var1 | Should -Be $in
    }
    It 'passes the variable on with -PassThru' {
        $in = Set-Variable -Name testVar -Value "test" -Description "test description" -PassThru
        $in.Description | Should -BeExactly "test description"
    }
    It 'takes -Value' {
        New-Variable -Name var1 -Value 2
        $var1 | Should -Be 2
    }

    Context 'options' {
        It 'accepts Unspecified' {
            { New-Variable -Name var1 -Value 2 -Option Unspecified } | Should -Not -Throw
        }
        It 'defaults to None' {
            (New-Variable -Name var2 -Value 4 -PassThru).Options | Should -BeExactly "None"
        }
        It 'accepts ReadOnly' {
            { New-Variable -Name var1 -Value 2 -Option ReadOnly } | Should -Not -Throw
        }
        It 'keeps a read-only value without -Force' {
            New-Variable -Name var1 -Value 1 -Option ReadOnly
            Set-Variable -Name var1 -Value 2 -ErrorAction SilentlyContinue
            $var1 | Should -Not -Be 2
        }
        It 'accepts Constant' {
            { New-Variable -Name var1 -Option Constant } | Should -Not -Throw
        }
        It 'does not make a variable that is there constant' {
            $null = New-Variable -Name var1 -Value 1 -PassThru
            Set-Variable -Name var1 -Option Constant  -ErrorAction SilentlyContinue
            (Get-Variable var1).Options | Should -BeExactly "None"
        }
        It 'does not remove a constant' {
            New-Variable -Name var1 -Value 2 -Option Constant
            Remove-Variable -Name var1 -ErrorAction SilentlyContinue
            $var1 | Should -Be 2
        }
        It 'does not change a constant' {
            New-Variable -Name var1 -Value 1 -Option Constant
            Set-Variable -Name var1 -Value 2  -ErrorAction SilentlyContinue
            $var1 | Should -Not -Be 2
        }
        It 'accepts Private' {
            { New-Variable -Name var1 -Option Private } | Should -Not -Throw
        }
        It 'reads a private variable in its own scope' {
            New-Variable -Name var1 -Value 100 -Option Private
            $var1 | Should -Be 100
        }
        It 'does not see a private variable made in a child scope' {
            {New-Variable -Name var1 -Value 1 -Option Private} | Should -Not -Throw
            $var1 | Should -BeNullOrEmpty
        }
        It 'accepts AllScope' {
            { New-Variable -Name var1 -Option AllScope } | Should -Not -Throw
        }
        It 'shares an AllScope variable with child scopes' {
            New-Variable -Name var1 -Value 1 -Option AllScope
            &{ $var1 = 2 }
            $var1 | Should -Be 2
        }
    }

    Context 'scopes' {
        It 'makes a global variable' {
            New-Variable -Scope global -Name globalvar1 -Value 1
            Get-Variable -Scope global -Name globalVar1 -ValueOnly | Should -Be 1
            Remove-Variable -Scope global -Name globalVar1
        }
        It 'makes a local variable' {
            Get-Variable -Scope local -Name localvar -ValueOnly -ErrorAction silentlycontinue | Should -BeNullOrEmpty
            New-Variable -Scope local -Name localVar -Value 10
            Get-Variable -Scope local -Name localvar -ValueOnly | Should -Be 10
        }
        It 'makes a script variable' {
            New-Variable -Scope script -Name scriptvar -Value 100
            Get-Variable -Scope script -Name scriptvar -ValueOnly | Should -Be 100
            Remove-Variable -Scope script -Name scriptvar
        }
    }
}

Complete-MiniPester
