# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/New-Object.Tests.ps1: the type of
# a new PSObject (its flags, name and base type), Host.Coordinates with and without arguments, and
# PSTypeName's Type as scripts use it to test whether a type is loaded.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'New-Object types' {
    It 'creates a PSCustomObject whose type has the four fields' {
        $val = (New-Object psobject).GetType()
        $val.IsPublic | Should -BeTrue
        $val.IsSerializable | Should -BeFalse
        $val.Name | Should -Be 'PSCustomObject'
        $val.BaseType | Should -Be 'System.Object'
    }
    It 'makes Coordinates, default and given' {
        $result = New-Object -TypeName System.Management.Automation.Host.Coordinates
        $result.Count | Should -Be 1
        $result.X | Should -Be 0
        $result.Y | Should -Be 0
        $result = New-Object -TypeName System.Management.Automation.Host.Coordinates -ArgumentList 1,2
        $result.X | Should -Be 1
        $result.Y | Should -Be 2
    }
    It 'finds a type by PSTypeName only when it is loaded' {
        ([System.Management.Automation.PSTypeName]'Employee').Type | Should -BeNullOrEmpty
        ([System.Management.Automation.PSTypeName]'System.Int32').Type | Should -Be ([int])
        ([System.Management.Automation.PSTypeName]'Employee').Name | Should -BeExactly 'Employee'
    }
    It 'answers the Platform flags as $IsLinux and friends do' {
        [System.Management.Automation.Platform]::IsLinux | Should -Be $IsLinux
        [System.Management.Automation.Platform]::IsWindowsDesktop | Should -BeFalse
    }
}

Complete-MiniPester
