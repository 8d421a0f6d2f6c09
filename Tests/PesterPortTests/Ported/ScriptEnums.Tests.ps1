# Ported from test/powershell/Language/Classes/scripting.enums.tests.ps1: enum statements (implicit and
# explicit values, constant expressions naming other enums of the script, underlying types, negative
# values) and the errors PowerShell reports for bad ones, at parse time or when the type is defined;
# plus about_Enum's flags, conversions and comparisons. The assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

function Get-ParseErrorIds([string]$Source) {
    $errors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseInput($Source, [ref]$null, [ref]$errors)
    ($errors | ForEach-Object { "$($_.ErrorId)@$($_.Extent.StartOffset)" }) -join ','
}

function Get-DefinitionErrorId([string]$Source) {
    try {
        [scriptblock]::Create($Source).Invoke() > $null
        'none'
    } catch {
        $_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId
    }
}

Describe 'enums' {
    Context 'basic enums' {
        enum E1 {
            e0
            e1
            e2
        }
        It 'numbers the enumerators from 0' {
            [E1]::e0 | Should -Be ([E1]0)
            [E1]::e1 | Should -Be ([E1]1)
            [E1]::e2 | Should -Be ([E1]2)
        }
        It 'compares with strings' {
            [E1]::e1 | Should -Be 'e1'
            'e2' | Should -Be ([E1]::e2)
        }
    }
    Context 'an explicit value' {
        enum E2 {
            e0
            e1 = 5
            e2
        }
        It 'continues counting after an explicit value' {
            [E2]::e0 | Should -Be ([E2]0)
            [E2]::e1 | Should -Be ([E2]5)
            [E2]::e2 | Should -Be ([E2]6)
        }
    }
    Context 'a constant expression' {
        enum E3 {
            e0
            e1 = 5
            e2 = [int]::MaxValue
            e3 = 1
        }
        It 'takes a static member as the value, and a smaller one after it' {
            [E3]::e2 | Should -Be ([E3]([int]::MaxValue))
            [E3]::e3 | Should -Be ([E3]1)
            [E3]::e2 | Should -Be 'e2'
        }
    }
    Context 'values that name enums defined later' {
        enum E4 {
            e0 = [E5]::e0 + 2
        }
        enum E5 {
            e0 = [E6]::e0 + 2
        }
        enum E6 {
            e0 =38
        }
        It 'defines them in the order their values need' {
            [E4]::e0 | Should -Be ([E4]42)
            [E5]::e0 | Should -Be ([E5]40)
            [E6]::e0 | Should -Be ([E6]38)
        }
    }
    Context 'underlying types' {
        enum EX1 : byte { A;B;C;D }
        enum EX2 : sbyte { A;B;C;D }
        enum EX3 : short { A;B;C;D }
        enum EX4 : ushort { A;B;C;D }
        enum EX5 : int { A;B;C;D }
        enum EX6 : uint { A;B;C;D }
        enum EX7 : long { A;B;C;D }
        enum EX8 : ulong { A;B;C;D }
        It 'reports the underlying type written' {
            [Enum]::GetUnderlyingType([EX1]) | Should -Be ([byte])
            [Enum]::GetUnderlyingType([EX2]) | Should -Be ([sbyte])
            [Enum]::GetUnderlyingType([EX3]) | Should -Be ([short])
            [Enum]::GetUnderlyingType([EX4]) | Should -Be ([ushort])
            [Enum]::GetUnderlyingType([EX5]) | Should -Be ([int])
            [Enum]::GetUnderlyingType([EX6]) | Should -Be ([uint])
            [Enum]::GetUnderlyingType([EX7]) | Should -Be ([long])
            [Enum]::GetUnderlyingType([EX8]) | Should -Be ([ulong])
        }
        It 'gives value__ in the underlying type' {
            [EX1]::B.value__ | Should -BeOfType ([byte])
            [EX7]::D.value__ | Should -BeOfType ([long])
        }
    }
    Context 'negative values' {
        enum V1 {
            A = -4
            B = [int]::MinValue
            C
        }
        It 'assigns them, counting up after them' {
            [V1]::A.value__ | Should -Be -4
            [V1]::B.value__ | Should -Be -2147483648
            [V1]::C.value__ | Should -Be -2147483647
        }
    }
    Context 'flags and conversions' {
        [Flags()] enum Perm { Read = 1; Write = 2; Run = 4 }
        enum Shade { Light; Dark }
        It 'converts a comma list to a flags value and prints it back' {
            [string][Perm]'Read, Run' | Should -BeExactly 'Read, Run'
            ([Perm]::Read -bor [Perm]::Write).value__ | Should -Be 3
            [string][Perm]7 | Should -BeExactly 'Read, Write, Run'
            ([Perm]6).HasFlag([Perm]::Write) | Should -BeTrue
        }
        It 'lists its names and values' {
            [Enum]::GetNames([Shade]) -join ',' | Should -BeExactly 'Light,Dark'
            [Enum]::GetValues([Shade]).Count | Should -Be 2
            [Shade]::Dark.GetType().Name | Should -BeExactly 'Shade'
            [Shade].IsEnum | Should -BeTrue
        }
        It 'binds a parameter of its type from a name' {
            function Get-Shade([Shade]$s) { $s }
            (Get-Shade dark) | Should -Be ([Shade]::Dark)
            { Get-Shade Purple } | Should -Throw
        }
        It 'compares by value' {
            [Shade]::Light -lt [Shade]::Dark | Should -BeTrue
            [Shade]::Dark -eq 1 | Should -BeTrue
            [Shade]::Dark -is [Shade] | Should -BeTrue
        }
    }
}

