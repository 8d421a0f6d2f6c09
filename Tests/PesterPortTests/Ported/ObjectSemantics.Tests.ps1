# Ported from test/powershell/Language/Parser/AutomaticVariables.Tests.ps1 ($input's collection types),
# Modules/Microsoft.PowerShell.Utility/Write-Output.Tests.ps1 (-NoEnumerate), Scripting/I18n/I18n.Tests.ps1
# (commands a data section refuses), Parser/TypeAccelerator.Tests.ps1 ([pscustomobject]),
# Modules/Microsoft.PowerShell.Utility/New-Object.Tests.ps1 (value types' default constructor), with the
# IEnumerator and $PSBoundParameters behaviours about_Automatic_Variables describes; the assertions, in
# hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe '$input in an advanced function' {
    It 'is an ArrayList in begin and process, an Object[] in end' {
        function InBegin { [CmdletBinding()] param() begin { Write-Output -NoEnumerate $input } }
        function InProcess { [CmdletBinding()] param() process { Write-Output -NoEnumerate $input } }
        function InEnd { [CmdletBinding()] param() end { Write-Output -NoEnumerate $input } }
        (InBegin) -is [System.Collections.ArrayList] | Should -BeTrue
        (InProcess) -is [System.Collections.ArrayList] | Should -BeTrue
        (InEnd) -is [System.Object[]] | Should -BeTrue
    }
}

Describe 'Write-Output -NoEnumerate' {
    It 'keeps a collection whole, of its own type' {
        $list = [System.Collections.Generic.List[string]]::new()
        $list.Add('a'); $list.Add('b')
        (Write-Output -NoEnumerate $list).GetType().Name | Should -BeExactly 'List`1'
        (Write-Output -NoEnumerate $list).Count | Should -Be 2
        (Write-Output -NoEnumerate 1, 2, 3).GetType().Name | Should -BeExactly 'Object[]'
        @(Write-Output -NoEnumerate 1, 2, 3).Count | Should -Be 1
        @(Write-Output 1, 2, 3).Count | Should -Be 3
    }
    It 'writes an empty collection as one object only with -NoEnumerate' {
        @(Write-Output @()).Count | Should -Be 0
        @(Write-Output -NoEnumerate @()).Count | Should -Be 1
    }
}

Describe '$PSBoundParameters' {
    It 'is a PSBoundParametersDictionary of the bound values' {
        function Bound { param($First, $Second) $PSBoundParameters }
        $b = Bound -Second 2
        $b.GetType().FullName | Should -BeExactly 'System.Management.Automation.PSBoundParametersDictionary'
        $b.Count | Should -Be 1
        $b['Second'] | Should -Be 2
        $b.ContainsKey('First') | Should -BeFalse
    }
}

Describe 'an array''s enumerator' {
    It 'moves, reads and resets' {
        $e = @('x', 'y').GetEnumerator()
        $e.MoveNext() | Should -BeTrue
        $e.Current | Should -BeExactly 'x'
        $e.MoveNext() | Should -BeTrue
        $e.Current | Should -BeExactly 'y'
        $e.MoveNext() | Should -BeFalse
        $e.Reset()
        $e.MoveNext() | Should -BeTrue
        $e.Current | Should -BeExactly 'x'
    }
    It 'is enumerated by the pipeline from where it stands, and then spent' {
        $e = @(1, 2, 3).GetEnumerator()
        $null = $e.MoveNext()
        ($e | ForEach-Object { $_ * 10 }) -join ',' | Should -BeExactly '20,30'
        @($e | ForEach-Object { $_ }).Count | Should -Be 0
    }
    It 'throws before MoveNext' {
        $e = @(1).GetEnumerator()
        { $e.Current } | Should -Throw
    }
}

Describe '[pscustomobject]' {
    It 'names the PSObject type, while the cast makes a PSCustomObject' {
        [pscustomobject] -eq [psobject] | Should -BeTrue
        [pscustomobject].FullName | Should -BeExactly 'System.Management.Automation.PSObject'
        ([pscustomobject]@{ a = 1 }).GetType().FullName | Should -BeExactly 'System.Management.Automation.PSCustomObject'
        [pscustomobject]@{ a = 1 } -is [pscustomobject] | Should -BeTrue
        'text' -is [pscustomobject] | Should -BeFalse
    }
}

Describe 'a value type''s parameterless constructor' {
    It 'gives the default value, through New-Object and ::new()' {
        $c = New-Object -TypeName char
        $c.Count | Should -Be 1
        ([char]$c) | Should -Be ([char]0)
        (New-Object -TypeName int) | Should -Be 0
        [bool]::new() | Should -BeFalse
        [double]::new() | Should -Be 0
        { [int]::new(5) } | Should -Throw -ErrorId 'MethodCountCouldNotFindBest'
    }
}

Describe 'data sections' {
    It 'allows ConvertFrom-StringData and the commands -SupportedCommand names' {
        data strings { ConvertFrom-StringData -StringData 'greeting = hello' }
        $strings.greeting | Should -BeExactly 'hello'
        data withDate -SupportedCommand Get-Date { Get-Date -Year 2001 -Month 2 -Day 3 }
        $withDate.Year | Should -Be 2001
    }
    It 'refuses any other command, as a parse error' {
        { Invoke-Expression 'data d { @{ x = $(Get-Command) } }' } | Should -Throw -ErrorId 'CmdletNotInAllowedListForDataSection,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
        { Invoke-Expression 'data d { if ($(Get-Command)) {} }' } | Should -Throw -ErrorId 'CmdletNotInAllowedListForDataSection,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
        { Invoke-Expression 'data d { @(Get-Command) }' } | Should -Throw -ErrorId 'CmdletNotInAllowedListForDataSection,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
    }
    It 'refuses assignments, variables, member access and unbounded operators' {
        { Invoke-Expression 'data d { $x = 1 }' } | Should -Throw -ErrorId 'AssignmentStatementNotSupportedInDataSection,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
        { Invoke-Expression 'data d { $HOME }' } | Should -Throw -ErrorId 'VariableReferenceNotSupportedInDataSection,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
        { Invoke-Expression 'data d { "x".Length }' } | Should -Throw -ErrorId 'PropertyReferenceNotSupportedInDataSection,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
        { Invoke-Expression 'data d { "a" * 3 -join "" }' } | Should -Throw -ErrorId 'OperatorNotSupportedInDataSection,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
        Invoke-Expression 'data d { "a", 1, $true, @{ k = [int]"2" } }; $d.Count' | Should -Be 4
    }
}

Complete-MiniPester
