# Set-Item, Clear-Item and New-Item on the Variable:, Env:, Function: and Alias: drives, as
# PowerShell's session-state providers answer them (Set-Item.Tests.ps1, Clear-Item.Tests.ps1 and
# New-Item.Tests.ps1 of Microsoft.PowerShell.Management cover these providers); the assertions, in
# hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Set-Item on session-state drives' {
    It 'sets an environment variable' {
        Set-Item -Path Env:HVSH_SETITEM -Value 'one'
        $env:HVSH_SETITEM | Should -BeExactly 'one'
        Clear-Item Env:HVSH_SETITEM
        Test-Path Env:HVSH_SETITEM | Should -BeFalse
    }
    It 'sets a variable, and Clear-Item sets it to $null' {
        Set-Item Variable:siv 5
        $siv | Should -Be 5
        Set-Item -Path Variable:siv -Value 6 -PassThru | ForEach-Object Value | Should -Be 6
        Clear-Item Variable:siv
        $siv | Should -BeNullOrEmpty
        Test-Path Variable:siv | Should -BeTrue
    }
    It 'defines a function from a script block or from text' {
        Set-Item function:Get-SetItemTwice { param($n) $n * 2 }
        Get-SetItemTwice 4 | Should -Be 8
        Set-Item -Path function:Get-SetItemText -Value 'return "text"'
        Get-SetItemText | Should -BeExactly 'text'
    }
    It 'defines a global function from inside a function' {
        function Make { Set-Item function:global:Get-SetItemGlobal { 'global' } }
        Make
        Get-SetItemGlobal | Should -BeExactly 'global'
    }
    It 'points an alias at a command' {
        Set-Item function:Get-SetItemThrice { param($n) $n * 3 }
        Set-Item alias:sitw Get-SetItemThrice
        sitw 5 | Should -Be 15
    }
    It 'refuses a read-only variable without -Force' {
        Set-Variable -Name sro -Value 1 -Option ReadOnly
        { Set-Item Variable:sro 2 } | Should -Throw -ErrorId 'VariableNotWritable,Microsoft.PowerShell.Commands.SetItemCommand'
        $sro | Should -Be 1
    }
    It 'does nothing under -WhatIf' {
        Set-Item -Path Variable:swi -Value 'a' -WhatIf
        Test-Path Variable:swi | Should -BeFalse
    }
    It 'has no item value to set on the file system' {
        { Set-Item ([System.IO.Path]::GetTempPath()) 1 } | Should -Throw -ErrorId 'NotSupported,Microsoft.PowerShell.Commands.SetItemCommand'
    }
    It 'reports a missing item to clear' {
        Clear-Item Variable:no_such_var_here -ErrorVariable missing 2> $null
        $missing[0].FullyQualifiedErrorId | Should -BeExactly 'PathNotFound,Microsoft.PowerShell.Commands.ClearItemCommand'
    }
}

Describe 'New-Item on session-state drives' {
    It 'makes a variable, by path or by -Name' {
        New-Item -Path variable:niv1 -Value 5 | Out-Null
        $niv1 | Should -Be 5
        (New-Item -Path variable: -Name niv2 -Value 'two').Name | Should -BeExactly 'niv2'
        $niv2 | Should -BeExactly 'two'
    }
    It 'refuses a variable that exists unless -Force' {
        New-Item variable:niv3 -Value 1 | Out-Null
        New-Item variable:niv3 -Value 2 -ErrorVariable dup 2> $null
        $dup[0].FullyQualifiedErrorId | Should -BeExactly 'VariableAlreadyExists,Microsoft.PowerShell.Commands.NewItemCommand'
        $dup[0].Exception.Message | Should -BeExactly "A variable with name 'niv3' already exists."
        New-Item variable:niv3 -Value 3 -Force | Out-Null
        $niv3 | Should -Be 3
    }
    It 'makes a function, an environment variable and an alias' {
        New-Item function:New-ItemFn -Value { 'from function' } | Out-Null
        New-ItemFn | Should -BeExactly 'from function'
        New-Item -Path Env:HVSH_NEWITEM -Value 'e' | Out-Null
        $env:HVSH_NEWITEM | Should -BeExactly 'e'
        Remove-Item Env:HVSH_NEWITEM
        New-Item -Path Alias:nifn -Value New-ItemFn | Out-Null
        nifn | Should -BeExactly 'from function'
    }
    It 'refuses an alias name that is taken' {
        New-Item -Path Alias:nal -Value Get-Date -ErrorVariable taken 2> $null
        $taken[0].Exception.Message | Should -BeExactly "The alias is not allowed, because an alias with the name 'nal' already exists."
    }
}

Complete-MiniPester
