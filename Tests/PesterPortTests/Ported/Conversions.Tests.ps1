# Ported from test/powershell/Language/Parser/Conversions.Tests.ps1 (casts of object[] to narrower
# generic collections and the generic reflection the test reads them with, strings to FileInfo,
# System.Object's methods called non-virtually through a cast); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Casting object[] to narrower generic collections' {
    It 'List of int from an array of one' {
        $result = [Collections.Generic.List[int]]@(1)
        $result.GetType().Name | Should -Be 'List`1'
        $result.GetType().GetGenericArguments().Length | Should -Be 1
        $result.GetType().GetGenericArguments()[0].Name | Should -Be 'Int32'
        $result.Count | Should -Be 1
    }
    It 'List of int from strings converts each element' {
        $result = [Collections.Generic.List[int]]@("4", "5")
        $result.GetType().GetGenericArguments()[0].Name | Should -Be 'Int32'
        $result -join ';' | Should -Be '4;5'
    }
    It 'List of string from a scalar' {
        $result = [Collections.Generic.List[string]]1
        $result.GetType().GetGenericArguments()[0].Name | Should -Be 'String'
        $result.Count | Should -Be 1
        $result -join ';' | Should -Be '1'
    }
    It 'ObjectModel Collection of int from an array' {
        $result = [System.Collections.ObjectModel.Collection[int]]@(1, 2)
        $result.GetType().Name | Should -Be 'Collection`1'
        $result.GetType().GetGenericArguments()[0].Name | Should -Be 'Int32'
        $result.Count | Should -Be 2
        $result -join ';' | Should -Be '1;2'
    }
    It 'ObjectModel Collection of int from a string scalar' {
        $result = [System.Collections.ObjectModel.Collection[int]]"4"
        $result.GetType().Name | Should -Be 'Collection`1'
        $result.Count | Should -Be 1
        $result[0] | Should -BeOfType [int]
    }
    It 'ObjectModel Collection of int from strings' {
        $result = [System.Collections.ObjectModel.Collection[int]]@("4", "5")
        $result -join ';' | Should -Be '4;5'
        $result -is [System.Collections.ObjectModel.Collection[int]] | Should -BeTrue
    }
    It 'List of FileInfo from strings' {
        $result = [Collections.Generic.List[System.IO.FileInfo]]@('TestFile1', 'TestFile2')
        $result.GetType().GetGenericArguments()[0].Name | Should -Be 'FileInfo'
        $result.Count | Should -Be 2
        $result -join ';' | Should -Be 'TestFile1;TestFile2'
    }
    It 'List of FileInfo from one string' {
        $result = [Collections.Generic.List[System.IO.FileInfo]]'TestFile'
        $result.Count | Should -Be 1
        $result -join ';' | Should -Be 'TestFile'
    }
}

Describe 'Generic type reflection' {
    It 'IsGenericType and GetGenericTypeDefinition' {
        [Collections.Generic.List[int]].IsGenericType | Should -BeTrue
        [int].IsGenericType | Should -BeFalse
        [Collections.Generic.List[int]].GetGenericTypeDefinition().Name | Should -Be 'List`1'
    }
    It 'a dictionary has two generic arguments' {
        $arguments = [Collections.Generic.Dictionary[string, int]].GetGenericArguments()
        $arguments.Length | Should -Be 2
        $arguments[1].FullName | Should -Be 'System.Int32'
        [Collections.Generic.Dictionary[string, int]].GenericTypeArguments[0].Name | Should -Be 'String'
    }
    It 'a non-generic type has no generic arguments' {
        [string].GetGenericArguments().Length | Should -Be 0
        { [int].GetGenericTypeDefinition() } | Should -Throw
    }
    It 'only arrays are arrays' {
        [int[]].IsArray | Should -BeTrue
        [Collections.Generic.List[int]].IsArray | Should -BeFalse
    }
}

Describe 'Strings to FileInfo and DirectoryInfo' {
    It 'a missing file converts, and does not exist' {
        $f = [System.IO.FileInfo]'no-such-file.txt'
        $f -is [System.IO.FileInfo] | Should -BeTrue
        $f.Exists | Should -BeFalse
        $f.Name | Should -Be 'no-such-file.txt'
        $f.Extension | Should -Be '.txt'
        "$f" | Should -Be 'no-such-file.txt'
    }
    It 'an existing directory converts to a DirectoryInfo that exists' {
        $d = [System.IO.DirectoryInfo]'/tmp'
        $d.Exists | Should -BeTrue
        $d.FullName | Should -Be '/tmp'
    }
}

Describe 'Calling methods through a conversion' {
    It 'calls virtual method non-virtually' {
        ([object]"abc").ToString() | Should -Be "System.String"
        $r = [guid]::NewGuid().Guid
        ([object]($r + "a")).Equals(($r + "a")) | Should -BeFalse
    }
    It 'a value type still compares by value through object' {
        ([object]5).Equals(5) | Should -BeTrue
        ([object]5).Equals([long]5) | Should -BeFalse
    }
    It 'calls method on a super-type, when conversion syntax used' {
        ([System.Management.Automation.ActionPreference]"Stop").ToString() | Should -Be "Stop"
    }
}
Complete-MiniPester
