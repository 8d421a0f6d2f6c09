# Ported from test/powershell/Language/Scripting/ActionPreference.Tests.ps1 (the common
# -*Action parameters and the ActionPreference enum) and LanguagePrimitives' enum-name
# disambiguation; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'the common action parameters' {
    It 'Cmdlet.CommonParameters lists the -*Action parameters in PowerShell''s order' {
        $names = [System.Management.Automation.Cmdlet]::CommonParameters | Select-String Action | ForEach-Object { "$_" }
        $names -join ',' | Should -BeExactly 'ErrorAction,WarningAction,InformationAction,ProgressAction'
        [System.Management.Automation.Cmdlet]::OptionalCommonParameters -join ',' | Should -BeExactly 'WhatIf,Confirm,UseTransaction'
    }
    It '-ErrorAction Stop puts an ActionPreferenceStopException in -ErrorVariable' {
        $err = $null
        try { Get-ChildItem nosuchfile.nosuchextension -ErrorAction Stop -ErrorVariable err } catch { }
        $err.Count | Should -Be 1
        $err[0] | Should -BeOfType System.Management.Automation.ActionPreferenceStopException
        $err[0].ErrorRecord.Exception | Should -BeOfType System.Management.Automation.ItemNotFoundException
    }
    It 'Suspend is refused on a cmdlet and on an advanced function' {
        { Write-Output -InputObject Test -ErrorAction Suspend } | Should -Throw -ErrorId 'ParameterBindingFailed,Microsoft.PowerShell.Commands.WriteOutputCommand'
        $splat = @{ WarningAction = [System.Management.Automation.ActionPreference]::Suspend }
        { Write-Output -InputObject Test @splat } | Should -Throw -ErrorId 'ParameterBindingFailed,Microsoft.PowerShell.Commands.WriteOutputCommand'
        { Write-Output -InputObject Test -InformationAction Suspend } | Should -Throw -ErrorId 'ParameterBindingFailed,Microsoft.PowerShell.Commands.WriteOutputCommand'
        function Test-Helper { [CmdletBinding()] param() 'Hello' }
        { Test-Helper -ErrorAction Suspend } | Should -Throw -ErrorId 'ParameterBindingFailed,Test-Helper'
    }
    It 'a null action fails binding, not with a null reference' {
        $err = $null
        try { Test-Path ./noexistfile.ps1 -ErrorAction $null } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeExactly 'ParameterBindingFailed,Microsoft.PowerShell.Commands.TestPathCommand'
        $err.Exception.InnerException.InnerException | Should -BeOfType System.Management.Automation.PSInvalidCastException
    }
    It 'an action name may be shortened to a unique prefix' {
        $errorCount = $Error.Count
        Get-Item ./no-such-item-anywhere -ErrorAction Ig
        $Error.Count | Should -Be $errorCount
    }
    It 'Where-Object -Is takes a type literal written as an argument' {
        $names = Get-Variable -Name *Preference -Scope Global | Where-Object Value -Is [System.Management.Automation.ActionPreference] | ForEach-Object Name
        $names -contains 'ErrorActionPreference' | Should -BeTrue
        $names -contains 'ConfirmPreference' | Should -BeFalse
    }
}

Describe 'enum names by prefix' {
    It 'a unique prefix names the member' {
        [System.ConsoleColor]'Re' | Should -Be ([System.ConsoleColor]::Red)
        [System.Management.Automation.ActionPreference]'silentlyc' | Should -Be ([System.Management.Automation.ActionPreference]::SilentlyContinue)
    }
    It 'a prefix of several members fails, naming them' {
        { [System.Management.Automation.ActionPreference]'S' } | Should -Throw '*too similar or identical to the following enumerator names: SilentlyContinue, Stop, Suspend*'
    }
}

Describe 'the names foreach and switch outside their loops' {
    It 'a parameter named $switch is an ordinary variable' {
        function Test-Switch($switch) { "got $switch" }
        Test-Switch 'x' | Should -BeExactly 'got x'
        $r = & { param($foreach) $foreach } 'y'
        $r | Should -BeExactly 'y'
    }
    It 'inside a switch statement $switch is still its enumerator' {
        $r = switch (1, 2, 3) { 1 { $null = $switch.MoveNext(); "skipped to $($switch.Current)" } default { "saw $_" } }
        $r -join ',' | Should -BeExactly 'skipped to 2,saw 3'
    }
}

