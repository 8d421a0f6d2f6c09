# Ported from test/powershell/Language/Parser/LineContinuance.Tests.ps1 and Parser.Tests.ps1 (the
# exceptions ScriptBlock.Create throws for text that does not parse), with the type checks on engine
# objects that TryCatch.Tests.ps1 and Array.Tests.ps1 make; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$script:spaces = "`t `f`v$([char]0x00a0)"

Describe 'lines ending with a backtick' {
    It 'a single backtick continues the line' {
        & ([scriptblock]::Create("'Hello' + ``" + "`n    ' world'")) | Should -BeExactly 'Hello world'
    }
    It 'a backtick followed only by a CR continues the line' {
        & ([scriptblock]::Create("'Hello' + ```r' world'")) | Should -BeExactly 'Hello world'
    }
    It 'white space after the backtick still continues the line' {
        & ([scriptblock]::Create("'Hello' + ``" + $script:spaces + "`n    ' world'")) | Should -BeExactly 'Hello world'
    }
    It 'a comment after white space after the backtick still continues the line' {
        $text = "'Hello' + `` # a comment after the backtick`n    ' world'"
        & ([scriptblock]::Create($text)) | Should -BeExactly 'Hello world'
    }
    It 'a comment line may sit between the continued lines' {
        $text = "'Hello' + ``" + "`n# a comment line`n    ' world'"
        & ([scriptblock]::Create($text)) | Should -BeExactly 'Hello world'
    }
    It 'a comment straight after the backtick does not parse' {
        $text = "'Hello' + ``" + [char]35 + " not a comment`n    ' world'"
        { [scriptblock]::Create($text) } | Should -Throw -ErrorId 'ParseException'
    }
    It 'two backticks do not continue the line' {
        { [scriptblock]::Create("'Hello' + ````" + "`n    ' world'") } | Should -Throw -ErrorId 'ParseException'
    }
    It 'a backtick inside an argument still escapes a space' {
        Write-Output a` b | Should -BeExactly 'a b'
    }
}

Describe 'lines starting with a pipe' {
    It 'a pipe at the start of the next line continues the pipeline' {
        $out = 1..10
            | ForEach-Object { ($_ -shl 1) + $_ }
            | Where-Object { $_ % 2 -eq 0 }
            | Sort-Object -Descending
        $out | Should -Be @(30, 24, 18, 12, 6)
    }
    It 'comment lines may come before the continuing pipe' {
        $text = "'Hello'`n    " + [char]35 + " a comment line`n    | ForEach-Object { `"`$_ world`" }"
        & ([scriptblock]::Create($text)) | Should -BeExactly 'Hello world'
    }
    It 'a CR alone ends the line before the pipe' {
        & ([scriptblock]::Create("'Hello'`r    | ForEach-Object {`"`$_ world`"}")) | Should -BeExactly 'Hello world'
    }
    It 'a pipe on a line by itself continues too' {
        $out = 'Hello'
            |
            ForEach-Object { "$_ world" }
        $out | Should -BeExactly 'Hello world'
    }
    It 'a blank line before the pipe ends the pipeline' {
        { [scriptblock]::Create("'Hello'`n`n    | ForEach-Object { 1 }") } | Should -Throw -ErrorId 'ParseException'
    }
    It 'a line holding only a backtick before the pipe ends the pipeline' {
        { [scriptblock]::Create("'Hello'`n    ``" + "`n    | ForEach-Object { 1 }") } | Should -Throw -ErrorId 'ParseException'
    }
}

Describe 'ScriptBlock.Create on text that does not parse' {
    It 'text that stops early throws an IncompleteParseException' {
        { [scriptblock]::Create('"abc') } | Should -Throw -ErrorId 'IncompleteParseException'
        { [scriptblock]::Create('(1') } | Should -Throw -ErrorId 'IncompleteParseException'
        # A .NET method's ParseException reaches the script inside a MethodInvocationException (UsingAssembly.Tests
        # reads the parse error's id through .Exception.InnerException.ErrorRecord).
        { [scriptblock]::Create('{') } | Should -Throw -ExceptionType ([System.Management.Automation.MethodInvocationException])
    }
    It 'other syntax errors throw a ParseException' {
        { [scriptblock]::Create('| Get-Date') } | Should -Throw -ErrorId 'ParseException'
        { [scriptblock]::Create('1 | 2') } | Should -Throw -ErrorId 'ParseException'
    }
}

Describe 'engine object types by their full names' {
    It 'an error record is a System.Management.Automation.ErrorRecord' {
        $record = Write-Error 'bad' 2>&1
        $record -is [System.Management.Automation.ErrorRecord] | Should -BeTrue
        $record.InvocationInfo -is [System.Management.Automation.InvocationInfo] | Should -BeTrue
        'text' -is [System.Management.Automation.ErrorRecord] | Should -BeFalse
    }
    It 'Get-Variable writes PSVariable objects' {
        $probe = 1
        Get-Variable probe | Should -BeOfType 'System.Management.Automation.PSVariable'
    }
}

Complete-MiniPester
