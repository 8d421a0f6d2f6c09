# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Remove-Variable.Tests.ps1: names by
# position and with wildcards, -Include/-Exclude, read-only variables (-Force) and constants (never),
# and -Scope; the assertions, in hvsh's own code. Pester runs a Should's script block in a scope whose
# parent is the It's, so `-Scope 1` there names the It's scope; MiniPester's Should is a function, so
# those assertions make the variable in the script scope and name that scope.
. "$PSScriptRoot/MiniPester.ps1"

Remove-Variable -Name var1 -ErrorAction SilentlyContinue -Force

Describe 'Remove-Variable' {
    It 'takes a name, not the variable''s value' {
        New-Variable -Name var1 -Value 4
        { Remove-Variable $var1 -ErrorAction Stop } | Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.RemoveVariableCommand"
    }
    It 'removes a variable named by position' {
        New-Variable -Name var1 -Value 4
        Remove-Variable var1
        $var1 | Should -BeNullOrEmpty
        { Get-Variable var1 -ErrorAction stop } |
            Should -Throw -ErrorId 'VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand'
    }
    It 'removes a variable named by -Name' {
        New-Variable -Name var1 -Value 2
        Remove-Variable -Name var1
        $var1 | Should -BeNullOrEmpty
        { Get-Variable var1 -ErrorAction stop } |
            Should -Throw -ErrorId 'VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand'
    }
    It 'fails for a variable that is not there' {
        { Remove-Variable -Name nonexistentVariable -ErrorAction Stop } | Should -Throw
    }
    It 'removes what a wildcard finds' {
        New-Variable tmpvar1 -Value "tempvalue"
        New-Variable tmpvar2 -Value 2
        New-Variable tmpmyvar1 -Value 234
        $tmpvar1   | Should -BeExactly "tempvalue"
        $tmpvar2   | Should -Be 2
        $tmpmyvar1 | Should -Be 234
        Remove-Variable -Name tmp*
        $tmpvar1   | Should -BeNullOrEmpty
        $tmpvar2   | Should -BeNullOrEmpty
        $tmpmyvar1 | Should -BeNullOrEmpty
        { Get-Variable tmpvar1 -ErrorAction stop } |
            Should -Throw -ErrorId 'VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand'
        { Get-Variable tmpvar2 -ErrorAction stop } |
            Should -Throw -ErrorId 'VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand'
        { Get-Variable tmpmyvar1 -ErrorAction stop } |
            Should -Throw -ErrorId 'VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand'
    }
    It 'keeps what -Exclude names' {
        New-Variable tmpvar1 -Value "tempvalue"
        New-Variable tmpvar2 -Value 2
        New-Variable tmpmyvar1 -Value 234
        $tmpvar1   | Should -BeExactly "tempvalue"
        $tmpvar2   | Should -Be 2
        $tmpmyvar1 | Should -Be 234
        Remove-Variable -Name tmp* -Exclude *my*
        $tmpvar1   | Should -BeNullOrEmpty
        $tmpvar2   | Should -BeNullOrEmpty
        $tmpmyvar1 | Should -Be 234
        { Get-Variable tmpvar1 -ErrorAction stop } |
            Should -Throw -ErrorId 'VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand'
        { Get-Variable tmpvar2 -ErrorAction stop } |
            Should -Throw -ErrorId 'VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand'
    }
    It 'removes only what -Include lets through' {
        New-Variable tmpvar1 -Value "tempvalue"
        New-Variable tmpvar2 -Value 2
        New-Variable tmpmyvar1 -Value 234
        New-Variable thevar -Value 1
        $tmpvar1   | Should -BeExactly "tempvalue"
        $tmpvar2   | Should -Be 2
        $tmpmyvar1 | Should -Be 234
        $thevar    | Should -Be 1
        Remove-Variable -Name tmp* -Include *my*
        $tmpvar1   | Should -BeExactly "tempvalue"
        $tmpvar2   | Should -Be 2
        $tmpmyvar1 | Should -BeNullOrEmpty
        $thevar    | Should -Be 1
        { Get-Variable tmpmyvar1 -ErrorAction stop } |
            Should -Throw -ErrorId 'VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand'
        Remove-Variable tmpvar1
        Remove-Variable tmpvar2
        Remove-Variable thevar
    }
    It 'needs -Force for a read-only variable' {
        New-Variable -Name roVar -Value 2 -Option ReadOnly -Scope script
        { Remove-Variable -Name roVar -Scope script -ErrorAction Stop } | Should -Throw
        $roVar | Should -Be 2
        Remove-Variable -Name roVar -Force -Scope script
    }
    It 'removes a read-only variable with -Force' {
        New-Variable -Name var1 -Value 2 -Option ReadOnly
        Remove-Variable -Name var1 -Force
        $var1 | Should -BeNullOrEmpty
    }

    Context 'scopes' {
        It 'removes a global variable with -Scope global' {
            New-Variable -Name var1 -Value "context" -Scope global
            Remove-Variable -Name var1 -Scope global
            $var1 | Should -BeNullOrEmpty
        }
        It 'does not find a global variable with -Scope local' {
            New-Variable -Name var1 -Value "context" -Scope global
            { Remove-Variable -Name var1 -Scope local -ErrorAction Stop } | Should -Throw
            $var1 | Should -BeExactly "context"
            Remove-Variable -Name var1 -Scope global
            $var1 | Should -BeNullOrEmpty
        }
        It 'does not find the It''s variable from a script block''s local scope' {
            New-Variable -Name var1 -Value "context" -Scope local
            { Remove-Variable -Name var1 -Scope local -ErrorAction Stop } | Should -Throw
            $var1 | Should -Be context
        }
        It 'does not find a local variable with -Scope global' {
            New-Variable -Name var1 -Value "context" -Scope local
            { Remove-Variable -Name var1 -Scope global -ErrorAction Stop } | Should -Throw
            $var1 | Should -BeExactly "context"
            Remove-Variable -Name var1 -Scope local
            $var1 | Should -BeNullOrEmpty
        }
        It 'does not find a local variable with -Scope script' {
            New-Variable -Name var1 -Value "context" -Scope local
            { Remove-Variable -Name var1 -Scope script -ErrorAction Stop } | Should -Throw
            $var1 | Should -BeExactly "context"
            Remove-Variable -Name var1 -Scope local
            $var1 | Should -BeNullOrEmpty
        }
        It 'removes a script variable with -Scope script' {
            New-Variable -Name var1 -Value "context" -Scope script
            { Remove-Variable -Name var1 -Scope script } | Should -Not -Throw
            $var1 | Should -BeNullOrEmpty
        }
        It 'does not find a script variable with -Scope global' {
            New-Variable -Name var1 -Value "context" -Scope script
            { Remove-Variable -Name var1 -Scope global -ErrorAction Stop } | Should -Throw
            $var1 | Should -BeExactly "context"
            Remove-Variable -Name var1 -Scope script
        }
    }
}