Describe 'typed variables and the global preference variables' {
    It 'a value a typed variable cannot take is an ArgumentTransformationMetadataException' {
        [int]$typed = 1
        $err = $null
        try { $typed = 'abc' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeExactly 'RuntimeException'
        $err.CategoryInfo.Category | Should -BeExactly 'MetadataError'
        $err.CategoryInfo.Reason | Should -BeExactly 'ArgumentTransformationMetadataException'
        $err = $null
        try { Set-Variable -Name typed -Value 'abc' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeExactly 'RuntimeException'
    }
    It 'the global preference variables are ActionPreference values and refuse Suspend' {
        $global:VerbosePreference = 'silentlycontinue'
        $global:VerbosePreference | Should -BeOfType System.Management.Automation.ActionPreference
        $e = { Set-Variable -Name WarningPreference -Scope Global -Value ([System.Management.Automation.ActionPreference]::Suspend) } | Should -Throw -ErrorId RuntimeException -PassThru
        $e.CategoryInfo.Reason | Should -BeExactly 'ArgumentTransformationMetadataException'
        $global:WarningPreference | Should -Be ([System.Management.Automation.ActionPreference]::Continue)
    }
}

Describe 'a local preference variable holding Suspend' {
    function Test-SuspendValue {
        [CmdletBinding()]
        param($Value)
        if ($DebugPreference -eq $Value) { Write-Debug -Message 'd' }
        elseif ($ErrorActionPreference -eq $Value) { Write-Error -Message 'e' }
        elseif ($InformationPreference -eq $Value) { Write-Information -MessageData 'i' }
        elseif ($ProgressPreference -eq $Value) { Write-Progress -Activity 'p' }
        elseif ($VerbosePreference -eq $Value) { Write-Verbose -Message 'v' }
        elseif ($WarningPreference -eq $Value) { Write-Warning -Message 'w' }
    }
    It 'makes Write-Debug throw NotSupportedException, attributed to the cmdlet' {
        $e = { Set-Variable -Name DebugPreference -Value Suspend; Test-SuspendValue -Value Suspend } | Should -Throw -ErrorId 'System.NotSupportedException,Microsoft.PowerShell.Commands.WriteDebugCommand' -PassThru
        $e.CategoryInfo.Reason | Should -BeExactly 'NotSupportedException'
    }
    It 'makes Write-Verbose, Write-Warning, Write-Information and Write-Progress throw it too' {
        { $VerbosePreference = [System.Management.Automation.ActionPreference]::Suspend; Test-SuspendValue -Value Suspend } | Should -Throw -ErrorId 'System.NotSupportedException,Microsoft.PowerShell.Commands.WriteVerboseCommand'
        { $WarningPreference = 'Suspend'; Test-SuspendValue -Value Suspend } | Should -Throw -ErrorId 'System.NotSupportedException,Microsoft.PowerShell.Commands.WriteWarningCommand'
        { $InformationPreference = 'Suspend'; Test-SuspendValue -Value Suspend } | Should -Throw -ErrorId 'System.NotSupportedException,Microsoft.PowerShell.Commands.WriteInformationCommand'
        { $ProgressPreference = 'Suspend'; Test-SuspendValue -Value Suspend } | Should -Throw -ErrorId 'System.NotSupportedException,Microsoft.PowerShell.Commands.WriteProgressCommand'
    }
    It 'makes a written error throw plain System.NotSupportedException' {
        $e = { $ErrorActionPreference = 'Suspend'; Test-SuspendValue -Value Suspend } | Should -Throw -ErrorId 'System.NotSupportedException' -PassThru
        $e.CategoryInfo.Reason | Should -BeExactly 'NotSupportedException'
    }
    It 'says the variable was put back to its default, and it was' {
        $e = { $WarningPreference = 'Suspend'; Write-Warning 'w' } | Should -Throw -PassThru
        $e.Exception.Message | Should -BeLike 'The Suspend ActionPreference value is reserved for future use*replaced in your WarningPreference variable by the default value of Continue.*'
        & { $DebugPreference = 'Suspend'; try { Write-Debug 'd' } catch { }; "$DebugPreference" } | Should -BeExactly 'SilentlyContinue'
    }
}

Describe '-Verbose and -Debug do not take precedence over $ErrorActionPreference' {
    It 'stops New-Item on an existing file with NewItemIOError under Stop, with the switch or without' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ("ap-" + [guid]::NewGuid() + ".txt")
        try {
            $ErrorActionPreference = 'SilentlyContinue'
            $params = @{ ItemType = 'File'; Path = $file; Confirm = $false }
            New-Item @params > $null
            $params += @{ Verbose = $true }
            { New-Item @params } | Should -Not -Throw
            $ErrorActionPreference = 'Stop'
            { New-Item @params } | Should -Throw -ErrorId 'NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand'
        } finally {
            $ErrorActionPreference = 'Continue'
            Remove-Item $file -Force -ErrorAction SilentlyContinue
        }
    }
}

# Ported from test/powershell/Language/Scripting/CommonParameters.Tests.ps1 (ProgressAction).
Describe 'the ProgressAction common parameter' {
    It 'becomes the advanced function''s ProgressPreference' {
        function Get-ProgressPreference { [CmdletBinding()] param([string]$Path) $ProgressPreference }
        Get-ProgressPreference -ProgressAction Ignore | Should -BeExactly 'Ignore'
        Get-ProgressPreference -ProgressAction SilentlyContinue | Should -BeExactly 'SilentlyContinue'
    }
    It 'silences Write-Progress in a [powershell] instance' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript('function Test-Progress { [CmdletBinding()] param() Write-Progress "progress foo" }; Test-Progress -ProgressAction Ignore').Invoke()
        $ps.Streams.Progress.Count | Should -Be 0
        $ps.Dispose()
    }
}

Complete-MiniPester
