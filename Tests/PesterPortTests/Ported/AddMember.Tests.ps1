# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Add-Member.Tests.ps1 (the DRT unit
# tests: argument checks and their error ids, member types, the unnamed-argument forms, -TypeName,
# -PassThru, -Force); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Add-Member argument checks' {
    It 'refuses null and empty mandatory arguments' {
        { Add-Member -Name $null } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.AddMemberCommand'
        { Add-Member -Name '' } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.AddMemberCommand'
        { Add-Member -MemberType $null } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.AddMemberCommand'
        { Add-Member -MemberType '' } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.AddMemberCommand'
        { Add-Member -InputObject $null } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.AddMemberCommand'
    }
    It 'refuses a second value where the member type has none' {
        { Add-Member -InputObject a -MemberType NoteProperty -Name Name -Value something -SecondValue somethingElse } | Should -Throw -ErrorId 'Value2ShouldNotBeSpecified,Microsoft.PowerShell.Commands.AddMemberCommand'
        { Add-Member -InputObject a -MemberType ScriptMethod -Name Name -Value something -SecondValue somethingElse } | Should -Throw -ErrorId 'Value2ShouldNotBeSpecified,Microsoft.PowerShell.Commands.AddMemberCommand'
        { Add-Member -InputObject a -MemberType PropertySet -Name Name -Value something -SecondValue somethingElse } | Should -Throw -ErrorId 'Value2ShouldNotBeSpecified,Microsoft.PowerShell.Commands.AddMemberCommand'
    }
    It 'cannot add .NET members or unknown member types' {
        { Add-Member -InputObject a -MemberType Method -Name Name } | Should -Throw -ErrorId 'CannotAddMemberType,Microsoft.PowerShell.Commands.AddMemberCommand'
        { Add-Member -InputObject a -MemberType Property -Name Name } | Should -Throw -ErrorId 'CannotAddMemberType,Microsoft.PowerShell.Commands.AddMemberCommand'
        { Add-Member -InputObject a -MemberType ParameterizedProperty -Name Name } | Should -Throw -ErrorId 'CannotAddMemberType,Microsoft.PowerShell.Commands.AddMemberCommand'
        { Add-Member -InputObject a -MemberType AnythingElse -Name Name } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.AddMemberCommand'
    }
    It 'needs a getter or a setter for a script property' {
        { Add-Member -MemberType ScriptProperty -Name PropertyName -Value $null -SecondValue $null -InputObject a } | Should -Throw -ErrorId 'Value1AndValue2AreNotBothNull,Microsoft.PowerShell.Commands.AddMemberCommand'
    }
    It 'refuses a type that does not exist for an alias' {
        { Add-Member -InputObject a -MemberType AliasProperty -Name Name -Value something -SecondValue unexistingType } | Should -Throw -ErrorId 'InvalidCastFromStringToType,Microsoft.PowerShell.Commands.AddMemberCommand'
    }
    It 'refuses a string where a script block is needed' {
        { Add-Member -InputObject a -MemberType ScriptMethod -Name Name -Value something } | Should -Throw -ErrorId 'ConvertToFinalInvalidCastException,Microsoft.PowerShell.Commands.AddMemberCommand'
        { Add-Member -InputObject a -MemberType ScriptProperty -Name Name -Value something } | Should -Throw -ErrorId 'ConvertToFinalInvalidCastException,Microsoft.PowerShell.Commands.AddMemberCommand'
    }
}

