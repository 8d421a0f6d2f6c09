# Ported from test/powershell/Language/Scripting/Indexer.Tests.ps1, Scripting.Followup.Tests.ps1 and
# test/powershell/Language/Parser/BNotOperator.Tests.ps1 and TypeAccelerator.Tests.ps1, with the
# gaps issue 14 names (AutomationNull, Tuples, [psobject] checks, steppable pipelines, enumerating
# files); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'indexers' {
    It 'a dictionary indexer, and $null for a missing key' {
        @{ Hello = 'There' }['Hello'] | Should -BeExactly 'There'
        @{ Hello = 'There' }['Hello There'] | Should -BeNullOrEmpty
    }
    It 'tuples index, slice and count from the end' {
        $tuple = [Tuple]::Create(10, 'Hello')
        $tuple[0] | Should -Be 10
        $tuple[1] | Should -BeExactly 'Hello'
        $tuple[0..1] | Should -Be @(10, 'Hello')
        $tuple[-1] | Should -BeExactly 'Hello'
        $tuple.Item1 | Should -Be 10
        $tuple.Item2 | Should -BeExactly 'Hello'
    }
}

Describe 'AutomationNull and [void] in pipelines' {
    It '[void] and void methods send nothing down the pipe' {
        $list = [System.Collections.ArrayList]::new()
        [void]$list.Add(1) | ForEach-Object { 'YES' } | Should -BeNullOrEmpty
        $list.Count | Should -Be 1
        $list.Clear() | ForEach-Object { 'YES' } | Should -BeNullOrEmpty
        $list.Count | Should -Be 0
    }
    It 'AutomationNull is no element, $null is one' {
        @([System.Management.Automation.Internal.AutomationNull]::Value).Count | Should -Be 0
        @($null).Count | Should -Be 1
        @([System.Management.Automation.Internal.AutomationNull]::Value | ForEach-Object { 'ran' }).Count | Should -Be 0
        $null -eq [System.Management.Automation.Internal.AutomationNull]::Value | Should -BeTrue
    }
    It 'an assignment inside parentheses gives the variable''s value' {
        ([bool]$var = 42).GetType().FullName | Should -Be 'System.Boolean'
        . { ([bool]$var = 42).GetType().FullName } | Should -Be 'System.Boolean'
    }
    It 'ForEach(name, value) sets a property of a scalar' {
        $obj = [pscustomobject]@{ p = 1 }
        $obj.ForEach('p', 32) | Should -BeNullOrEmpty
        $obj.p | Should -Be 32
    }
    It 'return on the right of an assignment writes to the outer pipe' {
        function TestFunc1 { $script:lhs = if ($true) { return 'one' } }
        function TestFunc2 { $('1'; return '2') }
        $script:lhs = $null
        TestFunc1 | Should -BeExactly 'one'
        TestFunc2 | Should -Be @('1', '2')
        $script:lhs | Should -Be $null
    }
    It '[ordered] makes an OrderedDictionary' {
        [ordered]@{ key = 1 } | Should -BeOfType 'System.Collections.Specialized.OrderedDictionary'
    }
}

Describe 'PSObject wrapping' {
    It 'a literal is not a PSObject, command output is' {
        'x' -is [psobject] | Should -BeFalse
        (Write-Output 'x') -is [psobject] | Should -BeTrue
        $v = Write-Output 'x'
        $v -is [psobject] | Should -BeTrue
        [pscustomobject]@{ a = 1 } -is [psobject] | Should -BeTrue
        $v -is [string] | Should -BeTrue
    }
    It 'every cmdlet''s output is wrapped, and tests as what it wraps' {
        (Get-Date) -is [psobject] | Should -BeTrue
        (1..3 | Where-Object { $_ -gt 1 })[0] -is [psobject] | Should -BeTrue
        $n = Write-Output 5
        $n -is [int] | Should -BeTrue
        $n -is [pscustomobject] | Should -BeFalse
        $n + 1 | Should -Be 6
        '{0:D3}' -f $n | Should -BeExactly '005'
        $n.ToString('00') | Should -BeExactly '05'
        $n.GetType().FullName | Should -BeExactly 'System.Int32'
    }
    It 'a [psobject] cast wraps the value' {
        ([psobject]'x') -is [psobject] | Should -BeTrue
        ([psobject]'x') -is [string] | Should -BeTrue
    }
    It 'a member added to a wrapped value stays on that object; one added to a literal does not' {
        $wrapped = Write-Output 'x'
        Add-Member -InputObject $wrapped -NotePropertyName Note -NotePropertyValue 1
        $wrapped.Note | Should -Be 1
        $wrapped | Add-Member -NotePropertyName Other -NotePropertyValue 2
        $wrapped.Other | Should -Be 2
        $literal = 'x'
        Add-Member -InputObject $literal -NotePropertyName Note -NotePropertyValue 1
        $literal.Note | Should -BeNullOrEmpty
    }
    It 'a wrapped value is the same hashtable key as the value' {
        $h = @{}
        $h[(Write-Output 'k')] = 1
        $h['k'] | Should -Be 1
        $h.Add((Write-Output 'j'), 2)
        $h['j'] | Should -Be 2
    }
}

