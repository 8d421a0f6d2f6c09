# Ported from test/powershell/Modules/Microsoft.PowerShell.Management/Get-PSProvider.Tests.ps1 (names,
# wildcards, capabilities, the read-only item separators of each provider on Unix) and the provider
# Home the native globbing test reads through $ExecutionContext; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Get-PSProvider' {
    It 'lists the providers in name order' {
        (Get-PSProvider).Name -join ',' | Should -BeExactly 'Alias,Environment,FileSystem,Function,Variable'
    }
    It 'gets the file system provider with its capabilities' {
        $actual = Get-PSProvider FileSystem
        $actual.Name | Should -BeExactly 'FileSystem'
        $actual.Capabilities | Should -BeExactly 'Filter, ShouldProcess, Credentials'
        (Get-PSProvider Variable).Capabilities | Should -BeExactly 'ShouldProcess'
    }
    It 'matches wildcards and reports an unknown name' {
        (Get-PSProvider File*m).Name | Should -BeExactly 'FileSystem'
        Get-PSProvider nosuch -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeExactly 'ProviderNotFound,Microsoft.PowerShell.Commands.GetPSProviderCommand'
    }
    It 'formats as a list' {
        { Get-PSProvider | Format-List | Out-String } | Should -Not -Throw
    }
    It 'has Unix item separators that cannot be set' {
        $seen = foreach ($name in 'FileSystem', 'Variable', 'Function', 'Alias', 'Environment') {
            $p = Get-PSProvider $name
            "$($p.ItemSeparator)$($p.AltItemSeparator)"
        }
        $seen -join ' ' | Should -BeExactly '/\ /\ /\ /\ /\'
        { (Get-PSProvider Alias).ItemSeparator = $null } | Should -Throw
        { (Get-PSProvider Alias).AltItemSeparator = $null } | Should -Throw
    }
    It 'lists each provider''s drives' {
        (Get-PSProvider Environment).Drives.Name | Should -BeExactly 'Env'
        (Get-PSProvider FileSystem).Drives.Name -contains 'Temp' | Should -BeTrue
    }
    It 'gives the file system provider the home folder, also through SessionState.Provider' {
        $ExecutionContext.SessionState.Provider.Get('FileSystem').Home | Should -BeExactly $HOME
        $ExecutionContext.SessionState.Provider.GetOne('FileSystem').Name | Should -BeExactly 'FileSystem'
        /bin/echo ~ | Should -BeExactly ($ExecutionContext.SessionState.Provider.Get('FileSystem').Home)
        { $ExecutionContext.SessionState.Provider.Get('NoSuch') } | Should -Throw -ErrorId 'ProviderNotFoundException'
    }
}

Complete-MiniPester
