# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Select-Object.Tests.ps1 (First,
# Last, Skip, SkipLast, Index, SkipIndex, Unique, -Wait, wildcard properties, ExcludeProperty, the
# Selected.* type name, hashtable entries) and Get-Unique.Tests.ps1; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Select-Object' {
    $files = 1..6 | ForEach-Object { [pscustomobject]@{ Name = "f$_"; Size = $_ * 10; Mode = 'a' } }
    It 'takes -InputObject as one object' {
        (Select-Object -InputObject $files -Last 3).Length | Should -Be 6
    }
    It '-First, -Last, -Skip and -Index' {
        ($files | Select-Object -First 3).Name -join ',' | Should -BeExactly 'f1,f2,f3'
        ($files | Select-Object -Last 3).Name -join ',' | Should -BeExactly 'f4,f5,f6'
        ($files | Select-Object -Skip 3).Name -join ',' | Should -BeExactly 'f4,f5,f6'
        ($files | Select-Object -Index 2, 4).Name -join ',' | Should -BeExactly 'f3,f5'
    }
    It '-Unique and -CaseInsensitive' {
        ('a', 'b', 'c', 'a', 'a', 'a' | Select-Object -Unique).Length | Should -Be 3
        $r = 'abc', 'Abc' | Select-Object -Unique -CaseInsensitive
        $r.Count | Should -Be 1
        $r | Should -Be 'abc'
    }
    It 'selected columns only' {
        $r = $files | Select-Object -Property Name, Size
        $r.Length | Should -Be 6
        $r[0].Size | Should -Be 10
        $r[0].Mode | Should -BeNullOrEmpty
    }
    It '-First stops upstream, -Wait does not' {
        $objs = 1..4 | ForEach-Object { [pscustomobject]@{ Size = $_ } }
        $null = $objs | ForEach-Object { $_.Size++; $_ } | Select-Object -First 2
        $objs[3].Size | Should -Be 4
        $null = $objs | ForEach-Object { $_.Size++; $_ } | Select-Object -First 2 -Wait
        $objs[3].Size | Should -Be 5
    }
    It 'stopping upstream leaves no error' {
        1, 2 | Select-Object -First 1 -ErrorVariable err
        $err | Should -BeNullOrEmpty
    }
}

Describe 'Select-Object DRT' {
    $employees = @(
        [pscustomobject]@{ FirstName = 'joseph'; LastName = 'smith'; YearsInMS = 15 }
        [pscustomobject]@{ FirstName = 'paul'; LastName = 'smith'; YearsInMS = 15 }
        [pscustomobject]@{ FirstName = 'mary'; LastName = 'soe'; YearsInMS = 5 }
        [pscustomobject]@{ FirstName = 'edmund'; LastName = 'bush'; YearsInMS = 9 }
    )
    It 'refuses an empty script block property' {
        { 'bar' | Select-Object -Prop {} -ErrorAction Stop } | Should -Throw -ErrorId 'EmptyScriptBlockAndNoName,Microsoft.PowerShell.Commands.SelectObjectCommand'
    }
    It '-First and -Last together, overlapping or not' {
        ($employees | Select-Object -Property YearsInMS, 'L*' -First 2 -Last 3).Count | Should -Be 4
        $r = $employees | Select-Object -Property YearsInMS, 'L*' -First 2 -Last 1
        $r.LastName -join ',' | Should -BeExactly 'smith,smith,bush'
        $r.YearsInMS -join ',' | Should -BeExactly '15,15,9'
    }
    It 'a missing property on a string still gives one object' {
        ('bar' | Select-Object -Prop foo | Measure-Object).Count | Should -Be 1
    }
    It '-First 0 and -Last 0 give nothing' {
        ($employees | Select-Object -Property YearsInMS -First 0).Count | Should -Be 0
        ($employees | Select-Object -Property YearsInMS -Last 0).Count | Should -Be 0
    }
    It '-Unique compares the selected properties and keeps the last duplicate' {
        $r = $employees | Select-Object -Property YearsInMS, 'L*' -Unique:$true
        $r.Count | Should -Be 3
        $r.LastName -join ',' | Should -BeExactly 'smith,soe,bush'
    }
    It '$null input gives nothing' {
        ($null | Select-Object -Property FirstName, YearsInMS).Count | Should -Be 0
    }
    It '-Skip, -SkipLast, -Index and -SkipIndex' {
        ('1', '2', '3' | Select-Object -Skip 1) -join ',' | Should -BeExactly '2,3'
        ('1', '2', '3' | Select-Object -SkipLast 1) -join ',' | Should -BeExactly '1,2'
        ('1', '2', '3' | Select-Object -Skip 1 -SkipLast 1) -join ',' | Should -BeExactly '2'
        ('1', '2' | Select-Object -Skip 2 -SkipLast 1).Count | Should -Be 0
        ('1', '2' | Select-Object -Skip 1 -SkipLast 2).Count | Should -Be 0
        ('1', '2', '3' | Select-Object -Index 2) | Should -BeExactly '3'
        ('1', '2', '3' | Select-Object -SkipIndex 0, 2) | Should -BeExactly '2'
        (0..10 | Select-Object -SkipIndex 5, 6, 7, 8, 11) -join ',' | Should -BeExactly '0,1,2,3,4,9,10'
    }
}

