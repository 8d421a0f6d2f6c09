# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertTo-Html.Tests.ps1: the page
# and fragment lines for a table and a list, -Property, -Title/-Body/-CssUri, -PreContent/-PostContent,
# -Meta (and its warning for other names), -Charset, -Transitional, and calculated properties with
# label, name and width; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$person = [pscustomobject]@{ Name = 'John Doe'; Age = 42; Friends = ('Jack', 'Jill') }
$strict = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
$tableLines = '<table>', '<colgroup><col/><col/><col/></colgroup>', '<tr><th>Name</th><th>Age</th><th>Friends</th></tr>',
    '<tr><td>John Doe</td><td>42</td><td>System.Object[]</td></tr>', '</table>'
$listLines = '<table>', '<tr><td>Name:</td><td>John Doe</td></tr>', '<tr><td>Age:</td><td>42</td></tr>',
    '<tr><td>Friends:</td><td>System.Object[]</td></tr>', '</table>'
function Get-Page([string[]]$Head, [string[]]$Inner) {
    (@($strict, '<html xmlns="http://www.w3.org/1999/xhtml">', '<head>') + $Head + @('</head><body>') + $Inner + @('</body></html>')) -join "`n"
}

Describe 'ConvertTo-Html pages' {
    It 'writes a page with a table by default, as an array of lines' {
        $lines = $person | ConvertTo-Html
        ,$lines | Should -BeOfType System.Object[]
        ($lines -join "`n") | Should -BeExactly (Get-Page '<title>HTML TABLE</title>' $tableLines)
    }
    It 'writes only the table with -Fragment' {
        ($person | ConvertTo-Html -Fragment) -join "`n" | Should -BeExactly ($tableLines -join "`n")
    }
    It 'writes name/value rows with -As List' {
        ($person | ConvertTo-Html -As List) -join "`n" | Should -BeExactly (Get-Page '<title>HTML TABLE</title>' $listLines)
    }
    It 'keeps only the properties named' {
        $expected = Get-Page '<title>HTML TABLE</title>' ('<table>', '<tr><td>Name:</td><td>John Doe</td></tr>', '<tr><td>Friends:</td><td>System.Object[]</td></tr>', '</table>')
        ($person | ConvertTo-Html -Property Name, Friends -As List) -join "`n" | Should -BeExactly $expected
    }
    It 'puts the title, style sheet and body text in the page' {
        $expected = Get-Page ('<title>Custom Object</title>', '<link rel="stylesheet" type="text/css" href="page.css" />') (@('Body Text') + $listLines)
        ($person | ConvertTo-Html -Title 'Custom Object' -Body 'Body Text' -CssUri 'page.css' -As List) -join "`n" | Should -BeExactly $expected
    }
    It 'writes the content before and after the table' {
        $expected = Get-Page '<title>HTML TABLE</title>' (@('Before the object') + $tableLines + @('After the object'))
        ($person | ConvertTo-Html -PreContent 'Before the object' -PostContent 'After the object') -join "`n" | Should -BeExactly $expected
    }
    It 'writes meta and charset elements before the title' {
        ($person | ConvertTo-Html -Meta @{ author = 'John Doe' }) -join "`n" | Should -BeExactly (Get-Page ('<meta name="author" content="John Doe">', '<title>HTML TABLE</title>') $tableLines)
        ($person | ConvertTo-Html -Charset 'UTF-8') -join "`n" | Should -BeExactly (Get-Page ('<meta charset="UTF-8">', '<title>HTML TABLE</title>') $tableLines)
    }
    It 'warns about a meta name it does not know, and still writes it' {
        [string]$all = $person | ConvertTo-Html -Meta @{ authors = 'Jane Roe' } 3>&1
        $all | Should -Match 'Jane Roe'
        $all | Should -Match 'may not function correctly'
    }
    It 'writes the Transitional DOCTYPE' {
        $person | ConvertTo-Html -Transitional | Select-Object -First 1 | Should -BeExactly '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
    }
}

Describe 'ConvertTo-Html calculated properties' {
    It 'evaluates hashtable and script block properties' {
        ($person | ConvertTo-Html @{ l = 'NewAge'; e = { $_.Age + 1 } }) -join "`n" | Should -Match '\b43\b'
        ($person | ConvertTo-Html { $_.Age + 1 }) -join "`n" | Should -Match '\b43\b'
    }
    It 'takes name as the label and an integer or string width' {
        ($person | ConvertTo-Html @{ name = 'AgeRenamed'; e = 'Age' }) -join "`n" | Should -Match 'AgeRenamed'
        ($person | ConvertTo-Html @{ e = 'Age'; width = 10 }) -join "`n" | Should -Match '\swidth\s*=\s*(["''])10\1'
        ($person | ConvertTo-Html @{ e = 'Age'; width = '10' }) -join "`n" | Should -Match '\swidth\s*=\s*(["''])10\1'
    }
    It 'encodes the values and separates list entries with a rule' {
        $lines = [pscustomobject]@{ A = '<b>&' }, [pscustomobject]@{ A = 'x' } | ConvertTo-Html -As List -Fragment
        $lines -join '|' | Should -BeExactly '<table>|<tr><td>A:</td><td>&lt;b&gt;&amp;</td></tr>|<tr><td><hr></td></tr>|<tr><td>A:</td><td>x</td></tr>|</table>'
    }
}

Complete-MiniPester
