# Ported from test/powershell/Language/Scripting/Debugging/DebuggerScriptTests.Tests.ps1 (the hit counts)
# and the "Breakpoints when set should be hit" blocks of Debugging.Tests.ps1: line breakpoints bind to
# PowerShell's sequence points (statements, loop and if conditions, switch moves, return, function
# braces), in dot-sourced scripts, modules and recursive functions; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$root = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsh-linebp-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $root | Out-Null

# Writes a script and returns its path (Pester's Setup -PassThru -File).
function New-TestScript([string]$Name, [string]$Content) {
    $path = Join-Path $root $Name
    Set-Content -LiteralPath $path -Value $Content
    $path
}

# Runs a script with an action breakpoint on one line; returns the breakpoint's hit count.
function Get-LineHitCount([string]$Name, [string]$Content, [int]$Line) {
    $path = New-TestScript $Name $Content
    $bp = Set-PSBreakpoint -Script $path -Line $Line -Action { continue }
    $null = & $path
    $bp | Remove-PSBreakpoint
    $bp.HitCount
}

Describe 'Line breakpoints in scripts' {
    It 'are hit in a script run through a drive made by New-PSDrive' {
        $name = 'ExposeBug221362.ps1'
        Set-Content -LiteralPath (Join-Path $root $name) -Value '"hello"'
        New-PSDrive -Name hvshLineBp -PSProvider FileSystem -Root $root > $null
        Push-Location hvshLineBp:\
        $bp = Set-PSBreakpoint .\$name 1 -Action { continue }
        $null = & .\$name
        Pop-Location
        Remove-PSDrive -Name hvshLineBp -Force
        $bp | Remove-PSBreakpoint
        $bp.HitCount | Should -Be 1
    }
    It 'are hit in a recursive function' {
        $path = New-TestScript 'Fibonacci.ps1' @'
function fibonacci
{
    param($number)
    if ($number -eq 0) {
        return 0
    }
    if ($number -eq 1) {
        return 1
    }
    $f1 = fibonacci($number - 1)
    $f2 = fibonacci($number - 2)
    $f1 + $f2 # line 12
}
fibonacci(3)
'@
        $bp = Set-PSBreakpoint $path 12 -Action { continue; }
        $null = & $path
        $bp | Remove-PSBreakpoint
        $bp.HitCount | Should -BeGreaterThan 0
    }
    It 'are hit before and after a function call' {
        $path = New-TestScript 'FunctionCall.ps1' @'
function Hello
{
    write-output "hello"
}
write-output "begin"
Hello
write-output "end"
'@
        $bp1 = Set-PSBreakpoint $path 5 -Action { continue; }
        $bp2 = Set-PSBreakpoint $path 7 -Action { continue; }
        $null = & $path
        $bp1, $bp2 | Remove-PSBreakpoint
        $bp1.HitCount | Should -Be 1
        $bp2.HitCount | Should -Be 1
    }
    It 'are hit on each command of a multi-line pipeline' {
        $path = New-TestScript 'Pipeline.ps1' @'
1..3 |
ForEach-Object { $_ } | sort-object |
get-unique
'@
        $bps = Set-PSBreakpoint $path 1,2,3 -Action { continue }
        $null = & $path
        $bps | Remove-PSBreakpoint
        $bps[0].HitCount | Should -Be 1
        $bps[1].HitCount | Should -Be 3
        $bps[2].HitCount | Should -Be 1
    }
    It 'are hit in the functions of a dot-sourced script' {
        $path = New-TestScript 'DotSourced.ps1' @'
function Function1
{
    write-output "In Function1" # line 3
}
function Function2
{
    write-output "In Function2" # line 7
}
function Get-TestCmdlet
{
    [CmdletBinding()]
    param()
    begin
    {
        write-output "In Get-TestCmdlet (begin)"
    }
    process
    {
        write-output "In Get-TestCmdlet (process)" # line 19
    }
    end
    {
        write-output "In Get-TestCmdlet (end)"
    }
}
'@
        $bp1 = Set-PSBreakpoint $path 3 -Action { continue; }
        $bp2 = Set-PSBreakpoint $path 7 -Action { continue; }
        $bp3 = Set-PSBreakpoint $path 19 -Action { continue; }
        $bp4 = Set-PSBreakpoint $path 20 -Action { continue; }
        . $path
        $null = Function1
        $null = Get-TestCmdlet
        $bp1, $bp2, $bp3, $bp4 | Remove-PSBreakpoint
        $bp1.HitCount | Should -Be 1
        $bp2.HitCount | Should -Be 0
        $bp3.HitCount | Should -Be 1
        $bp4.HitCount | Should -Be 1
    }
    It 'are hit in module functions' {
        $oldModulePath = $env:PSModulePath
        $moduleDirectory = Join-Path $root 'ModuleBreakpoints'
        New-Item -ItemType Directory $moduleDirectory > $null
        $moduleFile = Join-Path $moduleDirectory 'ModuleBreakpoints.psm1'
        Set-Content -LiteralPath $moduleFile -Value @'
function ModuleFunction1
{
    write-output "In ModuleFunction1" # line 3
}
function ModuleFunction2
{
    write-output "In ModuleFunction2" # line 7
}
export-modulemember ModuleFunction1
export-modulemember ModuleFunction2
'@
        $env:PSModulePath = $root + '/'
        Import-Module ModuleBreakpoints
        $bp1 = Set-PSBreakpoint $moduleFile 3 -Action { continue }
        $bp2 = Set-PSBreakpoint $moduleFile 7 -Action { continue }
        $null = ModuleFunction1
        $env:PSModulePath = $oldModulePath
        Remove-Module ModuleBreakpoints
        $bp1, $bp2 | Remove-PSBreakpoint
        $bp1.HitCount | Should -Be 1
        $bp2.HitCount | Should -Be 0
    }
    It 'are hit on the first statement of a while loop body every turn and once on entry' {
        Get-LineHitCount 'While.ps1' "while (`$count -lt 5)`n{`n    `$count += 1`n    `"Hello `$count`"`n}" 3 | Should -Be 6
        Get-LineHitCount 'DoWhile.ps1' "do`n{`n    `$count2 += 1`n    `"Hello do `$count2`"`n}`nwhile (`$count2 -lt 5)" 3 | Should -Be 6
    }
    It 'are hit on redirected statements' {
        $path = New-TestScript 'Basic.ps1' @'
'aaa'.ToString() > $null
'aa' > $null
"a" 2> $null | ForEach-Object { $_ }
'bb' > $null
'bb'.ToSTring() > $null
'bbb'
'@
        $bps = 1..6 | ForEach-Object { Set-PSBreakpoint -Script $path -Line $_ -Action { continue } }
        $null = & $path
        $bps | Remove-PSBreakpoint
        ($bps.HitCount -join ',') | Should -Be '1,1,1,1,1,1'
    }
    It 'are hit on a switch condition when it is enumerated' {
        Get-LineHitCount 'Switch.ps1' "`$test = 1..2`nswitch (`$test)`n{`n    default {}`n}" 2 | Should -Be 3
    }
}

