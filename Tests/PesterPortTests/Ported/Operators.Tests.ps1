# Ported from test/powershell/Language/Operators/SplitOperator.Tests.ps1, ReplaceOperator.Tests.ps1
# and TernaryOperator.Tests.ps1 (the assertions, in hvsh's own code; each Should compares the whole
# result joined with '|').
. "$PSScriptRoot/MiniPester.ps1"

Describe 'binary -split' {
    It 'splits each string of an array and a single string' {
        ('a b', 'c d' -split ' ') -join '|' | Should -BeExactly 'a|b|c|d'
        ('a b c d' -split ' ').Count | Should -Be 4
    }
    It 'honours a positive, zero and negative substring limit' {
        ('a b c d' -split ' ', 2) -join '|' | Should -BeExactly 'a|b c d'
        ('a b c d' -split ' ', 0) -join '|' | Should -BeExactly 'a|b|c|d'
        ('a b c d' -split ' ', -2) -join '|' | Should -BeExactly 'a b c|d'
        ('a b c d' -split ' ', -1) -join '|' | Should -BeExactly 'a b c d'
        ('a b c d' -split ' ', 8) -join '|' | Should -BeExactly 'a|b|c|d'
        ('a b c d' -split ' ', -8) -join '|' | Should -BeExactly 'a|b|c|d'
        (' ' -split ' ', -2).Count | Should -Be 2
    }
    It 'takes a script block predicate with negative limits' {
        ('a b c d' -split { $_ -like ' ' }, -2) -join '|' | Should -BeExactly 'a b c|d'
        ('a b c d' -split { $_ -like ' ' }, -4) -join '|' | Should -BeExactly 'a|b|c|d'
        ('a b c d' -split { $_ -like ' ' }, -8) -join '|' | Should -BeExactly 'a|b|c|d'
        (' ' -split { $_ -like ' ' }, -4).Count | Should -Be 2
        ('folder/path/to/file' -split { $_ -like '/' }, -2) -join '|' | Should -BeExactly 'folder/path/to|file'
        ('a::b::c::d' -split { $_ -eq 'b' -or $_ -eq 'C' }) -join '|' | Should -BeExactly 'a::|::|::d'
    }
    It 'splits on regular expressions and keeps captured delimiters' {
        ('a2b3c4d' -split '\d+', 2) -join '|' | Should -BeExactly 'a|b3c4d'
        ('a2b3c4d' -split '\d+', -2) -join '|' | Should -BeExactly 'a2b3c|d'
        ('a::b::c::d' -split '::') -join '|' | Should -BeExactly 'a|b|c|d'
        ('a1:b1:c1:d' -split '(1:)') -join '|' | Should -BeExactly 'a|1:|b|1:|c|1:|d'
        ('a1:b1:c1:d' -split '1(:)') -join '|' | Should -BeExactly 'a|:|b|:|c|:|d'
    }
    It 'is case-insensitive unless -csplit' {
        ('abcBd' -split 'B') -join '|' | Should -BeExactly 'a|c|d'
        ('abcBd' -isplit 'B') -join '|' | Should -BeExactly 'a|c|d'
        ('abcBd' -csplit 'B') -join '|' | Should -BeExactly 'abc|d'
        ('abcBd' -csplit 'B', 0, 'IgnoreCase') -join '|' | Should -BeExactly 'a|c|d'
    }
}

Describe '-split options' {
    It 'has neither Singleline nor Multiline by default' {
        ("a12a`nb34b`nc56c`nd78d" -split '^b').Count | Should -Be 1
        ("a12a`nb34b`nc56c`nd78d" -split 'b.+c').Count | Should -Be 1
    }
    It 'Singleline lets the dot match a new line' {
        ("a12a`nb34b`nc56c`nd78d" -split 'b.+c', 0, 'Singleline') -join '|' | Should -BeExactly "a12a`n|`nd78d"
        ("a12a`r`n%b34b`r`nc56c`r`nd78d" -split 'b.+c', 0, 'Singleline') -join '|' | Should -BeExactly "a12a`r`n%|`r`nd78d"
    }
    It 'Multiline anchors at each line' {
        ("a12a`nb34b`nc56c`nd78d" -split '^b', 0, 'Multiline') -join '|' | Should -BeExactly "a12a`n|34b`nc56c`nd78d"
        ("a12a`nb34b`nc56c`nd78d" -split '^b.+c', 0, 'Singleline,Multiline') -join '|' | Should -BeExactly "a12a`n|`nd78d"
        ("a12a`n%b34b`nc56c`nd78d" -split '^b.+c', 0, 'Singleline,Multiline').Count | Should -Be 1
    }
    It 'IgnorePatternWhitespace, ExplicitCapture, SimpleMatch and RegexMatch' {
        ('a: b:c' -split ': ') -join '|' | Should -BeExactly 'a|b:c'
        ('a: b:c' -split ': ', 0, 'IgnorePatternWhitespace') -join '|' | Should -BeExactly 'a| b|c'
        ('a:b' -split '(:)') -join '|' | Should -BeExactly 'a|:|b'
        ('a:b' -split '(:)', 0, 'ExplicitCapture') -join '|' | Should -BeExactly 'a|b'
        ('abc' -split 'B', 0, 'SimpleMatch,IgnoreCase') -join '|' | Should -BeExactly 'a|c'
        ('a.b' -split '.', 0, 'SimpleMatch') -join '|' | Should -BeExactly 'a|b'
        ('abc' -split 'B', 0, 'RegexMatch,Singleline') -join '|' | Should -BeExactly 'a|c'
    }
    It 'refuses RegexMatch with SimpleMatch' {
        { 'abc' -split 'B', 0, 'RegexMatch,SimpleMatch' } | Should -Throw -ErrorId 'InvalidSplitOptionCombination'
    }
}

