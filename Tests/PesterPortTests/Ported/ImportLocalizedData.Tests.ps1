# Ported from test/powershell/Language/Scripting/I18n/I18n.Tests.ps1 and
# test/powershell/Modules/Microsoft.PowerShell.Utility/Import-LocalizedData.Tests.ps1: the culture
# folders searched (the UI culture, its parents, then the base folder), -BindingVariable with and
# without a scope, -FileName/-BaseDirectory, -SupportedCommand, the file named after the calling
# script, and the errors; the data files are written here instead of shipped beside the test.
. "$PSScriptRoot/MiniPester.ps1"

$base = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsh-i18n-" + [guid]::NewGuid())
foreach ($culture in 'en-US', 'en', 'fr-FR', 'de-DE') {
    $null = New-Item -ItemType Directory -Path (Join-Path $base $culture)
    Set-Content -LiteralPath (Join-Path $base "$culture/strings.psd1") -Value "ConvertFrom-StringData @'`nstring1=string1 $culture`nstring2=string2 $culture`n'@"
}
Set-Content -LiteralPath (Join-Path $base 'strings.psd1') -Value "ConvertFrom-StringData 'string1=string1 fallback'"
Set-Content -LiteralPath (Join-Path $base 'en-US/custom.psd1') -Value "Get-Custom"
Set-Content -LiteralPath (Join-Path $base 'en-US/bad.psd1') -Value "Get-ChildItem"
Set-Content -LiteralPath (Join-Path $base 'en-US/caller.psd1') -Value "ConvertFrom-StringData 'who=caller'"
Set-Content -LiteralPath (Join-Path $base 'caller.ps1') -Value "Import-LocalizedData -BindingVariable found; `$found.who"
function Get-Custom { @{ custom = 'made by Get-Custom' } }
$saved = [System.Globalization.CultureInfo]::CurrentUICulture
[System.Globalization.CultureInfo]::CurrentUICulture = 'en-US'

Describe 'Import-LocalizedData' {
    It 'reads the UI culture''s file, or the one -UICulture names' {
        $d = Import-LocalizedData -FileName strings -BaseDirectory $base
        $d.string1 | Should -BeExactly 'string1 en-US'
        $d = Import-LocalizedData -FileName strings -BaseDirectory $base -UICulture de-DE
        $d.string1 | Should -BeExactly 'string1 de-DE'
        $d.string2 | Should -BeExactly 'string2 de-DE'
    }
    It 'falls back on parent cultures, then the base folder' {
        (Import-LocalizedData -FileName strings -BaseDirectory $base -UICulture en-GB).string1 | Should -BeExactly 'string1 en'
        (Import-LocalizedData -FileName strings -BaseDirectory $base -UICulture ja-JP).string1 | Should -BeExactly 'string1 fallback'
    }
    It 'searches a culture hvsh has no data for, then its parent, then the base folder' {
        $null = New-Item -ItemType Directory -Path (Join-Path $base 'no')
        Set-Content -LiteralPath (Join-Path $base 'no/strings.psd1') -Value "ConvertFrom-StringData 'string1=string1 no'"
        (Import-LocalizedData -FileName strings -BaseDirectory $base -UICulture no-NL).string1 | Should -BeExactly 'string1 no'
        Remove-Item -LiteralPath (Join-Path $base 'no') -Recurse
        (Import-LocalizedData -FileName strings -BaseDirectory $base -UICulture no-NL).string1 | Should -BeExactly 'string1 fallback'
    }
    It 'falls back on en-US when the current UI culture (set to one without files) gives no file' {
        [System.Globalization.CultureInfo]::CurrentUICulture = 'no-NL'
        $d = Import-LocalizedData -FileName strings -BaseDirectory $base
        [System.Globalization.CultureInfo]::CurrentUICulture = 'en-US'
        $d.string1 | Should -BeExactly 'string1 en-US'
    }
    It 'takes the name without its extension' {
        (Import-LocalizedData -FileName strings.ps1 -BaseDirectory $base -UICulture fr-FR).string1 | Should -BeExactly 'string1 fr-FR'
    }
    It 'assigns -BindingVariable (by position too) in the caller''s scope' {
        Import-LocalizedData -BindingVariable data -FileName strings -BaseDirectory $base
        $data.string1 | Should -BeExactly 'string1 en-US'
        Import-LocalizedData data2 -FileName strings -BaseDirectory $base
        $data2.string2 | Should -BeExactly 'string2 en-US'
        $outer = 456
        & { Import-LocalizedData -BindingVariable outer -FileName strings -BaseDirectory $base }
        $outer | Should -Be 456
        & { Import-LocalizedData -BindingVariable Script:scoped -FileName strings -BaseDirectory $base }
        $Script:scoped.string1 | Should -BeExactly 'string1 en-US'
    }
    It 'allows the commands -SupportedCommand names and no others' {
        (Import-LocalizedData -FileName custom -BaseDirectory $base -SupportedCommand Get-Custom).custom | Should -BeExactly 'made by Get-Custom'
        { Import-LocalizedData -FileName bad -BaseDirectory $base } | Should -Throw -ExceptionType ([System.Management.Automation.PSInvalidOperationException])
    }
    It 'names the file after the calling script by default' {
        & (Join-Path $base 'caller.ps1') | Should -BeExactly 'caller'
    }
    It 'reports a file it cannot find' {
        { Import-LocalizedData -FileName nosuch -BaseDirectory $base -ErrorAction Stop } | Should -Throw -ErrorId 'ImportLocalizedData,Microsoft.PowerShell.Commands.ImportLocalizedData'
        { Import-LocalizedData -FileName nosuch -BaseDirectory $base -ErrorAction Stop } | Should -Throw -ExceptionType ([System.Management.Automation.PSInvalidOperationException])
        { Import-LocalizedData -FileName 'a/b' -BaseDirectory $base } | Should -Throw -ErrorId 'FileNameParameterCannotHavePath'
    }
}

[System.Globalization.CultureInfo]::CurrentUICulture = $saved
Remove-Item -LiteralPath $base -Recurse -Force
Complete-MiniPester