Describe "Select-Object with Property = '*'" {
    It 'never adds a property named *' {
        $r = [pscustomobject]@{ Thing = 'thing1' } | Select-Object -ExcludeProperty thing
        $r.psobject.Properties.Item('*') | Should -BeNullOrEmpty
        $r = [pscustomobject]@{ Thing = 'thing1' } | Select-Object -Property * -ExcludeProperty thing
        $r.psobject.Properties.Item('*') | Should -BeNullOrEmpty
    }
    It 'excludes the properties named' {
        $r = [pscustomobject]@{ Thing = 'thing1' } | Select-Object -ExcludeProperty thing
        $r.psobject.Properties.Item('Thing') | Should -BeNullOrEmpty
        $r = [pscustomobject]@{ Thing = 'thing1'; Param2 = 'param2' } | Select-Object -ExcludeProperty Param2
        $r.Param2 | Should -BeNullOrEmpty
        $r.Thing | Should -BeExactly 'thing1'
        $r = [pscustomobject]@{ Thing = 'thing1'; Param2 = 'param2' } | Select-Object -Property * -ExcludeProperty Param2
        $r.Thing | Should -BeExactly 'thing1'
    }
    It 'adds the Selected.* type name once' {
        $obj = [PSCustomObject]@{ Name = 1 }
        $obj.psobject.TypeNames.Count | Should -Be 2
        $obj = $obj | Select-Object
        $obj.psobject.TypeNames.Count | Should -Be 3
        $obj.psobject.TypeNames[0] | Should -BeLike 'Selected*'
        $obj.psobject.TypeNames[1] | Should -Not -BeLike 'Selected*'
    }
}

Describe 'Select-Object on hashtables' {
    It 'reads entries as properties, before the hashtable''s own members' {
        (@{ Entry = 100 } | Select-Object -Property Entry).Entry | Should -Be 100
        @{ Entry = 100 } | Select-Object -ExpandProperty Entry | Should -Be 100
        (@{ Value = 10 } | Select-Object -Property Keys).Keys | Should -Be 'Value'
        (@{ Keys = 10 } | Select-Object -Property Keys).Keys | Should -Be 10
        (@{ a = 10; b = 20; c = 30 } | Select-Object -Property Count).Count | Should -Be 3
        @{ a = 10; b = 20; c = 30 } | Select-Object -ExpandProperty Count | Should -Be 3
    }
}

Describe 'Select-Object -ExpandProperty with wildcards' {
    It 'expands the one property a wildcard matches' {
        $result = Compare-Object ([version]'1.2.3.4') ([version]'5.6.7.8') -IncludeEqual -Property {$_.Major}, {$_.Minor}
        $result[0] | Select-Object -ExpandProperty '*Major' | Should -Be 5
        $result[1] | Select-Object -ExpandProperty '*Minor' | Should -Be 2
    }
    It 'reports a wildcard that matches more than one property, or none' {
        { [pscustomobject]@{ ab = 1; ac = 2 } | Select-Object -ExpandProperty 'a*' -ErrorAction Stop } | Should -Throw -ErrorId 'MutlipleExpandProperties,Microsoft.PowerShell.Commands.SelectObjectCommand'
        { [pscustomobject]@{ ab = 1 } | Select-Object -ExpandProperty 'z*' -ErrorAction Stop } | Should -Throw -ErrorId 'ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand'
    }
}

Describe 'Write-Progress validation' {
    It 'refuses a -ParentId below -1 and a negative -Id' {
        { Write-Progress -Activity 'myactivity' -Status 'mystatus' -Id 1 -ParentId -2 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.WriteProgressCommand'
        { Write-Progress -Activity 'myactivity' -Id -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.WriteProgressCommand'
    }
}

Describe 'Get-Unique' {
    It 'drops adjacent duplicates only, case-sensitively for strings' {
        ('a', 'a', 'b', 'a' | Get-Unique) -join ',' | Should -BeExactly 'a,b,a'
        ('a', 'A' | Get-Unique) -join ',' | Should -BeExactly 'a,A'
        (1, 1, 2, 2, 3 | Get-Unique) -join ',' | Should -BeExactly '1,2,3'
    }
    It '-AsString compares text, -OnType compares types' {
        (1, '1', 2 | Get-Unique -AsString) -join ',' | Should -BeExactly '1,2'
        (1, 2, 'a', 'b', 3 | Get-Unique -OnType).Count | Should -Be 3
    }
    It 'writes nothing for no input' {
        @() | Get-Unique | Should -BeNullOrEmpty
    }
}

Complete-MiniPester
