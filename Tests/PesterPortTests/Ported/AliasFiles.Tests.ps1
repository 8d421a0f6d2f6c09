# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Export-Alias.Tests.ps1 and
# Import-Alias.Tests.ps1 (Pester's -FileContentMatchExactly read as Get-Content -Raw | -MatchExactly;
# the read-only test runs as root here, where pwsh skips it); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("aliasfiles-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory $scratch
$testAliasDirectory = Join-Path -Path $scratch -ChildPath ExportAliasTestDirectory
$fulltestpath = Join-Path -Path $testAliasDirectory -ChildPath TestAliases
Set-Alias abcd01 efgh01
Set-Alias abcd02 efgh02
Set-Alias abcd03 efgh03
Set-Alias abcd04 efgh04
Set-Alias ijkl01 mnop01

function Reset-AliasDirectory {
    Remove-Item -Path $testAliasDirectory -Recurse -Force -ErrorAction SilentlyContinue
    $null = New-Item -Path $testAliasDirectory -ItemType Directory -Force
}

Describe 'Export-Alias' {
    It 'writes over an existing file' {
        Reset-AliasDirectory
        $null = New-Item -Path $fulltestpath -ItemType File -Force
        { Export-Alias $fulltestpath } | Should -Not -Throw
    }
    It 'refuses a path that resolves to several files' {
        Reset-AliasDirectory
        $null = New-Item -Path (Join-Path $testAliasDirectory foo) -ItemType File
        $null = New-Item -Path (Join-Path $testAliasDirectory bar) -ItemType File
        { Export-Alias (Join-Path $testAliasDirectory '*') } | Should -Throw -ErrorId 'ReadWriteMultipleFilesNotSupported,Microsoft.PowerShell.Commands.ExportAliasCommand'
    }
    It 'refuses an unknown scope' {
        { Export-Alias $fulltestpath -Scope foodbar } | Should -Throw -ErrorId 'Argument,Microsoft.PowerShell.Commands.ExportAliasCommand'
    }
    It 'writes CSV by default and with -As CSV, with -PassThru objects' {
        Reset-AliasDirectory
        $out = Export-Alias $fulltestpath abcd01 -PassThru
        $out.Name | Should -BeExactly 'abcd01'
        Get-Content $fulltestpath -Raw | Should -MatchExactly '"abcd01","efgh01","","None"'
        Export-Alias $fulltestpath abcd01 -As CSV
        Get-Content $fulltestpath -Raw | Should -MatchExactly '"abcd01","efgh01","","None"'
    }
    It 'puts a description, each of its lines, in the header' {
        Reset-AliasDirectory
        Export-Alias $fulltestpath abcd01 -As CSV -Description "My Aliases`nYour Aliases`nEveryones Aliases"
        $text = Get-Content $fulltestpath -Raw
        $text | Should -MatchExactly '"abcd01","efgh01","","None"'
        $text | Should -MatchExactly '# My Aliases'
        $text | Should -MatchExactly '# Your Aliases'
        $text | Should -MatchExactly '# Everyones Aliases'
        (Get-Content $fulltestpath)[0] | Should -BeExactly '# Alias File'
    }
    It 'writes Set-Alias commands with -As Script' {
        Reset-AliasDirectory
        Export-Alias $fulltestpath abcd01 -As Script
        Get-Content $fulltestpath -Raw | Should -MatchExactly 'set-alias -Name:"abcd01" -Value:"efgh01" -Description:"" -Option:"None"'
    }
    It 'replaces the file, or refuses with -NoClobber' {
        Reset-AliasDirectory
        Export-Alias $fulltestpath abcd01
        Export-Alias $fulltestpath abcd02 -Force
        Get-Content $fulltestpath -Raw | Should -Not -MatchExactly '"abcd01","efgh01","","None"'
        Get-Content $fulltestpath -Raw | Should -MatchExactly '"abcd02","efgh02","","None"'
        { Export-Alias $fulltestpath abcd03 -NoClobber } | Should -Throw -ErrorId 'NoClobber,Microsoft.PowerShell.Commands.ExportAliasCommand'
    }
    It 'appends with -Append' {
        Reset-AliasDirectory
        Export-Alias $fulltestpath abcd01
        Export-Alias $fulltestpath abcd02 -Append
        Get-Content $fulltestpath -Raw | Should -MatchExactly '"abcd01","efgh01","","None"'
        Get-Content $fulltestpath -Raw | Should -MatchExactly '"abcd02","efgh02","","None"'
    }
    It 'exports every matching alias with its options' {
        Reset-AliasDirectory
        Set-Alias abcd05 efgh05 -Description 'five' -Option ReadOnly
        Export-Alias $fulltestpath abcd0*
        $lines = Get-Content $fulltestpath | Where-Object { $_ -notlike '#*' }
        $lines.Count | Should -Be 5
        $lines | Should -Contain '"abcd05","efgh05","five","ReadOnly"'
        Remove-Item alias:abcd05 -Force
    }
}

