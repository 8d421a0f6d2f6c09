# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Clear-Variable.Tests.ps1: clearing
# keeps the variable, read-only ones need -Force, without -Scope a child scope gets its own cleared
# copy, names with wildcards and -Include/-Exclude, -PassThru, Env: names refused, and -Scope; the
# assertions, in hvsh's own code. Pester runs a Should's script block in a scope whose parent is the
# It's, so `-Scope 1` there names the It's scope; MiniPester's Should is a function, so those assertions
# make the variable in the script scope and name that scope.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Clear-Variable DRT' {
    It 'clears the value and keeps the variable' {
        Set-Variable foo bar
        Clear-Variable -Name foo
        $v = Get-Variable -Name foo
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeNullOrEmpty
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
    }
    It 'needs -Force for a read-only variable' {
        Set-Variable roVar bar -Option ReadOnly -Scope script
        $e = { Clear-Variable -Name roVar -Scope script -ErrorAction Stop } | Should -Throw -ErrorId "VariableNotWritable,Microsoft.PowerShell.Commands.ClearVariableCommand" -PassThru
        $e.CategoryInfo | Should -Match "SessionStateUnauthorizedAccessException"
        Clear-Variable -Name roVar -Force -Scope script
        $v = Get-Variable -Name roVar
        $v.Name | Should -BeExactly "roVar"
        $v.Value | Should -BeNullOrEmpty
        $v.Options | Should -BeExactly "ReadOnly"
        $v.Description | Should -BeNullOrEmpty
        Remove-Variable roVar -Scope script -Force
    }
    It 'clears only the local one of two' {
        Set-Variable foo bar
        &{
            Set-Variable foo baz
            $foo | Should -Be baz
            Clear-Variable -Name foo -Scope "local"
            $v = Get-Variable -Name foo -Scope "local"
            $v.Name | Should -BeExactly "foo"
            $v.Value | Should -BeNullOrEmpty
            $v.Options | Should -BeExactly "None"
            $v.Description | Should -BeNullOrEmpty
        }
        $v = Get-Variable -Name foo
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
    }
    It 'does not show a private variable to a child scope' {
        Set-Variable foo bar -Option Private
        &{
            $e = { Get-Variable -Name foo -Scope local -ErrorAction Stop } |
                Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand" -PassThru
            $e.CategoryInfo | Should -Match "ItemNotFoundException"
        }
        $v = Get-Variable -Name foo
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "Private"
        $v.Description | Should -BeNullOrEmpty
    }
    It 'leaves the parent''s variable as it was' {
        Set-Variable foo bar
        &{
            Set-Variable foo baz
            Clear-Variable -Name foo -Scope "local"
            $v = Get-Variable -Name foo -Scope "local"
            $v.Name | Should -BeExactly "foo"
            $v.Value | Should -BeNullOrEmpty
            $v.Options | Should -BeExactly "None"
            $v.Description | Should -BeNullOrEmpty
        }
        $v = Get-Variable -Name foo
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
        $v = Get-Variable -Name foo -Scope "local"
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
    }
    It 'clears a copy in the child scope when no scope is named' {
        Set-Variable foo bar
        &{ Clear-Variable foo; (Get-Variable foo -Scope local).Value | Should -BeNullOrEmpty }
        $foo | Should -BeExactly 'bar'
    }
}

