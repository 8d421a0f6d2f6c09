# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Environment-Variables.Tests.ps1: the
# Env: drive, PATH, HOME and setting a variable, and `~` in PATH entries; the assertions, in hvsh's own
# code (the "~ in PATH" context copies /bin/true where upstream copies pwsh's own executable).
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

Describe '~ in PATH' {
    # Environment-Variables.Tests' '~ in PATH' context, with a copy of /bin/true for pwsh.
    $oldPath = $env:PATH
    $exeName = 'hvsh-true-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $testPath = Join-Path -Path '~' -ChildPath (New-Guid)
    $null = New-Item -Path $testPath -ItemType Directory
    Copy-Item -Path /bin/true -Destination "~/$exeName"
    Copy-Item -Path /bin/true -Destination "$testPath/$exeName-2"
    try {
        It 'resolves ~ in PATH' {
            $env:PATH = '~' + [System.IO.Path]::PathSeparator + $oldPath
            (Get-Command $exeName).Source | Should -BeExactly (Join-Path -Path ([System.Environment]::GetFolderPath([System.Environment+SpecialFolder]::UserProfile)) -ChildPath $exeName)
        }
        It 'resolves ~/folder in PATH and runs the program found there' {
            $env:PATH = $testPath + [System.IO.Path]::PathSeparator + $oldPath
            (Get-Command "$exeName-2").Source | Should -BeExactly (Join-Path -Path (Resolve-Path $testPath) -ChildPath "$exeName-2")
            & "$exeName-2"
            $LASTEXITCODE | Should -Be 0
        }
    } finally {
        $env:PATH = $oldPath
        Remove-Item -Path "~/$exeName" -Force
        Remove-Item -Path $testPath -Recurse -Force
    }
}

Describe 'special folders' {
    It 'gives the home folder for UserProfile and the XDG defaults on Unix' {
        [Environment]::GetFolderPath('UserProfile') | Should -BeExactly $HOME
        [int][Environment+SpecialFolder]::UserProfile | Should -Be 40
        [Environment]::GetFolderPath('Windows') | Should -BeExactly ''
    }
}

Complete-MiniPester
