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
Describe 'Get-Help of a function with every comment-help section' {
    # .SYNOPSIS
    #
    #    A relatively useless function.
    #
    # .INPUTS
    #
    #    Anything you like.
    #
    # .OUTPUTS
    #
    #    Nothing.
    #
    # .COMPONENT
    #
    #    Something
    #
    # .ROLE
    #
    #    CrazyUser
    #
    # .FUNCTIONALITY
    #
    #    Useless
    #
    function helpFunc1 {}

    It 'carries .INPUTS and .OUTPUTS as inputTypes and returnValues' {
        $x = Get-Help helpFunc1
        $x.inputTypes.inputType.type.name | Should -BeExactly 'Anything you like.'
        $x.returnValues.returnValue.type.name | Should -BeExactly 'Nothing.'
        $x.Component | Should -BeExactly 'Something'
        $x.Role | Should -BeExactly 'CrazyUser'
        $x.Functionality | Should -BeExactly 'Useless'
    }
    It 'finds the help when -Component, -Role and -Functionality match' {
        $e = $null
        (Get-Help helpFunc1 -Component Something -ErrorAction SilentlyContinue -ErrorVariable e).Synopsis | Should -BeExactly 'A relatively useless function.'
        $e.Count | Should -Be 0
        (Get-Help helpFunc1 -Role Crazy* -ErrorAction SilentlyContinue).Synopsis | Should -BeExactly 'A relatively useless function.'
        (Get-Help helpFunc1 -Functionality Useless -ErrorAction SilentlyContinue).Synopsis | Should -BeExactly 'A relatively useless function.'
    }
    It 'writes HelpNotFound, a non-terminating error, when they do not' {
        $e = $null
        $x = Get-Help helpFunc1 -Component blah -ErrorAction SilentlyContinue -ErrorVariable e
        $x | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeExactly 'HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand'
        $x = Get-Help helpFunc1 -Role blah -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -BeExactly 'HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand'
    }
}

Describe 'Get-Help of a function made from a script block' {
    Set-Item function:dynamicHelpFunc1 -Value {
        # .SYNOPSIS
        #
        #    A dynamic function.
        #
        # .OUTPUTS
        #
        #    Nothing.
        #
        process { }
    }
    It 'reads the help inside the block' {
        $x = Get-Help dynamicHelpFunc1
        $x.Synopsis | Should -BeExactly 'A dynamic function.'
        $x.returnValues.returnValue.type.name | Should -BeExactly 'Nothing.'
    }
}

Describe 'the syntax and parameter values of a function''s help' {
    function helpFunc12 {
        Param ([Parameter(Mandatory=$true)][String]$Name,
               [string]$Extension = "txt",
               $NoType,
               [switch]$ASwitch,
               [System.Management.Automation.CommandTypes]$AnEnum)
        <#
        .SYNOPSIS
        Adds a file name extension to a supplied name.
        #>
    }
    It 'prints the syntax line and lists its parameters as syntaxItem.parameter' {
        $x = Get-Help helpFunc12
        ($x.syntax | Out-String -Width 250) | Should -Match 'helpFunc12 \[-Name] <String> \[\[-Extension] <String>] \[\[-NoType] <Object>] \[-ASwitch] \[\[-AnEnum] \{Alias.*All}] \[<CommonParameters>]'
        $x.syntax.syntaxItem.parameter[3].position | Should -BeExactly 'named'
        $x.syntax.syntaxItem.parameter[3].parameterValue | Should -BeNullOrEmpty
        $x.parameters.parameter[3].parameterValue | Should -Not -BeNullOrEmpty
        $x.syntax.syntaxItem.parameter[4].parameterValueGroup | Should -Not -BeNullOrEmpty
        $x.parameters.parameter[4].parameterValueGroup | Should -Not -BeNullOrEmpty
        $x.syntax.syntaxItem[0].parameter[0].required | Should -BeExactly 'true'
        $x.syntax.syntaxItem[0].parameter[0].parameterValue.required | Should -BeExactly 'true'
    }
    It 'says globbing for a [SupportsWildcards()] parameter' {
        function helpFunc14 { param([SupportsWildcards()] $p1, $p2) }
        $x = Get-Help helpFunc14
        $x.Parameters.parameter[0].globbing | Should -BeExactly 'true'
        $x.Parameters.parameter[1].globbing | Should -BeExactly 'false'
    }
}

Describe 'help forwarding and -?' {
    It 'shows the help .FORWARDHELPTARGETNAME names' {
        function helpFunc7 {
            # .FORWARDHELPTARGETNAME Get-Help
            # .FORWARDHELPCATEGORY Cmdlet
        }
        $x = Get-Help helpFunc7
        $x.Name | Should -BeExactly 'Get-Help'
        $x.Category | Should -BeExactly 'Cmdlet'
    }
    It 'gives a function''s help for `function -?`' {
        function helpFunc3() {
        #
        #.Synopsis
        #
        #   A synopsis of helpFunc3.
        #
        }
        $x = helpFunc3 -?
        $x.Synopsis | Should -BeExactly 'A synopsis of helpFunc3.'
    }
}

Complete-MiniPester
