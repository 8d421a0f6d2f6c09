# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertTo-Json.Tests.ps1 (DateTimeOffset,
# Uri and Guid as scalars; IPAddress as an object; the extended properties a wrapped value shows:
# members added by Add-Member, and on piped values their type data's; class instances by
# reflection); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'ConvertTo-Json DateTimeOffset and Uri' {
    It 'writes a DateTimeOffset as ISO text with its offset' {
        $dto = [DateTimeOffset]::new(2024, 6, 15, 10, 30, 0, [TimeSpan]::FromHours(9))
        $dto | ConvertTo-Json -Compress | Should -BeExactly '"2024-06-15T10:30:00+09:00"'
        ConvertTo-Json -InputObject $dto -Compress | Should -BeExactly '"2024-06-15T10:30:00+09:00"'
    }
    It 'writes members added to a DateTimeOffset beside its value' {
        $dto = [DateTimeOffset]::new(2024, 6, 15, 10, 30, 0, [TimeSpan]::Zero)
        $dto = Add-Member -InputObject $dto -MemberType NoteProperty -Name MyProp -Value 'test' -PassThru
        $dto | ConvertTo-Json -Compress | Should -BeExactly '{"value":"2024-06-15T10:30:00+00:00","MyProp":"test"}'
    }
    It 'writes a Uri as its original string' {
        [Uri]'http://example.com' | ConvertTo-Json -Compress | Should -BeExactly '"http://example.com"'
        ConvertTo-Json -InputObject ([Uri]'https://example.com/search?q=test') -Compress | Should -BeExactly '"https://example.com/search?q=test"'
        [Uri]'file:///c:/temp/file.txt' | ConvertTo-Json -Compress | Should -BeExactly '"file:///c:/temp/file.txt"'
    }
    It 'writes members added to a Uri beside its value' {
        $uri = Add-Member -InputObject ([Uri]'https://example.com') -MemberType NoteProperty -Name MyProp -Value 'test' -PassThru
        $uri | ConvertTo-Json -Compress | Should -BeExactly '{"value":"https://example.com","MyProp":"test"}'
    }
    It 'writes a Uri inside a hashtable as its string' {
        @{ val = [Uri]'https://example.com' } | ConvertTo-Json -Compress | Should -BeExactly '{"val":"https://example.com"}'
    }
}

Describe 'ConvertTo-Json Guid and IPAddress type data' {
    It 'a Guid given directly is a string' {
        ConvertTo-Json -InputObject ([Guid]'12345678-1234-1234-1234-123456789abc') -Compress | Should -BeExactly '"12345678-1234-1234-1234-123456789abc"'
    }
    It 'a piped Guid shows its Guid property' {
        [Guid]'12345678-1234-1234-1234-123456789abc' | ConvertTo-Json -Compress | Should -BeExactly '{"value":"12345678-1234-1234-1234-123456789abc","Guid":"12345678-1234-1234-1234-123456789abc"}'
    }
    It 'added members come before the type data property' {
        $guid = Add-Member -InputObject ([Guid]'12345678-1234-1234-1234-123456789abc') -MemberType NoteProperty -Name MyProp -Value 'test' -PassThru
        $guid | ConvertTo-Json -Compress | Should -BeExactly '{"value":"12345678-1234-1234-1234-123456789abc","MyProp":"test","Guid":"12345678-1234-1234-1234-123456789abc"}'
    }
    It 'piped Guids in an array each show it' {
        $guids = @([Guid]'11111111-1111-1111-1111-111111111111', [Guid]'22222222-2222-2222-2222-222222222222')
        $guids | ConvertTo-Json -Compress | Should -BeExactly '[{"value":"11111111-1111-1111-1111-111111111111","Guid":"11111111-1111-1111-1111-111111111111"},{"value":"22222222-2222-2222-2222-222222222222","Guid":"22222222-2222-2222-2222-222222222222"}]'
    }
    It 'an IPv4 address is written by its properties' {
        $ip = [System.Net.IPAddress]::Parse('192.168.1.1')
        ConvertTo-Json -InputObject $ip -Compress | Should -BeExactly '{"AddressFamily":2,"ScopeId":null,"IsIPv6Multicast":false,"IsIPv6LinkLocal":false,"IsIPv6SiteLocal":false,"IsIPv6Teredo":false,"IsIPv6UniqueLocal":false,"IsIPv4MappedToIPv6":false,"Address":16885952}'
        $ip | ConvertTo-Json -Compress | Should -BeExactly '{"AddressFamily":2,"ScopeId":null,"IsIPv6Multicast":false,"IsIPv6LinkLocal":false,"IsIPv6SiteLocal":false,"IsIPv6Teredo":false,"IsIPv6UniqueLocal":false,"IsIPv4MappedToIPv6":false,"Address":16885952,"IPAddressToString":"192.168.1.1"}'
    }
    It 'an IPv6 address has a scope and no Address' {
        ConvertTo-Json -InputObject ([System.Net.IPAddress]::Parse('::1')) -Compress | Should -BeExactly '{"AddressFamily":23,"ScopeId":0,"IsIPv6Multicast":false,"IsIPv6LinkLocal":false,"IsIPv6SiteLocal":false,"IsIPv6Teredo":false,"IsIPv6UniqueLocal":false,"IsIPv4MappedToIPv6":false,"Address":null}'
    }
    It 'members added to an IPAddress come before IPAddressToString' {
        $ip = Add-Member -InputObject ([System.Net.IPAddress]::Parse('192.168.1.1')) -MemberType NoteProperty -Name MyProp -Value 'test' -PassThru
        $ip | ConvertTo-Json -Compress | Should -BeExactly '{"AddressFamily":2,"ScopeId":null,"IsIPv6Multicast":false,"IsIPv6LinkLocal":false,"IsIPv6SiteLocal":false,"IsIPv6Teredo":false,"IsIPv6UniqueLocal":false,"IsIPv4MappedToIPv6":false,"Address":16885952,"MyProp":"test","IPAddressToString":"192.168.1.1"}'
    }
}

