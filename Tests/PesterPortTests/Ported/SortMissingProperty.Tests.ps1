# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Sort-Object.Tests.ps1 ("Sort-Object
# with Non Existing And Null Property should work" and the N-sort of objects with null property values):
# a cmdlet's class made by New-Object, a null property sorting first, an object without it last.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Sort-Object with missing and null properties' {
    It 'puts null first and the object lacking the property last' {
        $n = New-Object microsoft.powershell.commands.newobjectcommand
        $n.TypeName = $null
        $d = New-Object microsoft.powershell.commands.newobjectcommand
        $d.TypeName = 'Deetype'
        $b = New-Object microsoft.powershell.commands.newobjectcommand
        $b.TypeName = 'btype'
        $a = New-Object microsoft.powershell.commands.newobjectcommand
        $a.TypeName = 'atype'
        $results = $n, $d, $b, 'b', $a | Sort-Object -prop TypeName
        $results.Count | Should -Be 5
        $results[0] | Should -Be $n
        $results[1] | Should -Be $a
        $results[2] | Should -Be $b
        $results[3] | Should -Be $d
        $results[4] | Should -Be 'b'
    }
    It 'keeps the object lacking the property last when descending, and with -Top' {
        $items = [pscustomobject]@{ N = 1 }, 'no property', [pscustomobject]@{ N = 2 }
        ($items | Sort-Object N -Descending)[2] | Should -BeExactly 'no property'
        ($items | Sort-Object N -Descending)[0].N | Should -Be 2
        ($items | Sort-Object N -Bottom 1) | Should -BeExactly 'no property'
    }
    It 'makes a cmdlet''s class with its parameters as properties' {
        $o = New-Object -TypeName Microsoft.PowerShell.Commands.NewObjectCommand
        $o.PSObject.Properties.Name | Should -Contain 'TypeName'
        $o.TypeName | Should -BeNullOrEmpty
        "$o" | Should -BeExactly 'Microsoft.PowerShell.Commands.NewObjectCommand'
    }
}

Complete-MiniPester
