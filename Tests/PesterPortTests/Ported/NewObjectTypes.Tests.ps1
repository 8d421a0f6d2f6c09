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
    # Json.Tests.ps1 skips an It by [ExperimentalFeature]::IsEnabled; hvsh enables no experimental feature.
    It 'answers ExperimentalFeature.IsEnabled' {
        [ExperimentalFeature]::IsEnabled('PSSerializeJSONLongEnumAsNumber') | Should -BeFalse
    }
}

# From Get-Member.Tests.ps1: IntPtr's static properties, and an XmlDocument's adapted view.
Describe 'Get-Member on IntPtr and XML' {
    It 'lists the four static properties of IntPtr' {
        $results = [System.IntPtr] | Get-Member -Type Property -Static | Sort-Object -Property Name
        $results.Count | Should -BeExactly 4
        $results[0].Name | Should -BeExactly 'MaxValue'
        $results[1].Name | Should -BeExactly 'MinValue'
        $results[2].Name | Should -BeExactly 'Size'
        $results[3].Name | Should -BeExactly 'Zero'
    }
    It 'shows the element and the document methods in the adapted view' {
        $results = [xml]'<a>some text</a>' | Get-Member -View adapted
        $results | Where-Object Name -EQ a | Should -Not -BeNullOrEmpty
        $results | Where-Object Name -EQ CreateElement | Should -Not -BeNullOrEmpty
        $results | Where-Object Name -EQ CreateNode | Should -Not -BeNullOrEmpty
    }
    It 'creates nodes by type name with CreateNode' {
        $x = [xml]'<a/>'
        $null = $x.DocumentElement.AppendChild($x.CreateNode('element', 'b', ''))
        $x.OuterXml | Should -BeExactly '<a><b /></a>'
    }
}

Describe 'FileInfo and DirectoryInfo constructors' {
    It 'gives the original path as text, also when nothing is there (Ternary and Conversions tests)' {
        [string]$var = 'string'
        $var = [System.IO.FileInfo]::new('abc')
        $var | Should -BeExactly 'abc'
        $missing = [System.IO.FileInfo]::new('hvsh-no-such-file')
        $missing.Exists | Should -BeFalse
        $missing -is [System.IO.FileInfo] | Should -BeTrue
        $missing.Name | Should -BeExactly 'hvsh-no-such-file'
        (New-Object System.IO.DirectoryInfo '/').Exists | Should -BeTrue
    }
}

Describe 'New-Object PSVariable' {
    It 'makes a variable with the arguments given' {
        $v = New-Object System.Management.Automation.PSVariable -ArgumentList 'B', 2, ReadOnly
        $v.Name | Should -BeExactly 'B'
        $v.Value | Should -Be 2
        "$($v.Options)" | Should -BeExactly 'ReadOnly'
        ([psvariable]::new('A', 1)).Value | Should -Be 1
    }
    It 'reports an argument the constructor cannot take as ConstructorInvokedThrowException' {
        $e = { New-Object -TypeName System.Management.Automation.PSVariable -ArgumentList "A", 1, None, "asd" -ErrorAction Stop } |
            Should -Throw -ErrorId "ConstructorInvokedThrowException,Microsoft.PowerShell.Commands.NewObjectCommand" -PassThru
        $e.CategoryInfo | Should -Match "MethodException"
    }
}

Complete-MiniPester
