# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Format-Table.Tests.ps1,
# Format-List.Tests.ps1 and Format-Wide.Tests.ps1 (enumeration limits, arrays in cells, -AutoSize,
# -Force on strings, trailing white space, hidden headers, grouping); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Format-Table' {
    It 'runs on piped input and writes format objects' {
        { Get-Date | Format-Table } | Should -Not -Throw
        (Get-Date | Format-Table | Get-Member).TypeName | Should -Match 'Microsoft.Powershell.Commands.Internal.Format'
    }
    It 'shows an array cell up to $FormatEnumerationLimit elements' {
        @{ array = 0..255 } | Format-Table | Out-String | Should -Match "array\s+{0, 1, 2, 3`u{2026}}"
        $global:FormatEnumerationLimit = -1
        Format-Table -InputObject @{ test = 1, 2 } | Out-String | Should -Match 'test\s+{1, 2}'
        $global:FormatEnumerationLimit = 1
        Format-Table -InputObject @{ test = 1, 2 } | Out-String | Should -Match "test\s+{1`u{2026}}"
        $global:FormatEnumerationLimit = 10
        Format-Table -InputObject @{ test = 1, 2 } | Out-String | Should -Match 'test\s+{1, 2}'
        $global:FormatEnumerationLimit = 2
        Format-Table -InputObject @{ test = 1, 2 } | Out-String | Should -Match 'test\s+{1, 2}'
        $global:FormatEnumerationLimit = 4
    }
    It 'reads $FormatEnumerationLimit from the global scope only' {
        # Format-Table.Tests sets it inside an It and still expects the default limit's output
        $FormatEnumerationLimit = 1
        Format-Table -InputObject @{ test = 1, 2 } | Out-String | Should -Match 'test\s+{1...}'
        $global:FormatEnumerationLimit = '1'
        Format-Table -InputObject @{ test = 1, 2 } | Out-String | Should -Match 'test\s+{1, 2}'
        $global:FormatEnumerationLimit = 4
    }
    It 'puts a value with a new line in one cell' {
        @{ name = "1`n2" } | Format-Table | Out-String | Should -Match 'name\s+1'
    }
    It 'sizes columns with -AutoSize' {
        $list = [pscustomobject]@{ name = 'Bob'; size = 1234; booleanValue = $true }, [pscustomobject]@{ name = 'Jim'; size = 5678; booleanValue = $false }
        $r = $list | Format-Table -AutoSize | Out-String
        $r | Should -Match 'name size booleanValue'
        $r | Should -Match '---- ---- ------------'
        $r | Should -Match 'Bob\s+1234\s+True'
        $r | Should -Match 'Jim\s+5678\s+False'
    }
    It 'writes nothing for an empty hashtable or $null with properties' {
        @{} | Format-Table -Property 'foo', 'bar' | Out-String | Should -BeNullOrEmpty
        $null | Format-Table -Property 'foo', 'bar' | Out-String | Should -BeNullOrEmpty
    }
    It 'shows strings with -Force as rows of the requested properties' {
        ('single line string' | Format-Table -Property 'fox', 'bar' -Force | Out-String).Replace(' ', '').Replace([Environment]::NewLine, '') | Should -BeExactly 'foxbar------'
        ("line1`nline2" | Format-Table -Property 'fox', 'bar' -Force | Out-String).Replace(' ', '').Replace([Environment]::NewLine, '') | Should -BeExactly 'foxbar------'
        (('line1', 'line2') | Format-Table -Property 'fox', 'bar' -Force | Out-String).Replace(' ', '').Replace([Environment]::NewLine, '') | Should -BeExactly 'foxbar------'
    }
    It 'shows arrays and enums in hashtable values' {
        $r = @{ intArray = 1, 2, 3, 4; arrayList = 'string1', 'string2'; day = [DayOfWeek]::Sunday } | Format-Table | Out-String
        $r | Should -Match 'intArray\s+{1, 2, 3, 4}'
        $r | Should -Match 'arrayList\s+{string1, string2}'
        $r | Should -Match 'day\s+Sunday'
    }
    It 'adds no trailing white space to the header or rows' {
        ('hello' | Format-Table -Property foo -Force | Out-String).Replace([Environment]::NewLine, '') | Should -BeExactly 'foo---'
        ([pscustomobject]@{ a = 1; b = 2 } | Format-Table -HideTableHeaders | Out-String).Replace([Environment]::NewLine, '') | Should -BeExactly '1 2'
    }
    It 'takes calculated columns with labels, widths and alignment' {
        $r = [pscustomobject]@{ n = 5 } | Format-Table @{ Label = 'Twice'; Expression = { $_.n * 2 }; Width = 8; Alignment = 'Right' } | Out-String
        $r | Should -Match 'Twice'
        ($r -split [Environment]::NewLine | Where-Object { $_ -match '10' }) | Should -BeExactly '      10'
    }
    It 'groups with -GroupBy' {
        $r = 'a1', 'a2', 'b1' | ForEach-Object { [pscustomobject]@{ K = $_[0]; V = $_ } } | Format-Table -GroupBy K | Out-String
        ($r -split [Environment]::NewLine | Where-Object { $_ -match 'K: ' }).Count | Should -Be 2
    }
    It 'refuses a view that does not exist' {
        { [pscustomobject]@{ a = 1 } | Format-Table -View bar -ErrorAction Stop } | Should -Throw -ErrorId 'FormatViewNotFound,Microsoft.PowerShell.Commands.FormatTableCommand'
    }
}