Describe 'Clear-Variable' {
    It 'takes -Name' {
        $var1 = 3
        Clear-Variable -Name var1
        $var1 | Should -BeNullOrEmpty
        { Get-Variable var1 } | Should -Not -Throw
    }
    It 'takes the name by position' {
        $var1 = 3
        Clear-Variable var1
        $var1 | Should -BeNullOrEmpty
        { Get-Variable var1 } | Should -Not -Throw
    }
    It 'clears only the names -Include lets through' {
        $var1      = 2
        $var2      = 3
        $var3      = 4
        $variable1 = 23
        $variable2 = 4
        $variable3 = 2
        $w         = 3
        Clear-Variable -Name w, vari* -Include w, vari*
        $variable1 | Should -BeNullOrEmpty
        $variable2 | Should -BeNullOrEmpty
        $variable3 | Should -BeNullOrEmpty
        $w         | Should -BeNullOrEmpty
        $var1 | Should -Not -BeNullOrEmpty
        $var2 | Should -Not -BeNullOrEmpty
        $var3 | Should -Not -BeNullOrEmpty
    }
    It 'keeps the names -Exclude names' {
        $var1      = 2
        $var2      = 3
        $var3      = 4
        $variable1 = 23
        $variable2 = 4
        $variable3 = 2
        $w         = 3
        Clear-Variable -Name w, vari* -Exclude var*
        $variable1 | Should -Not -BeNullOrEmpty
        $variable2 | Should -Not -BeNullOrEmpty
        $variable3 | Should -Not -BeNullOrEmpty
        $var1      | Should -Not -BeNullOrEmpty
        $var2      | Should -Not -BeNullOrEmpty
        $var3      | Should -Not -BeNullOrEmpty
        $w         | Should -BeNullOrEmpty
    }
    It 'passes the variable on with -PassThru' {
        $var1 = 3
        { Clear-Variable -Name var1 -PassThru | Format-Wide -Property Value } | Should -Not -Throw
    }
    It 'refuses an environment variable' {
        $env:TEMPVARIABLE = "test data"
        { Clear-Variable -Name env:TEMPVARIABLE -ErrorAction Stop } | Should -Throw
    }
    It 'clears a read-only variable with -Force' {
        $var1 = 3
        try {
            New-Variable -Name var2 -Option ReadOnly -Value 100
            Clear-Variable -Name var1
            Clear-Variable -Name var2 -Force
            $var1 | Should -BeNullOrEmpty
            $var2 | Should -BeNullOrEmpty
        } finally {
            Remove-Variable -Name var2 -Force
        }
    }
    It 'refuses a read-only variable without -Force' {
        New-Variable -Name roVar2 -Option ReadOnly -Value 100 -Scope script
        { Clear-Variable -Name roVar2 -Scope script -ErrorAction stop } | Should -Throw -ErrorId "VariableNotWritable,Microsoft.PowerShell.Commands.ClearVariableCommand"
        $roVar2 | Should -Not -BeNullOrEmpty
        Remove-Variable -Name roVar2 -Force -Scope script
    }

    Context 'scopes' {
        It 'clears a global variable with -Scope global' {
            New-Variable globalVar -Value 1 -Scope global -Force
            Clear-Variable -Name globalVar -Scope global
            $globalVar | Should -BeNullOrEmpty
        }
        It 'does not find a global variable with -Scope local' {
            New-Variable globalVar -Value 1 -Scope global -Force
            { Clear-Variable -Name globalVar -Scope local -ErrorAction Stop } |
                Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.ClearVariableCommand"
        }
        It 'does not find a local name in the script scope' {
            New-Variable globalVar -Value 1 -Scope global -Force
            { Clear-Variable -Name localVar -Scope script -ErrorAction Stop } | Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.ClearVariableCommand"
        }
        It 'clears a local variable with -Scope local' {
            New-Variable localVar -Value 2 -Scope local -Force
            Clear-Variable -Name localVar -Scope local
            $localVar | Should -BeNullOrEmpty
            { Clear-Variable -Name localVar -Scope script -ErrorAction Stop } | Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.ClearVariableCommand"
        }
        It 'does not find a local variable with -Scope global or script' {
            New-Variable localVar -Value 2 -Scope local -Force
            { Clear-Variable -Name localVar -Scope global -ErrorAction Stop } | Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.ClearVariableCommand"
            { Clear-Variable -Name localVar -Scope script -ErrorAction Stop } | Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.ClearVariableCommand"
        }
        It 'clears a script variable with -Scope script' {
            {
                New-Variable -Name derp2 -Value 3 -Scope script -Force
                Clear-Variable -Name derp2 -Scope script
            } | Should -Not -Throw
            {
                New-Variable -Name derpx -Value 4 -Scope script -Force
                Clear-Variable -Name derpx -Scope script
            } | Should -Not -Throw
        }
    }
}

Remove-Variable globalVar -Scope global -ErrorAction SilentlyContinue
Complete-MiniPester
