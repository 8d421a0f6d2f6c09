# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Format-Custom.Tests.ps1,
# Update-FormatData.Tests.ps1, Get-FormatData.Tests.ps1 and Format-Table.Tests.ps1 (views loaded from
# format.ps1xml files); the assertions, in hvsh's own code (a scratch folder for $TestDrive).
. "$PSScriptRoot/MiniPester.ps1"

$TestDrive = Join-Path ([System.IO.Path]::GetTempPath()) ("formatdata-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $TestDrive

Describe 'Format-Custom' {
    It 'gives the same output through its alias' {
        $plain = [pscustomobject]@{ a = 1; b = 'x' } | Format-Custom | Out-String
        $aliased = [pscustomobject]@{ a = 1; b = 'x' } | fc | Out-String
        $plain.CompareTo($aliased) | Should -Be 0
    }
    It 'shows the properties -Property names' {
        Get-Command Get-Date | Format-Custom -Property Name | Out-String | Should -Not -Match 'Source'
        (Get-FormatData | Format-Custom -Depth 1).Count | Should -BeGreaterThan 0
    }
    It 'expands nested hashtables and arrays' {
        $t = @{}
        $t.name = 'this is the name'
        $t.subObjectValue = @{}
        $t.subObjectValue.name = 'this is the name of the sub object'
        $t.subObjectValue.array = (0..63)
        $t.subObjectValue.stringarray = @('one', 'two')
        $r = $t | Format-Custom | Out-String
        $r | Should -Match 'this is the name'
        $r | Should -Match 'this is the name of the sub object'
        $r | Should -Match 'one'
        $r | Should -Match 'two'
    }
    It 'stops expanding at -Depth and shows deeper objects as text' {
        $o = [pscustomobject]@{ name = 'root'; child = [pscustomobject]@{ name = 'c'; child = [pscustomobject]@{ name = 'g' } } }
        $r = $o | Format-Custom -Depth 1 | Out-String
        ($r -replace "[{} `n\r]", '') | Should -Be 'classPSCustomObjectname=rootchild=classPSCustomObjectname=cchild=@name=g'
    }
    It 'picks a CustomControl entry by a selection condition' {
        $path = Join-Path $TestDrive 'selection.format.ps1xml'
        Set-Content -Path $path -Value @'
<Configuration>
  <ViewDefinitions>
    <View>
      <Name>Picked</Name>
      <ViewSelectedBy><TypeName>MyTestObject</TypeName></ViewSelectedBy>
      <CustomControl><CustomEntries>
        <CustomEntry>
          <EntrySelectedBy><SelectionCondition><TypeName>MyTestObject</TypeName><ScriptBlock>$_.Name -eq 'SelectScriptBlock'</ScriptBlock></SelectionCondition></EntrySelectedBy>
          <CustomItem><Text>Entry selected by ScriptBlock</Text></CustomItem>
        </CustomEntry>
        <CustomEntry>
          <EntrySelectedBy><SelectionCondition><TypeName>MyTestObject</TypeName><PropertyName>SelectProperty</PropertyName></SelectionCondition></EntrySelectedBy>
          <CustomItem><Text>Entry selected by property</Text></CustomItem>
        </CustomEntry>
        <CustomEntry><CustomItem><Text>Default was picked</Text></CustomItem></CustomEntry>
      </CustomEntries></CustomControl>
    </View>
  </ViewDefinitions>
</Configuration>
'@
        $iss = [initialsessionstate]::CreateDefault2()
        $iss.Formats.Add($path)
        $rs = [runspacefactory]::CreateRunspace($iss)
        $rs.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $rs
        $null = $ps.AddScript({
            [pscustomobject]@{ PSTypeName = 'MyTestObject'; Name = 'SelectScriptBlock' } | Format-Custom | Out-String
            [pscustomobject]@{ PSTypeName = 'MyTestObject'; Name = 'x'; SelectProperty = 1 } | Format-Custom | Out-String
            [pscustomobject]@{ PSTypeName = 'MyTestObject'; Name = 'y' } | Format-Custom | Out-String
        })
        $out = $ps.Invoke()
        $out[0].Trim() | Should -BeExactly 'Entry selected by ScriptBlock'
        $out[1].Trim() | Should -BeExactly 'Entry selected by property'
        $out[2].Trim() | Should -BeExactly 'Default was picked'
        $rs.Close()
    }
}

Describe 'Update-FormatData' {
    It 'reloads the loaded files without error' {
        { Update-FormatData } | Should -Not -Throw
    }
    It 'ignores attributes on the Configuration node' {
        $path = Join-Path $TestDrive 'rootattribute.format.ps1xml'
        Set-Content -Path $path -Value @'
<Configuration xmlns:foo="bar">
  <ViewDefinitions>
    <View>
      <Name>Test</Name>
      <ViewSelectedBy><TypeName>Test</TypeName></ViewSelectedBy>
      <ListControl><ListEntries><ListEntry><ListItems><ListItem><PropertyName>Test</PropertyName></ListItem></ListItems></ListEntry></ListEntries></ListControl>
    </View>
  </ViewDefinitions>
</Configuration>
'@
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Update-FormatData -PrependPath $path")
        $ps.Invoke()
        $ps.HadErrors | Should -BeFalse
        $ps.Commands.Clear()
        $null = $ps.AddScript('Get-FormatData test')
        $formatData = $ps.Invoke()
        $formatData | Should -HaveCount 1
        $formatData.TypeNames | Should -BeExactly 'Test'
        $formatData.FormatViewDefinition.Name | Should -BeExactly 'Test'
    }
    It 'loads nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.ps1xml'
        Set-Content -Path $path -Value '<Types><Type><Name>AnyName</Name></Type></Types>'
        { Update-FormatData -Append $path -WhatIf } | Should -Not -Throw
        { Update-FormatData -Prepend $path -WhatIf } | Should -Not -Throw
    }
    It 'refuses a view without a control' {
        $path = Join-Path $TestDrive 'invalid.format.ps1xml'
        '<Configuration><ViewDefinitions><View><Name>T2</Name></View></ViewDefinitions></Configuration>' | Out-File -FilePath $path -Encoding ascii
        { Update-FormatData -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'FormatXmlUpdateException,Microsoft.PowerShell.Commands.UpdateFormatDataCommand'
    }
}

Describe 'Get-FormatData' {
    It 'returns an object[]' {
        $result = Get-FormatData
        , $result | Should -BeOfType 'System.Object[]'
    }
    It 'gives the file system views under both item types' {
        $format = Get-FormatData System.IO.FileInfo
        $format.TypeNames | Should -HaveCount 2
        $format.TypeNames[0] | Should -BeExactly 'System.IO.DirectoryInfo'
        $format.TypeNames[1] | Should -BeExactly 'System.IO.FileInfo'
        $format.FormatViewDefinition | Should -HaveCount 5
    }
    It 'leaves out views with GroupBy for a client older than 5.1' {
        $null -eq (Get-FormatData System.IO.FileInfo -PowerShellVersion 5.0) | Should -Be $true
        $null -eq (Get-FormatData System.IO.FileInfo -PowerShellVersion 5.1) | Should -Be $false
    }
}

Describe 'Format-Table with views from a format file' {
    It 'renders headers that span several rows' {
        $path = Join-Path $TestDrive 'span.format.ps1xml'
        Set-Content -Path $path -Value @'
<Configuration>
  <ViewDefinitions>
    <View>
      <Name>Default</Name>
      <ViewSelectedBy><TypeName>Test.Format</TypeName></ViewSelectedBy>
      <TableControl>
        <TableHeaders>
          <TableColumnHeader><Label>LongLongHeader</Label><Width>4</Width></TableColumnHeader>
          <TableColumnHeader><Label>Header2</Label><Width>7</Width></TableColumnHeader>
          <TableColumnHeader><Label>Header3</Label><Width>4</Width></TableColumnHeader>
        </TableHeaders>
        <TableRowEntries><TableRowEntry><TableColumnItems>
          <TableColumnItem><PropertyName>First</PropertyName></TableColumnItem>
          <TableColumnItem><PropertyName>Second</PropertyName></TableColumnItem>
          <TableColumnItem><PropertyName>Third</PropertyName></TableColumnItem>
        </TableColumnItems></TableRowEntry></TableRowEntries>
      </TableControl>
    </View>
  </ViewDefinitions>
</Configuration>
'@
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
            param($path)
            Update-FormatData -AppendPath $path
            $a = [pscustomobject]@{ First = 1; Second = 2; Third = 3 }
            $a.PSObject.TypeNames.Insert(0, 'Test.Format')
            $a | Format-Table -View Default | Out-String
        }).AddArgument($path)
        $output = $ps.Invoke()
        $ps.HadErrors | Should -BeFalse
        $output.Replace("`r", '').Replace(' ', '.').Replace("`n", '^') | Should -BeExactly '^Long.Header2.Head^Long.........er3^Head^er^----.-------.----^1....2.......3^^'
    }
    It 'exports views that load again' {
        $path = Join-Path $TestDrive 'export.format.ps1xml'
        Get-FormatData -TypeName System.IO.FileInfo | Export-FormatData -Path $path
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Update-FormatData -PrependPath $path; (Get-FormatData System.IO.FileInfo).FormatViewDefinition.Count")
        $count = $ps.Invoke()
        $ps.HadErrors | Should -BeFalse
        $count[0] | Should -Be 10
    }
}

Remove-Item -Recurse -Force $TestDrive
Complete-MiniPester