Describe 'Format-List' {
    It 'lists every property of an object, name and value' {
        $r = [pscustomobject]@{ Name = 'x'; Size = 3 } | Format-List | Out-String
        $r | Should -Match 'Name : x'
        $r | Should -Match 'Size : 3'
    }
    It 'lists selected and wildcard properties' {
        $o = [pscustomobject]@{ Alpha = 1; Beta = 2; Alfalfa = 3 }
        ($o | Format-List -Property Al* | Out-String) | Should -Not -Match 'Beta'
        ($o | Format-List -Property Beta | Out-String).Trim() | Should -BeExactly 'Beta : 2'
    }
    It 'aligns names to the longest' {
        ([pscustomobject]@{ a = 1; longer = 2 } | Format-List | Out-String) | Should -Match "a      : 1"
    }
    It 'shows an empty string value as nothing and $null the same' {
        ([pscustomobject]@{ a = ''; b = $null } | Format-List | Out-String) | Should -Match 'b : ?\r?\n'
    }
    It 'takes a calculated property' {
        ([pscustomobject]@{ n = 2 } | Format-List @{ Name = 'Sq'; Expression = { $_.n * $_.n } } | Out-String).Trim() | Should -BeExactly 'Sq : 4'
    }
}

Describe 'Format-List DRT' {
    $nl = [Environment]::NewLine
    It 'a note property prints as one blank-surrounded entry, through the alias too' {
        $in = New-Object PSObject
        Add-Member -InputObject $in -MemberType NoteProperty -Name testName -Value testValue
        $in | Format-List | Out-String | Should -Be "${nl}testName : testValue${nl}${nl}"
        $in | fl | Out-String | Should -Be ($in | Format-List | Out-String)
    }
    It 'shows only the requested properties of commands' {
        $out = Get-Command | Select-Object -First 5 | Format-List -Property Name | Out-String
        $out | Should -Not -Match 'CommandType :'
        $out | Should -Not -Match 'Source :'
    }
    It 'an array value is cut at the enumeration limit' {
        @{ array = 0..255 } | Format-List | Out-String | Should -Match "Name  : array\s+Value : {0, 1, 2, 3`u{2026}}"
    }
    It 'nothing, $null and strings with missing properties print nothing' {
        (@{} | Format-List -Force -Property foo, bar | Out-String).Trim() | Should -BeNullOrEmpty
        ($null | Format-List -Force -Property foo, bar | Out-String).Trim() | Should -BeNullOrEmpty
        ('single line string' | Format-List -Force -Property foo, bar | Out-String).Trim() | Should -BeNullOrEmpty
        ('Line1', 'Line2' | Format-List -Force -Property foo, bar | Out-String).Trim() | Should -BeNullOrEmpty
    }
    It 'hashtable entries print as Name and Value' {
        $r = @{ intArray = 1, 2, 3, 4; arrayList = 'string1', 'string2' } | Format-List | Out-String
        $r | Should -Match 'Name  : arrayList'
        $r | Should -Match 'Value : {string1, string2}'
        $r | Should -Match 'Value : {1, 2, 3, 4}'
    }
    It 'several objects of one shape each print their entry' {
        $r = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "name$_"; Length = $_ } } | Format-List | Out-String
        $r | Should -Match 'Name   : name1'
        $r | Should -Match 'Length : 3'
    }
}

