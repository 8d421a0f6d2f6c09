# Ported from the "Directly test the PSPropertyExpression type" block of
# test/powershell/Modules/Microsoft.PowerShell.Utility/Measure-Object.Tests.ps1: a [PSPropertyExpression]
# parameter made from a wildcard name or a script block, applied with GetValues; and ResolveNames.
. "$PSScriptRoot/MiniPester.ps1"

function Test-PSPropertyExpression {
    [CmdletBinding()]
    param (
        [Parameter(Mandatory, Position = 0)]
        [PSPropertyExpression]
            $pe,
        [Parameter(ValueFromPipeline)]
            $InputObject
    )
    begin { $sum = 0 }
    process { $sum += $pe.GetValues($InputObject).result }
    end { $sum }
}

Describe 'PSPropertyExpression' {
    It 'sums what a wildcard property expression finds' {
        (1..10).ForEach{ @{value = $_} } | Test-PSPropertyExpression val* | Should -Be 55
    }
    It 'sums what a script block property expression gives' {
        1..10 | Test-PSPropertyExpression { $_ } | Should -Be 55
    }
    It 'transforms the input with a script block' {
        'one', 'two', 'three', 'four', 'five' | Test-PSPropertyExpression { ($_.ToCharArray() -match 'e').Count } | Should -Be 4
    }
    It 'tells wildcards and script blocks apart and resolves names on an object' {
        $pe = [Microsoft.PowerShell.Commands.PSPropertyExpression]'N*'
        $pe.HasWildCardCharacters | Should -BeTrue
        $pe.Script | Should -BeNullOrEmpty
        "$pe" | Should -BeExactly 'N*'
        $names = $pe.ResolveNames([pscustomobject]@{ Name = 1; Number = 2; Other = 3 })
        $names.Count | Should -Be 2
        ([PSPropertyExpression]{ $_ }).Script | Should -Not -BeNullOrEmpty
        ([PSPropertyExpression]'Name').GetValues([pscustomobject]@{ Name = 'x' }).ResolvedExpression.ToString() | Should -BeExactly 'Name'
    }
}

Complete-MiniPester
