# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Measure-Object.Tests.ps1 (counts,
# statistics, wildcard properties, strict mode, text measures), Tee-Object.Tests.ps1,
# New-TimeSpan.Tests.ps1, ConvertFrom-StringData.Tests.ps1 and New-Guid.Tests.ps1; the assertions, in
# hvsh's own code. A scratch folder stands in for Pester's $TestDrive.
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([IO.Path]::GetTempPath()) "hvsh-measure-$PID"
$null = New-Item -ItemType Directory -Path $scratch -Force

Describe 'Measure-Object numbers' {
    $three = 1, 3, 4
    It 'runs without input and counts its input' {
        { Measure-Object | Out-Null } | Should -Not -Throw
        ($three | Measure-Object).Count | Should -Be 3
    }
    It 'computes the sample standard deviation, alone or with -Sum and -Average' {
        [Math]::Abs(($three | Measure-Object -StandardDeviation).StandardDeviation - 1.52752523165195) | Should -BeLessThan 0.00000000000001
        [Math]::Abs((1..100 | Measure-Object -StandardDeviation).StandardDeviation - 29.011491975882) | Should -BeLessThan 0.0000000000001
        $r = 1..100 | Measure-Object -Sum -Average -StandardDeviation
        $r.Sum | Should -Be 5050
        $r.Average | Should -Be 50.5
        [Math]::Abs(($three | Measure-Object -Average -StandardDeviation).Average - 2.66666666666667) | Should -BeLessThan 0.00000000000001
    }
    It 'counts only objects that have the property' {
        $items = [pscustomobject]@{ X = 'a'; Y = 'b' }, [pscustomobject]@{ X = 'c' }, [pscustomobject]@{ X = 'e'; Y = 'f' }
        ($items | Measure-Object -Property Y).Count | Should -Be 2
    }
    It 'measures each property a wildcard names' {
        $data = [pscustomobject]@{ A1 = 1; A2 = 2; C3 = 3 }, [pscustomobject]@{ A1 = 1; A2 = 2; A3 = 3 }
        $r = $data | Measure-Object -Property A* -Sum
        $r.Count | Should -Be 3
        $r.Property -join ',' | Should -BeExactly 'A1,A2,A3'
        $r.Sum -join ',' | Should -BeExactly '2,4,3'
        $r.Count -join ',' | Should -BeExactly '3'
        ($r | ForEach-Object Count) -join ',' | Should -BeExactly '2,2,1'
    }
    It 'sums, averages, finds minimum and maximum with ties' {
        ($three | Measure-Object -Sum).Sum | Should -Be 8
        ($three | Measure-Object -Average).Average | Should -Be (8 / 3)
        (1, 1, 2, 4 | Measure-Object -Minimum).Minimum | Should -Be 1
        (1, 3, 5, 5 | Measure-Object -Maximum).Maximum | Should -Be 5
    }
    It '-AllStats' {
        $r = 1..10 | Measure-Object -AllStats
        $r.Count | Should -Be 10
        $r.Average | Should -Be 5.5
        $r.Sum | Should -Be 55
        $r.Minimum | Should -Be 1
        $r.Maximum | Should -Be 10
        $r.StandardDeviation.ToString() | Should -Be '3.0276503540974917'
    }
    It 'statistics not asked for are null' {
        $employees = [pscustomobject]@{ FirstName = 'joseph'; YearsInMS = 15 }, [pscustomobject]@{ FirstName = 'paul'; YearsInMS = 15 },
            [pscustomobject]@{ FirstName = 'mary jo'; YearsInMS = 5 }, [pscustomobject]@{ FirstName = "edmund`todd `n"; YearsInMS = 9 }
        $r = $employees | Measure-Object -Prop FirstName
        $r.Count | Should -Be 4
        $r.Sum | Should -BeNullOrEmpty
        $r.Average | Should -BeNullOrEmpty
        $r = $employees | Measure-Object -Sum -Average -Maximum -Minimum -Prop YearsInMS
        $r.Sum | Should -Be 44
        $r.Average | Should -Be 11
        $r.Maximum | Should -Be 15
        $r.Minimum | Should -Be 5
        $r = $employees | Measure-Object -Sum -Prop YearsInMS
        $r.Maximum | Should -BeNullOrEmpty
    }
    It 'text measures of a property, with and without white space' {
        $employees = [pscustomobject]@{ FirstName = 'joseph' }, [pscustomobject]@{ FirstName = 'paul' },
            [pscustomobject]@{ FirstName = 'mary jo' }, [pscustomobject]@{ FirstName = "edmund`todd `n" }
        ($employees | Measure-Object -Character -Prop FirstName).Characters | Should -Be 29
        ($employees | Measure-Object -Character -IgnoreWhiteSpace -Prop FirstName).Characters | Should -Be 25
        ($employees | Measure-Object -Word -Prop FirstName).Words | Should -Be 6
        ($employees | Measure-Object -Line -Prop FirstName).Lines | Should -Be 4
        ($employees | Measure-Object -Word -Prop FirstName).Lines | Should -BeNullOrEmpty
    }
    It 'a missing property is an error only in strict mode' {
        $folder = New-Item (Join-Path $scratch 'my_folder') -ItemType Directory -Force
        { Set-StrictMode -Off; Get-Item $folder | Measure-Object Length -ErrorAction Stop -Sum } | Should -Not -Throw
        { Set-StrictMode -Version 3.0; Get-Item $folder | Measure-Object Length -ErrorAction Stop -Sum } | Should -Throw -ErrorId 'GenericMeasurePropertyNotFound,Microsoft.PowerShell.Commands.MeasureObjectCommand'
        Set-StrictMode -Off
    }
}