Describe 'ConvertTo-Json extended properties on collections' {
    It 'an array with added members becomes value and members' {
        $arr = Add-Member -InputObject @(1, 2, 3) -MemberType NoteProperty -Name ArrayName -Value 'MyArray' -PassThru
        ,$arr | ConvertTo-Json -Compress | Should -BeExactly '{"value":[1,2,3],"ArrayName":"MyArray"}'
        ConvertTo-Json -InputObject $arr -Compress | Should -BeExactly '{"value":[1,2,3],"ArrayName":"MyArray"}'
    }
    It 'a hashtable with added members gains them as entries' {
        $hash = Add-Member -InputObject @{ a = 1 } -MemberType NoteProperty -Name ETSProp -Value 'ets' -PassThru
        $hash | ConvertTo-Json -Compress | Should -BeExactly '{"a":1,"ETSProp":"ets"}'
        ConvertTo-Json -InputObject $hash -Compress | Should -BeExactly '{"a":1,"ETSProp":"ets"}'
    }
    It 'an ordered dictionary with added members gains them as entries' {
        $ordered = Add-Member -InputObject ([ordered]@{ a = 1 }) -MemberType NoteProperty -Name ETSProp -Value 'ets' -PassThru
        $ordered | ConvertTo-Json -Compress | Should -BeExactly '{"a":1,"ETSProp":"ets"}'
    }
}

Describe 'ConvertTo-Json class instances' {
    It 'writes hidden properties and struct defaults' {
        class JsonDefaults {
            [string]$StringVal
            [bigint]$BigIntVal
            [ipaddress]$IPVal
            hidden [string]$HiddenVal
        }
        [JsonDefaults]::new() | ConvertTo-Json -Compress | Should -BeExactly '{"StringVal":null,"BigIntVal":0,"IPVal":null,"HiddenVal":null}'
    }
    It 'members added to an instance show only when it is piped' {
        class JsonNoted { [string]$Name = 'n' }
        $obj = [JsonNoted]::new()
        $obj | Add-Member -MemberType NoteProperty -Name ETSNote -Value 'note'
        $obj | ConvertTo-Json -Compress | Should -BeExactly '{"Name":"n","ETSNote":"note"}'
        ConvertTo-Json -InputObject $obj -Compress | Should -BeExactly '{"Name":"n"}'
    }
}

Describe 'ConvertTo-Json enums over 64-bit integers' {
    # Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Json.Tests.ps1 (bug Win8: 378368).
    It 'writes an enum based on Int64 or UInt64 as its name, others as numbers' {
        enum JsonLongEnum : long { One = 1; Two = 2 }
        enum JsonULongEnum : ulong { One = 1; Two = 2 }
        enum JsonIntEnum : int { One = 1; Two = 2 }
        [pscustomobject]@{ A = [JsonULongEnum]::One; B = [JsonLongEnum]::Two; C = [JsonIntEnum]::One } | ConvertTo-Json -Compress | Should -BeExactly '{"A":"One","B":"Two","C":1}'
    }
}

Describe 'ConvertTo-Json DateOnly and TimeOnly' {
    It 'writes a DateOnly as an object of its properties' {
        [DateOnly]::new(2024, 6, 15) | ConvertTo-Json -Compress | Should -BeExactly '{"Year":2024,"Month":6,"Day":15,"DayOfWeek":6,"DayOfYear":167,"DayNumber":739051}'
    }
    It 'writes a TimeOnly as an object of its properties' {
        [TimeOnly]::new(10, 30, 45) | ConvertTo-Json -Compress | Should -BeExactly '{"Hour":10,"Minute":30,"Second":45,"Millisecond":0,"Microsecond":0,"Nanosecond":0,"Ticks":378450000000}'
    }
    It 'includes members added to a DateOnly or a TimeOnly' {
        $d = Add-Member -InputObject ([DateOnly]::new(2024, 6, 15)) -MemberType NoteProperty -Name MyProp -Value 'test' -PassThru
        $d | ConvertTo-Json -Compress | Should -BeExactly '{"Year":2024,"Month":6,"Day":15,"DayOfWeek":6,"DayOfYear":167,"DayNumber":739051,"MyProp":"test"}'
        $t = Add-Member -InputObject ([TimeOnly]::new(10, 30, 45)) -MemberType NoteProperty -Name MyProp -Value 'test' -PassThru
        $t | ConvertTo-Json -Compress | Should -BeExactly '{"Hour":10,"Minute":30,"Second":45,"Millisecond":0,"Microsecond":0,"Nanosecond":0,"Ticks":378450000000,"MyProp":"test"}'
    }
}

Complete-MiniPester
