# Ported from test/powershell/Language/Scripting/ScriptHelp.Tests.ps1 ('get-help other tests'): the
# comment-based help of a function defined inside a block (a Context's script block, here `& { }`), the
# help that goes on the function it directly precedes, a script's own help beside its function's, and
# the Synopsis of a function with no help at all (its syntax); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("scripthelp-" + [guid]::NewGuid() + ".ps1")

Describe 'Get-Help of functions defined inside blocks' {
    It 'gives a function without comment help its syntax as the synopsis' {
        & {
            <#
            .SYNOPSIS
            This help block doesn't belong to any function because it is more than 1 line away from the function.
            #>


            function missingHelp { param($abc) }
            $x = Get-Help missingHelp
            $x | Should -Not -BeNullOrEmpty
            $x.Synopsis.Trim() | Should -BeExactly 'missingHelp [[-abc] <Object>]'
        }
    }
    It 'puts the block just before a function on that function' {
        & {
            <#
            .SYNOPSIS
                This help block goes on helpFunc2
            #>
            function helpFunc2 { param($abc) }
            $x = Get-Help helpFunc2
            $x | Should -Not -BeNullOrEmpty
            $x.Synopsis.Trim() | Should -BeExactly 'This help block goes on helpFunc2'
        }
    }
    It 'finds a function defined in a loop body' {
        foreach ($i in 1) {
            <#
            .SYNOPSIS
                Looped help.
            #>
            function helpInLoop { }
            (Get-Help helpInLoop).Synopsis | Should -BeExactly 'Looped help.'
        }
    }
    It 'tells the script''s help from its function''s' {
        Set-Content $scratch @'
            <#
            .SYNOPSIS
                This is script help
            #>

            <#
            .SYNOPSIS
                This is function help for helpFunc2
            #>
            function helpFunc2 {}

            get-help helpFunc2
'@
        (Get-Help $scratch).Synopsis | Should -BeExactly 'This is script help'
        (& $scratch).Synopsis | Should -BeExactly 'This is function help for helpFunc2'
    }
    It 'reads line comments as help too' {
        Set-Content $scratch @'
            #
            # .SYNOPSIS
            #    This is script help
            #

            #
            # .SYNOPSIS
            #    This is function help for helpFunc2
            #
            function helpFunc2 {}

            get-help helpFunc2
'@
        (Get-Help $scratch).Synopsis | Should -BeExactly 'This is script help'
        (& $scratch).Synopsis | Should -BeExactly 'This is function help for helpFunc2'
    }
    It 'gives an advanced function without help its syntax with the common parameters' {
        & {
            function Get-Plain { [CmdletBinding()] param([Parameter(Mandatory)][string]$Name) }
            (Get-Help Get-Plain).Synopsis | Should -BeExactly 'Get-Plain [-Name] <String> [<CommonParameters>]'
        }
    }
}

Remove-Item $scratch -ErrorAction SilentlyContinue
Complete-MiniPester
