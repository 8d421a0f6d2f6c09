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
Describe 'Method conversion' {
    class M {
        [int] Twice([int] $value) { return 2 * $value }
        static [int] Thrice([int] $value) { return 3 * $value }
        static [int] Add([int] $i, [int16] $j) { return $i + $j }
        static [int] Apply([int] $value, [Func[int, int]] $function) { return $function.Invoke($value) }
        static [int] Apply([int] $v1, [Int16] $v2, [Func[int, int16, int]] $function) { return $function.Invoke($v1, $v2) }
        static [char] Foo([char] $i) { return $i }
        static [int16] Foo([int16] $i) { return $i }
        static [IntPtr] Foo([IntPtr] $i) { return $i }
        static [timespan] Foo([timespan] $i, [timespan] $j) { return $i }
    }
    class N {
        [string] GetA([int] $i, [string] $s) { return "GetA-int-string-string" }
        [string] GetA([System.IO.FileSystemInfo] $fsinfo, [object] $o) { return "GetA-filesysteminfo-object-string" }
        [string] GetA([System.IO.FileInfo] $finfo, [object] $o) { return "GetA-fileinfo-object-string" }
        [string] GetB([System.IO.FileSystemInfo] $fsinfo, [object] $o) { return "GetB-filesysteminfo-object-string" }
        [object] GetB([System.IO.FileInfo] $finfo, [string] $s) { return "GetB-fileinfo-string-object" }
        static [string] GetBStatic([System.IO.FileSystemInfo] $fsinfo, [object] $o) { return "GetBStatic-filesysteminfo-object-string" }
        static [object] GetBStatic([System.IO.FileInfo] $finfo, [string] $s) { return "GetBStatic-fileinfo-string-object" }
    }

    It 'converts static method as Func' {
        { [Func[int, int]] [M]::Thrice } | Should -Not -Throw
        ([Func[int, int]] [M]::Thrice) | Should -Not -BeNullOrEmpty
        $f = [Func[int, int]] [M]::Thrice
        [M]::Apply(1, $f) | Should -Be 3
    }
    It 'calls static method as Func with two arguments' {
        $f = [Func[int, int16, int]] [M]::Add
        [M]::Apply(3, 4, $f) | Should -Be 7
        $f.Invoke(2, 6) | Should -Be 8
    }
    It 'calls static method as Func no cast' {
        [M]::Apply(3, 4, [M]::Add) | Should -Be 7
    }
    It 'converts instance psmethodinfo to Func' {
        $m = [M]::new()
        { [Func[int, int]] $m.Twice } | Should -Not -Throw
        ([Func[int, int]] $m.Twice).Invoke(21) | Should -Be 42
    }
    It 'chooses the overload whose signature the delegate has' {
        [Func[int16, int16]] $f1 = [M]::Foo
        $f1.Invoke(10) | Should -Be 10
        [Func[IntPtr, IntPtr]] $f2 = [M]::Foo
        $f2.Invoke(10) | Should -Be 10
        $timespan = [timespan]::FromMinutes(62)
        [Func[timespan, timespan, timespan]] $f3 = [M]::Foo
        $f3.Invoke($timespan, [timespan]::Zero) | Should -Be $timespan
    }
    It 'a method reference is a PSMethod listing its overloads' {
        $m = [M]::new()
        $m.Twice.GetType().FullName | Should -BeExactly 'System.Management.Automation.PSMethod'
        $m.Twice.OverloadDefinitions | Should -BeExactly 'int Twice(int value)'
        [M]::Thrice.OverloadDefinitions | Should -BeExactly 'static int Thrice(int value)'
        [M]::Thrice.Invoke(5) | Should -Be 15
    }
    It 'matches with variance and uses the first match when there is no exact match' {
        $n = [N]::new()
        [Func[[System.IO.FileInfo], [string], [object]]] $f = $n.GetA
        $f.Invoke($null, $null) | Should -BeExactly "GetA-filesysteminfo-object-string"
    }
    It 'prefers an exact match over a match with variance' {
        $n = [N]::new()
        [Func[[System.IO.FileInfo], [string], [object]]] $f = $n.GetB
        $f.Invoke($null, $null) | Should -BeExactly "GetB-fileinfo-string-object"
        $f = [N]::GetBStatic
        $f.Invoke([System.IO.FileInfo]::new("ccc"), "ddd") | Should -BeExactly "GetBStatic-fileinfo-string-object"
    }
    It 'fails to convert to a delegate no overload fits' {
        $n = [N]::new()
        { [System.Management.Automation.LanguagePrimitives]::ConvertTo($n.GetB, [Func[[int], [object]]]) } | Should -Throw -ErrorId "PSInvalidCastException"
    }
}

Describe 'Float and double precision when converting to string' {
    It 'a float from a double through IConvertible keeps its shortest digits in ToString' {
        [float]$f = 1.1
        $value = ($f * 3).ToSingle([cultureinfo]::InvariantCulture)
        $value | Should -BeOfType [float]
        $value.ToString() | Should -BeExactly '3.3000002'
        [string]$value | Should -BeExactly '3.3'
        "$value" | Should -BeExactly '3.3'
        [System.Management.Automation.LanguagePrimitives]::ConvertTo($value, [string]) | Should -BeExactly '3.3'
    }
    It 'a double keeps 15 digits in its string conversion' {
        $value = 1.1 * 3
        $value.ToString() | Should -BeExactly '3.3000000000000003'
        [System.Management.Automation.LanguagePrimitives]::ConvertTo($value, [string]) | Should -BeExactly '3.3'
    }
    It 'float.ToString() turns scientific from exponent 7' {
        ([float]1e7).ToString() | Should -BeExactly '1E+07'
        ([float]1234567).ToString() | Should -BeExactly '1234567'
        [float]::MaxValue.ToString() | Should -BeExactly '3.4028235E+38'
    }
}

Describe 'ForEach and Where magic methods on null and by their PS names' {
    # Ported from test/powershell/engine/ETS/Adapter.Tests.ps1.
    It 'ForEach and Where work for null' {
        $res = $null.ForEach({1})
        $res.Count | Should -Be 0
        $res.GetType().Name | Should -BeExactly 'Collection`1'
        $res = $null.Where({$true})
        $res.Count | Should -Be 0
    }
    It 'PSForEach is an alias for the ForEach magic method' {
        $x = 5
        $x.PSForEach({$_}) | Should -Be 5
        $p = $null.PSForEach{"I didn't run"}
        $p.GetType().Name | Should -BeExactly 'Collection`1'
        $p.Count | Should -BeExactly 0
        ([pscustomobject]@{ Name = 'bar' }).PSForEach({$_.Name}) | Should -BeExactly 'bar'
    }
    It 'PSWhere is an alias for the Where magic method' {
        $x = 5
        $x.PSWhere{$true} | Should -Be 5
        $p = $null.PSWhere{"I didn't run"}
        $p.Count | Should -BeExactly 0
        ([pscustomobject]@{ Name = 'bar' }).PSWhere({$_.Name}) | ForEach-Object Name | Should -BeExactly 'bar'
    }
}

Complete-MiniPester
