# Ported from test/powershell/Language/Scripting/HashtableToPSCustomObjectConversion.Tests.ps1,
# OrderedAttributeForHashTables.Tests.ps1 and Indexer.Tests.ps1, with the behaviours about_Hash_Tables,
# about_Splatting, about_Switch and about_Operators describe (the assertions, in hvsh's own code).
. "$PSScriptRoot/MiniPester.ps1"

Describe 'hashtable to PSCustomObject' {
    It 'New-Object takes $null or an empty hashtable as -Property' {
        New-Object psobject -Property $null | Should -BeOfType System.Management.Automation.PSObject
        New-Object pscustomobject -Property $null | Should -BeOfType System.Management.Automation.PSObject
        New-Object pscustomobject -Property @{} | Should -BeOfType System.Management.Automation.PSObject
    }
    It 'a cast keeps the literal order, also through [ordered]' {
        $x = [pscustomobject]@{ one = 1; two = 2 }
        $x | Should -BeOfType System.Management.Automation.PSObject
        @($x.psobject.Properties)[0].Name | Should -BeExactly 'one'
        @(([pscustomobject][ordered]@{ one = 1; two = 2 }).psobject.Properties)[0].Name | Should -BeExactly 'one'
        ([pscustomobject][hashtable]@{ one = 1; two = 2 }).two | Should -Be 2
    }
    It 'a PSCustomObject does not convert back to a hashtable' {
        { [hashtable][pscustomobject]@{ one = 1; two = 2 } } | Should -Throw
    }
    It 'a pstypename key names the type' {
        $obj = [PSCustomObject]@{ pstypename = 'Mytype' }
        $obj.PSTypeNames[0] | Should -BeExactly 'Mytype'
        $obj = [PSCustomObject]@{ pstypename = 'System.Object' }
        $obj.PSTypeNames.Count | Should -Be 3
        $obj.PSTypeNames[0] | Should -BeExactly 'System.Object'
    }
    It 'New-Object -Property takes an ordered dictionary' {
        $a = New-Object psobject -Property ([ordered]@{ one = 1; two = 2 })
        $a.one | Should -Be 1
        (Get-ChildItem / | Select-Object -First 1 -Property Name, ([ordered]@{ Name = 'IsDirectory'; Expression = { $_.PSIsContainer } })).IsDirectory | Should -Not -BeNullOrEmpty
    }
}

