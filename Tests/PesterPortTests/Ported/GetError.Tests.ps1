# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Error.Tests.ps1 (one Should per
# -TestCases case; the ANSI colour test needs a terminal and is left out); the assertions, in hvsh's
# own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Get-Error tests' {
    It 'resolves $error[0] and includes InnerException' {
        try { 1/0 } catch { }
        $out = Get-Error | Out-String
        $out | Should -BeLikeExactly '*InnerException*'
        $err = Get-Error
        $err | Should -BeOfType System.Management.Automation.ErrorRecord
        $err.PSObject.TypeNames | Should -Not -Contain 'System.Management.Automation.ErrorRecord'
        $err.PSObject.TypeNames | Should -Contain 'System.Management.Automation.ErrorRecord#PSExtendedError'
        $null = $err | Out-String
        $err | Should -BeOfType System.Management.Automation.ErrorRecord
        $err.PSObject.TypeNames | Should -Contain 'System.Management.Automation.ErrorRecord'
        $err.PSObject.TypeNames | Should -Not -Contain 'System.Management.Automation.ErrorRecord#PSExtendedError'
    }
    It 'gives the -Newest errors' {
        try { 1/0 } catch { }
        try { Get-Item (New-Guid) -ErrorAction SilentlyContinue } catch { }
        (Get-Error -Newest 1).Count | Should -Be 1
        (Get-Error -Last 2).Count | Should -Be 2
        (Get-Error -Newest 9999).Count | Should -Be $error.Count
        (Get-Error -Newest 2)[1].PSErrorIndex | Should -Be 1
    }
    It 'refuses -Newest below 1' {
        { Get-Error -Newest 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetErrorCommand'
        { Get-Error -Newest -2 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetErrorCommand'
    }
    It 'takes pipeline input' {
        try { 1/0 } catch { }
        $out = $error[0] | Get-Error | Out-String
        $out | Should -BeLikeExactly '*-2146233087*'
    }
    It 'handles exceptions' {
        $e = [Exception]::new('myexception')
        $error.Insert(0, $e)
        $out = Get-Error | Out-String
        $out | Should -BeLikeExactly '*myexception*'
        $err = Get-Error
        $err | Should -BeOfType System.Exception
        $err.PSObject.TypeNames | Should -Not -Contain 'System.Exception'
        $err.PSObject.TypeNames | Should -Contain 'System.Exception#PSExtendedError'
        $null = $err | Out-String
        $err.PSObject.TypeNames | Should -Contain 'System.Exception'
        $err.PSObject.TypeNames | Should -Not -Contain 'System.Exception#PSExtendedError'
    }
    It 'does not change the original error object' {
        try { 1 / 0 } catch { }
        $null = Get-Error
        $error[0].pstypenames | Should -Be System.Management.Automation.ErrorRecord, System.Object
    }
    It 'adds the exception type' {
        try { throw [ArgumentException] 'myexception' } catch { }
        $out = Get-Error | Out-String
        $out | Should -Match "Type\s+:\s(.\[\d+m)?System.ArgumentException"
    }
}

Complete-MiniPester
