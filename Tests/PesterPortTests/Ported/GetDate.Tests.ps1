# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Date.Tests.ps1: -UFormat
# specifiers (PowerShell's own definitions, not strftime's), ISO weeks and years, -Format names.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Get-Date -UFormat' {
    It 'formats year, month, day and hour of a year-30 date' {
        Get-Date -Date 0030-01-01T00:00:00 -UFormat %y/%m/%d-%H | Should -Be '30/01/01-00'
    }
    It 'formats aAbBcCdDehHIkljmMpr' {
        Get-Date -Date 1/1/0030 -UFormat '%a%A%b%B%c%C%d%D%e%h%H%I%k%l%j%m%M%p%r' | Should -Be 'TueTuesdayJanJanuaryTue 01 Jan 0030 00:00:0000101/01/30 1Jan0012 0120010100AM12:00:00 AM'
    }
    It 'formats sStTuUVwWxXyYZ' {
        Get-Date -Date 1/1/0030 -UFormat %S%T%u%U%w%W%x%X%y%Y%% | Should -Be '0000:00:00202001/01/3000:00:00300030%'
    }
    It '%s counts seconds since 1970 in UTC' {
        Get-Date -Date 'Jan 1, 2020Z' -UFormat '%s' | Should -Be '1577836800'
    }
    It '%V is the ISO week' {
        Get-Date -Date 1998-01-02 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 1998-01-03 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2003-01-03 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2004-01-02 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2004-01-03 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2005-01-01 -UFormat %V | Should -BeExactly '53'
        Get-Date -Date 2005-01-02 -UFormat %V | Should -BeExactly '53'
        Get-Date -Date 2005-12-31 -UFormat %V | Should -BeExactly '52'
        Get-Date -Date 2006-01-01 -UFormat %V | Should -BeExactly '52'
        Get-Date -Date 2006-01-02 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2006-12-31 -UFormat %V | Should -BeExactly '52'
        Get-Date -Date 2007-01-01 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2007-12-30 -UFormat %V | Should -BeExactly '52'
        Get-Date -Date 2007-12-31 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2008-01-01 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2008-12-28 -UFormat %V | Should -BeExactly '52'
        Get-Date -Date 2008-12-29 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2008-12-30 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2008-12-31 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2009-01-01 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2009-01-02 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2009-01-03 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2009-12-31 -UFormat %V | Should -BeExactly '53'
        Get-Date -Date 2010-01-01 -UFormat %V | Should -BeExactly '53'
        Get-Date -Date 2010-01-02 -UFormat %V | Should -BeExactly '53'
        Get-Date -Date 2010-01-03 -UFormat %V | Should -BeExactly '53'
        Get-Date -Date 2010-01-04 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2014-01-03 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2015-01-02 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2015-01-03 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2020-01-03 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2025-01-03 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2026-01-02 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2026-01-03 -UFormat %V | Should -BeExactly '01'
        Get-Date -Date 2031-01-03 -UFormat %V | Should -BeExactly '01'
    }
    It '%G is the ISO year' {
        Get-Date -Date 0055-12-31 -UFormat %G | Should -BeExactly '0055'
        Get-Date -Date 0325-01-01 -UFormat %G | Should -BeExactly '0325'
        Get-Date -Date 0777-01-01 -UFormat %G | Should -BeExactly '0776'
        Get-Date -Date 1998-01-02 -UFormat %G | Should -BeExactly '1998'
        Get-Date -Date 1998-01-03 -UFormat %G | Should -BeExactly '1998'
        Get-Date -Date 2003-01-03 -UFormat %G | Should -BeExactly '2003'
        Get-Date -Date 2004-01-02 -UFormat %G | Should -BeExactly '2004'
        Get-Date -Date 2004-01-03 -UFormat %G | Should -BeExactly '2004'
        Get-Date -Date 2005-01-01 -UFormat %G | Should -BeExactly '2004'
        Get-Date -Date 2005-01-02 -UFormat %G | Should -BeExactly '2004'
        Get-Date -Date 2005-12-31 -UFormat %G | Should -BeExactly '2005'
        Get-Date -Date 2006-01-01 -UFormat %G | Should -BeExactly '2005'
        Get-Date -Date 2006-01-02 -UFormat %G | Should -BeExactly '2006'
        Get-Date -Date 2006-12-31 -UFormat %G | Should -BeExactly '2006'
        Get-Date -Date 2007-01-01 -UFormat %G | Should -BeExactly '2007'
        Get-Date -Date 2007-12-30 -UFormat %G | Should -BeExactly '2007'
        Get-Date -Date 2007-12-31 -UFormat %G | Should -BeExactly '2008'
        Get-Date -Date 2008-01-01 -UFormat %G | Should -BeExactly '2008'
        Get-Date -Date 2008-12-28 -UFormat %G | Should -BeExactly '2008'
        Get-Date -Date 2008-12-29 -UFormat %G | Should -BeExactly '2009'
        Get-Date -Date 2008-12-30 -UFormat %G | Should -BeExactly '2009'
        Get-Date -Date 2008-12-31 -UFormat %G | Should -BeExactly '2009'
        Get-Date -Date 2009-01-01 -UFormat %G | Should -BeExactly '2009'
        Get-Date -Date 2009-01-02 -UFormat %G | Should -BeExactly '2009'
        Get-Date -Date 2009-01-03 -UFormat %G | Should -BeExactly '2009'
        Get-Date -Date 2009-12-31 -UFormat %G | Should -BeExactly '2009'
        Get-Date -Date 2010-01-01 -UFormat %G | Should -BeExactly '2009'
        Get-Date -Date 2010-01-02 -UFormat %G | Should -BeExactly '2009'
        Get-Date -Date 2010-01-03 -UFormat %G | Should -BeExactly '2009'
        Get-Date -Date 2010-01-04 -UFormat %G | Should -BeExactly '2010'
        Get-Date -Date 2014-01-03 -UFormat %G | Should -BeExactly '2014'
        Get-Date -Date 2015-01-02 -UFormat %G | Should -BeExactly '2015'
        Get-Date -Date 2015-01-03 -UFormat %G | Should -BeExactly '2015'
        Get-Date -Date 2020-01-03 -UFormat %G | Should -BeExactly '2020'
        Get-Date -Date 2025-01-03 -UFormat %G | Should -BeExactly '2025'
        Get-Date -Date 2026-01-02 -UFormat %G | Should -BeExactly '2026'
        Get-Date -Date 2026-01-03 -UFormat %G | Should -BeExactly '2026'
        Get-Date -Date 2031-01-03 -UFormat %G | Should -BeExactly '2031'
    }
    It '%g is the ISO year without century' {
        Get-Date -Date 0055-12-31 -UFormat %g | Should -BeExactly '55'
        Get-Date -Date 0325-01-01 -UFormat %g | Should -BeExactly '25'
        Get-Date -Date 0777-01-01 -UFormat %g | Should -BeExactly '76'
        Get-Date -Date 1998-01-02 -UFormat %g | Should -BeExactly '98'
        Get-Date -Date 1998-01-03 -UFormat %g | Should -BeExactly '98'
        Get-Date -Date 2003-01-03 -UFormat %g | Should -BeExactly '03'
        Get-Date -Date 2004-01-02 -UFormat %g | Should -BeExactly '04'
        Get-Date -Date 2004-01-03 -UFormat %g | Should -BeExactly '04'
        Get-Date -Date 2005-01-01 -UFormat %g | Should -BeExactly '04'
        Get-Date -Date 2005-01-02 -UFormat %g | Should -BeExactly '04'
        Get-Date -Date 2005-12-31 -UFormat %g | Should -BeExactly '05'
        Get-Date -Date 2006-01-01 -UFormat %g | Should -BeExactly '05'
        Get-Date -Date 2006-01-02 -UFormat %g | Should -BeExactly '06'
        Get-Date -Date 2006-12-31 -UFormat %g | Should -BeExactly '06'
        Get-Date -Date 2007-01-01 -UFormat %g | Should -BeExactly '07'
        Get-Date -Date 2007-12-30 -UFormat %g | Should -BeExactly '07'
        Get-Date -Date 2007-12-31 -UFormat %g | Should -BeExactly '08'
        Get-Date -Date 2008-01-01 -UFormat %g | Should -BeExactly '08'
        Get-Date -Date 2008-12-28 -UFormat %g | Should -BeExactly '08'
        Get-Date -Date 2008-12-29 -UFormat %g | Should -BeExactly '09'
        Get-Date -Date 2008-12-30 -UFormat %g | Should -BeExactly '09'
        Get-Date -Date 2008-12-31 -UFormat %g | Should -BeExactly '09'
        Get-Date -Date 2009-01-01 -UFormat %g | Should -BeExactly '09'
        Get-Date -Date 2009-01-02 -UFormat %g | Should -BeExactly '09'
        Get-Date -Date 2009-01-03 -UFormat %g | Should -BeExactly '09'
        Get-Date -Date 2009-12-31 -UFormat %g | Should -BeExactly '09'
        Get-Date -Date 2010-01-01 -UFormat %g | Should -BeExactly '09'
        Get-Date -Date 2010-01-02 -UFormat %g | Should -BeExactly '09'
        Get-Date -Date 2010-01-03 -UFormat %g | Should -BeExactly '09'
        Get-Date -Date 2010-01-04 -UFormat %g | Should -BeExactly '10'
        Get-Date -Date 2014-01-03 -UFormat %g | Should -BeExactly '14'
        Get-Date -Date 2015-01-02 -UFormat %g | Should -BeExactly '15'
        Get-Date -Date 2015-01-03 -UFormat %g | Should -BeExactly '15'
        Get-Date -Date 2020-01-03 -UFormat %g | Should -BeExactly '20'
        Get-Date -Date 2025-01-03 -UFormat %g | Should -BeExactly '25'
        Get-Date -Date 2026-01-02 -UFormat %g | Should -BeExactly '26'
        Get-Date -Date 2026-01-03 -UFormat %g | Should -BeExactly '26'
        Get-Date -Date 2031-01-03 -UFormat %g | Should -BeExactly '31'
    }
    It '%u is the ISO day of week' {
        Get-Date -Date 1998-01-02 -UFormat %u | Should -BeExactly '5'
        Get-Date -Date 1998-01-03 -UFormat %u | Should -BeExactly '6'
        Get-Date -Date 2003-01-03 -UFormat %u | Should -BeExactly '5'
        Get-Date -Date 2004-01-02 -UFormat %u | Should -BeExactly '5'
        Get-Date -Date 2004-01-03 -UFormat %u | Should -BeExactly '6'
        Get-Date -Date 2005-01-01 -UFormat %u | Should -BeExactly '6'
        Get-Date -Date 2005-01-02 -UFormat %u | Should -BeExactly '7'
        Get-Date -Date 2005-12-31 -UFormat %u | Should -BeExactly '6'
        Get-Date -Date 2006-01-01 -UFormat %u | Should -BeExactly '7'
        Get-Date -Date 2006-01-02 -UFormat %u | Should -BeExactly '1'
        Get-Date -Date 2006-12-31 -UFormat %u | Should -BeExactly '7'
        Get-Date -Date 2007-01-01 -UFormat %u | Should -BeExactly '1'
        Get-Date -Date 2007-12-30 -UFormat %u | Should -BeExactly '7'
        Get-Date -Date 2007-12-31 -UFormat %u | Should -BeExactly '1'
        Get-Date -Date 2008-01-01 -UFormat %u | Should -BeExactly '2'
        Get-Date -Date 2008-12-28 -UFormat %u | Should -BeExactly '7'
        Get-Date -Date 2008-12-29 -UFormat %u | Should -BeExactly '1'
        Get-Date -Date 2008-12-30 -UFormat %u | Should -BeExactly '2'
        Get-Date -Date 2008-12-31 -UFormat %u | Should -BeExactly '3'
        Get-Date -Date 2009-01-01 -UFormat %u | Should -BeExactly '4'
        Get-Date -Date 2009-01-02 -UFormat %u | Should -BeExactly '5'
        Get-Date -Date 2009-01-03 -UFormat %u | Should -BeExactly '6'
        Get-Date -Date 2009-12-31 -UFormat %u | Should -BeExactly '4'
        Get-Date -Date 2010-01-01 -UFormat %u | Should -BeExactly '5'
        Get-Date -Date 2010-01-02 -UFormat %u | Should -BeExactly '6'
        Get-Date -Date 2010-01-03 -UFormat %u | Should -BeExactly '7'
        Get-Date -Date 2010-01-04 -UFormat %u | Should -BeExactly '1'
        Get-Date -Date 2014-01-03 -UFormat %u | Should -BeExactly '5'
        Get-Date -Date 2015-01-02 -UFormat %u | Should -BeExactly '5'
        Get-Date -Date 2015-01-03 -UFormat %u | Should -BeExactly '6'
        Get-Date -Date 2020-01-03 -UFormat %u | Should -BeExactly '5'
        Get-Date -Date 2025-01-03 -UFormat %u | Should -BeExactly '5'
        Get-Date -Date 2026-01-02 -UFormat %u | Should -BeExactly '5'
        Get-Date -Date 2026-01-03 -UFormat %u | Should -BeExactly '6'
        Get-Date -Date 2031-01-03 -UFormat %u | Should -BeExactly '5'
    }
}

