# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Json.Tests.ps1: ConvertTo-Json of
# quotes, Get-Command's selected properties, enums as numbers and -EnumsAsStrings, members added to a
# value; ConvertFrom-Json of unquoted names, arrays, floats, nesting, case-insensitive names, sample
# values, the dates Json.NET reads as DateTime and the ones it leaves as strings (with and without
# -AsHashtable), a large document, number types (Int64, Double, BigInteger), escapes; pretty and
# compressed output, -Depth's limit and depth 100, multi-line input and the depth warning; the
# assertions, in hvsh's own code (a scratch folder for $TestDrive; the cases over Get-Process, a C#
# enum from Add-Type and the CIM class are left out, and the sample-object checks are written out
# where the test calls its helper).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("json-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch

Describe 'Json Tests' {
    It 'keeps a double quote through -Compress and back' {
        $notcompressed = ConvertTo-Json @{ FirstName = 'Hello " World' }
        $compressed = ConvertTo-Json @{ FirstName = 'Hello " World' } -Compress
        $valueFromNotCompressedResult = ConvertFrom-Json -InputObject $notcompressed
        $valueFromCompressedResult = ConvertFrom-Json -InputObject $compressed
        $valueFromNotCompressedResult.FirstName | Should -Match $valueFromCompressedResult.FirstName
    }
    It 'writes Get-Command''s selected properties' {
        $JsonString = Get-Command Get-help |Select-Object Name, Noun, Verb| ConvertTo-Json
        $actual = ConvertFrom-Json $JsonString
        $actual.Name | Should -BeExactly "Get-Help"
        $actual.Noun | Should -BeExactly "Help"
        $actual.Verb | Should -BeExactly "Get"
    }
    It 'reads an empty string as nothing' {
        $emptyStringResult = ConvertFrom-Json ""
        $emptyStringResult | Should -BeNullOrEmpty
    }
    It 'writes enums as numbers, or as names with -EnumsAsStrings' {
        $sampleObject = [pscustomobject]@{
        PSTypeName = 'Test.EnumSample'
        SampleSimpleEnum = [System.Management.Automation.ActionPreference]::Ignore
        SampleBitwiseEnum = [System.Management.Automation.CommandTypes]'Alias,Function,Cmdlet'
        }
        $response4 = ConvertTo-Json -InputObject $sampleObject -Compress
        $response4 | Should -Be '{"SampleSimpleEnum":4,"SampleBitwiseEnum":11}'
        $response4 = ConvertTo-Json -InputObject $sampleObject -Compress -EnumsAsStrings
        $response4 | Should -Be '{"SampleSimpleEnum":"Ignore","SampleBitwiseEnum":"Alias, Function, Cmdlet"}'
    }
    It 'serialises members added to a Version' {
        $versionObject = New-Object System.Version 2, 3, 4, 14
        # add a NoteProperty member called Note with a text note
        $versionObject | Add-Member -MemberType NoteProperty -Name Note -Value "a version object"
        # add an AliasProperty called Rev as an alias to the Revision property
        $versionObject | Add-Member -MemberType AliasProperty -Name Rev -Value Revision
        # add a ScriptProperty called IsOld which returns whether the version is an older version
        $versionObject | Add-Member -MemberType ScriptProperty -Name IsOld -Value { ($this.Major -le 3) }
        $jstr = ConvertTo-Json $versionObject
        # convert the JSON string to a JSON object
        $json = ConvertFrom-Json $jstr
        # Check the basic properties
        $json.Major | Should -Be 2
        $json.Minor | Should -Be 3
        $json.Build | Should -Be 4
        $json.Revision | Should -Be 14
        $json.Note | Should -Match "a version object"
        # Check the AliasProperty
        $json.Rev | Should -Be $json.Revision
        # Check the ScriptProperty
        $json.IsOld | Should -BeTrue
    }
    It 'reads an unquoted name' {
        $json = "{name:1}"
        $result = ConvertFrom-Json $json
        $result.name | Should -Be 1
    }
    It 'reads an array' {
        $json = "[1,2,3,4,5,6]"
        $result = ConvertFrom-Json $json
        $result.Count | Should -Be 6
        ,$result | Should -BeOfType System.Array
    }
    It 'reads floats with exponents' {
        $json = '{"SampleFloat1":1.2345E67, "SampleFloat2":-7.6543E-12}'
        $result = ConvertFrom-Json $json
        $sampleFloat1 = Invoke-Expression 1.2345E67
        $result.SampleFloat1 | Should -Be $sampleFloat1
        $sampleFloat2 = Invoke-Expression -7.6543E-12
    }
    It 'reads a table inside an array' {
        $json = "['one', 'two', {'First':1,'Second':2,'Third':['Five','Six', 'Seven']}, 'four']"
        $result = ConvertFrom-Json $json
        $result.Count | Should -Be 4
        $result[0] | Should -BeExactly "one"
        $result[1] | Should -BeExactly "two"
        $result[3] | Should -BeExactly "four"
        $hash = $result[2]
        $hash.First | Should -Be 1
        $hash.Second | Should -Be 2
        $hash.Third.Count | Should -Be 3
        $hash.Third[0] | Should -BeExactly "Five"
        $hash.Third[1] | Should -BeExactly "Six"
    }
    It 'reads arrays inside a table' {
        $json = '{"First":["one", "two", "three"], "Second":["four", "five"], "Third": {"blah": 4}}'
        $result = ConvertFrom-Json $json
        $result.First.Count | Should -Be 3
        $result.First[0] | Should -BeExactly "one"
        $result.First[1] | Should -BeExactly "two"
        $result.First[2] | Should -BeExactly "three"
        $result.Second.Count | Should -Be 2
        $result.Second[0] | Should -BeExactly "four"
        $result.Second[1] | Should -BeExactly "five"
    }
    It 'reads names without regard to case' {
        $json = '{"sAMPleValUE":12345}'
        $result = ConvertFrom-Json $json
    }
    It 'reads sample values, also nested' {
        $json = '{"SampleInt":98765, "SampleString":"stringVal","SampleArray":[2,"two"], "SampleTrue":true, "SampleFalse":false,"SampleNull":null, "SampleFloat":9.8765E43}'
        $result = ConvertFrom-Json $json
        $result.SampleInt | Should -Be 98765
        $result.SampleString | Should -Match "stringVal"
        $result.SampleArray.Count | Should -Be 2
        $result.SampleTrue | Should -BeTrue
        $result.SampleFalse | Should -BeFalse
        $result.SampleNull | Should -BeNullOrEmpty
        $result.SampleFloat | Should -Be 9.8765E+43
        $json = '{"SampleInt":98765, "SampleString":"stringVal","SampleArray":[2,"two"], "SampleTrue":true, ' +
        '"SampleFalse":false,"SampleNull":null, "SampleFloat":9.8765E43, "SampleObject":'+
        '{"SampleInt":98765, "SampleString":"stringVal","SampleArray":[2,"two"], '+
        '"SampleTrue":true, "SampleFalse":false,"SampleNull":null, "SampleFloat":9.8765E43}}'
        $result = ConvertFrom-Json $json
        $result.SampleInt | Should -Be 98765
        $result.SampleString | Should -Match "stringVal"
        $result.SampleArray.Count | Should -Be 2
        $result.SampleTrue | Should -BeTrue
        $result.SampleFalse | Should -BeFalse
        $result.SampleNull | Should -BeNullOrEmpty
        $result.SampleFloat | Should -Be 9.8765E+43
        $result.SampleObject.SampleInt | Should -Be 98765
        $result.SampleObject.SampleString | Should -Match "stringVal"
        $result.SampleObject.SampleArray.Count | Should -Be 2
        $result.SampleObject.SampleTrue | Should -BeTrue
        $result.SampleObject.SampleFalse | Should -BeFalse
        $result.SampleObject.SampleNull | Should -BeNullOrEmpty
        $result.SampleObject.SampleFloat | Should -Be 9.8765E+43
    }
    It 'tells Json.NET''s dates from strings (-AsHashtable:$true)' {
        $json = @"
{
    "date-s-should-parse-as-datetime": "2008-09-22T14:01:54",
    "date-upperO-should-parse-as-datetime": "2008-09-22T14:01:54.9571247Z",

    "date-o-should-parse-as-string": "2019-12-17T06:14:06 +06:00",
    "date-upperD-should-parse-as-string": "Monday, September 22, 2008",
    "date-f-should-parse-as-string": "Monday, September 22, 2008 2:01 PM",
    "date-upperF-should-parse-as-string": "Monday, September 22, 2008 2:01:54 PM",
    "date-g-should-parse-as-string": "9/22/2008 2:01 PM",
    "date-upperG-should-parse-as-string": "9/22/2008 2:01:54 PM",
    "date-m-should-parse-as-string": "September 22",
    "date-upperM-should-parse-as-string": "September 22",
    "date-upperR-should-parse-as-string": "Mon, 22 Sep 2008 14:01:54 GMT",
    "date-t-should-parse-as-string": "2:01 PM",
    "date-upperT-should-parse-as-string": "2:01:54 PM",
    "date-u-should-parse-as-string": "2008-09-22 14:01:54Z",
    "date-upperU-should-parse-as-string": "Monday, September 22, 2008 2:01:54 PM",
    "date-upperY-should-parse-as-string": "September 2008",
    "date-y-should-parse-as-string": "September 2008"
}
"@
        $asHashtableOption = $true
        $result = ConvertFrom-Json $json -AsHashtable:$asHashtableOption
        # If the timezone is not specified in the input string newtonsoft assumes the system timezone.
        # this means that some tests will fail locally but work on the build farm and vice-versa.
        # this is used to force the datetime into UTC without changing the value so 4PM Central becomes 4PM UTC instead of becoming 10PM UTC
        $result."date-s-should-parse-as-datetime" = [datetime]::SpecifyKind($result."date-s-should-parse-as-datetime", [System.DateTimeKind]::Utc)
        $result."date-s-should-parse-as-datetime".ToString("d") | Should -Be "9/22/2008"
        $result."date-s-should-parse-as-datetime".ToString("D") | Should -Be "Monday, September 22, 2008"
        $result."date-s-should-parse-as-datetime".ToString("f") | Should -Be "Monday, September 22, 2008 2:01 PM"
        $result."date-s-should-parse-as-datetime".ToString("F") | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-s-should-parse-as-datetime".ToString("g") | Should -Be "9/22/2008 2:01 PM"
        $result."date-s-should-parse-as-datetime".ToString("G") | Should -Be "9/22/2008 2:01:54 PM"
        $result."date-s-should-parse-as-datetime".ToString("m") | Should -Be "September 22"
        $result."date-s-should-parse-as-datetime".ToString("M") | Should -Be "September 22"
        $result."date-s-should-parse-as-datetime".ToString("o") | Should -Be "2008-09-22T14:01:54.0000000Z"
        $result."date-s-should-parse-as-datetime".ToString("O") | Should -Be "2008-09-22T14:01:54.0000000Z"
        $result."date-s-should-parse-as-datetime".ToString("R") | Should -Be "Mon, 22 Sep 2008 14:01:54 GMT"
        $result."date-s-should-parse-as-datetime".ToString("s") | Should -Be "2008-09-22T14:01:54"
        $result."date-s-should-parse-as-datetime".ToString("t") | Should -Be "2:01 PM"
        $result."date-s-should-parse-as-datetime".ToString("T") | Should -Be "2:01:54 PM"
        $result."date-s-should-parse-as-datetime".ToString("u") | Should -Be "2008-09-22 14:01:54Z"
        $result."date-s-should-parse-as-datetime".ToString("U") | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-s-should-parse-as-datetime".ToString("Y") | Should -Be "September 2008"
        $result."date-s-should-parse-as-datetime".ToString("y") | Should -Be "September 2008"
        $result."date-s-should-parse-as-datetime" | Should -BeOfType [DateTime]
        $result."date-upperO-should-parse-as-datetime" = [datetime]::SpecifyKind($result."date-upperO-should-parse-as-datetime", [System.DateTimeKind]::Utc)
        $result."date-upperO-should-parse-as-datetime".ToString("d") | Should -Be "9/22/2008"
        $result."date-upperO-should-parse-as-datetime".ToString("D") | Should -Be "Monday, September 22, 2008"
        $result."date-upperO-should-parse-as-datetime".ToString("f") | Should -Be "Monday, September 22, 2008 2:01 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("F") | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("g") | Should -Be "9/22/2008 2:01 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("G") | Should -Be "9/22/2008 2:01:54 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("m") | Should -Be "September 22"
        $result."date-upperO-should-parse-as-datetime".ToString("M") | Should -Be "September 22"
        $result."date-upperO-should-parse-as-datetime".ToString("o") | Should -Be "2008-09-22T14:01:54.9571247Z"
        $result."date-upperO-should-parse-as-datetime".ToString("O") | Should -Be "2008-09-22T14:01:54.9571247Z"
        $result."date-upperO-should-parse-as-datetime".ToString("R") | Should -Be "Mon, 22 Sep 2008 14:01:54 GMT"
        $result."date-upperO-should-parse-as-datetime".ToString("s") | Should -Be "2008-09-22T14:01:54"
        $result."date-upperO-should-parse-as-datetime".ToString("t") | Should -Be "2:01 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("T") | Should -Be "2:01:54 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("u") | Should -Be "2008-09-22 14:01:54Z"
        $result."date-upperO-should-parse-as-datetime".ToString("U") | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("Y") | Should -Be "September 2008"
        $result."date-upperO-should-parse-as-datetime".ToString("y") | Should -Be "September 2008"
        $result."date-upperO-should-parse-as-datetime" | Should -BeOfType [DateTime]
        $result."date-o-should-parse-as-string" | Should -Be "2019-12-17T06:14:06 +06:00"
        $result."date-o-should-parse-as-string" | Should -BeOfType [String]
        $result."date-f-should-parse-as-string" | Should -Be "Monday, September 22, 2008 2:01 PM"
        $result."date-f-should-parse-as-string" | Should -BeOfType [String]
        $result."date-g-should-parse-as-string" | Should -Be "9/22/2008 2:01 PM"
        $result."date-g-should-parse-as-string" | Should -BeOfType [String]
        $result."date-m-should-parse-as-string" | Should -Be "September 22"
        $result."date-m-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperM-should-parse-as-string" | Should -Be "September 22"
        $result."date-upperM-should-parse-as-string" | Should -BeOfType [String]
        $result."date-t-should-parse-as-string" | Should -Be "2:01 PM"
        $result."date-t-should-parse-as-string" | Should -BeOfType [String]
        $result."date-u-should-parse-as-string" | Should -Be "2008-09-22 14:01:54Z"
        $result."date-u-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperD-should-parse-as-string" | Should -Be "Monday, September 22, 2008"
        $result."date-upperD-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperF-should-parse-as-string" | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-upperF-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperG-should-parse-as-string" | Should -Be "9/22/2008 2:01:54 PM"
        $result."date-upperG-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperR-should-parse-as-string" | Should -Be "Mon, 22 Sep 2008 14:01:54 GMT"
        $result."date-upperR-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperT-should-parse-as-string" | Should -Be "2:01:54 PM"
        $result."date-upperT-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperU-should-parse-as-string" | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-upperU-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperY-should-parse-as-string" | Should -Be "September 2008"
        $result."date-upperY-should-parse-as-string" | Should -BeOfType [String]
        $result."date-y-should-parse-as-string" | Should -Be "September 2008"
        $result."date-y-should-parse-as-string" | Should -BeOfType [String]
    }
    It 'tells Json.NET''s dates from strings (-AsHashtable:$false)' {
        $json = @"
{
    "date-s-should-parse-as-datetime": "2008-09-22T14:01:54",
    "date-upperO-should-parse-as-datetime": "2008-09-22T14:01:54.9571247Z",

    "date-o-should-parse-as-string": "2019-12-17T06:14:06 +06:00",
    "date-upperD-should-parse-as-string": "Monday, September 22, 2008",
    "date-f-should-parse-as-string": "Monday, September 22, 2008 2:01 PM",
    "date-upperF-should-parse-as-string": "Monday, September 22, 2008 2:01:54 PM",
    "date-g-should-parse-as-string": "9/22/2008 2:01 PM",
    "date-upperG-should-parse-as-string": "9/22/2008 2:01:54 PM",
    "date-m-should-parse-as-string": "September 22",
    "date-upperM-should-parse-as-string": "September 22",
    "date-upperR-should-parse-as-string": "Mon, 22 Sep 2008 14:01:54 GMT",
    "date-t-should-parse-as-string": "2:01 PM",
    "date-upperT-should-parse-as-string": "2:01:54 PM",
    "date-u-should-parse-as-string": "2008-09-22 14:01:54Z",
    "date-upperU-should-parse-as-string": "Monday, September 22, 2008 2:01:54 PM",
    "date-upperY-should-parse-as-string": "September 2008",
    "date-y-should-parse-as-string": "September 2008"
}
"@
        $asHashtableOption = $false
        $result = ConvertFrom-Json $json -AsHashtable:$asHashtableOption
        # If the timezone is not specified in the input string newtonsoft assumes the system timezone.
        # this means that some tests will fail locally but work on the build farm and vice-versa.
        # this is used to force the datetime into UTC without changing the value so 4PM Central becomes 4PM UTC instead of becoming 10PM UTC
        $result."date-s-should-parse-as-datetime" = [datetime]::SpecifyKind($result."date-s-should-parse-as-datetime", [System.DateTimeKind]::Utc)
        $result."date-s-should-parse-as-datetime".ToString("d") | Should -Be "9/22/2008"
        $result."date-s-should-parse-as-datetime".ToString("D") | Should -Be "Monday, September 22, 2008"
        $result."date-s-should-parse-as-datetime".ToString("f") | Should -Be "Monday, September 22, 2008 2:01 PM"
        $result."date-s-should-parse-as-datetime".ToString("F") | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-s-should-parse-as-datetime".ToString("g") | Should -Be "9/22/2008 2:01 PM"
        $result."date-s-should-parse-as-datetime".ToString("G") | Should -Be "9/22/2008 2:01:54 PM"
        $result."date-s-should-parse-as-datetime".ToString("m") | Should -Be "September 22"
        $result."date-s-should-parse-as-datetime".ToString("M") | Should -Be "September 22"
        $result."date-s-should-parse-as-datetime".ToString("o") | Should -Be "2008-09-22T14:01:54.0000000Z"
        $result."date-s-should-parse-as-datetime".ToString("O") | Should -Be "2008-09-22T14:01:54.0000000Z"
        $result."date-s-should-parse-as-datetime".ToString("R") | Should -Be "Mon, 22 Sep 2008 14:01:54 GMT"
        $result."date-s-should-parse-as-datetime".ToString("s") | Should -Be "2008-09-22T14:01:54"
        $result."date-s-should-parse-as-datetime".ToString("t") | Should -Be "2:01 PM"
        $result."date-s-should-parse-as-datetime".ToString("T") | Should -Be "2:01:54 PM"
        $result."date-s-should-parse-as-datetime".ToString("u") | Should -Be "2008-09-22 14:01:54Z"
        $result."date-s-should-parse-as-datetime".ToString("U") | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-s-should-parse-as-datetime".ToString("Y") | Should -Be "September 2008"
        $result."date-s-should-parse-as-datetime".ToString("y") | Should -Be "September 2008"
        $result."date-s-should-parse-as-datetime" | Should -BeOfType [DateTime]
        $result."date-upperO-should-parse-as-datetime" = [datetime]::SpecifyKind($result."date-upperO-should-parse-as-datetime", [System.DateTimeKind]::Utc)
        $result."date-upperO-should-parse-as-datetime".ToString("d") | Should -Be "9/22/2008"
        $result."date-upperO-should-parse-as-datetime".ToString("D") | Should -Be "Monday, September 22, 2008"
        $result."date-upperO-should-parse-as-datetime".ToString("f") | Should -Be "Monday, September 22, 2008 2:01 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("F") | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("g") | Should -Be "9/22/2008 2:01 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("G") | Should -Be "9/22/2008 2:01:54 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("m") | Should -Be "September 22"
        $result."date-upperO-should-parse-as-datetime".ToString("M") | Should -Be "September 22"
        $result."date-upperO-should-parse-as-datetime".ToString("o") | Should -Be "2008-09-22T14:01:54.9571247Z"
        $result."date-upperO-should-parse-as-datetime".ToString("O") | Should -Be "2008-09-22T14:01:54.9571247Z"
        $result."date-upperO-should-parse-as-datetime".ToString("R") | Should -Be "Mon, 22 Sep 2008 14:01:54 GMT"
        $result."date-upperO-should-parse-as-datetime".ToString("s") | Should -Be "2008-09-22T14:01:54"
        $result."date-upperO-should-parse-as-datetime".ToString("t") | Should -Be "2:01 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("T") | Should -Be "2:01:54 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("u") | Should -Be "2008-09-22 14:01:54Z"
        $result."date-upperO-should-parse-as-datetime".ToString("U") | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-upperO-should-parse-as-datetime".ToString("Y") | Should -Be "September 2008"
        $result."date-upperO-should-parse-as-datetime".ToString("y") | Should -Be "September 2008"
        $result."date-upperO-should-parse-as-datetime" | Should -BeOfType [DateTime]
        $result."date-o-should-parse-as-string" | Should -Be "2019-12-17T06:14:06 +06:00"
        $result."date-o-should-parse-as-string" | Should -BeOfType [String]
        $result."date-f-should-parse-as-string" | Should -Be "Monday, September 22, 2008 2:01 PM"
        $result."date-f-should-parse-as-string" | Should -BeOfType [String]
        $result."date-g-should-parse-as-string" | Should -Be "9/22/2008 2:01 PM"
        $result."date-g-should-parse-as-string" | Should -BeOfType [String]
        $result."date-m-should-parse-as-string" | Should -Be "September 22"
        $result."date-m-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperM-should-parse-as-string" | Should -Be "September 22"
        $result."date-upperM-should-parse-as-string" | Should -BeOfType [String]
        $result."date-t-should-parse-as-string" | Should -Be "2:01 PM"
        $result."date-t-should-parse-as-string" | Should -BeOfType [String]
        $result."date-u-should-parse-as-string" | Should -Be "2008-09-22 14:01:54Z"
        $result."date-u-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperD-should-parse-as-string" | Should -Be "Monday, September 22, 2008"
        $result."date-upperD-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperF-should-parse-as-string" | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-upperF-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperG-should-parse-as-string" | Should -Be "9/22/2008 2:01:54 PM"
        $result."date-upperG-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperR-should-parse-as-string" | Should -Be "Mon, 22 Sep 2008 14:01:54 GMT"
        $result."date-upperR-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperT-should-parse-as-string" | Should -Be "2:01:54 PM"
        $result."date-upperT-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperU-should-parse-as-string" | Should -Be "Monday, September 22, 2008 2:01:54 PM"
        $result."date-upperU-should-parse-as-string" | Should -BeOfType [String]
        $result."date-upperY-should-parse-as-string" | Should -Be "September 2008"
        $result."date-upperY-should-parse-as-string" | Should -BeOfType [String]
        $result."date-y-should-parse-as-string" | Should -Be "September 2008"
        $result."date-y-should-parse-as-string" | Should -BeOfType [String]
    }
    It 'reads a large document' {
        $json = @"
{
"_id": "60dd3ea9253016932039a0a2",
"index": 0,
"guid": "429b96a7-24e3-47de-a93b-f44a346c5ac9",
"isActive": false,
"balance": "$2,039.72",
"picture": "http://placehold.it/32x32",
"age": 35,
"eyeColor": "green",
"name": "Rhodes Roberson",
"gender": "male",
"company": "INSECTUS",
"email": "rhodesroberson@insectus.com",
"phone": "+1 (883) 561-3999",
"address": "931 Kings Place, Hartsville/Hartley, Federated States Of Micronesia, 9344",
"about": "Ipsum pariatur nisi eiusmod aliquip in cupidatat. Deserunt non sit anim consectetur consectetur incididunt elit qui id proident nostrud. Consectetur pariatur et adipisicing aliquip fugiat fugiat Lorem reprehenderit laboris magna. Duis veniam irure amet ex minim eiusmod et laborum non elit. Dolor enim Lorem occaecat nisi consectetur mollit laborum anim velit et. Irure aliquip eiusmod anim proident ex ea duis deserunt aute amet adipisicing nisi nostrud. Minim ipsum fugiat consequat mollit fugiat tempor fugiat.",
"registered": "2019-12-17T06:14:06 +06:00",
"latitude": 51.890798,
"longitude": -47.522764,
"tags": [
  "laboris",
  "voluptate",
  "amet",
  "ad",
  "velit",
  "ipsum",
  "do"
],
"friends": [
  {
	"id": 0,
	"name": "Renee Holden"
  },
  {
	"id": 1,
	"name": "Bennett Dixon"
  },
  {
	"id": 2,
	"name": "Emilia Holder"
  }
],
"greeting": "Hello, Rhodes Roberson! You have 9 unread messages.",
"favoriteFruit": "banana"
}
"@
        $result = ConvertFrom-Json $Json
        $result."about"| Should -BeExactly "Ipsum pariatur nisi eiusmod aliquip in cupidatat. Deserunt non sit anim consectetur consectetur incididunt elit qui id proident nostrud. Consectetur pariatur et adipisicing aliquip fugiat fugiat Lorem reprehenderit laboris magna. Duis veniam irure amet ex minim eiusmod et laborum non elit. Dolor enim Lorem occaecat nisi consectetur mollit laborum anim velit et. Irure aliquip eiusmod anim proident ex ea duis deserunt aute amet adipisicing nisi nostrud. Minim ipsum fugiat consequat mollit fugiat tempor fugiat."
        $result."about" | Should -BeOfType [String]
        $result."address"| Should -BeExactly "931 Kings Place, Hartsville/Hartley, Federated States Of Micronesia, 9344"
        $result."address" | Should -BeOfType [String]
        $result."age" | Should -BeOfType [Int64]
        $result."balance"| Should -BeExactly ",039.72"
        $result."balance" | Should -BeOfType [String]
        $result."company"| Should -BeExactly "INSECTUS"
        $result."company" | Should -BeOfType [String]
        $result."email"| Should -BeExactly "rhodesroberson@insectus.com"
        $result."email" | Should -BeOfType [String]
        $result."eyeColor"| Should -BeExactly "green"
        $result."eyeColor" | Should -BeOfType [String]
        $result."favoriteFruit"| Should -BeExactly "banana"
        $result."favoriteFruit" | Should -BeOfType [String]
        $result."gender"| Should -BeExactly "male"
        $result."gender" | Should -BeOfType [String]
        $result."greeting"| Should -BeExactly "Hello, Rhodes Roberson! You have 9 unread messages."
        $result."greeting" | Should -BeOfType [String]
        $result."guid"| Should -BeExactly "429b96a7-24e3-47de-a93b-f44a346c5ac9"
        $result."guid" | Should -BeOfType [String]
        $result."index" | Should -BeOfType [Int64]
        $result."isActive"| Should -Be False
        $result."isActive" | Should -BeOfType [Boolean]
        $result."latitude"| Should -Be 51.890798
        $result."latitude" | Should -BeOfType [Double]
        $result."longitude"| Should -Be -47.522764
        $result."longitude" | Should -BeOfType [Double]
        $result."name"| Should -BeExactly "Rhodes Roberson"
        $result."name" | Should -BeOfType [String]
        $result."phone"| Should -BeExactly "+1 (883) 561-3999"
        $result."phone" | Should -BeOfType [String]
        $result."picture"| Should -BeExactly "http://placehold.it/32x32"
        $result."picture" | Should -BeOfType [String]
        $result."registered"| Should -BeExactly "2019-12-17T06:14:06 +06:00"
        $result."registered" | Should -BeOfType [String]
        $result."_id"| Should -BeExactly "60dd3ea9253016932039a0a2"
        $result."_id" | Should -BeOfType [String]
        $result.Tags | Should -BeOfType [string]
        $result.Tags.count | Should -Be 7
        $result.Tags[0] | Should -BeExactly "laboris"
        $result.Tags | Should -Be @("laboris", "voluptate", "amet", "ad", "velit", "ipsum", "do")
        $result.Friends | Should -BeOfType [pscustomobject]
        $result.Friends[0].id | Should -Be 0
        $result.Friends[0].name | Should -BeExactly "Renee Holden"
        $result.Friends[1].id | Should -Be 1
        $result.Friends[1].name | Should -BeExactly "Bennett Dixon"
        $result.Friends[2].id | Should -Be 2
        $result.Friends[2].name | Should -BeExactly "Emilia Holder"
    }
    It 'chooses Int64, Double or BigInteger for a number in a string' {
        ConvertFrom-Json -InputObject "5" | Should -Be 5
        ConvertFrom-Json -InputObject "5" | Should -BeOfType [int64]
        ConvertFrom-Json -InputObject "5000000000000" | Should -Be "5000000000000"
        ConvertFrom-Json -InputObject "5000000000000" | Should -BeOfType [int64]
        ConvertFrom-Json -InputObject "5.0" | Should -Be 5.0
        ConvertFrom-Json -InputObject "5.0" | Should -BeOfType [double]
        ConvertFrom-Json -InputObject "500000000000.0000000000000001" | Should -Be "500000000000"
        ConvertFrom-Json -InputObject "500000000000.0000000000000001" | Should -BeOfType [double]
        ConvertFrom-Json -InputObject "50000000000000000000000000000000000.0000000000000001" | Should -Be "5E+34"
        ConvertFrom-Json -InputObject "50000000000000000000000000000000000.0000000000000001" | Should -BeOfType [double]
        ConvertFrom-Json -InputObject "50000000000000000000000000000000000" | Should -Be 50000000000000000000000000000000000
        ConvertFrom-Json -InputObject "50000000000000000000000000000000000" | Should -BeOfType [BigInt]
    }
    It 'reads a number argument by the text it was written as' {
        ConvertFrom-Json -InputObject 5 | Should -Be 5
        ConvertFrom-Json -InputObject 5 | Should -BeOfType [int64]
        ConvertFrom-Json -InputObject 5000000000000 | Should -Be 5000000000000
        ConvertFrom-Json -InputObject 5000000000000 | Should -BeOfType [int64]
        ConvertFrom-Json -InputObject 5.0 | Should -Be 5.0
        ConvertFrom-Json -InputObject 5.0 | Should -BeOfType [double]
        ConvertFrom-Json -InputObject 500000000000.0000000000000001 | Should -Be 500000000000
        ConvertFrom-Json -InputObject 500000000000.0000000000000001 | Should -Be 500000000000.0000000000000001
        ConvertFrom-Json -InputObject 500000000000 | Should -Be 500000000000.0000000000000001
        ConvertFrom-Json -InputObject 500000000000 | Should -Be 500000000000
        ConvertFrom-Json -InputObject 500000000000.0000000000000001 | Should -BeOfType [double]
        ConvertFrom-Json -InputObject 50000000000000000000000000000000000.0000000000000001 | Should -Be "5E+34"
        ConvertFrom-Json -InputObject 50000000000000000000000000000000000.0000000000000001 | Should -BeOfType [double]
        ConvertFrom-Json -InputObject 50000000000000000000000000000000000 | Should -Be 50000000000000000000000000000000000
        ConvertFrom-Json -InputObject 50000000000000000000000000000000000 | Should -BeOfType [BigInt]
    }
    It 'reads escapes' {
        $json = '{"SampleValue":"\"\\\b\f\n\r\t\u4321\uD7FF"}'
        $result = ConvertFrom-Json $json
        $result.SampleValue[0] | Should -Be '"'
        $result.SampleValue[1] | Should -Be '\'
        $result.SampleValue[2] | Should -Be 0x8
        $result.SampleValue[3] | Should -Be 0xC
        $result.SampleValue[4] | Should -Be 0xA
        $result.SampleValue[5] | Should -Be 0xD
        $result.SampleValue[6] | Should -Be 0x9
        $result.SampleValue[7] | Should -Be 0x4321
        $result.SampleValue[8] | Should -Be 0xD7FF
    }
}

