# Ported from test/powershell/Language/Scripting/DeserializedTypeConversion.Tests.ps1 (PSSerializer's
# round trip and a deserialized object converted back to its class, by cast and by parameter binding)
# and HashtableToPSCustomObjectConversion.Tests.ps1 (a .NET struct made from a hashtable); the
# assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

class PSClass1 {
    [string] $name = "PSClassName1"
    [int] $port = 80
    [string] $scriptText = "1..6"
}
class PSClass2 {
    [string] $name = "default"
    [int] $port = 80
    [string] $scriptText = "1..6"
    PSClass2() {}
    PSClass2([string] $name1, [int] $port1, [string] $scriptText1) {
        $this.name = $name1
        $this.port = $port1
        $this.scriptText = $scriptText1
    }
}

Describe 'PSSerializer' {
    It 'serializes and deserializes an object' {
        $s = [System.Management.Automation.PSSerializer]::Serialize([PSClass1]::new())
        $s | Should -Match '<Objs Version="1.1.0.1"'
        $d = [System.Management.Automation.PSSerializer]::Deserialize($s)
        $d.pstypenames[0] | Should -BeExactly 'Deserialized.PSClass1'
        $d.port | Should -Be 80
    }
    It 'DeserializeAsList gives an array' {
        $s = [System.Management.Automation.PSSerializer]::Serialize('text')
        $list = [System.Management.Automation.PSSerializer]::DeserializeAsList($s)
        $list.Count | Should -Be 1
        $list[0] | Should -BeExactly 'text'
    }
}

Describe 'Conversion of deserialized objects to their class' {
    It 'a class with a default constructor' {
        $dst = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize([PSClass1]::new()))
        { $tc = [PSClass1]$dst } | Should -Not -Throw
        ([PSClass1]$dst).scriptText | Should -BeExactly '1..6'
        function test-PSClass1 { param([parameter(position = 0, mandatory = 1)][PSClass1] $test) $test.name }
        test-PSClass1 $dst | Should -BeExactly 'PSClassName1'
    }
    It 'a class with a default constructor and another' {
        $dst = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize([PSClass2]::new("PSClassName2", 81, "1..5")))
        $tc = [PSClass2]$dst
        $tc.name | Should -BeExactly 'PSClassName2'
        $tc.port | Should -Be 81
    }
    It 'a custom object sets the properties of a new instance' {
        $p = [PSClass1][pscustomobject]@{ name = 'n'; port = '8' }
        $p.port | Should -BeOfType [int]
        $p.scriptText | Should -BeExactly '1..6'
    }
}

Describe 'A .NET struct from a hashtable' {
    It 'creating an object of an existing type from hashtable should succeed' {
        $result = [System.Management.Automation.Host.Coordinates]@{X=10;Y=33}
        $result.X | Should -Be 10
        $result.Y | Should -Be 33
    }
    It 'a key that is no property is an ObjectCreationError' {
        $e = { [System.Management.Automation.Host.Coordinates]@{blah=10;Y=5} } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeExactly 'ObjectCreationError'
        $e.Exception.Message | Should -BeLike '*blah*'
    }
    It 'a value that does not convert is an ObjectCreationError' {
        { [System.Management.Automation.Host.Coordinates]@{X='foo';Y=5} } | Should -Throw -ErrorId 'ObjectCreationError'
    }
}

Complete-MiniPester
