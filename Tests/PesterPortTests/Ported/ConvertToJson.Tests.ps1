# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertTo-Json.Tests.ps1 (depth 0,
# -AsArray, -EscapeHandling, nulls, ETS properties on scalars, dates, scalar types); the assertions,
# in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$nl = [Environment]::NewLine

Describe 'ConvertTo-Json' {
    It 'takes depth 0: nested tables become their type name' {
        $o = [pscustomobject]@{ FirstLevel1 = @{ Child1_1 = 0 }; Integer = 10; Bool = $false }
        $o | ConvertTo-Json -Depth 0 | Should -Be "{$nl  `"FirstLevel1`": `"System.Collections.Hashtable`",$nl  `"Integer`": 10,$nl  `"Bool`": false$nl}"
    }
    It '-AsArray wraps even one object; one object alone is not wrapped' {
        1 | ConvertTo-Json -AsArray | Should -BeLike '`[*1*]'
        1, 2 | ConvertTo-Json -AsArray | Should -BeLike '`[*1*2*]'
        1 | ConvertTo-Json | Should -BeExactly '1'
    }
    It 'escapes HTML characters only with -EscapeHandling EscapeHtml' {
        @{ abc = "'def'" } | ConvertTo-Json | Should -BeExactly "{$nl  `"abc`": `"'def'`"$nl}"
        @{ abc = "'def'" } | ConvertTo-Json -EscapeHandling Default | Should -BeExactly "{$nl  `"abc`": `"'def'`"$nl}"
        @{ abc = "'def'" } | ConvertTo-Json -EscapeHandling EscapeHtml | Should -BeExactly "{$nl  `"abc`": `"\u0027def\u0027`"$nl}"
        @{ a = 'é' } | ConvertTo-Json -Compress -EscapeHandling EscapeNonAscii | Should -BeExactly '{"a":"\u00e9"}'
    }
    It 'writes null for $null, AutomationNull, DBNull and NullString' {
        [pscustomobject]@{ prop = $null } | ConvertTo-Json -Compress | Should -BeExactly '{"prop":null}'
        $null | ConvertTo-Json -Compress | Should -Be 'null'
        ConvertTo-Json -Compress $null | Should -Be 'null'
        1, $null, 2 | ConvertTo-Json -Compress | Should -Be '[1,null,2]'
        [ordered]@{ a = $null; c = [System.DBNull]::Value; d = [NullString]::Value } | ConvertTo-Json -Compress | Should -BeExactly '{"a":null,"c":null,"d":null}'
        ConvertTo-Json ([NullString]::Value) | Should -BeExactly 'null'
        ConvertTo-Json -Compress @($null, [System.Management.Automation.Internal.AutomationNull]::Value, [System.DBNull]::Value, [NullString]::Value) | Should -BeExactly '[null,null,null,null]'
        [ordered]@{ b = [System.Management.Automation.Internal.AutomationNull]::Value } | ConvertTo-Json -Compress | Should -BeExactly '{"b":null}'
    }
    It 'writes a date as ISO text and reads it back equal' {
        $d = [DateTime]::Parse('2021-06-24T15:54:06.796999')
        $d | ConvertTo-Json -Compress | Should -BeLike '"2021-06-24T*'
        $d | ConvertTo-Json | ConvertFrom-Json | Should -Be $d
    }
    It 'reads a date with an offset as the local time of that instant' {
        $d = [DateTime]::Parse('2021-06-24T15:54:06.796999-07:00')
        $d | ConvertTo-Json -Compress | Should -BeLike '"2021-06-2*T*'
        $d | ConvertTo-Json | ConvertFrom-Json | Should -Be $d
        $d.Kind | Should -Be 'Local'
        $d.ToUniversalTime().ToString('o') | Should -BeExactly '2021-06-24T22:54:06.7969990Z'
        ([datetime]'2021-06-24T15:54:06+0200').ToUniversalTime().Hour | Should -Be 13
    }
    It 'writes the kind with K: Z for UTC, nothing for an unspecified time' {
        [datetime]::UtcNow.ToString('K') | Should -BeExactly 'Z'
        ([datetime]'2020-01-01').ToString('K') | Should -BeExactly ''
        (Get-Date).ToString('o') | Should -Match '[+-]\d\d:\d\d$'
    }
    It 'leaves out ETS properties added to a string' {
        $t = Add-Member -InputObject 'Hello there' -MemberType NoteProperty -Name text -Value 'x' -PassThru
        $t | ConvertTo-Json -Compress | Should -BeExactly '"Hello there"'
    }
    It 'writes ETS properties added to a number beside its value' {
        $v = Add-Member -InputObject 42 -MemberType NoteProperty -Name MyProp -Value 'test' -PassThru
        $v | ConvertTo-Json -Compress | Should -BeExactly '{"value":42,"MyProp":"test"}'
    }
    It 'writes every primitive type as JSON' {
        [byte]255 | ConvertTo-Json -Compress | Should -BeExactly '255'
        [sbyte]-128 | ConvertTo-Json -Compress | Should -BeExactly '-128'
        [short]-32768 | ConvertTo-Json -Compress | Should -BeExactly '-32768'
        [ushort]65535 | ConvertTo-Json -Compress | Should -BeExactly '65535'
        [int]::MinValue | ConvertTo-Json -Compress | Should -BeExactly '-2147483648'
        [uint]::MaxValue | ConvertTo-Json -Compress | Should -BeExactly '4294967295'
        [long]::MinValue | ConvertTo-Json -Compress | Should -BeExactly '-9223372036854775808'
        [ulong]::MaxValue | ConvertTo-Json -Compress | Should -BeExactly '18446744073709551615'
        [float]3.14 | ConvertTo-Json -Compress | Should -BeExactly '3.14'
        [float]::NaN | ConvertTo-Json -Compress | Should -BeExactly '"NaN"'
        [double]::PositiveInfinity | ConvertTo-Json -Compress | Should -BeExactly '"Infinity"'
        [double]::NegativeInfinity | ConvertTo-Json -Compress | Should -BeExactly '"-Infinity"'
        -3.14159 | ConvertTo-Json -Compress | Should -BeExactly '-3.14159'
        0.0 | ConvertTo-Json -Compress | Should -BeExactly '0.0'
        123.456d | ConvertTo-Json -Compress | Should -BeExactly '123.456'
        $true | ConvertTo-Json -Compress | Should -BeExactly 'true'
        ConvertTo-Json -InputObject $false -Compress | Should -BeExactly 'false'
    }
    It 'writes strings with JSON escapes' {
        "a`"b\c`n`t" | ConvertTo-Json -Compress | Should -BeExactly '"a\"b\\c\n\t"'
        [char]'x' | ConvertTo-Json -Compress | Should -BeExactly '"x"'
        # (Piped, a Guid is wrapped and shows its type data's Guid property; given directly it is a string.)
        ConvertTo-Json -InputObject ([guid]'7ba32bc2-2b3d-4a07-9d4b-1c9e3a8a7f11') -Compress | Should -BeExactly '"7ba32bc2-2b3d-4a07-9d4b-1c9e3a8a7f11"'
        [DayOfWeek]::Monday | ConvertTo-Json -Compress | Should -BeExactly '1'
        [DayOfWeek]::Monday | ConvertTo-Json -Compress -EnumsAsStrings | Should -BeExactly '"Monday"'
    }
    It 'warns when -Depth cuts an object short' {
        $deep = @{ a = @{ b = @{ c = 1 } } }
        $r = $deep | ConvertTo-Json -Depth 1 -Compress -WarningVariable w -WarningAction SilentlyContinue
        $r | Should -BeExactly '{"a":{"b":"System.Collections.Hashtable"}}'
        "$w" | Should -BeLike '*truncated*depth of 1*'
    }
}

Complete-MiniPester