Describe 'hashtables and ordered dictionaries' {
    It 'keys are case-insensitive, an ordered dictionary keeps order and takes an index' {
        $h = @{ Alpha = 1 }
        $h['ALPHA'] | Should -Be 1
        $h.alpha | Should -Be 1
        $o = [ordered]@{ z = 1; a = 2; m = 3 }
        $o.Keys -join ',' | Should -BeExactly 'z,a,m'
        $o[1] | Should -Be 2
        $o.Insert(0, 'first', 0)
        $o.Keys -join ',' | Should -BeExactly 'first,z,a,m'
    }
    It 'adding an existing key throws; assignment replaces' {
        $h = @{ a = 1 }
        { $h.Add('a', 2) } | Should -Throw
        $h['a'] = 5
        $h.a | Should -Be 5
        { @{ a = 1; A = 2 } } | Should -Throw -ErrorId 'DuplicateKeyInHashLiteral'
    }
    It 'Remove, ContainsKey, ContainsValue, Count and Clone' {
        $h = @{ a = 1; b = 2 }
        $c = $h.Clone()
        $h.Remove('a')
        $h.Count | Should -Be 1
        $c.Count | Should -Be 2
        $c.ContainsKey('A') | Should -BeTrue
        $c.ContainsValue(2) | Should -BeTrue
    }
    It 'adds hashtables with +, and refuses a shared key' {
        $s = @{ a = 1 } + @{ b = 2 }
        $s.Count | Should -Be 2
        { @{ a = 1 } + @{ a = 2 } } | Should -Throw
    }
    It 'GetEnumerator pipes the entries' {
        (@{ b = 2; a = 1 }.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ';' | Should -BeExactly 'a=1;b=2'
    }
    It 'an indexer with several keys and a missing key' {
        $h = @{ a = 1; b = 2; c = 3 }
        $h['a', 'c'] -join ',' | Should -BeExactly '1,3'
        $h['missing'] | Should -BeNullOrEmpty
        $h.missing | Should -BeNullOrEmpty
    }
    It 'a [hashtable] variable keeps its type when an ordered dictionary is assigned' {
        [hashtable]$t = [ordered]@{ b = 1 }
        $t.GetType().Name | Should -BeExactly 'Hashtable'
    }
}

Describe 'splatting' {
    function Get-Pair { param($First, $Second, [switch]$Flag) "$First|$Second|$Flag" }
    It 'splats a hashtable by name and an array by position' {
        $named = @{ First = 'a'; Second = 'b' }
        Get-Pair @named | Should -BeExactly 'a|b|False'
        $positional = 'x', 'y'
        Get-Pair @positional | Should -BeExactly 'x|y|False'
    }
    It 'mixes a splat with explicit arguments and switches' {
        $named = @{ First = 'a'; Flag = $true }
        Get-Pair @named -Second 'c' | Should -BeExactly 'a|c|True'
    }
    It 'splats into cmdlets and passes $PSBoundParameters on' {
        $p = @{ Object = 'hi'; NoNewline = $true }
        (Write-Output -InputObject 'w') | Should -BeExactly 'w'
        function Outer { param($First, $Second) Get-Pair @PSBoundParameters }
        Outer -Second 2 -First 1 | Should -BeExactly '1|2|False'
        $s = @{ Value = 'v' }
        (Get-Variable -Name s -ValueOnly).Value | Should -BeExactly 'v'
    }
}

Describe 'switch' {
    It 'matches equal values case-insensitively and runs every matching clause' {
        $r = switch ('A') { 'a' { 'lower' } 'A' { 'upper' } }
        $r -join ',' | Should -BeExactly 'lower,upper'
        $r = switch -CaseSensitive ('A') { 'a' { 'lower' } 'A' { 'upper' } }
        $r | Should -BeExactly 'upper'
    }
    It 'break stops, continue goes to the next value' {
        (switch (1, 2, 3) { 2 { 'two'; break } default { "d$_" } }) -join ',' | Should -BeExactly 'd1,two'
        (switch (1, 2, 3) { 2 { continue } default { "d$_" } }) -join ',' | Should -BeExactly 'd1,d3'
    }
    It '-Wildcard, -Regex with $Matches, and -Exact' {
        (switch -Wildcard ('server01') { 'serv*' { 'w' } '*01' { 'n' } }) -join ',' | Should -BeExactly 'w,n'
        (switch -Regex ('abc123') { '(\d+)' { $Matches[1] } }) | Should -BeExactly '123'
        (switch -Exact ('a*') { 'a*' { 'exact' } 'ab' { 'no' } }) | Should -BeExactly 'exact'
    }
    It 'script block and expression conditions' {
        (switch (5) { { $_ -gt 3 } { 'big' } { $_ -lt 3 } { 'small' } }) | Should -BeExactly 'big'
        (switch (4) { (2 + 2) { 'four' } }) | Should -BeExactly 'four'
    }
    It 'default runs only when nothing matched; an empty collection runs nothing' {
        (switch ('x') { 'y' { 'y' } default { 'none' } }) | Should -BeExactly 'none'
        $r = switch (@()) { default { 'ran' } }
        $r | Should -BeNullOrEmpty
    }
    It '-File reads lines' {
        $f = Join-Path ([IO.Path]::GetTempPath()) "hvsh-switch-$PID.txt"
        Set-Content -Path $f -Value 'one', 'two', 'three'
        (switch -File $f { 'two' { 'found' } default { $_.Length } }) -join ',' | Should -BeExactly '3,found,5'
        Remove-Item $f
    }
    It 'an array condition value enumerates; $switch is the enumerator' {
        (switch (1, 2) { { $true } { $_ * 10 } }) -join ',' | Should -BeExactly '10,20'
        (switch (1, 2, 3, 4) { 1 { [void]$switch.MoveNext(); $switch.Current } }) | Should -Be 2
    }
}

Describe 'ranges, -join, -f and string methods' {
    It 'ranges count up and down, also with characters' {
        (1..4) -join ',' | Should -BeExactly '1,2,3,4'
        (3..1) -join ',' | Should -BeExactly '3,2,1'
        (-1..1) -join ',' | Should -BeExactly '-1,0,1'
        ('a'..'d') -join '' | Should -BeExactly 'abcd'
        (5..5).Count | Should -Be 1
    }
    It '-join with and without a separator, and unary -join' {
        1, 2, 3 -join '-' | Should -BeExactly '1-2-3'
        (-join ('a', 'b', 'c')) | Should -BeExactly 'abc'
        @() -join ',' | Should -BeExactly ''
        ($null, 'x') -join ',' | Should -BeExactly ',x'
    }
    It '-f formats numbers, alignment and dates' {
        '{0:N2}' -f 1234.5 | Should -BeExactly '1,234.50'
        '{0,5}|{1,-5}|' -f 'a', 'b' | Should -BeExactly '    a|b    |'
        '{0:D3}' -f 7 | Should -BeExactly '007'
        '{0:X}' -f 255 | Should -BeExactly 'FF'
        '{0:P0}' -f 0.25 | Should -BeExactly '25 %'
        '{0:yyyy-MM-dd}' -f [datetime]'2024-03-05' | Should -BeExactly '2024-03-05'
        '{{literal}} {0}' -f 1 | Should -BeExactly '{literal} 1'
        '{0:0.00}' -f 3.14159 | Should -BeExactly '3.14'
        '{0:C}' -f 5 | Should -BeExactly '¤5.00'
    }
    It 'string methods' {
        'Hello'.Substring(1, 3) | Should -BeExactly 'ell'
        'a,b,,c'.Split(',').Count | Should -Be 4
        'a,b,,c'.Split(',', [System.StringSplitOptions]::RemoveEmptyEntries).Count | Should -Be 3
        '  x  '.Trim() | Should -BeExactly 'x'
        'xxhixx'.Trim('x') | Should -BeExactly 'hi'
        'abc'.PadLeft(5, '*') | Should -BeExactly '**abc'
        'Hello'.IndexOf('l') | Should -Be 2
        'Hello'.LastIndexOf('l') | Should -Be 3
        'Hello'.Replace('l', 'L') | Should -BeExactly 'HeLLo'
        'Hello'.StartsWith('he', [System.StringComparison]::OrdinalIgnoreCase) | Should -BeTrue
        'Hello'.Contains('ell') | Should -BeTrue
        'Hello'.ToUpperInvariant() | Should -BeExactly 'HELLO'
        'a-b-c'.Split('-', 2)[1] | Should -BeExactly 'b-c'
        [string]::Join('+', @(1, 2)) | Should -BeExactly '1+2'
        [string]::IsNullOrWhiteSpace('  ') | Should -BeTrue
        'abc'.ToCharArray().Count | Should -Be 3
        'x' * 3 | Should -BeExactly 'xxx'
        [string]::Format('{0}-{1}', 'a', 'b') | Should -BeExactly 'a-b'
        'Hello'.Insert(5, '!') | Should -BeExactly 'Hello!'
        'Hello'.Remove(1, 3) | Should -BeExactly 'Ho'
    }
}

Describe '[math] and numbers' {
    It 'rounds as .NET does (to even) and with MidpointRounding' {
        [math]::Round(2.5) | Should -Be 2
        [math]::Round(3.5) | Should -Be 4
        [math]::Round(2.5, [MidpointRounding]::AwayFromZero) | Should -Be 3
        [math]::Round(1.2345, 2) | Should -Be 1.23
        [int]2.5 | Should -Be 2
        [int]3.5 | Should -Be 4
    }
    It 'floor, ceiling, truncate, abs, pow, sqrt, min, max' {
        [math]::Floor(-1.5) | Should -Be -2
        [math]::Ceiling(1.1) | Should -Be 2
        [math]::Truncate(-1.7) | Should -Be -1
        [math]::Abs(-3) | Should -Be 3
        [math]::Pow(2, 10) | Should -Be 1024
        [math]::Sqrt(16) | Should -Be 4
        [math]::Max(3, 7) | Should -Be 7
        [math]::Min(3, 7) | Should -Be 3
    }
    It 'integer division gives a double, % keeps the sign, [int] overflows to double' {
        7 / 2 | Should -Be 3.5
        (6 / 2).GetType().Name | Should -BeExactly 'Int32'
        -7 % 3 | Should -Be -1
        ([int]::MaxValue + 1).GetType().Name | Should -BeExactly 'Double'
        (1kb * 1mb) | Should -Be 1073741824
        0x10 | Should -Be 16
        1e3 | Should -Be 1000
    }
    It 'parses and converts numbers' {
        [int]'42' | Should -Be 42
        [double]'1.5' | Should -Be 1.5
        [int]::Parse('17') | Should -Be 17
        [int]::TryParse('x', [ref]$null) | Should -BeFalse
        { [int]'abc' } | Should -Throw
        '10' + 5 | Should -BeExactly '105'
        10 + '5' | Should -Be 15
    }
}

Describe '[datetime] and [timespan]' {
    It 'parses invariant text and formats with custom formats' {
        $d = [datetime]'2024-03-05 14:07:09'
        $d.Year | Should -Be 2024
        $d.ToString('yyyy-MM-dd HH:mm:ss') | Should -BeExactly '2024-03-05 14:07:09'
        $d.ToString('ddd dd MMM') | Should -BeExactly 'Tue 05 Mar'
        $d.DayOfWeek | Should -Be 'Tuesday'
        $d.DayOfYear | Should -Be 65
        [datetime]::ParseExact('05/03/2024', 'dd/MM/yyyy', $null).Month | Should -Be 3
    }
    It 'adds and subtracts' {
        $d = [datetime]'2024-01-31'
        $d.AddMonths(1).ToString('yyyy-MM-dd') | Should -BeExactly '2024-02-29'
        $d.AddDays(-31).ToString('yyyy-MM-dd') | Should -BeExactly '2023-12-31'
        (([datetime]'2024-03-01') - ([datetime]'2024-02-01')).Days | Should -Be 29
        ([datetime]'2024-01-01').AddHours(36).Day | Should -Be 2
    }
    It 'timespans' {
        $t = New-TimeSpan -Hours 1 -Minutes 30
        $t.TotalMinutes | Should -Be 90
        $t.ToString() | Should -BeExactly '01:30:00'
        [timespan]'1.02:03:04' | Should -Be (New-TimeSpan -Days 1 -Hours 2 -Minutes 3 -Seconds 4)
        ([timespan]::FromSeconds(90)).Minutes | Should -Be 1
        ([datetime]'2024-01-01' + [timespan]'01:00:00').Hour | Should -Be 1
    }
    It 'compares dates' {
        [datetime]'2024-01-02' -gt [datetime]'2024-01-01' | Should -BeTrue
        ([datetime]'2024-05-01').Date -eq [datetime]'2024-05-01' | Should -BeTrue
    }
}

Complete-MiniPester
