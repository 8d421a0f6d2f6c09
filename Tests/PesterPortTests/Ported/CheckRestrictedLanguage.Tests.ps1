# Ported from test/powershell/Language/Scripting/CheckRestrictedlanguage.Tests.ps1:
# ScriptBlock.CheckRestrictedLanguage(allowedCommands, allowedVariables, allowEnvironmentVariables)
# holds a block to the data section's restricted language with the caller's commands and variables,
# throwing a ParseException (through the method call) for anything outside it. Assertions in hvsh's words.
. "$PSScriptRoot/MiniPester.ps1"

function New-NameList {
    $list = [System.Collections.Generic.List[string]]::new()
    foreach ($name in $args) { $list.Add($name) }
    , $list
}

Describe 'ScriptBlock.CheckRestrictedLanguage' {
    It 'accepts constant arithmetic with no lists' {
        { { 3 * 4 }.CheckRestrictedLanguage($null, $null, $false) } | Should -Not -Throw
    }
    It 'accepts the default variables' {
        { { $PSUICulture, $null, $PSCulture, $false, $true }.CheckRestrictedLanguage($null, $null, $false) } | Should -Not -Throw
    }
    It 'refuses any other variable by default' {
        { { 1 + $other }.CheckRestrictedLanguage($null, $null, $false) } | Should -Throw -ErrorId 'ParseException'
    }
    It 'adds the allowed variables to the defaults' {
        { { $one + 1 }.CheckRestrictedLanguage($null, (New-NameList one), $false) } | Should -Not -Throw
        { { $one * $two }.CheckRestrictedLanguage($null, (New-NameList one two), $false) } | Should -Not -Throw
        { { $true, $PSCulture, $one, $two }.CheckRestrictedLanguage($null, (New-NameList one two), $false) } | Should -Not -Throw
    }
    It 'refuses a variable outside the union' {
        { { $one + $two + $three }.CheckRestrictedLanguage($null, (New-NameList one two), $false) } | Should -Throw -ErrorId 'ParseException'
    }
    It 'allows environment variables only when asked' {
        { { $one + $env:PATH }.CheckRestrictedLanguage($null, (New-NameList one), $false) } | Should -Throw -ErrorId 'ParseException'
        { { $one + $env:PATH }.CheckRestrictedLanguage($null, (New-NameList one), $true) } | Should -Not -Throw
    }
    It 'allows every variable for a lone star' {
        { { $x + $y + $env:PATH }.CheckRestrictedLanguage($null, (New-NameList '*'), $false) } | Should -Not -Throw
    }
    It 'allows only the listed commands' {
        { { Get-Process | where name -Match $pattern | foreach $prop }.CheckRestrictedLanguage((New-NameList get-process where foreach), (New-NameList prop pattern), $false) } | Should -Not -Throw
        { { Get-Date }.CheckRestrictedLanguage((New-NameList Get-Process), $null, $false) } | Should -Throw -ErrorId 'ParseException'
    }
    It 'names each construct outside the language, outermost first' {
        $errors = try { { 1 + $a; $b.Length }.CheckRestrictedLanguage($null, $null, $false) } catch { $_.Exception.InnerException.Errors }
        ($errors | ForEach-Object ErrorId) -join ',' | Should -BeExactly 'VariableReferenceNotSupportedInDataSection,PropertyReferenceNotSupportedInDataSection,VariableReferenceNotSupportedInDataSection'
    }
    It 'refuses a param block' {
        { { param($p) $p }.CheckRestrictedLanguage($null, $null, $false) } | Should -Throw -ErrorId 'ParseException'
    }
}

Complete-MiniPester