Describe 'Format-Wide' {
    It 'shows one property in columns' {
        $r = 'a', 'b', 'c' | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Format-Wide -Property Name -Column 3 | Out-String
        $r | Should -Match 'a\s+b\s+c'
    }
    It 'shows strings themselves' {
        ('x', 'y' | Format-Wide -Column 2 | Out-String) | Should -Match 'x\s+y'
    }
}

Describe 'Format-Table cells of nested collections and culture decimals' {
    It 'shows arrays inside a collection by their items (Expand Enumerable)' {
        $objs = New-Object System.Collections.ArrayList
        $null = $objs.Add(('x 0', 'y 0'))
        $null = $objs.Add(('x 1', 'y 1'))
        $mo = [PSCustomObject]@{ name = 'this is name'; sub = $objs }
        $result1 = $mo | Format-Table -Expand CoreOnly | Out-String
        $result1 | Should -Match 'name\s+sub'
        $result1 | Should -Match 'this is name'
        $result2 = $mo | Format-Table -Expand EnumOnly | Out-String
        $result2 | Should -Match 'this is name\s+{x 0 y 0, x 1 y 1}'
    }
    It 'formats floats, doubles and decimals with the culture number of decimals' {
        $o = [PSCustomObject]@{ double = [double]1234.56789; float = [float]9876.54321; decimal = [decimal]4567.123456789 }
        $table = $o | Format-Table | Out-String
        $line = foreach ($l in $table.Split([System.Environment]::NewLine)) { if ($l -match '^1234') { $l } }
        $line | Should -Not -BeNullOrEmpty
        (Get-Culture).NumberFormat.NumberDecimalDigits | Should -Be 2
        $line.Split(' ', [System.StringSplitOptions]::RemoveEmptyEntries) -join '|' | Should -BeExactly '1234.57|9876.54|4567.12'
    }
}

Describe 'Format-Table -RepeatHeader' {
    # Without a terminal the console height comes from $LINES (.NET reads terminfo's lines the same way).
    $savedLines = $env:LINES
    $env:LINES = '50'
    It 'writes the header again at every screenful' {
        $numObjects = [Console]::WindowHeight * 4
        $out = 1..$numObjects | ForEach-Object { @{foo=$_} } | Format-Table -RepeatHeader | Out-String
        $lines = $out.Split([System.Environment]::NewLine)
        ($lines | Select-String 'Name\s*Value').Count | Should -Be 5
    }
    It 'repeats the header of a table of chosen properties' {
        $numObjects = [Console]::WindowHeight * 4
        $out = 1..$numObjects | ForEach-Object { [pscustomobject]@{foo=$_;bar=$_;hello=$_;world=$_} } | Format-Table -Property hello, world -RepeatHeader | Out-String
        $lines = $out.Split([System.Environment]::NewLine)
        ($lines | Select-String 'Hello\s*World').Count | Should -Be 5
    }
    It 'writes the header once without -RepeatHeader' {
        $out = 1..50 | ForEach-Object { @{foo=$_} } | Format-Table | Out-String
        ($out.Split([System.Environment]::NewLine) | Select-String 'Name\s*Value').Count | Should -Be 1
    }
    $env:LINES = $savedLines
}

Complete-MiniPester