Describe 'Basic enum errors' {
    It 'reports a missing name' { Get-ParseErrorIds 'enum' | Should -BeExactly 'MissingNameAfterKeyword@4' }
    It 'reports a missing body' { Get-ParseErrorIds 'enum foo' | Should -BeExactly 'MissingTypeBody@8' }
    It 'reports a missing closing brace' { Get-ParseErrorIds 'enum foo {' | Should -BeExactly 'MissingEndCurlyBrace@10' }
    It 'reports a missing value' { Get-ParseErrorIds 'enum foo { x = }' | Should -BeExactly 'ExpectedValueExpression@14' }
    It 'reports a missing value and brace' { Get-ParseErrorIds 'enum foo { x =' | Should -BeExactly 'ExpectedValueExpression@14,MissingEndCurlyBrace@10' }
    It 'reports a second enum of the same name' { Get-ParseErrorIds 'enum foo {} enum foo {}' | Should -BeExactly 'MemberAlreadyDefined@12' }
    It 'reports a missing brace after members' { Get-ParseErrorIds 'enum foo { a;b;c;' | Should -BeExactly 'MissingEndCurlyBrace@10' }
    It 'refuses a repeated enumerator' { Get-DefinitionErrorId 'enum foo { x; x }' | Should -BeExactly 'MemberAlreadyDefined' }
    It 'refuses a repeated enumerator in another case' { Get-DefinitionErrorId 'enum foo { X; x }' | Should -BeExactly 'MemberAlreadyDefined' }
    It 'refuses values that depend on each other' { Get-DefinitionErrorId 'enum foo1 { x = [foo2]::x } enum foo2 { x = [foo1]::x }' | Should -BeExactly 'CycleInEnumInitializers' }
    It 'refuses counting past the maximum' { Get-DefinitionErrorId 'enum foo { e = [int]::MaxValue;  e2 }' | Should -BeExactly 'EnumeratorValueOutOfBounds' }
    It 'refuses a value above the maximum' { Get-DefinitionErrorId 'enum foo { e = [int]::MaxValue + 1 }' | Should -BeExactly 'EnumeratorValueOutOfBounds' }
    It 'refuses a value below the minimum' { Get-DefinitionErrorId 'enum foo : byte { e = -1 }' | Should -BeExactly 'EnumeratorValueOutOfBounds' }
    It 'refuses a variable as a value' { Get-DefinitionErrorId 'enum foo { e = $foo }' | Should -BeExactly 'EnumeratorValueMustBeConstant' }
    It 'refuses a string as a value' { Get-DefinitionErrorId 'enum foo { e = "hello" }' | Should -BeExactly 'CannotConvertValue' }
    It 'refuses a non-integral underlying type' { Get-ParseErrorIds 'enum foo : string { a }' | Should -BeExactly 'InvalidUnderlyingType@11' }
}

Complete-MiniPester
