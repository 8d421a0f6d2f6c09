# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Date.Tests.ps1 ("Get-Date
# -UFormat tests" and -UnixTimeSeconds): the expected text built from the current culture's
# DateTimeFormat names and patterns, [TimeZone]::CurrentTimeZone's offset, and DateTimeOffset's Unix
# times; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Get-Date -UFormat against the culture''s names' {
    $date1 = Get-Date -Date '2030-4-5 1:2:3.09'
    $date2 = Get-Date -Date '2030-4-15 13:2:3'
    $date3 = Get-Date -Date '2030-4-15 21:2:3'
    $format = [System.Globalization.CultureInfo]::CurrentCulture.DateTimeFormat
    $shortDay1 = $format.AbbreviatedDayNames[5]
    $fullDay1 = $format.DayNames[5]
    $shortMonth1 = $format.AbbreviatedMonthNames[3]
    $fullMonth1 = $format.MonthNames[3]
    $amUpper1 = $format.AMDesignator
    $timeZone1 = [String]::Format('{0:+00;-00}', [Timezone]::CurrentTimeZone.GetUtcOffset($date1).Hours)

    It 'reads the culture''s names and patterns' {
        $shortDay1 | Should -BeExactly 'Fri'
        $fullMonth1 | Should -BeExactly 'April'
        $format.MonthNames.Count | Should -Be 13
        $date1.ToString($format.ShortDatePattern) | Should -BeExactly '4/5/2030'
        $date1.ToString($format.LongTimePattern) | Should -BeExactly '1:02:03 AM'
        $format.AMDesignator.ToLower() | Should -BeExactly 'am'
    }
    It 'writes each specifier as the culture spells it' {
        Get-Date -Date $date1 -UFormat '%a' | Should -BeExactly $shortDay1
        Get-Date -Date $date1 -UFormat '%A' | Should -BeExactly $fullDay1
        Get-Date -Date $date1 -UFormat '%b' | Should -BeExactly $shortMonth1
        Get-Date -Date $date1 -UFormat '%B' | Should -BeExactly $fullMonth1
        Get-Date -Date $date1 -UFormat '%c' | Should -BeExactly "$shortDay1 05 $shortMonth1 2030 01:02:03"
        Get-Date -Date $date1 -UFormat '%C' | Should -BeExactly '20'
        Get-Date -Date $date1 -UFormat '%d' | Should -BeExactly '05'
        Get-Date -Date $date1 -UFormat '%D' | Should -BeExactly '04/05/30'
        Get-Date -Date $date1 -UFormat '%e' | Should -BeExactly ' 5'
        Get-Date -Date $date2 -UFormat '%e' | Should -BeExactly '15'
        Get-Date -Date $date1 -UFormat '%F' | Should -BeExactly '2030-04-05'
        Get-Date -Date $date1 -UFormat '%h' | Should -BeExactly $shortMonth1
        Get-Date -Date $date1 -UFormat '%H' | Should -BeExactly '01'
        Get-Date -Date $date2 -UFormat '%H' | Should -BeExactly '13'
        Get-Date -Date $date1 -UFormat '%I' | Should -BeExactly '01'
        Get-Date -Date $date2 -UFormat '%I' | Should -BeExactly '01'
        Get-Date -Date $date1 -UFormat '%j' | Should -BeExactly '095'
        Get-Date -Date $date1 -UFormat '%k' | Should -BeExactly ' 1'
        Get-Date -Date $date2 -UFormat '%k' | Should -BeExactly '13'
        Get-Date -Date $date1 -UFormat '%l' | Should -BeExactly ' 1'
        Get-Date -Date $date2 -UFormat '%l' | Should -BeExactly ' 1'
        Get-Date -Date $date1 -UFormat '%m' | Should -BeExactly '04'
        Get-Date -Date $date1 -UFormat '%M' | Should -BeExactly '02'
        Get-Date -Date $date1 -UFormat '%p' | Should -BeExactly $amUpper1
        Get-Date -Date $date1 -UFormat '%r' | Should -BeExactly '01:02:03 AM'
        Get-Date -Date $date3 -UFormat '%r' | Should -BeExactly '09:02:03 PM'
        Get-Date -Date $date1 -UFormat '%R' | Should -BeExactly '01:02'
        Get-Date -Date $date3 -UFormat '%R' | Should -BeExactly '21:02'
        Get-Date -Date $date1 -UFormat '%S' | Should -BeExactly '03'
        Get-Date -Date $date1 -UFormat '%T' | Should -BeExactly '01:02:03'
        Get-Date -Date $date1 -UFormat '%u' | Should -BeExactly '5'
        Get-Date -Date $date1 -UFormat '%U' | Should -BeExactly '13'
        Get-Date -Date $date1 -UFormat '%W' | Should -BeExactly '13'
        Get-Date -Date $date1 -UFormat '%x' | Should -BeExactly '04/05/30'
        Get-Date -Date $date1 -UFormat '%y' | Should -BeExactly '30'
        Get-Date -Date $date1 -UFormat '%Y' | Should -BeExactly '2030'
        Get-Date -Date $date1 -UFormat '%Z' | Should -BeExactly $timeZone1
    }
}

Describe 'Get-Date -UnixTimeSeconds against DateTimeOffset' {
    It 'gives the local time of the Unix moment' {
        Get-Date -UnixTimeSeconds 1577836800 | Should -Be ([System.DateTimeOffset]::FromUnixTimeSeconds(1577836800).LocalDateTime)
        Get-Date -UnixTimeSeconds 0 | Should -Be ([System.DateTimeOffset]::UnixEpoch.LocalDateTime)
        Get-Date -UnixTimeSeconds -1 | Should -Be ([System.DateTimeOffset]::FromUnixTimeSeconds(-1).LocalDateTime)
    }
}

Complete-MiniPester
