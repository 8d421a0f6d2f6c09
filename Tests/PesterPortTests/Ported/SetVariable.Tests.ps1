# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Set-Variable.Tests.ps1: names and
# values by position, -Scope by number and by name, wildcards with -Include/-Exclude, descriptions and
# options, Constant/ReadOnly/Private, the set and sv aliases, the value from the pipeline, -PassThru and
# -Append; the assertions, in hvsh's own code. Pester runs a Should's script block in a scope whose
# parent is the It's, so `-Scope 1` there names the It's scope; MiniPester's Should is a function, so
# those assertions make the variable in the script scope and name that scope. The -Append case of
# (Get-Process -Id $PID) is left out: there is no Get-Process.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Set-Variable DRT' {
    It 'makes a variable from a name and value by position' {
        Set-Variable foo bar
        $v = Get-Variable -Name foo
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
    }
    It 'takes -Name and a value by position' {
        Set-Variable -Name foo bar
        $v = Get-Variable -Name foo
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
    }
    It 'sets in the scope named by number or name' {
        Set-Variable -Name foo -Value bar0
        Set-Variable -Name foo -Value bar -Scope "1"
        $v = Get-Variable -Name foo -Scope "1"
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
        Set-Variable -Name foo -Value newValue -Scope "local"
        $v = Get-Variable -Name foo -Scope "local"
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "newValue"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
        Set-Variable -Name foo -Value newValue2 -Scope "script"
        $v = Get-Variable -Name foo -Scope "script"
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "newValue2"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
        Remove-Variable foo -Scope script
    }
    It 'sets the variables a wildcard finds, filtered by -Include and -Exclude' {
        Set-Variable abcaVar bar
        Set-Variable bcdaVar anotherVal
        Set-Variable aVarfoo bogusval
        Set-Variable -Name "*aV*" -Value "overwrite" -Include "*Var*" -Exclude "bcd*"
        $v = Get-Variable -Name "*aVar*" -Scope "local"
        $v[0].Name | Should -BeExactly "abcaVar"
        $v[0].Value | Should -BeExactly "overwrite"
        $v[0].Options | Should -BeExactly "None"
        $v[0].Description | Should -BeNullOrEmpty
        $v[1].Name | Should -BeExactly "aVarfoo"
        $v[1].Value | Should -BeExactly "overwrite"
        $v[1].Options | Should -BeExactly "None"
        $v[1].Description | Should -BeNullOrEmpty
        $v[2].Name | Should -BeExactly "bcdaVar"
        $v[2].Value | Should -BeExactly "anotherVal"
        $v[2].Options | Should -BeExactly "None"
        $v[2].Description | Should -BeNullOrEmpty
    }
    It 'sets a null value and a description' {
        Set-Variable foo bar
        Set-Variable -Name foo $null -Description "new description" -PassThru:$true -Scope "local"
        $v = Get-Variable -Name foo -Scope "local"
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeNullOrEmpty
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeExactly "new description"
    }
    It 'sets only the description' {
        Set-Variable foo bar
        Set-Variable -Name foo -Description "new description" -PassThru:$true -Scope "local"
        $v = Get-Variable -Name foo -Scope "local"
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeExactly "new description"
    }
    It 'refuses to write a constant' {
        Set-Variable -Name abcaVar bar -Option Constant -Scope script
        { Set-Variable -Name abcaVar new -Scope script -ErrorAction Stop } |  Should -Throw -ErrorId "VariableNotWritable,Microsoft.PowerShell.Commands.SetVariableCommand"
    }
    It 'writes a private variable in its own scope' {
        Set-Variable abcaVar bar -Description "new description" -Option Private
        $v = Get-Variable -Name abcaVar
        $v.Name | Should -BeExactly "abcaVar"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "Private"
        $v.Description | Should -BeExactly "new description"
        Set-Variable abcaVar other -Description "new description"
        $v = Get-Variable -Name abcaVar
        $v.Name | Should -BeExactly "abcaVar"
        $v.Value | Should -BeExactly "other"
        $v.Options | Should -BeExactly "Private"
        $v.Description | Should -BeExactly "new description"
    }
    It 'skips an excluded name' {
        Set-Variable -Name foo1,foo2 hello -Exclude foo2 -ErrorAction Stop
        { Get-Variable -Name foo2 -ErrorAction Stop } | Should -Throw -ErrorId "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"
    }
    It 'refuses to change the options of a read-only variable without -Force' {
        Set-Variable roVar bar -Description "new description" -Option ReadOnly -Scope script
        $v = Get-Variable -Name roVar
        $v.Name | Should -BeExactly "roVar"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "ReadOnly"
        $v.Description | Should -BeExactly "new description"
        { Set-Variable roVar -Option None -Scope script -ErrorAction Stop } | Should -Throw -ErrorId "VariableNotWritable,Microsoft.PowerShell.Commands.SetVariableCommand"
        Remove-Variable roVar -Scope script -Force
    }
    It 'makes a read-only variable with -Scope private' {
        Set-Variable foo bar -Description "new description" -Option ReadOnly -Scope "private"
        $v = Get-Variable -Name foo
        $v.Name | Should -BeExactly "foo"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "ReadOnly, Private"
        $v.Description | Should -BeExactly "new description"
    }
    It 'leaves a variable alone that a pipeline in ${...} names' {
        $footest1 = "bar"
        ${Get-Variable footest1 -valueonly|Set-Variable bootest1 -passthru}
        $v = Get-Variable -Name footest1
        $v.Name | Should -BeExactly "footest1"
        $v.Value | Should -BeExactly "bar"
        $v.Options | Should -BeExactly "None"
        $v.Description | Should -BeNullOrEmpty
    }
}

