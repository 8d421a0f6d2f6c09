# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/ImportExportCSV.Delimiter.Tests.ps1
# and Get-Culture.Tests.ps1: a script sets [cultureinfo]::CurrentCulture (PowerShell 7 allows it) to
# a culture whose list separator it changed, and -UseCulture of the CSV cmdlets follows it; $PSCulture,
# $PSUICulture and the current thread's cultures follow the current culture; $null for a numeric
# cmdlet parameter fails in the binder. The assertions, in hvsh's own code (a scratch folder for $TestDrive).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("culturedelim-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
$file = Join-Path $scratch 'file.csv'
$defaultDelimiter = [System.Globalization.CultureInfo]::CurrentCulture.TextInfo.ListSeparator
$enCulture = [System.Globalization.CultureInfo]::new("en-us")
$d = Get-Date
function Set-Delimiter($delimiter) {
    $enCulture.TextInfo.ListSeparator = $delimiter
    [System.Globalization.CultureInfo]::CurrentCulture = $enCulture
}
function Reset-Delimiter {
    $enCulture.TextInfo.ListSeparator = $defaultDelimiter
    [System.Globalization.CultureInfo]::CurrentCulture = $enCulture
    Remove-Item -Force -ErrorAction SilentlyContinue $file
}

Describe 'Using delimiters with Export-CSV and Import-CSV' {
    It "with the culture's list separator changed, a plain import does not read the ticks" {
        Set-Delimiter '/'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter ' '; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '@'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter ([char]35); $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '$'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '\'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '&'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '('; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter ')'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '{'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '}'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '|'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '<'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '>'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter ';'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter "'"; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '"'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '~'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '!'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '%'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '^'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '*'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '_'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '+'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter ':'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '?'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '-'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '='; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '['; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter ']'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Set-Delimiter '.'; $d | Export-Csv $file -UseCulture; (Import-Csv $file).Ticks | Should -Not -Be $d.Ticks
        Reset-Delimiter
    }
    It "with the culture's list separator changed, a -UseCulture import reads the ticks" {
        Set-Delimiter '/'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter ' '; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '@'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter ([char]35); $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '$'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '\'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '&'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '('; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter ')'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '{'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '}'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '|'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '<'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '>'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter ';'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter "'"; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '"'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '~'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '!'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '%'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '^'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '*'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '_'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '+'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter ':'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '?'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '-'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '='; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '['; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter ']'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Set-Delimiter '.'; $d | Export-Csv $file -UseCulture; (Import-Csv $file -UseCulture).Ticks | Should -Be $d.Ticks
        Reset-Delimiter
    }
    It 'ConvertTo-Csv and ConvertFrom-Csv -UseCulture follow the current culture' {
        Set-Delimiter ';'
        $lines = [pscustomobject]@{ a = 1; b = 2 } | ConvertTo-Csv -UseCulture
        $lines[0] | Should -BeExactly '"a";"b"'
        ($lines | ConvertFrom-Csv -UseCulture).b | Should -BeExactly '2'
        Reset-Delimiter
    }
}

Describe 'CultureInfo objects' {
    It 'keeps a change to a constructed culture' {
        $c = [cultureinfo]::new('de-DE')
        $c.IsReadOnly | Should -BeFalse
        $c.TextInfo.ListSeparator | Should -BeExactly ';'
        $c.TextInfo.ListSeparator = '|'
        $c.TextInfo.ListSeparator | Should -BeExactly '|'
    }
    It 'refuses a change to a read-only culture' {
        [cultureinfo]::InvariantCulture.IsReadOnly | Should -BeTrue
        { [cultureinfo]::InvariantCulture.TextInfo.ListSeparator = ';' } | Should -Throw -ErrorId 'ExceptionWhenSetting'
        [cultureinfo]::GetCultureInfo('en-US').IsReadOnly | Should -BeTrue
    }
}

Describe '$PSCulture' {
    It 'is the current thread culture' {
        $PSCulture | Should -BeExactly ([System.Threading.Thread]::CurrentThread.CurrentCulture.Name)
        $PSUICulture | Should -BeExactly ([System.Threading.Thread]::CurrentThread.CurrentUICulture.Name)
        (Get-Culture).Name | Should -BeExactly $PSCulture
    }
    It 'follows the current culture' {
        $old = [CultureInfo]::CurrentCulture
        try {
            [CultureInfo]::currentculture = 'ru-RU'
            $PSCulture | Should -BeExactly 'ru-RU'
            (Get-Culture).Name | Should -BeExactly 'ru-RU'
            [System.Threading.Thread]::CurrentThread.CurrentCulture.Name | Should -BeExactly 'ru-RU'
        } finally {
            [CultureInfo]::CurrentCulture = $old
        }
        $PSCulture | Should -BeExactly $old.Name
    }
    It 'follows the current UI culture' {
        $old = [CultureInfo]::CurrentUICulture
        try {
            [CultureInfo]::CurrentUICulture = 'fr-FR'
            $PSUICulture | Should -BeExactly 'fr-FR'
            (Get-UICulture).Name | Should -BeExactly 'fr-FR'
        } finally {
            [CultureInfo]::CurrentUICulture = $old
        }
    }
}

Describe 'value-type cmdlet parameters' {
    It 'refuses $null for a number' {
        { Start-Sleep -Seconds $null } | Should -Throw -ErrorId 'ParameterBindingFailed,Microsoft.PowerShell.Commands.StartSleepCommand'
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