Describe 'Add-Member member types' {
    It 'an alias without and with a type' {
        $r = Add-Member -InputObject a -MemberType AliasProperty -Name Cnt -Value Length -PassThru
        $r.Cnt | Should -BeOfType Int32
        $r.Cnt | Should -Be 1
        $r = Add-Member -InputObject a -MemberType AliasProperty -Name Cnt -Value Length -SecondValue String -PassThru
        $r.Cnt | Should -BeOfType String
        $r.Cnt | Should -Be '1'
    }
    It 'a script method on a string' {
        $r = Add-Member -InputObject 'abc' -MemberType ScriptMethod -Name Name -Value { $this.Length } -PassThru
        $r | Should -BeExactly 'abc'
        $r.Name() | Should -Be 3
    }
    It 'a script property with a getter and a setter' {
        $o = [pscustomobject]@{ Description = 'MyDescription' }
        $o | Add-Member -MemberType ScriptProperty -Name NewDescription -Value { $this.Description } -SecondValue { $this.Description = $args[0] }
        $o.NewDescription | Should -BeExactly 'MyDescription'
        $o.NewDescription = 'some description'
        $o.NewDescription | Should -BeExactly 'some description'
    }
    It 'a note with -TypeName, and -TypeName alone' {
        $a = 'string' | Add-Member -MemberType NoteProperty -Name TestNote -Value Any -TypeName MyType -PassThru
        $a.PSTypeNames[0] | Should -Be MyType
        $a.TestNote | Should -BeExactly 'Any'
        $a = 'string' | Add-Member -TypeName System.Object -PassThru
        $a.PSTypeNames[0] | Should -Be System.Object
    }
    It 'a note on an array' {
        $a = Add-Member -InputObject (1, 2, 3) -MemberType NoteProperty -Name Name -Value Value -PassThru
        $a.Name | Should -Be Value
    }
}

Describe 'Add-Member with a hashtable of notes' {
    It 'adds every key as a note' {
        $o = New-Object psobject
        Add-Member -InputObject $o @{ Name = 'Name'; TestInt = 1; TestNull = $null }
        $o.Name | Should -Be 'Name'
        $o.TestInt | Should -Be 1
        $o.TestNull | Should -BeNullOrEmpty
    }
    It 'with -TypeName and -PassThru' {
        $o = Add-Member -InputObject (New-Object psobject) @{ Name = 'Name' } -TypeName MyType -PassThru
        $o.PSTypeNames[0] | Should -Be MyType
    }
    It '-Force replaces an existing note' {
        $o = New-Object psobject
        $o | Add-Member -MemberType NoteProperty -Name TestNote -Value 1
        $o | Add-Member @{ TestNote = 'hello' } -Force
        $o.TestNote | Should -Be 'hello'
    }
    It '-NotePropertyMembers keeps an ordered dictionary in order' {
        $o = [pscustomobject]@{} | Add-Member -NotePropertyMembers ([ordered]@{ Z = 1; A = 2 }) -PassThru
        $o.PSObject.Properties.Name -join ',' | Should -BeExactly 'Z,A'
    }
}

Describe 'Add-Member unnamed arguments' {
    It 'takes a name and a value, whatever the name says' {
        (Add-Member -InputObject a property Any -PassThru).property | Should -BeExactly 'Any'
        (Add-Member -InputObject a Method Any -PassThru).Method | Should -BeExactly 'Any'
        (Add-Member -InputObject a 23 Any -PassThru).23 | Should -BeExactly 'Any'
    }
    It 'takes a member type by number or name, then a name and a value' {
        (Add-Member -InputObject a 8 np Any -PassThru).np | Should -BeExactly 'Any'
        (Add-Member -InputObject a 16 sp { 1 + 1 } -PassThru).sp | Should -Be 2
        (Add-Member -InputObject a NoteProperty np2 Val -PassThru).np2 | Should -BeExactly 'Val'
    }
    It 'reports an existing member as an InvalidOperationException' {
        $object = @(1, 2)
        Add-Member -InputObject $object 'ABC' 'Value1'
        Add-Member -InputObject $object 'ABC' 'Value2' -ErrorVariable errorVar -ErrorAction SilentlyContinue
        $errorVar.Exception | Should -BeOfType System.InvalidOperationException
        $errorVar.Exception.Message | Should -Not -BeNullOrEmpty
    }
}

Describe 'Add-Member basics' {
    It 'a new note is seen, beside an existing one' {
        $o = New-Object psobject
        Add-Member -InputObject $o -MemberType NoteProperty -Name proppy -Value 'superVal'
        $o.proppy | Should -BeExactly 'superVal'
        Add-Member -InputObject $o -MemberType NoteProperty -Name AnotherMember -Value 'AnotherValue'
        $o.AnotherMember | Should -BeExactly 'AnotherValue'
    }
}

Complete-MiniPester
