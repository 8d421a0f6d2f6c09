# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Update-TypeData.Tests.ps1 (the dynamic
# type data cases; upstream runs each in a new runspace, here each cleans up with Remove-TypeData) and
# Get-TypeData/Remove-TypeData behaviour; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Update-TypeData with dynamic type data' {
    It 'adds a NoteProperty, and -Force replaces it' {
        Update-TypeData -MemberType NoteProperty -MemberName TestNote -Value 2 -TypeName System.String
        'string'.TestNote | Should -Be 2
        Update-TypeData -MemberType NoteProperty -MemberName TestNote -Value 'test' -TypeName System.String -Force
        'string'.TestNote | Should -BeExactly 'test'
        Update-TypeData -MemberType NoteProperty -MemberName TestNote -Value $null -TypeName System.String -Force
        'string'.TestNote | Should -BeNullOrEmpty
        Remove-TypeData -TypeName System.String
    }
    It 'refuses a member that is there without -Force' {
        Update-TypeData -MemberType NoteProperty -MemberName Twice -Value 1 -TypeName System.String
        Update-TypeData -MemberType NoteProperty -MemberName Twice -Value 2 -TypeName System.String -ErrorVariable dup 2> $null
        $dup[0].FullyQualifiedErrorId | Should -BeExactly 'TypesDynamicUpdateException,Microsoft.PowerShell.Commands.UpdateTypeDataCommand'
        $dup[0].Exception.Message | Should -BeExactly 'Error in TypeData "System.String": The member Twice is already present.'
        'x'.Twice | Should -Be 1
        Remove-TypeData -TypeName System.String
    }
    It 'adds an AliasProperty, converted by -SecondValue' {
        Update-TypeData -MemberType AliasProperty -MemberName TestAlias -Value Length -TypeName System.String
        'string'.TestAlias.GetType().Name | Should -BeExactly 'Int32'
        'string'.TestAlias | Should -Be 6
        Update-TypeData -MemberType AliasProperty -MemberName TestAlias -Value 'Length' -SecondValue 'string' -TypeName System.String -Force
        'string'.TestAlias.GetType().Name | Should -BeExactly 'String'
        'string'.TestAlias | Should -Be 6
        Remove-TypeData -TypeName System.String
    }
    It 'adds a ScriptMethod, and -Force replaces it' {
        Update-TypeData -MemberType ScriptMethod -MemberName TestScriptMethod -Value { 'script method' } -TypeName System.String
        'string'.TestScriptMethod() | Should -BeExactly 'script method'
        Update-TypeData -MemberType ScriptMethod -MemberName TestScriptMethod -Value { 'new script method' } -TypeName System.String -Force
        'string'.TestScriptMethod() | Should -BeExactly 'new script method'
        Remove-TypeData -TypeName System.String
    }
    It 'gives a ScriptProperty and a ScriptMethod $this and the arguments' {
        Update-TypeData -TypeName System.Int32 -MemberType ScriptProperty -MemberName Doubled -Value { $this * 2 }
        Update-TypeData -TypeName System.Int32 -MemberType ScriptMethod -MemberName Plus -Value { param($n) $this + $n }
        (21).Doubled | Should -Be 42
        (40).Plus(2) | Should -Be 42
        Remove-TypeData -TypeName System.Int32
    }
    It 'fails for a null AliasProperty value' {
        { Update-TypeData -MemberType AliasProperty -MemberName TestAlias -Value $null -TypeName System.String } |
            Should -Throw -ErrorId 'ValueShouldBeSpecified,Microsoft.PowerShell.Commands.UpdateTypeDataCommand'
    }
    It 'fails without -MemberName' {
        { Update-TypeData -MemberType NoteProperty -Value 'Error' -TypeName System.String } |
            Should -Throw -ErrorId 'MemberNameShouldBeSpecified,Microsoft.PowerShell.Commands.UpdateTypeDataCommand'
    }
    It 'fails without -Value' {
        { Update-TypeData -MemberType NoteProperty -MemberName TestNote -TypeName System.String } |
            Should -Throw -ErrorId 'ValueShouldBeSpecified,Microsoft.PowerShell.Commands.UpdateTypeDataCommand'
    }
    It 'writes TypeDataEmpty for a type and nothing to add' {
        Update-TypeData -TypeName System.String -ErrorVariable empty 2> $null
        $empty[0].FullyQualifiedErrorId | Should -BeExactly 'TypeDataEmpty,Microsoft.PowerShell.Commands.UpdateTypeDataCommand'
        $empty[0].Exception.Message | Should -BeExactly 'No member is specified for the update on type "System.String".'
    }
    It 'sets the serialization standard members' {
        Update-TypeData -SerializationMethod SpecificProperties -StringSerializationSource Length -PropertySerializationSet Length -InheritPropertySerializationSet $true -SerializationDepth 2 -TypeName System.String
        '"string".PSStandardMembers.SerializationMethod' | Out-Null
        "string".PSStandardMembers.SerializationMethod | Should -BeExactly 'SpecificProperties'
        "string".PSStandardMembers.StringSerializationSource | Should -Be 6
        "string".PSStandardMembers.SerializationDepth | Should -Be 2
        "string".PSStandardMembers.InheritPropertySerializationSet | Should -BeExactly 'True'
        Remove-TypeData -TypeName System.String
    }
}