Describe 'Set-Variable' {
    It 'makes a variable from a name alone' {
        { Set-Variable testVar } | Should -Not -Throw
    }
    It 'makes and sets a variable' {
        Set-Variable -Name testVar -Value 4
        Get-Variable testVar -ValueOnly | Should -Be 4
    }
    It 'changes a variable that is there' {
        $testVar = 1
        $testVar | Should -Not -Be 2
        Set-Variable testVar -Value 2
        $testVar | Should -Be 2
    }
    It 'answers to set and sv' {
        set testVar -Value 1
        $testVar | Should -Be 1
        sv testVar -Value 2
        $testVar | Should -Be 2
    }
    It 'takes -Name' {
        Set-Variable -Name testVar -Value 1
        $testVar | Should -Be 1
    }
    It 'takes the value from the pipeline' {
        $testValue = "piped input"
        $testValue | Set-Variable -Name testVar
        $testVar | Should -Be $testValue
    }
    It 'passes the variable on with -PassThru' {
        $in = Set-Variable -Name testVar -Value "test" -Description "test description" -PassThru
        $output = $in | Format-List -Property Description | Out-String
        $output.Trim() | Should -BeExactly "Description : test description"
    }
    It 'takes -Value' {
        Set-Variable -Name testVar -Value 4
        $testVar | Should -Be 4
        Set-Variable -Name testVar -Value "test"
        $testVar | Should -BeExactly "test"
    }
    Context 'scopes' {
        It 'sets in the global, script and local scopes' {
            { Set-Variable globalVar -Value 1 -Scope global -Force } | Should -Not -Throw
            { Set-Variable globalVar -Value 1 -Scope script -Force } | Should -Not -Throw
            { Set-Variable globalVar -Value 1 -Scope local -Force } | Should -Not -Throw
        }
    }
    Context '-Append' {
        It 'appends one value' {
            Set-Variable -Name testVar -Value 1
            Set-Variable -Name testVar -Value 2 -Append
            $seen = Get-Variable testVar -Value
            $seen.Count | Should -Be 2
            $seen[0] | Should -Be 1
            $seen[1] | Should -Be 2
        }
        It 'appends an array as one item' {
            Set-Variable -Name testVar -Value 1
            Set-Variable -Name testVar -Value @(2,3,4) -Append
            $seen = Get-Variable testVar -Value
            $seen.Count | Should -Be 2
            $seen[0] | Should -Be 1
            $seen[1] | Should -Be @(2,3,4)
        }
        It 'appends what the pipeline sends' {
            $testVar = 1
            4..6 | Set-Variable -Name testVar -Append
            $testVar | Should -Be @(1,4,5,6)
        }
    }
}

Remove-Variable globalVar -Scope global -ErrorAction SilentlyContinue
Remove-Variable abcaVar -Scope script -Force -ErrorAction SilentlyContinue
Complete-MiniPester