Describe 'Measure-Object text' {
    $nl = [Environment]::NewLine
    $text = "HAD I the heavens' embroidered cloths,$nl Enwrought with golden and silver light,$nl The blue and the dim and the dark cloths$nl Of night and light and the half light,$nl I would spread the cloths under your feet:$nl But I, being poor, have only my dreams;$nl I have spread my dreams under your feet;$nl Tread softly because you tread on my dreams."
    It 'counts words, characters and lines' {
        ($text | Measure-Object -Word).Words | Should -Be $text.Replace($nl, '').Split().Length
        ($text | Measure-Object -Character).Characters | Should -Be $text.Length
        ($text | Measure-Object -Line).Lines | Should -Be $text.Split($nl, [System.StringSplitOptions]::RemoveEmptyEntries).Length
    }
}

Describe 'Tee-Object' {
    It 'passes objects on and saves them to a variable' {
        $r = 1, 2, 3 | Tee-Object -Variable saved
        $r -join ',' | Should -BeExactly '1,2,3'
        $saved -join ',' | Should -BeExactly '1,2,3'
    }
    It 'writes a file and appends with -Append' {
        $f = Join-Path $scratch 'tee.txt'
        'one' | Tee-Object -FilePath $f | Out-Null
        'two' | Tee-Object -FilePath $f -Append | Out-Null
        (Get-Content $f) -join ',' | Should -BeExactly 'one,two'
    }
    It 'takes -InputObject as one object' {
        $r = Tee-Object -InputObject (1, 2) -Variable one
        @($r).Count | Should -Be 2
    }
}

Describe 'New-TimeSpan' {
    It 'from parts and from two dates' {
        (New-TimeSpan -Days 1 -Hours 2 -Minutes 3 -Seconds 4).ToString() | Should -BeExactly '1.02:03:04'
        (New-TimeSpan -Start ([datetime]'2024-01-01') -End ([datetime]'2024-01-03')).Days | Should -Be 2
        (New-TimeSpan -Minutes 90).Hours | Should -Be 1
        (New-TimeSpan -Milliseconds 1500).TotalSeconds | Should -Be 1.5
        (New-TimeSpan -Start ([datetime]'2024-01-03') -End ([datetime]'2024-01-01')).TotalDays | Should -Be -2
    }
}

Describe 'ConvertFrom-StringData' {
    It 'reads key=value lines into a hashtable, skipping comments and blanks' {
        $h = ConvertFrom-StringData "a = 1`n# comment`n`nb=two words"
        $h.a | Should -BeExactly '1'
        $h.b | Should -BeExactly 'two words'
        $h.Count | Should -Be 2
    }
    It 'unescapes backslash sequences and takes another delimiter' {
        (ConvertFrom-StringData 'path=c:\\temp').path | Should -BeExactly 'c:\temp'
        (ConvertFrom-StringData -StringData 'x:5' -Delimiter ':').x | Should -BeExactly '5'
    }
    It 'refuses a repeated key' {
        { ConvertFrom-StringData "a=1`na=2" } | Should -Throw -ErrorId 'InvalidOperation,Microsoft.PowerShell.Commands.ConvertFromStringDataCommand'
    }
}

Describe 'New-Guid' {
    # PowerShell's current New-Guid makes time-ordered version-7 GUIDs (Guid.CreateVersion7).
    It 'makes distinct version-7 GUIDs and an empty one' {
        $g = New-Guid
        $g | Should -BeOfType System.Guid
        $g.ToString() | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
        (New-Guid) -ne (New-Guid) | Should -BeTrue
        (New-Guid -Empty).ToString() | Should -BeExactly '00000000-0000-0000-0000-000000000000'
        [guid]::Empty | Should -Be (New-Guid -Empty)
    }
    It 'reads the GUID a string spells, by position, by name and from the pipeline' {
        $g = New-Guid
        (New-Guid $g.ToString()).ToString() | Should -BeExactly $g.ToString()
        New-Guid -InputObject $g.ToString() | Should -BeOfType System.Guid
        $guids = '11c43ee8-b9d3-4e51-b73f-bd9dda66e29c', '0f8fad5bd9cb469fa16570867728950e' | New-Guid
        $guids[1].ToString() | Should -BeExactly '0f8fad5b-d9cb-469f-a165-70867728950e'
    }
    It 'writes StringNotRecognizedAsGuid for a string that is no GUID' {
        $out = New-Guid 'nonsense' -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeExactly 'StringNotRecognizedAsGuid,Microsoft.PowerShell.Commands.NewGuidCommand'
        $ev[0].Exception | Should -BeOfType System.FormatException
        { New-Guid 'nonsense' -ErrorAction Stop } | Should -Throw -ErrorId 'StringNotRecognizedAsGuid'
    }
    It 'takes time order from the clock' {
        $first = New-Guid
        Start-Sleep -Milliseconds 5
        $second = New-Guid
        $first.ToString().Substring(0, 13) -lt $second.ToString().Substring(0, 13) | Should -BeTrue
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
