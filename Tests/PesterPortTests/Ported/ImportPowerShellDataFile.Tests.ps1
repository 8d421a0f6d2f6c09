# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/PowerShellData.tests.ps1 and the
# AST SafeGetValue rules it defers to: missing paths and folders are PathNotFound, a command in the
# data is an InvalidOperationException, a file without a hashtable has its own id, more than 500 keys
# needs -SkipLimitCheck; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$root = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsh-psd1-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $root | Out-Null
function New-DataFile([string]$Name, [string]$Content) {
    $p = Join-Path $root $Name
    Set-Content -LiteralPath $p -Value $Content
    $p
}
$large = [System.Text.StringBuilder]::new('@{')
1..501 | ForEach-Object { [void]$large.Append("key$_ = $_;") }
[void]$large.Append('}')
$largePath = New-DataFile 'large.psd1' $large.ToString()
$id = ',Microsoft.PowerShell.Commands.ImportPowerShellDataFileCommand'

Describe 'Import-PowerShellDataFile errors' {
    It 'reports a missing path' {
        { Import-PowerShellDataFile -Path /SomeMissingDirectory -ErrorAction Stop } | Should -Throw -ErrorId "PathNotFound$id"
    }
    It 'reports a directory as a missing path' {
        { Import-PowerShellDataFile $root -ErrorAction Stop } | Should -Throw -ErrorId "PathNotFound$id"
    }
    It 'refuses a command in the data' {
        $p = New-DataFile 'insecure.psd1' '@{ Foo = Get-Process }'
        { Import-PowerShellDataFile $p -ErrorAction Stop } | Should -Throw -ErrorId "System.InvalidOperationException$id"
    }
    It 'refuses a file without a hashtable' {
        $p = New-DataFile 'NotAPSDataFile' '"Hello World"'
        { Import-PowerShellDataFile $p -ErrorAction Stop } | Should -Throw -ErrorId "CouldNotParseAsPowerShellDataFileNoHashtableRoot$id"
    }
    It 'refuses more than 500 keys' {
        { Import-PowerShellDataFile $largePath } | Should -Throw -ErrorId "System.InvalidOperationException$id"
    }
    It 'refuses insecure data even with -SkipLimitCheck' {
        $p = New-DataFile 'insecure2.psd1' '@{ Foo = [object] (calc.exe) }'
        { Import-PowerShellDataFile $p -SkipLimitCheck -ErrorAction Stop } | Should -Throw -ErrorId "System.InvalidOperationException$id"
    }
    It 'names the dynamic expression' {
        $p = New-DataFile 'binary.psd1' '@{ A = 1 + 1 }'
        $e = { Import-PowerShellDataFile $p } | Should -Throw -PassThru
        $e.Exception.Message | Should -BeExactly 'Cannot generate a PowerShell object for a ScriptBlock evaluating dynamic expressions. Dynamic expression: @{ A = 1 + 1 }.'
    }
    It 'reports a file that does not parse, without stopping' {
        $p = New-DataFile 'broken.psd1' '@{ A = '
        $r = Import-PowerShellDataFile $p -ErrorVariable ev -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $ev[0].FullyQualifiedErrorId | Should -BeExactly "CouldNotParseAsPowerShellDataFile$id"
        $ev[0].Exception.Message | Should -BeExactly "The file '$p' could not be parsed as a PowerShell Data File."
    }
}

Describe 'Import-PowerShellDataFile values' {
    It 'reads a data file' {
        $p = New-DataFile 'gooddatafile' '@{ "Hello" = "World" }'
        $result = Import-PowerShellDataFile $p -ErrorAction Stop
        $result.Hello | Should -BeExactly 'World'
    }
    It 'reads more than 500 keys with -SkipLimitCheck' {
        (Import-PowerShellDataFile $largePath -SkipLimitCheck).Keys.Count | Should -Be 501
    }
    It 'keeps constants, arrays, nested tables, casts to primitives and script blocks' {
        $p = New-DataFile 'values.psd1' "@{ N = -1; L = @(1, 'b'); H = @{ T = `$true }; C = [int]'5'; S = { 1 }; E = `"`$null`" }"
        $r = Import-PowerShellDataFile -LiteralPath $p
        $r | Should -BeOfType System.Collections.Hashtable
        $r.N | Should -Be -1
        $r.L.Count | Should -Be 2
        $r.H.T | Should -BeTrue
        $r.C | Should -BeOfType System.Int32
        $r.S | Should -BeOfType System.Management.Automation.ScriptBlock
        $r.E | Should -BeExactly ''
    }
    It 'refuses variables other than the constant ones, members and type literals' {
        $dynamic = { param($Text) Import-PowerShellDataFile (New-DataFile 'dynamic.psd1' $Text) }
        { & $dynamic '@{ A = $HOME }' } | Should -Throw -ErrorId "System.InvalidOperationException$id"
        { & $dynamic '@{ A = "x".Length }' } | Should -Throw -ErrorId "System.InvalidOperationException$id"
        { & $dynamic '@{ A = [int] }' } | Should -Throw -ErrorId "System.InvalidOperationException$id"
        { & $dynamic '@{ A = [string]1 }' } | Should -Throw -ErrorId "System.InvalidOperationException$id"
        { & $dynamic '@{ A = [ordered]@{ B = 1 } }' } | Should -Throw -ErrorId "System.InvalidOperationException$id"
    }
    It 'takes LiteralPath from the pipeline by property name' {
        $p = New-DataFile 'piped.psd1' '@{ K = 2 }'
        (Get-Item -LiteralPath $p | Import-PowerShellDataFile).K | Should -Be 2
    }
}

Remove-Item -LiteralPath $root -Recurse -Force
Complete-MiniPester
