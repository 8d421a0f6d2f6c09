# Ported from test/powershell/Language/Parser/RedirectionOperator.Tests.ps1 (file redirection and
# Out-Null, redirection to the variable provider for every stream, `>` beside `*>`), with the
# redirections of expressions and subexpressions about_Redirection describes; the assertions, in
# hvsh's own code. A scratch folder stands in for Pester's $TestDrive.
. "$PSScriptRoot/MiniPester.ps1"
$scratch = Join-Path ([IO.Path]::GetTempPath()) "hvsh-redirection-$PID"
$null = New-Item -ItemType Directory -Path $scratch -Force

Describe 'file redirection' {
    It 'writes the file before Out-Null sees nothing' {
        "some text" > $scratch/out.txt | Out-Null
        Get-Content $scratch/out.txt | Should -BeExactly "some text"
        Write-Output "some more text" > $scratch/out.txt | Out-Null
        Get-Content $scratch/out.txt | Should -BeExactly "some more text"
    }
    It 'appends with >>' {
        'one' > $scratch/append.txt
        'two' >> $scratch/append.txt
        (Get-Content $scratch/append.txt) -join ',' | Should -BeExactly 'one,two'
    }
    It 'keeps the pipeline it sits in: > for output, *> for the other streams' {
        $result = & { $(Get-Command NonExist; 1234) > $scratch/output.txt *> $scratch/other.txt; "Hello" }
        $result | Should -BeExactly "Hello"
        (Get-Content $scratch/output.txt -Raw).Trim() | Should -BeExactly '1234'
        (Get-Content $scratch/other.txt -Raw) | Should -Match 'NonExist'
    }
}

Describe 'redirection to a variable' {
    It 'creates the variable' {
        1..3 > variable:a
        ($a -join "") | Should -Be ((1..3) -join "")
    }
    It 'appends to the variable' {
        1..3 > variable:a; 4..6 >> variable:a
        ($a -join "") | Should -Be ((1..6) -join "")
    }
    It 'keeps the type of what it stores' {
        @{ one = 1 } > variable:a
        $a | Should -BeOfType [hashtable]
    }
    It 'keeps the types of several objects' {
        @{one = 1} > variable:a; @{two = 2} >> variable:a; 1 >> variable:a; "string" >> variable:a
        $a.Count | Should -Be 4
        , $a | Should -BeOfType [array]
        $a[0] | Should -BeOfType [hashtable]
        $a[1] | Should -BeOfType [hashtable]
        $a[2] | Should -BeOfType [int]
        $a[3] | Should -BeOfType [string]
        $a[0].one | Should -Be 1
        $a[1].two | Should -Be 2
        $a[2] | Should -Be 1
        $a[3] | Should -Be "string"
    }
    It 'takes the error stream' {
        Write-Error bad 2>variable:a
        $a | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $a.Exception.Message | Should -BeExactly "bad"
    }
    It 'takes the warning stream' {
        Write-Warning warn 3>variable:a
        $a | Should -BeOfType [System.Management.Automation.WarningRecord]
        $a.Message | Should -BeExactly "warn"
    }
    It 'takes the verbose stream' {
        Write-Verbose -Verbose verb 4>variable:a
        $a | Should -BeOfType [System.Management.Automation.VerboseRecord]
        $a.Message | Should -BeExactly "verb"
    }
    It 'takes the debug stream' {
        Write-Debug -Debug deb 5>variable:a
        $a | Should -BeOfType [System.Management.Automation.DebugRecord]
        $a.Message | Should -BeExactly "deb"
    }
    It 'takes the information stream' {
        Write-Information info 6>variable:a
        $a | Should -BeOfType [System.Management.Automation.InformationRecord]
        $a.MessageData | Should -BeExactly "info"
    }
    It 'takes every stream with *>' {
        . { Write-Error bad; Write-Information info } *>variable:a
        $a.Count | Should -Be 2
        $a[0] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $a[0].Exception.Message | Should -Be "bad"
        $a[1] | Should -BeOfType [System.Management.Automation.InformationRecord]
        $a[1].MessageData | Should -BeExactly "info"
    }
    It 'sends two streams to two variables' {
        . { Write-Error bad; Write-Information info } 2>variable:e 6>variable:i
        $e | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $e.Exception.Message | Should -Be "bad"
        $i | Should -BeOfType [System.Management.Automation.InformationRecord]
        $i.MessageData | Should -BeExactly "info"
    }
}

Describe 'redirection of expressions' {
    It 'silences the errors of a parenthesised command' {
        $out = & { (Write-Error e1) 2>$null; 'after' }
        $out | Should -BeExactly 'after'
    }
    It 'merges the errors of a subexpression into its output, in order' {
        $types = $(Write-Error e2; 'out') 2>&1 | ForEach-Object { $_.GetType().Name }
        ($types -join ',') | Should -BeExactly 'ErrorRecord,String'
    }
    It 'still records silenced errors in $Error' {
        $Error.Clear()
        & { Write-Error e3 } 2>$null
        $Error.Count | Should -Be 1
        $Error[0].Exception.Message | Should -BeExactly 'e3'
    }
    It 'sends > of an expression to a variable while *> takes the rest' {
        $(Write-Error x; 1234) > variable:o *> variable:r
        $o | Should -Be 1234
        $r | Should -BeOfType [System.Management.Automation.ErrorRecord]
    }
}

Remove-Item -LiteralPath $scratch -Recurse -Force
Describe 'file redirection is Out-File' {
    It 'writes the same file as Out-File' {
        $object = [pscustomobject] @{ one = 1 }
        $redirectFile = Join-Path ([System.IO.Path]::GetTempPath()) ("redirect-" + [guid]::NewGuid() + ".txt")
        $outFile = Join-Path ([System.IO.Path]::GetTempPath()) ("outfile-" + [guid]::NewGuid() + ".txt")
        try {
            $object > $redirectFile
            $object | Out-File $outFile
            Get-Content $redirectFile -Raw | Should -BeExactly (Get-Content $outFile -Raw)
        } finally {
            Remove-Item $redirectFile, $outFile -ErrorAction SilentlyContinue
        }
    }
    It 'formats a command''s objects as one table, and >> appends after it' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ("redirect-" + [guid]::NewGuid() + ".txt")
        try {
            1..3 | ForEach-Object { [pscustomobject]@{ a = $_ } } > $file
            'x' >> $file
            (Get-Content $file) -join '|' | Should -BeExactly '|a|-|1|2|3||x'
        } finally {
            Remove-Item $file -ErrorAction SilentlyContinue
        }
    }
}

Complete-MiniPester
