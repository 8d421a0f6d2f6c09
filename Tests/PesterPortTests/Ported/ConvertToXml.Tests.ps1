# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertTo-Xml.Tests.ps1 (all but the
# StopProcessing, cmdlet-class API, PowerShell-class and nested-depth cases); the assertions, in
# hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'ConvertTo-Xml DRT Unit Tests' {
    $customPSObject = [PSCustomObject]@{ 'prop1' = 'val1'; 'prop2' = 'val2' }
    $newLine = [System.Environment]::NewLine
    $text = "$([char]35)text"   # the '#text' property (the assertion counter stops at a hash)

    It 'Can convert to XML with parameter Depth' {
        $returnObject = $customPSObject | ConvertTo-Xml -Depth 1
        $returnObject | Should -BeOfType System.Xml.XmlDocument
        $returnObject.OuterXml | Should -Be '<?xml version="1.0" encoding="utf-8"?><Objects><Object Type="System.Management.Automation.PSCustomObject"><Property Name="prop1" Type="System.String">val1</Property><Property Name="prop2" Type="System.String">val2</Property></Object></Objects>'
    }
    It 'Can convert to XML with parameter NoTypeInformation' {
        $returnObject = $customPSObject | ConvertTo-Xml -NoTypeInformation
        $returnObject | Should -BeOfType System.Xml.XmlDocument
        $returnObject.OuterXml | Should -Be '<?xml version="1.0" encoding="utf-8"?><Objects><Object><Property Name="prop1">val1</Property><Property Name="prop2">val2</Property></Object></Objects>'
    }
    It 'Can convert to XML as String' {
        $returnObject = $customPSObject | ConvertTo-Xml -As String
        $returnObject | Should -BeOfType System.String
        $expectedValue = "<?xml version=`"1.0`" encoding=`"utf-8`"?>$newLine<Objects>$newLine  <Object Type=`"System.Management.Automation.PSCustomObject`">$newLine    <Property Name=`"prop1`" Type=`"System.String`">val1</Property>$newLine    <Property Name=`"prop2`" Type=`"System.String`">val2</Property>$newLine  </Object>$newLine</Objects>"
        $returnObject | Should -Be $expectedValue
    }
    It 'Can convert to XML as Stream' {
        $returnObject = $customPSObject | ConvertTo-Xml -As Stream
        $returnObject -is [System.Array] | Should -BeTrue
        $stream3 = "<Object Type=`"System.Management.Automation.PSCustomObject`">$newLine  <Property Name=`"prop1`" Type=`"System.String`">val1</Property>$newLine  <Property Name=`"prop2`" Type=`"System.String`">val2</Property>$newLine</Object>"
        $returnObject | Should -HaveCount 4
        $returnObject[0] | Should -Be '<?xml version="1.0" encoding="utf-8"?>'
        $returnObject[1] | Should -Be '<Objects>'
        $returnObject[2] | Should -Be $stream3
        $returnObject[3] | Should -Be '</Objects>'
    }
    It 'Can convert to XML as Document' {
        $returnObject = $customPSObject | ConvertTo-Xml -As Document -NoTypeInformation
        $returnObject | Should -BeOfType System.Xml.XmlDocument
        $returnObject.OuterXml | Should -Be '<?xml version="1.0" encoding="utf-8"?><Objects><Object><Property Name="prop1">val1</Property><Property Name="prop2">val2</Property></Object></Objects>'
    }
    It 'Can serialize integer primitive type' {
        [int] $i = 1
        $x = $i | ConvertTo-Xml
        $x.Objects.Object.Type | Should -BeExactly $i.GetType().ToString()
        $x.Objects.Object.$text | Should -BeExactly $i
    }
    It 'Can serialize ContainerType.Dictionary type' {
        $a = @{foo='bar'}
        $x = $a | ConvertTo-Xml
        $x.Objects.Object.Type | Should -BeExactly $a.GetType().ToString()
        $x.Objects.Object.Property[0].Name | Should -BeExactly 'Key'
        $x.Objects.Object.Property[0].$text | Should -BeExactly 'foo'
        $x.Objects.Object.Property[1].Name | Should -BeExactly 'Value'
        $x.Objects.Object.Property[1].$text | Should -BeExactly 'bar'
    }
    It 'Can serialize several objects' {
        $fruit1 = [pscustomobject]@{ name = 'apple' }
        $fruit2 = [pscustomobject]@{ name = 'banana' }
        $x = $fruit1, $fruit2 | ConvertTo-Xml
        $x.Objects.Object | Should -HaveCount 2
        $x.Objects.Object[0].Property.Name | Should -BeExactly 'name'
        $x.Objects.Object[0].Property.$text | Should -BeExactly 'apple'
        $x.Objects.Object[1].Property.Name | Should -BeExactly 'name'
        $x.Objects.Object[1].Property.$text | Should -BeExactly 'banana'
    }
    It 'Can serialize nested PSCustomObject properties' {
        $nested = [pscustomobject]@{
            Prop1 = [pscustomobject]@{ Prop1 = [pscustomobject]@{ Prop1 = 111; Prop2 = 222 }; Prop2 = 22 }
            Prop2 = 2
        }
        $x = $nested | ConvertTo-Xml -Depth 1
        $x.OuterXml | Should -Be '<?xml version="1.0" encoding="utf-8"?><Objects><Object Type="System.Management.Automation.PSCustomObject"><Property Name="Prop1" Type="System.Management.Automation.PSCustomObject"><Property Type="System.String">@{Prop1=; Prop2=22}</Property><Property Name="Prop1" Type="System.Management.Automation.PSNoteProperty">@{Prop1=111; Prop2=222}</Property><Property Name="Prop2" Type="System.Management.Automation.PSNoteProperty">22</Property></Property><Property Name="Prop2" Type="System.Int32">2</Property></Object></Objects>'
    }
}

Complete-MiniPester
