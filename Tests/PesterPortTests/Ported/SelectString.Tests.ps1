# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Select-String.Tests.ps1 (string
# input, -Quiet/-NotMatch/-Raw/-AllMatches, files with -Context, -Culture); the assertions, in hvsh's
# own code. A scratch folder stands in for Pester's $TestDrive.
. "$PSScriptRoot/MiniPester.ps1"

$nl = [Environment]::NewLine
$scratch = Join-Path ([IO.Path]::GetTempPath()) "hvsh-sls-$PID"
$null = New-Item -ItemType Directory -Path $scratch -Force

Describe 'Select-String on strings' {
    $one = 'hello', 'Hello', 'goodbye'
    $two = 'hello', 'Hello'
    It 'returns MatchInfo objects, an array for several' {
        { $one | Select-String -Pattern 'hello' } | Should -Not -Throw
        $r = $two | Select-String -Pattern 'hello'
        , $r | Should -BeOfType System.Array
        $r = $two | Select-String -Pattern 'hello' -CaseSensitive
        , $r | Should -BeOfType Microsoft.PowerShell.Commands.MatchInfo
    }
    It 'knows -ca for -CaseSensitive and returns only the exact match' {
        $a = $two | Select-String -Pattern 'hello' -CaseSensitive
        $b = $two | Select-String -Pattern 'hello' -ca
        @(Compare-Object $a $b).Length | Should -Be 0
        $two | Select-String -Pattern 'hello' -CaseSensitive | Should -Be 'hello'
    }
    It 'takes a collection as one -InputObject' {
        { Select-String -InputObject 'some stuff', 'other stuff' -Pattern 'other' } | Should -Not -Throw
        Select-String -InputObject 'some stuff', 'other stuff' -Pattern 'neither' | Should -BeNullOrEmpty
        (Select-String -InputObject 'some stuff', 'other stuff' -Pattern 'other').Line | Should -BeExactly 'some stuff other stuff'
    }
    It '-Quiet gives a Boolean or nothing' {
        , ($two | Select-String -Quiet 'hello' -CaseSensitive) | Should -BeOfType System.Boolean
        ($two | Select-String -Quiet 'hello' -CaseSensitive) | Should -BeTrue
        $two | Select-String -Quiet 'goodbye' | Should -BeNullOrEmpty
    }
    It '-NotMatch gives the lines that do not match' {
        $one | Select-String -Pattern 'goodbye' -NotMatch | Should -BeExactly 'hello', 'Hello'
    }
    It 'prints the lines without emphasis through Out-String' {
        $one | Select-String -Pattern 'l' -NoEmphasis | Out-String | Should -Be "${nl}hello${nl}Hello${nl}${nl}"
        $one | Select-String -Pattern 'l' | Should -Be 'hello', 'hello'
    }
    It '-Raw writes strings and refuses -Quiet' {
        $two | Select-String -Pattern 'hello' -CaseSensitive -Raw | Should -BeOfType System.String
        { $one | Select-String -Pattern 'hello' -Raw -Quiet -ErrorAction Stop } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
    }
    It '-AllMatches finds every match in a line' {
        ('a1b2c3' | Select-String '\d' -AllMatches).Matches.Count | Should -Be 3
        ('a1b2c3' | Select-String '\d').Matches.Count | Should -Be 1
        ('a1b2c3' | Select-String '(?<d>\d)').Matches[0].Groups['d'].Value | Should -BeExactly '1'
    }
    It 'a MatchInfo knows its line number, pattern and file name' {
        $m = 'x', 'yes', 'z' | Select-String 'es'
        $m.LineNumber | Should -Be 2
        $m.Pattern | Should -BeExactly 'es'
        $m.Filename | Should -BeExactly 'InputStream'
        $m.ToString() | Should -BeExactly 'yes'
    }
    It 'several patterns and -SimpleMatch' {
        ('ab', 'cd', 'ef' | Select-String -Pattern 'a', 'e').Line -join ',' | Should -BeExactly 'ab,ef'
        ('a.b', 'axb' | Select-String -Pattern '.' -SimpleMatch).Line | Should -BeExactly 'a.b'
    }
}

Describe 'Select-String emphasis' {
    $one = 'hello', 'Hello', 'goodbye'
    $saved = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'Ansi'
    It 'reverses the first match of each line when output is decorated' {
        $one | Select-String -Pattern 'l' | Out-String | Should -Be "${nl}he`e[7ml`e[0mlo${nl}He`e[7ml`e[0mlo${nl}${nl}"
    }
    It 'reverses every match with -AllMatches' {
        $one | Select-String -Pattern 'l' -AllMatches | Out-String | Should -Be "${nl}he`e[7ml`e[0m`e[7ml`e[0mo${nl}He`e[7ml`e[0m`e[7ml`e[0mo${nl}${nl}"
    }
    It 'reverses the substring found by -SimpleMatch' {
        $one | Select-String -Pattern 'l' -SimpleMatch | Out-String | Should -Be "${nl}he`e[7ml`e[0mlo${nl}He`e[7ml`e[0mlo${nl}${nl}"
    }
    It 'leaves the lines plain with -NoEmphasis' {
        $one | Select-String -Pattern 'l' -NoEmphasis | Out-String | Should -Be "${nl}hello${nl}Hello${nl}${nl}"
    }
    It 'keeps the sequences out of the MatchInfo string' {
        $one | Select-String -Pattern 'l' | Should -Be 'hello', 'hello'
    }
    $PSStyle.OutputRendering = 'PlainText'
    It 'prints no sequences with PlainText rendering' {
        $one | Select-String -Pattern 'l' | Out-String | Should -Be "${nl}hello${nl}Hello${nl}${nl}"
    }
    $PSStyle.OutputRendering = $saved
    It 'ToEmphasizedString takes the directory paths are shown relative to' {
        $m = 'abc' | Select-String 'b'
        $m.ToEmphasizedString('/tmp') | Should -BeExactly "a`e[7mb`e[0mc"
        ('abc' | Select-String 'b' -NoEmphasis).ToEmphasizedString('/tmp') | Should -BeExactly 'abc'
    }
}

