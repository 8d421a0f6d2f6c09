# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Select-Xml.Tests.ps1,
# engine/ETS/Adapter.Tests.ps1 (the XmlNodeAdapter assertions) and the [xml] parts of
# Get-Member.Tests.ps1; the assertions, in hvsh's own code. Files live in a scratch folder in place
# of TestDrive.
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([IO.Path]::GetTempPath()) "hvsh-xml-port-$PID"
$null = New-Item -ItemType Directory -Path $scratch -Force

Describe 'Select-Xml DRT Unit Tests' {
    $testfile = Join-Path $scratch 'testfile.xml'
    Set-Content -Path $testfile -Value @"
<?xml version ="1.0" encoding="ISO-8859-1"?>
<bookstore>
	<book category="CHILDREN">
		<title lang="english">Harry Potter</title>
		<price>30.00</price>
	</book>
	<book category="WEB">
		<title lang="english">Learning XML</title>
		<price>25.00</price>
	</book>
</bookstore>
"@
    It 'Can select text from an XML document' {
        $results = Select-Xml -Path $testfile -XPath '/bookstore/book/title'
        $textName = "$([char]35)text"   # the '#text' property (the assertion counter stops at a hash)
        $results | Should -HaveCount 2
        $results[0].Node.$textName | Should -BeExactly 'Harry Potter'
        $results[1].Node.$textName | Should -BeExactly 'Learning XML'
    }
}

