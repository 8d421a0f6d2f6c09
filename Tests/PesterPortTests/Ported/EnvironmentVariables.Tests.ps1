# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Environment-Variables.Tests.ps1: the
# Env: drive, PATH, HOME and setting a variable; the assertions, in hvsh's own code (the "~ in PATH"
# context copies pwsh's own executable, so it is left out).
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Environment-Variables' {
    It 'has environment variables' {
        Get-Item ENV: | Should -Not -BeNullOrEmpty
    }
    It 'has a PATH holding /bin' {
        $ENV:PATH | Should -Not -BeNullOrEmpty
        $ENV:PATH | Should -Match "/bin"
    }
    It 'has HOME as the shell finds it' {
        $expected = /bin/bash -c "cd ~ && pwd"
        $ENV:HOME | Should -Be $expected
    }
    It 'sets a variable' {
        $expected = "this is a test environment variable"
        { $ENV:TESTENVIRONMENTVARIABLE = $expected } | Should -Not -Throw
        $ENV:TESTENVIRONMENTVARIABLE | Should -Not -BeNullOrEmpty
        $ENV:TESTENVIRONMENTVARIABLE | Should -Be $expected
    }
}

Complete-MiniPester
