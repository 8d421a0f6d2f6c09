# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Update-TypeData.Tests.ps1 (the
# types.ps1xml file cases; upstream runs each in a new runspace, here each unloads its file with
# Remove-TypeData -Path) plus the file members the upstream file does not reach. The assertions, in
# hvsh's own code; a scratch folder stands in for Pester's $TestDrive.
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("typesxml-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch

Describe 'Update-TypeData with types.ps1xml files' {
    It 'loads a file whose root node has attributes' {
        $path = Join-Path $scratch 'test.types.ps1xml'
        Set-Content -Path $path -Value @'
<Types xmlns:foo="bar">
  <Type>
    <Name>Test</Name>
    <Members>
      <AliasProperty><Name>Yada</Name><ReferencedMemberName>Length</ReferencedMemberName></AliasProperty>
    </Members>
  </Type>
</Types>
'@
        Update-TypeData -AppendPath $path -ErrorVariable bad
        $bad.Count | Should -Be 0
        $typeData = Get-TypeData Test
        $typeData | Should -HaveCount 1
        $typeData.TypeName | Should -BeExactly 'Test'
        Remove-TypeData -Path $path
    }
    It 'refuses a Type with a node the schema does not have' {
        $path = Join-Path $scratch 'typo.ps1xml'
        Set-Content -Path $path -Value @'
<Types>
  <Type>
    <Name>AnyName</Name>
    <MembersTypo>
      <PropertySet><Name>PropertySetName</Name><ReferencedProperties><Name>FirstName</Name></ReferencedProperties></PropertySet>
    </MembersTypo>
  </Type>
</Types>
'@
        Update-TypeData -PrependPath $path -ErrorVariable bad 2> $null
        $bad[0].FullyQualifiedErrorId | Should -BeExactly 'TypesXmlUpdateException,Microsoft.PowerShell.Commands.UpdateTypeDataCommand'
        Get-TypeData AnyName | Should -BeNullOrEmpty
        Remove-TypeData -Path $path
    }
    It 'refuses a file without the ps1xml extension' {
        $path = Join-Path $scratch 'notmshxml'
        Set-Content -Path $path -Value 'not really an xml file, but we will not use it'
        Update-TypeData -PrependPath $path -ErrorVariable bad 2> $null
        $bad[0].FullyQualifiedErrorId | Should -BeExactly 'WrongExtension,Microsoft.PowerShell.Commands.UpdateTypeDataCommand'
    }
    It 'says when the file is not there' {
        Update-TypeData -AppendPath (Join-Path $scratch 'absent.ps1xml') -ErrorVariable bad 2> $null
        $bad[0].FullyQualifiedErrorId | Should -BeExactly 'TypesAppendPathException,Microsoft.PowerShell.Commands.UpdateTypeDataCommand'
    }
    It 'gives System.Array an alias from a file, and Remove-TypeData -Path takes it away' {
        $path = Join-Path $scratch 'array.ps1xml'
        Set-Content -Path $path -Value @'
<Types>
  <Type>
    <Name>System.Array</Name>
    <Members>
      <AliasProperty><Name>Yada</Name><ReferencedMemberName>Length</ReferencedMemberName></AliasProperty>
    </Members>
  </Type>
</Types>
'@
        Update-TypeData -AppendPath $path
        Update-TypeData -AppendPath $path
        $a = 1..3
        $a.Yada | Should -Be 3
        Remove-TypeData -Path $path -ErrorVariable bad
        $bad.Count | Should -Be 0
        $a.Yada | Should -BeNullOrEmpty
    }
    It 'reads NoteProperty, ScriptProperty, ScriptMethod and PSStandardMembers' {
        $path = Join-Path $scratch 'lab.ps1xml'
        Set-Content -Path $path -Value @'
<Types>
  <Type>
    <Name>Lab.Item</Name>
    <Members>
      <NoteProperty><Name>Kind</Name><Value>widget</Value></NoteProperty>
      <ScriptProperty><Name>Double</Name><GetScriptBlock>$this.N * 2</GetScriptBlock></ScriptProperty>
      <ScriptMethod><Name>Plus</Name><Script>param($k) $this.N + $k</Script></ScriptMethod>
      <MemberSet>
        <Name>PSStandardMembers</Name>
        <Members>
          <PropertySet><Name>DefaultDisplayPropertySet</Name><ReferencedProperties><Name>N</Name></ReferencedProperties></PropertySet>
          <NoteProperty><Name>SerializationDepth</Name><Value>3</Value></NoteProperty>
        </Members>
      </MemberSet>
    </Members>
  </Type>
</Types>
'@
        Update-TypeData -AppendPath $path
        $o = [pscustomobject]@{ PSTypeName = 'Lab.Item'; N = 4; M = 1 }
        $o.Kind | Should -BeExactly 'widget'
        $o.Double | Should -Be 8
        $o.Plus(3) | Should -Be 7
        $o.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Be 'N'
        $o.PSStandardMembers.SerializationDepth | Should -Be 3
        Remove-TypeData -Path $path
        $o.Kind | Should -BeNullOrEmpty
    }
    It 'loads nothing with -WhatIf' {
        $path = Join-Path $scratch 'whatif.ps1xml'
        Set-Content -Path $path -Value '<Types><Type><Name>Lab.WhatIf</Name><Members><NoteProperty><Name>N</Name><Value>1</Value></NoteProperty></Members></Type></Types>'
        Update-TypeData -AppendPath $path -WhatIf
        Get-TypeData Lab.WhatIf | Should -BeNullOrEmpty
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