Describe 'Import-Alias DRT Unit Tests' {
    It 'refuses a path that resolves to several files' {
        Push-Location $scratch
        $null = New-Item -Path (Join-Path $scratch 'one.txt') -ItemType File -Force
        $null = New-Item -Path (Join-Path $scratch 'two.txt') -ItemType File -Force
        { Import-Alias * -ErrorAction Stop } | Should -Throw -ErrorId 'NotSupported,Microsoft.PowerShell.Commands.ImportAliasCommand'
        Pop-Location
    }
    It 'reports aliases that exist already' {
        Reset-AliasDirectory
        { Export-Alias $fulltestpath abcd* } | Should -Not -Throw
        { Import-Alias $fulltestpath -ErrorAction Stop } | Should -Throw -ErrorId 'AliasAlreadyExists,Microsoft.PowerShell.Commands.ImportAliasCommand'
    }
    It 'refuses an unknown scope' {
        { Import-Alias $fulltestpath -Scope bogus } | Should -Throw -ErrorId 'Argument,Microsoft.PowerShell.Commands.ImportAliasCommand'
    }
    It 'replaces existing aliases with -Force' {
        { Import-Alias $fulltestpath -Force } | Should -Not -Throw
    }
}

Describe 'Import-Alias' {
    $aliasfile = Join-Path $testAliasDirectory 'pesteralias.txt'
    $more = Join-Path $testAliasDirectory 'aliasFileMoreThanFourValues.txt'
    $less = Join-Path $testAliasDirectory 'aliasFileLessThanFourValues.txt'
    $content = "# Alias File`n# Exported by : alex`n# Date/Time : Thursday, 12 November 2015 21:55:08`n# Computer : archvm"
    $content += "`n" + 'pesterecho,"echo","","None"'
    $content += "`n" + '"abc""def","echo","","None"'
    $content += "`n" + '"aaa","echo","","None"'
    $content += "`n" + '"a,b","echo","","None"'
    $content > $aliasfile
    "`n" + '"v_1","v_2","v_3","v_4","v_5"' > $more
    "`n" + '"v_1","v_2","v_3"' > $less

    It 'imports an alias file' {
        { Import-Alias -Path $aliasfile } | Should -Not -Throw
        # An imported alias belongs to the scope that imported it (here the test's own).
        Import-Alias -Path $aliasfile
        (Get-Alias pesterecho).Definition | Should -BeExactly 'echo'
    }
    It 'does not know an alias that was not imported' {
        { Get-Alias -Name invalid_alias -ErrorAction Stop } | Should -Throw -ErrorId 'ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand'
    }
    It 'reads quoted names with quotes and commas' {
        Import-Alias -Path $aliasfile
        (Get-Alias -Name 'abc"def').Definition | Should -BeExactly 'echo'
        (Get-Alias -Name 'aaa').Definition | Should -BeExactly 'echo'
        (Get-Alias -Name 'a,b').Definition | Should -BeExactly 'echo'
    }
    It 'refuses lines of more or fewer than four values' {
        { Import-Alias -Path $more } | Should -Throw -ErrorId 'ImportAliasFileFormatError,Microsoft.PowerShell.Commands.ImportAliasCommand'
        { Import-Alias -Path $less } | Should -Throw -ErrorId 'ImportAliasFileFormatError,Microsoft.PowerShell.Commands.ImportAliasCommand'
    }
    It 'round-trips descriptions and options through Export-Alias' {
        Set-Alias roundtrip01 Get-Date -Description 'a date' -Option AllScope
        Export-Alias $fulltestpath roundtrip01
        Remove-Item alias:roundtrip01 -Force
        $imported = Import-Alias $fulltestpath -PassThru
        $imported.Name | Should -BeExactly 'roundtrip01'
        (Get-Alias roundtrip01).Description | Should -BeExactly 'a date'
        (Get-Alias roundtrip01).Options.ToString() | Should -BeExactly 'AllScope'
    }
}

Remove-Item $scratch -Recurse -Force
Complete-MiniPester