Describe 'unary -split' {
    It 'binds tighter than a comma' {
        $r = -split 'a b', 'c d'
        $r.Count | Should -Be 2
        $r[0] -join '|' | Should -BeExactly 'a|b'
        $r[1] | Should -BeExactly 'c d'
    }
    It 'splits an array and a string on white space' {
        (-split ('a b', 'c d')) -join '|' | Should -BeExactly 'a|b|c|d'
        (-split "  a`tb `n c  ") -join '|' | Should -BeExactly 'a|b|c'
    }
}

Describe '-replace' {
    It 'replaces by regular expression, case-insensitive unless -creplace' {
        'Get-Process' -replace 'Get', 'Stop' | Should -BeExactly 'Stop-Process'
        'image.gif' -replace '\.gif$', '.jpg' | Should -BeExactly 'image.jpg'
        'book' -replace 'B', 'C' | Should -BeExactly 'Cook'
        'book' -ireplace 'B', 'C' | Should -BeExactly 'Cook'
        'book' -creplace 'B', 'C' | Should -BeExactly 'book'
    }
    It 'takes the substitution as optional and works on arrays' {
        'PowerPoint' -replace 'Point' | Should -BeExactly 'Power'
        ('PowerPoint1', 'PowerPoint2' -replace 'Point', 'Shell') -join '|' | Should -BeExactly 'PowerShell1|PowerShell2'
        ('PowerPoint1', 'PowerPoint2' -replace 'Point') -join '|' | Should -BeExactly 'Power1|Power2'
    }
    It 'substitutes numbered and named groups' {
        'domain.example' -replace '.*\.(\w+)$', "Tld of '`$0' is - '`$1'" | Should -BeExactly "Tld of 'domain.example' is - 'example'"
        'domain.example' -replace '.*\.(?<tld>\w+)$', '${tld}' | Should -BeExactly 'example'
        'ab' -replace '(a)(b)', '$2$1$$' | Should -BeExactly 'ba$'
    }
    It 'takes a script block or a MatchEvaluator' {
        'ID ABC123' -replace '\b[A-C]+', { 'X' * $_.Value.Length } | Should -BeExactly 'ID XXX123'
        $evaluator = { 'X' * $args[0].Value.Length } -as [System.Text.RegularExpressions.MatchEvaluator]
        'ID ABC123' -replace '\b[A-C]+', $evaluator | Should -BeExactly 'ID XXX123'
    }
    It 'stringifies the left side culture-invariantly' {
        1.2 -split ',' | Should -Be '1.2'
        1.2 -replace ',' | Should -Be '1.2'
    }
}

Describe 'ternary operator' {
    It 'tests constants and variables' {
        $true ? 1 : 2 | Should -Be 1
        ${true}?1:2 | Should -Be 1
        1 ? 1kb : 0xf | Should -Be 1024
        0 ?1kb:0xf | Should -Be 15
        's' ?1kb:0xf | Should -Be 1024
        $null ?1kb:0xf | Should -Be 15
        '' ?1kb:0xf | Should -Be 15
    }
    It 'tests other expressions' {
        1,2,3,4 ? 'Core' : 'Desktop' | Should -BeExactly 'Core'
        @{name = 'name'}.Contains('name') ? 'Core' : 'Desktop' | Should -BeExactly 'Core'
        (Test-Path Env:\NonExist) ? 'true' : 'false' | Should -BeExactly 'false'
        ($a = 1) ? 2 : 3 | Should -Be 2
        $($a = 1) ? 2 : 3 | Should -Be 3
        (Write-Error -Message error -ErrorAction SilentlyContinue) ? 1 : 2 | Should -Be 2
        1,2,3 -contains 2 ? 'Core' : 'Desktop' | Should -BeExactly 'Core'
    }
    It 'nests and binds looser than binary operators' {
        $true ? $false ? 'a' : 'b' : 'c' | Should -BeExactly 'b'
        $true ? $false ? 'a' : $true ? 'd' : 'e' : 'c' | Should -BeExactly 'd'
        ($true ? 'Core' : 'Desktop') -eq 'Core' | Should -BeTrue
        $false ? 'Core' : 'Desktop' -eq 'Core' | Should -BeFalse
    }
    It 'stops on a terminating error in its condition' {
        { (Write-Error -Message error -ErrorAction Stop) ? 1 : 2 } | Should -Throw -ErrorId 'Microsoft.PowerShell.Commands.WriteErrorException'
    }
    It 'works in default values, pipelines and with script blocks' {
        function testFunc { param($psExec = $true ? 'pwsh' : 'powershell.exe') $psExec }
        testFunc | Should -BeExactly 'pwsh'
        $true ? 'Core' : 'Desktop' | ForEach-Object { $_ + '-Pipe' } | Should -BeExactly 'Core-Pipe'
        $r = ${true}?{'Core'}:{'Desktop'}
        $r | Should -BeOfType scriptblock
        & $r | Should -BeExactly 'Core'
    }
}

Complete-MiniPester