Describe 'Json layout' {
    It 'writes a dictionary of arrays' {
            $a = 1..5
            $b = 6..10
            $actual = ([ordered]@{'a'=$a;'b'=$b} | ConvertTo-Json) -replace "\s"
            $expected = @'
{
    "a":  [
              1,
              2,
              3,
              4,
              5
          ],
    "b":  [
              6,
              7,
              8,
              9,
              10
          ]
}
'@
            $expectedNoWhiteSpace = $expected -replace "\s"
            $actual | Should -Be $expectedNoWhiteSpace
    }
    It 'indents an array by two spaces' {
        $array = 'one', 'two', 'three'
        $response = $array | ConvertTo-Json
        ($response -split "\r?\n")[1] | Should -Be '  "one",'
    }
    It 'indents a dictionary by two spaces' {
        $dictionary = [Ordered]@{
        'one' = 1
        'two' = 2
        'three' = 3
        }
        $response2 = $dictionary | ConvertTo-Json
        ($response2 -split "\r?\n")[1] | Should -Be '  "one": 1,'
    }
    It 'compresses with -Compress' {
        (@{ a = 1 } | ConvertTo-Json -Compress).Length | Should -Be 7
    }
}

Describe 'Json bug fixes' {
    function New-Nested([int]$count) {
        $previous = @{ Depth = $count; Next = $null }
        ($count - 1)..1 | ForEach-Object { $previous = @{ Depth = $_; Next = $previous } }
        $previous
    }
    It 'refuses -Depth 101' {
        $nested = New-Nested 10
        { $nested | ConvertTo-Json -Depth 101 } | Should -Throw -ErrorId "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.ConvertToJsonCommand"
    }
    It 'round-trips depth 100' {
        $nested = New-Nested 100
        { $nested | ConvertTo-Json -Depth 100 | ConvertFrom-Json } | Should -Not -Throw
    }
    It 'round-trips an object deeper than -Depth 100' {
        $nested = New-Nested 105
        { $nested | ConvertTo-Json -Depth 100 | ConvertFrom-Json } | Should -Not -Throw
    }
    It 'reads the lines of a file as one document' {
        $array = [pscustomobject]@{ objectName = "object1Name"; objectValue = "object1Value" },
                 [pscustomobject]@{ objectName = "object2Name"; objectValue = "object2Value" }
        $filePath = Join-Path $scratch test.json
        $array | ConvertTo-Json | Out-File $filePath -Encoding utf8
        $result = Get-Content $filePath | ConvertFrom-Json
        $result.Count | Should -Be 2
    }
    It 'reads piped strings as one document' {
        $result = "[1,","2,","3]" | ConvertFrom-Json
        $result.Count | Should -Be 3
    }
    It 'warns when -Depth cuts the object' {
        $a = @{ a = @{ b = @{ c = @{ d = 1 } } } }
        $json = $a | ConvertTo-Json -Depth 2 -WarningVariable warningMessage -WarningAction SilentlyContinue
        $json | Should -Not -BeNullOrEmpty
        $warningMessage | Should -Not -BeNullOrEmpty
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
