# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Command.Tests.ps1 (the CI part):
# -Syntax of an alias names its command ("sp (alias) -> Set-ItemProperty"), only aliases get that line,
# an alias of a script names the script's path, -Name of an alias is an AliasInfo, of a cmdlet a
# CommandInfo, and a blank, empty or null name; also a name that matches nothing; the assertions, in
# hvsh's own code (a scratch folder for $TestDrive; fuzzy matching and abbreviation expansion are
# left out).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("getcommand-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch

Describe 'Get-Command' {
    Context '-Syntax' {
        It 'gives a string for an alias' {
            $r = Get-Command -Name del -Syntax
            $r | Should -BeOfType [String]
            $r | Should -Match 'del \[-Path\]'
        }
        It 'names the command of each alias a wildcard finds' {
            $r = Get-Command -Name sp* -Syntax
            $r | Should -BeOfType [String]
            $r -join '' | Should -Match 'sp \(alias\) -> Set-ItemProperty'
            $r -join '' | Should -Match 'sp \[-Path\]'
        }
        It 'adds no alias line for a command' {
            $r = Get-Command -Name sp* -Syntax
            $r -join '' | Should -Not -Match 'Split-Path \(alias\) -> Split-Path'
            $r -join '' | Should -Match 'Split-Path \[-Path\]'
        }
        It 'adds the alias line only for the alias among several names' {
            $r = Get-Command -Name get-help, del -Syntax
            $r -join '' | Should -Match 'del \(alias\) -> Remove-Item'
            $r -join '' | Should -Match 'del \[-Path\]'
            $r -join '' | Should -Match 'Get-Help \[\[-Name\]'
            $r -join '' | Should -Not -Match 'del \(alias\) -> Get-Help'
        }
        It 'names the script an alias points at' {
            $script = Join-Path $scratch 'Test-GcmSyntax.ps1'
            Set-Content -Path $script -Value @'
[CmdletBinding()]
param(
    [Parameter(Position=0, Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
    [ValidateNotNullOrEmpty()]
    [string[]]
    $Name
)
process { "Processing ${Name}" }
'@
            New-Alias -Name tgs -Value $script
            $r = Get-Command -Name tgs -Syntax
            $r | Should -Match "tgs \(alias\) -> $([Regex]::Escape((Get-Item $script).FullName))"
        }
    }
    Context '-Name' {
        It 'gives an AliasInfo for an alias' {
            $r = Get-Command -Name del
            $r | Should -BeOfType [System.Management.Automation.AliasInfo]
            $r.DisplayName | Should -Be 'del -> Remove-Item'
        }
        It 'gives a CommandInfo for a cmdlet' {
            $r = Get-Command -Name Remove-Item
            $r | Should -BeOfType [System.Management.Automation.CommandInfo]
        }
        It 'refuses a blank, empty or null name' {
            { Get-Command ' ' -ErrorAction Stop } | Should -Throw -ErrorId "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand"
            { Get-Command '' -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetCommandCommand"
            { Get-Command $null -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetCommandCommand"
        }
        It 'reports a name that matches nothing' {
            { Get-Command g-adf -ErrorAction Stop } | Should -Throw -ErrorId "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand"
        }
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
