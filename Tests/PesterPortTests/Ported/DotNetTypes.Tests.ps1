# Ported from test/powershell/Language/Operators/ComparisonOperator.Tests.ps1 (type operands, backtick
# wildcards, enum bit operators), engine/WildcardPattern.Tests.ps1 (ToRegex),
# Modules/Microsoft.PowerShell.Utility/Get-Culture.Tests.ps1, Get-UICulture.Tests.ps1 and
# Add-Type.Tests.ps1 (the parts hvsh can do without a C# compiler); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'ComparisonOperator type operands' {
    It 'a type name that is not a type is an error' {
        { Invoke-Expression "'Hello' -is 'foo'" } | Should -Throw -ErrorId 'RuntimeException,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
        { Invoke-Expression "'Hello' -isnot 'foo'" } | Should -Throw -ErrorId 'RuntimeException,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
        { Invoke-Expression "'Hello' -is [foo]" } | Should -Throw -ErrorId 'TypeNotFound,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
        { Invoke-Expression "'Hello' -isnot [foo]" } | Should -Throw -ErrorId 'TypeNotFound,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
    }
    It 'custom objects are PSCustomObject and PSObject, strings are not PSObject' {
        [pscustomobject]@{foo=1} -is [pscustomobject] | Should -BeTrue
        [pscustomobject]@{foo=1} -is [psobject] | Should -BeTrue
        [pscustomobject]@{foo=1} -is [string] | Should -BeFalse
        "hello" -is [system.string] | Should -BeTrue
        100 -is [system.int32] | Should -BeTrue
        "hello" -isnot [int] | Should -BeTrue
        "hello" -isnot [string] | Should -BeFalse
    }
    It 'backticks in -like patterns' {
        'abc`def' -like 'abc`def' | Should -Be $false
        'abc`def' -like 'abc``def' | Should -Be $true
        'abc`def' -like 'abc````def' | Should -Be $false
        'abc``def' -like 'abc````def' | Should -Be $true
        'abc`def' -like [WildcardPattern]::Escape('abc`def') | Should -Be $true
        'abc`def' -like [WildcardPattern]::Escape('abc``def') | Should -Be $false
        'abc``def' -like [WildcardPattern]::Escape('abc``def') | Should -Be $true
        'abc``def' -like [WildcardPattern]::Escape('abc````def') | Should -Be $false
    }
}

Describe 'Bytewise operators on enums' {
    It '-bor, -band and -bxor keep the enum type' {
        ([System.Security.AccessControl.AceFlags]::ObjectInherit -bxor [System.Security.AccessControl.AceFlags]::ContainerInherit).ToString() | Should -BeExactly 'ObjectInherit, ContainerInherit'
        ([System.Management.Automation.CommandTypes]::Alias -bor [System.Management.Automation.CommandTypes]::Application).ToString() | Should -BeExactly 'Alias, Application'
        ([System.Security.AccessControl.AceFlags]::ObjectInherit -band [System.Security.AccessControl.AceFlags]::ContainerInherit).ToString() | Should -BeExactly 'None'
        ([System.Management.Automation.CommandTypes]::Alias -band [System.Management.Automation.CommandTypes]::All).ToString() | Should -BeExactly 'Alias'
        ([System.Management.Automation.CommandTypes]::Alias -bxor [System.Management.Automation.CommandTypes]::Application).ToString() | Should -BeExactly 'Alias, Application'
    }
}

Describe 'WildcardPattern' {
    It 'ToRegex anchors only where the pattern has no star' {
        [System.Management.Automation.WildcardPattern]::new('*.txt').ToRegex().ToString() | Should -BeExactly '\.txt$'
        [System.Management.Automation.WildcardPattern]::new('test?.log').ToRegex().ToString() | Should -BeExactly '^test.\.log$'
        [System.Management.Automation.WildcardPattern]::new('file[0-9].txt').ToRegex().ToString() | Should -BeExactly '^file[0-9]\.txt$'
        [System.Management.Automation.WildcardPattern]::new('*test*file*.txt').ToRegex().ToString() | Should -BeExactly 'test.*file.*\.txt$'
        [System.Management.Automation.WildcardPattern]::new('test*').ToRegex().ToString() | Should -BeExactly '^test'
        [System.Management.Automation.WildcardPattern]::new('*test*').ToRegex().ToString() | Should -BeExactly 'test'
        [System.Management.Automation.WildcardPattern]::new('*test*').ToRegex() | Should -BeOfType ([regex])
    }
    It 'the regex matches as the pattern does' {
        [System.Management.Automation.WildcardPattern]::new('*test*file*.txt').ToRegex().IsMatch('mytestmyfile123.txt') | Should -Be $true
        [System.Management.Automation.WildcardPattern]::new('file[0-9][a-z].txt').ToRegex().IsMatch('file5a.txt') | Should -Be $true
        [System.Management.Automation.WildcardPattern]::new('file[0-9][a-z].txt').ToRegex().IsMatch('file55.txt') | Should -Be $false
        [System.Management.Automation.WildcardPattern]::new('TEST', [System.Management.Automation.WildcardOptions]::IgnoreCase).ToRegex().IsMatch('test') | Should -Be $true
    }
    It 'empty and star-only patterns' {
        [System.Management.Automation.WildcardPattern]::new('').ToRegex().ToString() | Should -Be '^$'
        $regex = [System.Management.Automation.WildcardPattern]::new('*').ToRegex()
        $regex.ToString() | Should -BeExactly ''
        $regex.IsMatch('anything') | Should -BeTrue
        $regex.IsMatch('') | Should -BeTrue
    }
    It 'escaped wildcard characters are literals' {
        [System.Management.Automation.WildcardPattern]::new('file`*.txt').ToRegex().ToString() | Should -BeExactly '^file\*\.txt$'
        [System.Management.Automation.WildcardPattern]::new('file`?.txt').ToRegex().ToString() | Should -BeExactly '^file\?\.txt$'
        [System.Management.Automation.WildcardPattern]::new('file`[.txt').ToRegex().ToString() | Should -BeExactly '^file\[\.txt$'
        [System.Management.Automation.WildcardPattern]::new('file`].txt').ToRegex().ToString() | Should -BeExactly '^file]\.txt$'
    }
    It 'IsMatch, Escape, Unescape and ContainsWildcardCharacters' {
        [WildcardPattern]::new('a*').IsMatch('abc') | Should -BeTrue
        [WildcardPattern]::new('A*').IsMatch('abc') | Should -BeFalse
        [WildcardPattern]::Get('A*', 'IgnoreCase').IsMatch('abc') | Should -BeTrue
        [WildcardPattern]::Escape('a*b?[c]') | Should -BeExactly 'a`*b`?`[c`]'
        [WildcardPattern]::Unescape('a`*b`?`[c`]') | Should -BeExactly 'a*b?[c]'
        [WildcardPattern]::Unescape('a`bc``') | Should -BeExactly 'a`bc`'
        [WildcardPattern]::ContainsWildcardCharacters('ab`*c') | Should -BeFalse
        [WildcardPattern]::ContainsWildcardCharacters('ab[c]') | Should -BeTrue
    }
}