Describe 'Select-String on files' {
    $file = Join-Path $scratch 'testfile1.txt'
    $null = New-Item $file -ItemType File -Force -Value "This is a text string, and another string${nl}This is the second line${nl}This is the third line${nl}This is the fourth line${nl}No matches"
    It 'returns one object or an array of MatchInfo' {
        , (Select-String $file -Pattern 'string') | Should -BeOfType Microsoft.PowerShell.Commands.MatchInfo
        $r = Select-String $file -Pattern 'in'
        , $r | Should -BeOfType System.Array
        $r[0] | Should -BeOfType Microsoft.PowerShell.Commands.MatchInfo
    }
    It 'writes path:line:text' {
        Select-String $file -Pattern 'string' | Should -BeExactly ($file + ':1:This is a text string, and another string')
        Select-String $file -Pattern 'second' | Should -BeExactly ($file + ':2:This is the second line')
    }
    It 'takes the pattern by position' {
        (Select-String in $file)[0].Line | Should -BeExactly 'This is a text string, and another string'
        (Select-String in $file)[3].Line | Should -BeExactly 'This is the fourth line'
        (Select-String in $file)[4].Line | Should -BeNullOrEmpty
        Select-String for $file | Should -BeNullOrEmpty
        (Select-String is $file -CaseSensitive).Count | Should -Be 4
    }
    It 'shows context lines around the match' {
        $r = Select-String third $file -Context 1
        $r | Should -Match 'testfile1.txt:2:This is the second line'
        $r | Should -Match 'testfile1.txt:3:This is the third line'
        $r | Should -Match 'testfile1.txt:4:This is the fourth line'
        $r.Context.PreContext | Should -BeExactly 'This is the second line'
        $r.Context.PostContext | Should -BeExactly 'This is the fourth line'
    }
    It 'shows the path relative to the current location in its display' {
        Push-Location $scratch
        Select-String third $file | Out-String | Should -BeExactly "${nl}testfile1.txt:3:This is the third line${nl}${nl}"
        (Select-String third $file).ToString($scratch) | Should -BeExactly 'testfile1.txt:3:This is the third line'
        (Select-String third $file).RelativePath($scratch + '/') | Should -BeExactly 'testfile1.txt'
        Pop-Location
    }
    It 'reads relative paths and regular expressions' {
        Push-Location $scratch
        Select-String matches testfile1.txt | Should -Match 'testfile1.txt:5:No matches'
        Pop-Location
        Select-String 'matc*' $file -CaseSensitive | Should -Match 'testfile1.txt:5:No matches'
        Select-String 'matc*' $file -ca | Should -Match 'testfile1.txt:5:No matches'
    }
    It '-Raw gives the lines and ignores -Context' {
        (Select-String in $file -Raw)[1] | Should -BeExactly 'This is the second line'
        (Select-String in $file -Raw)[4] | Should -BeNullOrEmpty
        Select-String second $file -Raw -Context 2, 2 | Should -BeExactly 'This is the second line'
    }
    It '-List stops at the first match of each file' {
        @(Select-String in $file -List).Count | Should -Be 1
    }
}

Describe 'Select-String -Culture' {
    It 'needs -SimpleMatch' {
        { '1' | Select-String -Pattern 'hello' -Culture 'ru-RU' } | Should -Throw -ErrorId 'CannotSpecifyCultureWithoutSimpleMatch,Microsoft.PowerShell.Commands.SelectStringCommand'
        { '1' | Select-String -Pattern 'hello' -Culture 'Ordinal' -SimpleMatch } | Should -Not -Throw
    }
    It 'compares in the culture given' {
        'file' | Select-String -Pattern 'fIle' -Culture 'en-US' -SimpleMatch | Should -BeExactly 'file'
        'file' | Select-String -Pattern 'fIle' -Culture 'en-US' -SimpleMatch -CaseSensitive | Should -BeExactly $null
        'file' | Select-String -Pattern 'fIle' -Culture 'Ordinal' -SimpleMatch | Should -BeExactly 'file'
        'file' | Select-String -Pattern 'fIle' -Culture 'Invariant' -SimpleMatch -CaseSensitive | Should -BeExactly $null
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
