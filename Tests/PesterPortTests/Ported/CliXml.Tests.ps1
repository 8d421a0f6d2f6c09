# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/clixml.tests.ps1 (with this shell's
# own process for pwsh's) and PowerShell's serializer rules: Export-Clixml/Import-Clixml and
# ConvertTo-CliXml/ConvertFrom-CliXml round trips, their path errors, -WhatIf, PSCredential, the
# document's shape and the Deserialized. type names; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$root = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsh-clixml-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $root | Out-Null
$gps = Get-Process -Id $PID
$filePath = Join-Path $root 'gps.xml'

Describe 'Export-Clixml and Import-Clixml path errors' {
    It 'refuses a null, empty or non-file-system path' {
        { Export-Clixml -Depth 1 -LiteralPath ([NullString]::Value) -InputObject $gps -Force } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.ExportClixmlCommand'
        { Export-Clixml -Depth 1 -LiteralPath '' -InputObject $gps -Force } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.ExportClixmlCommand'
        { Export-Clixml -Depth 1 -LiteralPath 'env:\' -InputObject $gps -Force } | Should -Throw -ErrorId 'ReadWriteFileNotFileSystemProvider,Microsoft.PowerShell.Commands.ExportClixmlCommand'
        { Import-Clixml -LiteralPath ([NullString]::Value) } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.ImportClixmlCommand'
        { Import-Clixml -LiteralPath '' } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.ImportClixmlCommand'
        { Import-Clixml -LiteralPath 'env:\' } | Should -Throw -ErrorId 'ReadWriteFileNotFileSystemProvider,Microsoft.PowerShell.Commands.ImportClixmlCommand'
    }
    It 'writes nothing with -WhatIf' {
        $testPath = Join-Path $root 'Bug161470NonExistPath.txt'
        Export-Clixml -Path $testPath -InputObject 'string' -WhatIf
        Test-Path $testPath | Should -BeFalse
    }
}

Describe 'Export-Clixml and Import-Clixml round trips' {
    It 'imports a process from a literal path' {
        Export-Clixml -Depth 1 -LiteralPath $filePath -InputObject $gps
        Test-Path $filePath | Should -BeTrue
        (Get-Content $filePath) | Should -Not -Be $null
        $importedProcess = Import-Clixml $filePath
        $importedProcess.ProcessName | Should -Not -BeNullOrEmpty
        $gps.ProcessName | Should -Be $importedProcess.ProcessName
        $gps.Id | Should -Be $importedProcess.Id
    }
    It 'imports a process exported through the pipeline' {
        $gps | Export-Clixml -Depth 1 -LiteralPath $filePath
        $importedProcess = Import-Clixml $filePath
        $gps.ProcessName | Should -Be $importedProcess.ProcessName
        $gps.Id | Should -Be $importedProcess.Id
    }
    It 'imports a PSCredential' {
        $cred = [PSCredential]::new('Foo', (ConvertTo-SecureString 'p@ss' -AsPlainText -Force))
        $path = Join-Path $root 'cred.xml'
        $cred | Export-Clixml -Path $path
        $cred = Import-Clixml -Path $path
        $cred.UserName | Should -BeExactly 'Foo'
        $cred.Password | Should -BeOfType System.Security.SecureString
    }
    It 'keeps values, hashtables, lists and custom objects' {
        $o = [pscustomobject]@{ Name = 'lab'; Count = 3; Ratio = 1.5; On = $true; Tags = @('a', 'b'); Map = @{ k = 'v' }; None = $null }
        $o | Export-Clixml -Path $filePath
        $r = Import-Clixml -Path $filePath
        $r.pstypenames[0] | Should -BeExactly 'Deserialized.System.Management.Automation.PSCustomObject'
        $r.Name | Should -BeExactly 'lab'
        $r.Count | Should -BeOfType System.Int32
        $r.Ratio | Should -Be 1.5
        $r.On | Should -BeTrue
        $r.Tags -join ',' | Should -BeExactly 'a,b'
        $r.Map | Should -BeOfType System.Collections.Hashtable
        $r.Map.k | Should -BeExactly 'v'
        $r.None | Should -BeNullOrEmpty
    }
}

Describe 'ConvertTo-CliXml and ConvertFrom-CliXml' {
    It 'round-trips a process passed as a parameter or through the pipeline' {
        $content = ConvertTo-CliXml -Depth 1 -InputObject $gps
        $content | Should -Not -Be $null
        $importedProcess = ConvertFrom-CliXml -InputObject $content
        $gps.ProcessName | Should -Be $importedProcess.ProcessName
        $gps.Id | Should -Be $importedProcess.Id
        $importedProcess = ($gps | ConvertTo-CliXml -Depth 1) | ConvertFrom-CliXml
        $gps.Id | Should -Be $importedProcess.Id
    }
    It 'round-trips a PSCredential' {
        $cred = [PSCredential]::new('Foo', (ConvertTo-SecureString 'p@ss' -AsPlainText -Force))
        $cred2 = ConvertFrom-CliXml -InputObject ($cred | ConvertTo-CliXml)
        $cred2.UserName | Should -BeExactly $cred.UserName
        $cred2.Password | Should -BeOfType System.Security.SecureString
        $cred2.GetNetworkCredential().Password | Should -BeExactly $cred.GetNetworkCredential().Password
    }
    It 'writes the serializer''s document' {
        $lines = (ConvertTo-CliXml -InputObject 'x') -split "`r?`n"
        $lines[0] | Should -BeExactly '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">'
        $lines[1] | Should -BeExactly '  <S>x</S>'
        $lines[2] | Should -BeExactly '</Objs>'
        (ConvertTo-CliXml -InputObject 5) -split "`r?`n" | Select-Object -Index 1 | Should -BeExactly '  <I32>5</I32>'
        (ConvertTo-CliXml -InputObject $true) -split "`r?`n" | Select-Object -Index 1 | Should -BeExactly '  <B>true</B>'
        (ConvertTo-CliXml -InputObject "a`nb") -split "`r?`n" | Select-Object -Index 1 | Should -BeExactly '  <S>a_x000A_b</S>'
    }
    It 'gives back the dates it wrote' {
        $u = [datetime]::SpecifyKind([datetime]'2024-01-02 03:04:05', 'Utc')
        (ConvertTo-CliXml -InputObject $u) -split "`r?`n" | Select-Object -Index 1 | Should -BeExactly '  <DT>2024-01-02T03:04:05Z</DT>'
        $back = ConvertFrom-CliXml (ConvertTo-CliXml -InputObject $u)
        $back | Should -Be $u
        $back.Kind | Should -Be 'Utc'
    }
}

Remove-Item -LiteralPath $root -Recurse -Force
Complete-MiniPester