Describe 'Remove-Variable basics' {
    It 'removes a variable' {
        New-Variable foo bar
        Remove-Variable foo
        $v = Get-Variable -Name foo -ErrorAction SilentlyContinue
        $v | Should -BeNullOrEmpty
    }
    It 'refuses a constant' {
        New-Variable constVar1 bar -Option Constant -Scope script
        $e = { Remove-Variable constVar1 -Scope script -ErrorAction Stop } |
            Should -Throw -ErrorId "VariableNotRemovable,Microsoft.PowerShell.Commands.RemoveVariableCommand" -PassThru
        $e.CategoryInfo | Should -Match "SessionStateUnauthorizedAccessException"
    }
    It 'refuses a read-only variable without -Force and removes it with -Force' {
        New-Variable roFoo bar -Option ReadOnly -Scope script
        $e = { Remove-Variable roFoo -Scope script -ErrorAction Stop } |
            Should -Throw -ErrorId "VariableNotRemovable,Microsoft.PowerShell.Commands.RemoveVariableCommand" -PassThru
        $e.CategoryInfo | Should -Match "SessionStateUnauthorizedAccessException"
        Remove-Variable roFoo -Force -Scope script
        $v = Get-Variable -Name roFoo -ErrorAction SilentlyContinue
        $v | Should -BeNullOrEmpty
    }
    It 'refuses a constant even with -Force' {
        New-Variable constVar2 bar -Option Constant -Scope script
        $e = { Remove-Variable constVar2 -Scope script -ErrorAction Stop } |
            Should -Throw -ErrorId "VariableNotRemovable,Microsoft.PowerShell.Commands.RemoveVariableCommand" -PassThru
        $e.CategoryInfo | Should -Match "SessionStateUnauthorizedAccessException"
        { Remove-Variable constVar2 -Force -Scope script -ErrorAction Stop } |
            Should -Throw -ErrorId "VariableNotRemovable,Microsoft.PowerShell.Commands.RemoveVariableCommand" -PassThru
        $e.CategoryInfo | Should -Match "SessionStateUnauthorizedAccessException"
    }
    It 'removes the child scope''s copy only' {
        New-Variable foo bar
        &{
            Clear-Variable foo
            Remove-Variable foo
            $e = { Get-Variable -Name foo -Scope local -ErrorAction Stop } |
                Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand" -PassThru
            $e.CategoryInfo | Should -Match "ItemNotFoundException"
        }
        $v = Get-Variable -Name foo
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeExactly ""
    }
}

Complete-MiniPester
