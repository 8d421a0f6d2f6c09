# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertFrom-Json.Tests.ps1 (with
# and without -AsHashtable: documents per string and across strings, errors, metadata names, depth
# limits and -Depth, -NoEnumerate, null, order, comments, -DateKind String); the assertions, in
# hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

function New-NestedJson {
    param([int]$Depth)
    $json = 'true'
    $Depth..1 | ForEach-Object { $json = '{"' + $_ + '":' + $json + '}' }
    $json
}

function Get-ObjectDepth {
    param($InputObject)
    for ($i = 1; $i -le 2048; $i++) {
        $InputObject = Select-Object -InputObject $InputObject -ExpandProperty $i
        if ($InputObject -eq $true) { return $i }
    }
}

Describe 'ConvertFrom-Json documents' {
    It 'a single-line object, as an object and as a hashtable' {
        ('{"a" : "1"}' | ConvertFrom-Json).a | Should -Be 1
        ('{"a" : "1"}' | ConvertFrom-Json -AsHashtable).a | Should -Be 1
    }
    It 'one object per string' {
        $j = '{"a" : "1"}', '{"a" : "x"}' | ConvertFrom-Json
        $j.Count | Should -Be 2
        $j[1].a | Should -Be 'x'
        $j = '{"a" : "1"}', '{"a" : "x"}' | ConvertFrom-Json -AsHashtable
        $j[1].a | Should -Be 'x'
        $j[0] | Should -BeOfType Hashtable
    }
    It 'one object across strings' {
        ('{"a" :', '"x"}' | ConvertFrom-Json).a | Should -Be 'x'
        ('{"a" :', '"x"}' | ConvertFrom-Json -AsHashtable) | Should -BeOfType Hashtable
    }
    It 'an incomplete array is an ArgumentException' {
        { ConvertFrom-Json '["1",' } | Should -Throw -ErrorId 'System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand'
        { ConvertFrom-Json '[' -AsHashtable } | Should -Throw -ErrorId 'System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand'
    }
    It 'names like Json.NET metadata are plain properties' {
        $j = '{"$id":13, "$type":"Calendar.Months.December", "$ref":1989}' | ConvertFrom-Json
        $j.'$id' | Should -Be 13
        $j.'$type' | Should -Be 'Calendar.Months.December'
        ('{"$id":13, "$ref":1989}' | ConvertFrom-Json -AsHashtable).'$ref' | Should -Be 1989
    }
    It 'null, alone and in an array' {
        'null' | ConvertFrom-Json | Should -Be $null
        $out = '[1, null, 2]' | ConvertFrom-Json
        $out.Length | Should -Be 3
        $out[1] | Should -Be $null
        $out[2] | Should -Be 2
    }
    It 'a hashtable keeps the document''s order' {
        ('{"a":1,"b":2,"c":3}' | ConvertFrom-Json -AsHashtable | Out-String).Trim() | Should -BeExactly (@(
            'Name                           Value'
            '----                           -----'
            'a                              1'
            'b                              2'
            'c                              3') -join [Environment]::NewLine)
    }
    It 'comments are skipped in arrays and objects' {
        "[`n// comment`n100,`n/* comment */`n200`n]" | ConvertFrom-Json | Should -Be @(100, 200)
        $j = "{`n// comment`n`"a`": 100,`n/* comment */`n`"b`": 200`n}" | ConvertFrom-Json -AsHashtable
        $j.Keys | Should -Be @('a', 'b')
        $j = "{`n// comment`n`"a`": 100,`n/* comment */`n`"b`": 200`n}" | ConvertFrom-Json
        $j.psobject.Properties | Should -HaveCount 2
        $j.b | Should -Be 200
    }
    It '-DateKind String keeps date text' {
        '"2022-11-02T12:01:44.5801388+04:00"' | ConvertFrom-Json -DateKind String | Should -BeOfType ([string])
        '"1970-01-01T00:00:00.0000000Z"' | ConvertFrom-Json -DateKind String | Should -Be '1970-01-01T00:00:00.0000000Z'
        ('"1970-01-01T00:00:00"' | ConvertFrom-Json) | Should -BeOfType ([datetime])
        ('"1970-01-01T00:00:00"' | ConvertFrom-Json).Kind | Should -Be 'Unspecified'
        ('"1970-01-01T00:00:00Z"' | ConvertFrom-Json -DateKind Utc).Kind | Should -Be 'Utc'
    }
}

Describe 'ConvertFrom-Json arrays' {
    It 'enumerates an array unless -NoEnumerate' {
        '[ 1, 2 ]' | ConvertFrom-Json -NoEnumerate | ConvertTo-Json -Compress | Should -Be '[1,2]'
        '[ 1, 2 ]' | ConvertFrom-Json | ConvertTo-Json -Compress | Should -Be '[1,2]'
        ('[ 1, 2 ]' | ConvertFrom-Json | Measure-Object).Count | Should -Be 2
        ('[ 1, 2 ]' | ConvertFrom-Json -NoEnumerate | Measure-Object).Count | Should -Be 1
        '[ 1 ]' | ConvertFrom-Json | ConvertTo-Json | Should -Be 1
        '[ 1 ]' | ConvertFrom-Json -NoEnumerate | ConvertTo-Json -Compress | Should -Be '[1]'
    }
}

Describe 'ConvertFrom-Json depth' {
    It 'reads 1024 levels by default and refuses 1025' {
        New-NestedJson -Depth 1024 | ConvertFrom-Json | Should -BeOfType PSCustomObject
        New-NestedJson -Depth 1024 | ConvertFrom-Json -AsHashtable | Should -BeOfType Hashtable
        { New-NestedJson -Depth 1025 | ConvertFrom-Json } | Should -Throw -ErrorId 'System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand'
        { New-NestedJson -Depth 1025 | ConvertFrom-Json -AsHashtable } | Should -Throw -ErrorId 'System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand'
    }
    It 'reads up to -Depth levels' {
        Get-ObjectDepth (New-NestedJson -Depth 1 | ConvertFrom-Json -Depth 2) | Should -Be 1
        Get-ObjectDepth (New-NestedJson -Depth 2 | ConvertFrom-Json -Depth 2) | Should -Be 2
        Get-ObjectDepth (New-NestedJson -Depth 199 | ConvertFrom-Json -Depth 200 -AsHashtable) | Should -Be 199
        Get-ObjectDepth (New-NestedJson -Depth 2000 | ConvertFrom-Json -Depth 2000) | Should -Be 2000
    }
    It 'refuses deeper documents than -Depth' {
        { New-NestedJson -Depth 3 | ConvertFrom-Json -Depth 2 } | Should -Throw -ErrorId 'System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand'
        { New-NestedJson -Depth 201 | ConvertFrom-Json -Depth 200 -AsHashtable } | Should -Throw -ErrorId 'System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand'
        { New-NestedJson -Depth 2001 | ConvertFrom-Json -Depth 2000 } | Should -Throw -ErrorId 'System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand'
        { New-NestedJson -Depth 3 | ConvertFrom-Json -Depth 2 } | Should -Throw "*The reader's MaxDepth of 2 has been exceeded. Path '1.2', line 1, position 11."
    }
    It '-Depth must be positive' {
        { '{}' | ConvertFrom-Json -Depth 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.ConvertFromJsonCommand'
    }
}

Complete-MiniPester