Describe 'Get-Date -UFormat on April 2030' {
    $date1 = Get-Date -Date '2030-4-5 1:2:3.09'
    $date2 = Get-Date -Date '2030-4-15 13:2:3'
    $date3 = Get-Date -Date '2030-4-15 21:2:3'
    It 'names days and months' {
        Get-Date -Date $date1 -UFormat '%a' | Should -BeExactly 'Fri'
        Get-Date -Date $date1 -UFormat '%A' | Should -BeExactly 'Friday'
        Get-Date -Date $date1 -UFormat '%b' | Should -BeExactly 'Apr'
        Get-Date -Date $date1 -UFormat '%B' | Should -BeExactly 'April'
        Get-Date -Date $date1 -UFormat '%h' | Should -BeExactly 'Apr'
        Get-Date -Date $date1 -UFormat '%c' | Should -BeExactly 'Fri 05 Apr 2030 01:02:03'
    }
    It 'numbers days, hours and weeks' {
        Get-Date -Date $date1 -UFormat '%C' | Should -BeExactly '20'
        Get-Date -Date $date1 -UFormat '%d' | Should -BeExactly '05'
        Get-Date -Date $date1 -UFormat '%D' | Should -BeExactly '04/05/30'
        Get-Date -Date $date1 -UFormat '%e' | Should -BeExactly ' 5'
        Get-Date -Date $date2 -UFormat '%e' | Should -BeExactly '15'
        Get-Date -Date $date1 -UFormat '%F' | Should -BeExactly '2030-04-05'
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
        Get-Date -Date $date1 -UFormat '%p' | Should -BeExactly 'AM'
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
    }
    It 'rejects $null and an empty -UFormat' {
        { Get-Date -Date 1/1/1970 -UFormat $null -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.GetDateCommand'
        { Get-Date -Date 1/1/1970 -UFormat '' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.GetDateCommand'
    }
}

Describe 'Get-Date -Format' {
    It 'FileDate and FileDateTime' {
        Get-Date -Date 0030-01-01T01:02:03.0004 -Format FileDate | Should -Be '00300101'
        Get-Date -Date 0030-01-01T01:02:03.0004 -Format FileDateTime | Should -Be '00300101T0102030004'
    }
    It 'FileDateTimeUniversal and FileDateUniversal' {
        Get-Date -Date 0030-01-01T01:02:03.0004z -Format FileDateTimeUniversal | Should -Be '00300101T0102030004Z'
        Get-Date -Date 0030-01-01T01:02:03.0004z -Format FileDateUniversal | Should -Be '00300101Z'
    }
    It 'takes -Date from the pipeline by property name' {
        $x = New-Object System.Management.Automation.PSObject
        $x | Add-Member NoteProperty Date ([DateTime]::Now)
        (@($x, $x) | Get-Date).Length | Should -Be 2
    }
    It '-Format with a custom pattern' {
        Get-Date -Date:'Jan 1, 2020' -Format:'MMM-dd-yy' | Should -Be 'Jan-01-20'
    }
    It '-AsUTC makes a Utc date' {
        (Get-Date -Date:'2020-01-01T00:00:00').Kind | Should -Be Unspecified
        (Get-Date -Date:'2020-01-01T00:00:00' -AsUTC).Kind | Should -Be Utc
    }
    It '-DisplayHint Date shows only the date' {
        (Get-Date -Date:'Jan 1, 2020' -DisplayHint Date | Out-String).Trim() | Should -Be 'Wednesday, January 1, 2020'
    }
}

Complete-MiniPester
