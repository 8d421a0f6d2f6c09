# Ported from test/powershell/Modules/Microsoft.PowerShell.Core/ForEach-Object.Tests.ps1: the script
# block runs in the caller's scope (also through . and &), in a module's scope when invoked with
# `& $module`, in the session state the block belongs to, and sees the calling script's
# $MyInvocation; the assertions, in hvsh's own code (a scratch folder for $TestDrive).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("foreachobject-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
$psd1 = Join-Path $scratch "ForEachObjectTest.psd1"
$psm1 = Join-Path $scratch "ForEachObjectTest.psm1"
Set-Content -Path $psm1 -Value @'
function Zoo { "ForEachObjectTest-Zoo" }
function GetScriptBlock { return { Zoo } }
'@
New-ModuleManifest -Path $psd1 -RootModule $psm1 -FunctionsToExport "GetScriptBlock"
Import-Module $psd1

Describe 'ForEach-Object' {
    It 'runs the block in the caller''s scope' {
        $null = 1..2 | ForEach-Object { $bar = 100 }
        Get-Variable -Name bar -Scope 0 -ValueOnly | Should -BeExactly 100
    }
    It 'runs the block in the caller''s scope under . and &' {
        $null = 1..2 | . ForEach-Object { $bar = "bar" }
        $null = 1..2 | & ForEach-Object { $foo = "foo" }
        Get-Variable -Name bar -Scope 0 -ValueOnly | Should -BeExactly "bar"
        Get-Variable -Name foo -Scope 0 -ValueOnly | Should -BeExactly "foo"
    }
    It 'runs the block in a module''s scope through & $module' {
        { 1 | ForEach-Object { Zoo } } | Should -Throw -ErrorId "CommandNotFoundException"
        $m = Get-Module ForEachObjectTest
        1 | & $m ForEach-Object { Zoo } | Should -BeExactly "ForEachObjectTest-Zoo"
    }
    It 'runs a module''s block in the module''s session state' {
        $sb = GetScriptBlock
        1 | ForEach-Object $sb | Should -BeExactly "ForEachObjectTest-Zoo"
    }
    It 'gives the block the script''s $MyInvocation' {
        $file = Join-Path $scratch 'test.ps1'
        Set-Content -Path $file -Value '1 | ForEach-Object { $MyInvocation.MyCommand.Name }'
        & $file | Should -BeExactly "test.ps1"
    }
}

Remove-Module -Name ForEachObjectTest
Remove-Item -Recurse -Force $scratch
Complete-MiniPester