Describe 'Line breakpoints on loop and if conditions' {
    It 'are hit on a for statement initializer' {
        Get-LineHitCount 'For1.ps1' "`$test = 2`nfor (`"string`".Length;`n     `$test -gt 0; `$test--) { }" 2 | Should -Be 1
        Get-LineHitCount 'For2.ps1' "`$test = `$PSCommandPath`nfor (Test-Path `$test;`n     `$test -eq `"blah`";) { }" 2 | Should -Be 1
        Get-LineHitCount 'For3.ps1' "for (`$test = 2;`n     `$test -gt 0; `$test--) { }" 1 | Should -Be 1
    }
    It 'are hit on a for statement condition every turn' {
        Get-LineHitCount 'For4.ps1' "`$test = 2`nfor (;`$test -gt 0;`n     `$test--) { }" 2 | Should -Be 3
        Get-LineHitCount 'For5.ps1' "`$test = `$PSCommandPath`nfor (;Test-Path `$test;)`n{`n    `$test = `"blah`"`n}" 2 | Should -Be 2
    }
    It 'are hit on a while loop condition every turn' {
        Get-LineHitCount 'While1.ps1' "`$test = `"string`"`nwhile (`$test.Contains(`"str`"))`n{`n    `$test = `"blah`"`n}" 2 | Should -Be 2
        Get-LineHitCount 'While2.ps1' "`$test = `$PSCommandPath`nwhile (Test-Path `$test)`n{`n    `$test = `"blah`"`n}" 2 | Should -Be 2
    }
    It 'are hit on a do-while and do-until body line once' {
        Get-LineHitCount 'DoWhile1.ps1' "`$test = `"blah`"`ndo { echo `$test }`nwhile (`$test.Contains(`"str`"))" 2 | Should -Be 1
        Get-LineHitCount 'DoWhile2.ps1' "`$test = `"blah`"`ndo { echo `$test }`nwhile (Test-Path `$test)" 2 | Should -Be 1
        Get-LineHitCount 'DoUntil1.ps1' "`$test = `"blah`"`ndo { echo `$test }`nuntil (`$test.Contains(`"bl`"))" 2 | Should -Be 1
        Get-LineHitCount 'DoUntil2.ps1' "`$test = `$PSCommandPath`ndo { echo `$test }`nuntil (Test-Path `$test)" 2 | Should -Be 1
    }
    It 'are hit on if and elseif conditions once' {
        Get-LineHitCount 'If1.ps1' "if (`"string`".Contains('str'))`n{ }" 1 | Should -Be 1
        Get-LineHitCount 'If2.ps1' "if (Test-Path `$PSCommandPath)`n{ }" 1 | Should -Be 1
        Get-LineHitCount 'If3.ps1' "if (`$false) {}`nelseif (`"string`".Contains('str'))`n{ }" 2 | Should -Be 1
        Get-LineHitCount 'If4.ps1' "if (`$false) {}`nelseif (Test-Path `$PSCommandPath)`n{ }" 2 | Should -Be 1
    }
    It 'are hit on return statements' {
        Get-LineHitCount 'Return1.ps1' "return" 1 | Should -Be 1
        Get-LineHitCount 'Return2.ps1' "return 10" 1 | Should -Be 1
        Get-LineHitCount 'Return3.ps1' "trap {`n    'statement to ignore trap registration sequence point'`n    return`n}`nthrow" 3 | Should -Be 1
    }
    It 'are not hit while disabled' {
        $path = New-TestScript 'Disabled.ps1' "'a'`n'b'"
        $bp = Set-PSBreakpoint -Script $path -Line 2 -Action { continue }
        $bp | Disable-PSBreakpoint
        $null = & $path
        $bp | Enable-PSBreakpoint
        $null = & $path
        $bp | Remove-PSBreakpoint
        $bp.HitCount | Should -Be 1
    }
    It 'run their action with the breakpoint as $_' {
        $path = New-TestScript 'Action.ps1' "'a'"
        $global:hvshSeenBreakpoint = $null
        $bp = Set-PSBreakpoint -Script $path -Line 1 -Action { $global:hvshSeenBreakpoint = $_ }
        $null = & $path
        $bp | Remove-PSBreakpoint
        $global:hvshSeenBreakpoint.Id | Should -Be $bp.Id
        Remove-Variable -Name hvshSeenBreakpoint -Scope Global
    }
}

Remove-Item -LiteralPath $root -Recurse -Force
Complete-MiniPester