Describe 'Select-Xml Feature Tests' {
    $fileName = Join-Path $scratch 'testSelectXml.xml'
    Set-Content -Path $fileName -Value "<Root>`n   <Node Attribute='blah' />`n</Root>"
    Push-Location $scratch
    It 'Can work with input files using Literalpath with relative paths' {
        $node = Select-Xml -LiteralPath 'testSelectXml.xml' -XPath 'Root'
        $node | Should -HaveCount 1
        $node.Path | Should -Be $fileName
    }
    It 'Can work with input files using Literalpath with absolute paths' {
        $node = Select-Xml -LiteralPath $fileName -XPath 'Root'
        $node | Should -HaveCount 1
        $node.Path | Should -Be $fileName
    }
    It 'Can work with input files using Path with relative paths' {
        $node = Select-Xml -Path 'testSelectXml.xml' -XPath 'Root'
        $node | Should -HaveCount 1
        $node.Path | Should -Be $fileName
    }
    It 'Can work with input files using Path with absolute paths' {
        $node = Select-Xml -Path $fileName -XPath 'Root'
        $node | Should -HaveCount 1
        $node.Path | Should -Be $fileName
    }
    Pop-Location

    It 'Can work with input streams' {
        [xml]$xml = "<a xmlns='bar'><b xmlns:b='foo'>hello</b><c>world</c></a>"
        $node = Select-Xml -Xml $xml -XPath '//c:b' -Namespace @{c='bar'}
        $node.Path | Should -BeExactly 'InputStream'
        $node.Pattern | Should -BeExactly '//c:b'
        $node.ToString() | Should -BeExactly 'hello'
    }
    It 'Can throw on non filesystem paths using LiteralPath' {
        $env:xmltestfile = '<Root />'
        { Select-Xml -LiteralPath 'env:xmltestfile' 'Root' -ErrorAction Stop } | Should -Throw -ErrorId 'ProcessingFile,Microsoft.PowerShell.Commands.SelectXmlCommand'
        Remove-Item -Path 'env:xmltestfile'
    }
    It 'Can throw on non filesystem paths using Path' {
        $env:xmltestfile = '<Root />'
        { Select-Xml -Path 'env:xmltestfile' 'Root' -ErrorAction Stop } | Should -Throw -ErrorId 'ProcessingFile,Microsoft.PowerShell.Commands.SelectXmlCommand'
        Remove-Item -Path 'env:xmltestfile'
    }
    It 'Can throw for invalid XML file' {
        $testfile = Join-Path $scratch 'test.xml'
        Set-Content -Path $testfile -Value '<a><b>'
        { Select-Xml -Path $testfile -XPath foo -ErrorAction Stop } | Should -Throw -ErrorId 'ProcessingFile,Microsoft.PowerShell.Commands.SelectXmlCommand'
    }
    It 'Can throw for invalid XML namespace' {
        [xml]$xml = "<a xmlns='bar'><b xmlns:b='foo'>hello</b><c>world</c></a>"
        { Select-Xml -Xml $xml -XPath foo -Namespace @{c=$null} -ErrorAction Stop } | Should -Throw -ErrorId 'PrefixError,Microsoft.PowerShell.Commands.SelectXmlCommand'
    }
    It 'Can throw for invalid XML content' {
        { Select-Xml -Content 'hello' -XPath foo -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidCastToXmlDocument,Microsoft.PowerShell.Commands.SelectXmlCommand'
    }
    It 'Can use ToString() on nested XML node' {
        $node = Select-Xml -Content '<a><b>one<c>hello</c></b></a>' -XPath '//b'
        $node.ToString() | Should -BeExactly 'one<c>hello</c>'
    }
    It 'Can use ToString() with file' {
        $testfile = Join-Path $scratch 'test.xml'
        Set-Content -Path $testfile -Value '<a><b>hello</b></a>'
        $node = Select-Xml -Path $testfile -XPath '//b'
        $node.ToString() | Should -BeExactly "hello:$testfile"
    }
}

Describe 'XmlAdapter' {
    $document = New-Object System.Xml.XmlDocument
    $document.LoadXml("<book ISBN='12345'><title>Pride And Prejudice</title><price>19.95</price></book>")
    $doc = $document.DocumentElement
    It 'Access all the properties via XmlAdapter (Match)' {
        $col = $doc.psobject.Properties.Match('*')
        $col.Count | Should -Not -Be 0
    }
    It 'Access all the properties via XmlAdapter' {
        $prop = $doc.psobject.Properties['price']
        $prop.Value | Should -Be '19.95'
        $prop.IsGettable | Should -Not -BeNullOrEmpty
        $prop.IsSettable | Should -Not -BeNullOrEmpty
        $prop.TypeNameOfValue | Should -Be 'System.String'
    }
    It 'Call to string on a XmlNode object' {
        $doc.ToString() | Should -Be 'book'
    }
}

Describe 'Adapter XML Tests' {
    [xml]$x = '<root><data/></root>'
    It 'rval is a hash (psobject)' {
        { $x.root.data = @{testprop = 1} } | Should -Not -Throw
        $x.root.data | Should -Be 'System.Collections.Hashtable'
    }
    It 'rval is a int (codemethod)' {
        { $x.root.data = 1 } | Should -Not -Throw
        $x.root.data | Should -Be '1'
    }
    It 'rval is a string (codemethod)' {
        { $x.root.data = 'teststring' } | Should -Not -Throw
        $x.root.data | Should -Be 'teststring'
    }
    It 'rval is a string array (codemethod)' {
        { $x.root.data = @('teststring1', 'teststring2') } | Should -Not -Throw
        $x.root.data | Should -Be 'teststring1 teststring2'
    }
    It 'rval is a int array (codemethod)' {
        { $x.root.data = @(1, 2) } | Should -Not -Throw
        $x.root.data | Should -Be '1 2'
    }
    It 'rval is a null (codemethod)' {
        { $x.root.data = $null } | Should -Not -Throw
        $x.root.data | Should -Be ''
    }
}

Describe 'Base method call on object mapped to PropertyOnlyAdapter' {
    It 'LoadXml then the adapted property and ChildNodes' {
        $foo = [System.Xml.XmlDocument]::new()
        $foo.ChildNodes.Count | Should -Be 0
        ([System.Xml.XmlDocument]$foo).LoadXml('<test>bar</test>')
        $foo.test | Should -BeExactly 'bar'
        $foo.ChildNodes.Count | Should -Be 1
    }
}

Describe 'Get-Member of an XmlDocument' {
    It 'lists the adapted property and the .NET methods' {
        $results = [xml]'<a>some text</a>' | Get-Member
        $results | Where-Object Name -EQ a | Should -Not -BeNullOrEmpty
        $results | Where-Object Name -EQ CreateElement | Should -Not -BeNullOrEmpty
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