Describe 'Type data in use' {
    It 'formats objects of the type by -DefaultDisplayPropertySet' {
        $o = [pscustomobject]@{ PSTypeName = 'Lab.Item'; Name = 'a'; Id = 1; Secret = 'x' }
        Update-TypeData -TypeName Lab.Item -DefaultDisplayPropertySet Name, Id
        ($o | Out-String).Trim() -split '\r?\n' | Should -Be @('Name Id', '---- --', 'a     1')
        Remove-TypeData -TypeName Lab.Item
        ($o | Out-String) | Should -Match 'Secret'
    }
    It 'lists the members in Get-Member and Get-TypeData' {
        Update-TypeData -TypeName System.String -MemberType ScriptMethod -MemberName Shout -Value { $this.ToUpper() }
        $m = 'x' | Get-Member -Name Shout
        $m.MemberType | Should -BeExactly 'ScriptMethod'
        $m.Definition | Should -BeExactly 'System.Object Shout();'
        $t = Get-TypeData -TypeName System.String
        $t.TypeName | Should -BeExactly 'System.String'
        $t.Members.Keys | Should -Be 'Shout'
        Get-TypeData -TypeName string | ForEach-Object TypeName | Should -BeExactly 'System.String'
        Remove-TypeData -TypeName System.String
        Get-TypeData -TypeName System.String | Should -BeNullOrEmpty
    }
    It 'keeps an object''s own member ahead of the type''s' {
        Update-TypeData -TypeName System.Management.Automation.PSCustomObject -MemberType NoteProperty -MemberName Kind -Value 'type'
        ([pscustomobject]@{ Kind = 'own' }).Kind | Should -BeExactly 'own'
        ([pscustomobject]@{ Other = 1 }).Kind | Should -BeExactly 'type'
        Remove-TypeData -TypeName System.Management.Automation.PSCustomObject
    }
    It 'takes Get-TypeData''s objects back' {
        Update-TypeData -TypeName Lab.Copy -MemberType NoteProperty -MemberName N -Value 5
        $saved = Get-TypeData Lab.Copy
        Remove-TypeData -TypeName Lab.Copy
        ([pscustomobject]@{ PSTypeName = 'Lab.Copy' }).N | Should -BeNullOrEmpty
        $saved | Update-TypeData
        ([pscustomobject]@{ PSTypeName = 'Lab.Copy' }).N | Should -Be 5
        $saved | Remove-TypeData
    }
    It 'says when the type to remove has no type data' {
        Remove-TypeData -TypeName Lab.Nothing -ErrorVariable gone 2> $null
        $gone[0].FullyQualifiedErrorId | Should -BeExactly 'TypesDynamicRemoveException,Microsoft.PowerShell.Commands.RemoveTypeDataCommand'
    }
}

Complete-MiniPester
