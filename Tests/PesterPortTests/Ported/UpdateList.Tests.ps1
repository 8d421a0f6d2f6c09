# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Update-List.Tests.ps1, with the
# cmdlet's other paths as its source describes them (the hashtable of changes without -Property, the
# errors for a missing property, a value that is no list, and -InputObject without -Property).
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Update-List' {
    It 'adds, removes, and replaces the items of a list property' {
        $testObj = [pscustomobject]@{a = [System.Collections.ArrayList]::new(@(1,2,3))}
        $testObj | Update-List -Property a -Add 4
        $testObj.A | Should -Be 1,2,3,4
        Update-List -InputObject $testObj -Property a -Remove 2
        $testObj.A | Should -Be 1,3,4
        $testObj | Update-List -Property a -Remove 4 -Add 5
        $testObj.A | Should -Be 1,3,5
        $testObj | Update-List -Property a -Replace 2,4
        $testObj.A | Should -Be 2,4
    }
    It 'writes the object it changed' {
        $testObj = [pscustomobject]@{l = [System.Collections.Generic.List[int]]::new()}
        $out = $testObj | Update-List -Property l -Add 7
        [object]::ReferenceEquals($out, $testObj) | Should -BeTrue
        $testObj.l.Count | Should -Be 1
    }
    It 'writes a hashtable of the changes without -Property' {
        $h = Update-List -Add 1,2 -Remove 3
        $h | Should -BeOfType System.Collections.Hashtable
        $h.Count | Should -Be 2
        $h.Add | Should -Be 1,2
        $h.Remove | Should -Be 3
        (Update-List -Replace 9).Replace | Should -Be 9
    }
    It 'reports a property that is missing or holds no list' {
        $testObj = [pscustomobject]@{a = 1}
        { $testObj | Update-List -Property zz -Add 1 -ErrorAction Stop } | Should -Throw -ErrorId 'MemberDoesntExist,Microsoft.PowerShell.Commands.UpdateListCommand'
        { $testObj | Update-List -Property a -Add 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ApplyFailed,Microsoft.PowerShell.Commands.UpdateListCommand'
        { $testObj | Update-List -Add 1 } | Should -Throw -ErrorId 'MissingPropertyParameter,Microsoft.PowerShell.Commands.UpdateListCommand'
    }
}

Complete-MiniPester
