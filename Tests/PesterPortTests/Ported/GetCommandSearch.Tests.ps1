# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Command.Tests.ps1 (the Feature
# part: -UseFuzzyMatching with its score and -FuzzyMinimumDistance, -UseAbbreviationExpansion) and
# Microsoft.PowerShell.Core/Get-Command.Tests.ps1 (a script found by its path, -ExcludeModule), with
# what Get-Command's documentation describes: functions and filters found by wildcard, -CommandType,
# -Verb/-Noun, -TotalCount, -ParameterName/-ParameterType (and the error for a parameter no command
# has), -Syntax of a function, programs in PATH, the order by command type then name; the assertions,
# in hvsh's own code (a scratch folder for $TestDrive).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("getcommandsearch-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
function Get-PortThing { param([int]$Count, [string]$Label) }
function Set-PortThing { [CmdletBinding()] param([Parameter(Position = 0)][datetime]$When) }
filter Test-PortFilter { $_ }
Set-Alias -Name Use-PortThing -Value Get-PortThing

Describe 'Get-Command -UseFuzzyMatching' {
    It 'puts the closest command first with its score' {
        $cmds = Get-Command get-hlp -UseFuzzyMatch
        $cmds.Count | Should -BeGreaterThan 0
        $cmds[0].Name | Should -BeExactly 'Get-Help'
        $cmds[0].Score | Should -Be 1
    }
    It 'keeps to -FuzzyMinimumDistance' {
        $cmds = Get-Command get-hlp -UseFuzzyMatch -FuzzyMinimumDistance 3
        $cmds.Count | Should -BeGreaterThan 0
        ($cmds | ForEach-Object Score | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 3
    }
}

Describe 'Get-Command -UseAbbreviationExpansion' {
    It 'finds every command with the abbreviation, in any case' {
        $results = Get-Command i-C -UseAbbreviationExpansion
        $results.Name | Should -Contain 'Invoke-Command'
        $results.Name | Should -Contain 'Import-Csv'
    }
    It 'finds functions' {
        $results = Get-Command g-pt -UseAbbreviationExpansion
        $results.Name | Should -BeExactly 'Get-PortThing'
    }
    It 'finds nothing for a wildcard' {
        Get-Command i-c* -UseAbbreviationExpansion | Should -BeNullOrEmpty
    }
    It 'writes a non-terminating error for a name nothing has' {
        { Get-Command g-adf -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand'
    }
}

Describe 'Get-Command finding functions' {
    It 'finds functions and filters by wildcard, ordered by command type then name' {
        $r = Get-Command -Name Test-PortF*, Set-PortT*, Get-PortT*, Get-ChildI*
        ($r | ForEach-Object { "$($_.CommandType):$($_.Name)" }) -join ',' | Should -BeExactly 'Function:Get-PortThing,Function:Set-PortThing,Filter:Test-PortFilter,Cmdlet:Get-ChildItem'
    }
    It 'filters by -CommandType' {
        (Get-Command -Name *-Port* -CommandType Function).Name | Should -Be @('Get-PortThing', 'Set-PortThing')
        (Get-Command -Name *-Port* -CommandType Filter).Name | Should -BeExactly 'Test-PortFilter'
        (Get-Command -Name *-Port* -CommandType Alias).Name | Should -BeExactly 'Use-PortThing'
        (Get-Command -Name *-Port* -CommandType Function, Filter).Count | Should -Be 3
    }
    It 'finds functions by -Verb and -Noun, with their verb and noun' {
        $r = Get-Command -Verb Get -Noun PortThing
        $r.CommandType | Should -Be 'Function'
        $r.Verb | Should -BeExactly 'Get'
        $r.Noun | Should -BeExactly 'PortThing'
        (Get-Command -Noun PortThing).Name | Should -Be @('Get-PortThing', 'Set-PortThing')
    }
    It 'lists functions and Verb-Noun aliases when no name is given' {
        $all = Get-Command
        $all.Name | Should -Contain 'Get-PortThing'
        $all.Name | Should -Contain 'Use-PortThing'
        $all.Name | Should -Not -Contain 'gci'
    }
    It 'stops at -TotalCount' {
        (Get-Command -Name *-Port* -TotalCount 2).Count | Should -Be 2
    }
    It 'writes the syntax of a function' {
        $s = Get-Command Get-PortThing -Syntax
        $s.Trim() | Should -BeExactly 'Get-PortThing [[-Count] <int>] [[-Label] <string>]'
        (Get-Command Set-PortThing -Syntax).Trim() | Should -BeExactly 'Set-PortThing [[-When] <datetime>] [<CommonParameters>]'
    }
}

Describe 'Get-Command -ParameterName and -ParameterType' {
    It 'finds the commands with a parameter of that name or alias' {
        (Get-Command -Name *-Port* -ParameterName Count -CommandType Function).Name | Should -BeExactly 'Get-PortThing'
        (Get-Command -Name *-Port* -ParameterName Verbose -CommandType Function).Name | Should -BeExactly 'Set-PortThing'
        (Get-Command -Name Get-ChildItem -ParameterName PSPath).Name | Should -BeExactly 'Get-ChildItem'
    }
    It 'finds the commands with a parameter of that type' {
        (Get-Command -Name *-Port* -ParameterType datetime).Name | Should -BeExactly 'Set-PortThing'
        (Get-Command -Name *-Port* -ParameterType System.Int32 -ParameterName Count -CommandType Function).Name | Should -BeExactly 'Get-PortThing'
    }
    It 'writes an error for a parameter no command has' {
        { Get-Command -Name *-Port* -ParameterName NoSuchParameter -ErrorAction Stop } | Should -Throw -ErrorId 'CommandParameterNotFound,Microsoft.PowerShell.Commands.GetCommandCommand'
    }
}

Describe 'Get-Command finding scripts and programs' {
    It 'finds a script by its path' {
        $script = Join-Path $scratch 'mytempfile.ps1'
        Set-Content -Path $script -Value 'param($a) $a'
        $info = Get-Command $script
        $info.Name | Should -BeExactly 'mytempfile.ps1'
        $info.CommandType | Should -Be 'ExternalScript'
        $info.Path | Should -BeExactly $script
    }
    It 'finds a program in PATH' {
        $sh = Get-Command sh -CommandType Application | Select-Object -First 1
        $sh.CommandType | Should -Be 'Application'
        $sh.Source | Should -Match '/sh$'
        Get-Command -CommandType Application -Name NonExisting -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
    It 'leaves out the modules -ExcludeModule names' {
        $module = (Get-Command Get-Command).Source
        Get-Command -Name Get-Command -ExcludeModule $module -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