Describe 'steppable pipelines' {
    It 'runs begin, process per item, and end' {
        $sp = { ForEach-Object -Begin { 'b' } -Process { $_ * 2 } -End { 'e' } }.GetSteppablePipeline()
        $sp.Begin($true)   # void, as in PowerShell: what begin wrote comes back from the first Process
        $out = @()
        $out += $sp.Process(1)
        $out += $sp.Process(5)
        $out += $sp.End()
        $out -join ',' | Should -BeExactly 'b,2,10,e'
    }
    It 'wraps a cmdlet with its parameters' {
        $sp = { Select-Object -First 2 }.GetSteppablePipeline()
        $sp.Begin($true)
        $r = foreach ($i in 1..4) { $sp.Process($i) }
        $r += $sp.End()
        $r -join ',' | Should -BeExactly '1,2'
    }
    It 'refuses a script block with more than one pipeline' {
        { { 'a'; 'b' }.GetSteppablePipeline() } | Should -Throw
    }
}

Describe 'files and directories' {
    $dir = Join-Path ([IO.Path]::GetTempPath()) "hvsh-enum-$PID"
    $null = New-Item -ItemType Directory -Path (Join-Path $dir 'sub') -Force
    'a' | Set-Content (Join-Path $dir 'one.txt')
    'b' | Set-Content (Join-Path $dir 'two.log')
    'c' | Set-Content (Join-Path $dir 'sub/three.txt')
    It 'EnumerateFiles lists files, with a pattern and recursion' {
        @([IO.Directory]::EnumerateFiles($dir)).Count | Should -Be 2
        @([IO.Directory]::EnumerateFiles($dir, '*.txt')) | Should -Be (Join-Path $dir 'one.txt')
        @([IO.Directory]::EnumerateFiles($dir, '*.txt', 'AllDirectories')).Count | Should -Be 2
        @([IO.Directory]::GetFiles($dir, '*.log')).Count | Should -Be 1
        @([IO.Directory]::EnumerateDirectories($dir)).Count | Should -Be 1
        @([IO.Directory]::GetFileSystemEntries($dir)).Count | Should -Be 3
    }
    Remove-Item -Recurse -Force $dir
}

Describe '-bnot' {
    It 'complements integers of each size' {
        -bnot 0 | Should -Be -1
        (-bnot [byte]0).GetType().Name | Should -BeExactly 'Int32'
        -bnot [uint32]0 | Should -Be ([uint32]::MaxValue)
        -bnot [long]5 | Should -Be -6
        -bnot [int]::MaxValue | Should -Be ([int]::MinValue)
    }
}

# Ported from test/powershell/Language/Scripting/Scripting.Followup.Tests.ps1 and
# test/powershell/Language/Operators/ReplaceOperator.Tests.ps1.
Describe 'follow-up behaviours of the language' {
    It 'an OEM code page is available by name and by number' {
        [System.Text.Encoding]::GetEncoding('IBM437').WebName | Should -BeExactly 'ibm437'
        [System.Text.Encoding]::GetEncoding(437).GetString([byte[]](0xC9, 0xCD, 0xBB)) | Should -BeExactly ([string][char]0x2554 + [char]0x2550 + [char]0x2557)
    }
    It 'ordered is allowed only on a hash literal' {
        $err = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput('[ordered]$hash', [ref]$null, [ref]$err)
        $err.Count | Should -Be 1
        $err[0].ErrorId | Should -BeExactly 'OrderedAttributeOnlyOnHashLiteralNode'
        [ordered]@{ key = 1 } | Should -BeOfType 'System.Collections.Specialized.OrderedDictionary'
    }
    It 'the replace operator takes a static method as its substitution' {
        class ReplacementMethods {
            static [string] Replace([System.Text.RegularExpressions.Match]$Match) {
                return 'X' * $Match.Value.Length
            }
        }
        $substitutionMethod = [ReplacementMethods]::Replace
        'ID 0000123' -replace '\b0+', $substitutionMethod | Should -BeExactly 'ID XXXX123'
    }
}

# Ported from test/powershell/Language/Parser/LanguageAndParser.TestFollowup.Tests.ps1.
Describe 'attribute constructors' {
    It 'an attribute with an argument count no constructor takes fails when the block runs' {
        $e = { & { param([ValidateNotNull(1, 2, 3, 4)] $param) } } | Should -Throw -PassThru -ErrorId 'MethodCountCouldNotFindBest'
        $e.InvocationInfo.Line | Should -Match ValidateNotNull
    }
}

Complete-MiniPester