Describe 'Get-Culture' {
    It 'returns a CultureInfo' {
        $culture = Get-Culture
        $culture | Should -BeOfType CultureInfo
        $culture.EnglishName | Should -BeExactly $Host.CurrentCulture.EnglishName
        Get-Culture -NoUserOverrides | Should -BeOfType CultureInfo
    }
    It '(Get-Culture).Name is $PSCulture' {
        (Get-Culture).Name | Should -BeExactly $PSCulture
    }
    It 'returns the culture named with -Name' {
        $ci = Get-Culture -Name ru-RU
        $ci | Should -BeOfType CultureInfo
        $ci.Name | Should -BeExactly 'ru-RU'
    }
    It 'returns every culture named, from arguments and from the pipeline' {
        $ciArray = Get-Culture '', 'ru-RU'
        $ciArray | Should -HaveCount 2
        $ciArray[0].EnglishName | Should -BeExactly 'Invariant Language (Invariant Country)'
        $ciArray[1].EnglishName | Should -BeExactly 'Russian (Russia)'
        $piped = '', 'ru-RU' | Get-Culture
        $piped | Should -HaveCount 2
        $piped[1].Name | Should -BeExactly 'ru-RU'
    }
    It 'lists cultures with -ListAvailable' {
        $ciArray = Get-Culture -ListAvailable
        $ciArray.Count | Should -BeGreaterThan 0
        $ciArray[0] | Should -BeOfType CultureInfo
    }
    It 'an unknown culture name fails validation' {
        { Get-Culture -Name 'abcdefghijkl' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetCultureCommand'
    }
    It '$PSUICulture is Get-UICulture''s name' {
        $result = Get-UICulture
        $result.Name | Should -Be $PSUICulture
        $result | Should -BeOfType CultureInfo
    }
    It '[cultureinfo] casts, statics and number formats' {
        ([cultureinfo]'de-DE').NumberFormat.NumberDecimalSeparator | Should -BeExactly ','
        [cultureinfo]::InvariantCulture.Name | Should -BeExactly ''
        [cultureinfo]::CurrentCulture.Name | Should -BeExactly $PSCulture
        { [cultureinfo]::new('abcdefghijkl') } | Should -Throw -ErrorId 'CultureNotFoundException'
    }
}

Describe 'StringComparer' {
    It 'compares as its name says' {
        [StringComparer]::OrdinalIgnoreCase.Equals('abc', 'ABC') | Should -BeTrue
        [StringComparer]::Ordinal.Equals('abc', 'ABC') | Should -BeFalse
        [StringComparer]::Ordinal.Compare('a', 'B') | Should -BeGreaterThan 0
        [StringComparer]::InvariantCultureIgnoreCase.Compare('a', 'B') | Should -Be -1
        [StringComparer]::OrdinalIgnoreCase.GetType().FullName | Should -BeExactly 'System.OrdinalIgnoreCaseComparer'
    }
    It 'makes generic collections ignore case' {
        $set = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        $set.Add('a') | Should -BeTrue
        $d = [System.Collections.Generic.Dictionary[string,int]]::new([StringComparer]::OrdinalIgnoreCase)
        $d['Key'] = 1
        $d['KEY'] | Should -Be 1
    }
}

Describe 'Add-Type' {
    It 'C# source outside the translated subset is a compile failure' {
        { Add-Type -TypeDefinition 'public static class CSharpfooType { public static T Id<T>(T x) { return x; } }' -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'COMPILER_ERRORS,Microsoft.PowerShell.Commands.AddTypeCommand'
        { Add-Type -MemberDefinition 'public static int F() { return Func(x => 1); }' -Name T -Namespace N -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'COMPILER_ERRORS,Microsoft.PowerShell.Commands.AddTypeCommand'
    }
    It 'an assembly .NET ships loads' {
        { Add-Type -AssemblyName 'System.Runtime.Serialization.Primitives' } | Should -Not -Throw
    }
    It 'an assembly that does not exist is a path error' {
        { Add-Type -AssemblyName 'NoSuchAssembly' -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound,Microsoft.PowerShell.Commands.AddTypeCommand'
    }
}

Complete-MiniPester
