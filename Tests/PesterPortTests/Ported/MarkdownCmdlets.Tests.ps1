# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/MarkdownCmdlets.Tests.ps1: each
# element's HTML (Markdig's, heading ids included) and VT100 text (PowerShell's MarkdownRender, with
# and without colour), empty elements, Get-/Set-MarkdownOption and their themes, Show-Markdown under
# the ShowMarkdownOutputBypass hook, and the errors.
. "$PSScriptRoot/MiniPester.ps1"

$esc = [char]0x1b
$H = [string][char]35  # a heading mark, kept out of the lines below (the assertion count reads a mark as a comment)
$base = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsh-md-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $base
$mdFile = New-Item -Path (Join-Path $base 'input.md') -Value 'Some **test string** to write in a file' -Force
$codeBlock = "``````" + "`nbool function()`n{`n}`n" + "``````"

Describe 'ConvertFrom-Markdown to HTML' {
    It 'renders headings with ids, emphasis, code, links and images as Markdig does' {
        ("$H Header 1" | ConvertFrom-Markdown).Html | Should -BeExactly "<h1 id=`"header-1`">Header 1</h1>`n"
        ("$H$H$H$H$H$H Header 6" | ConvertFrom-Markdown).Html | Should -BeExactly "<h6 id=`"header-6`">Header 6</h6>`n"
        ('This is a `code` sample' | ConvertFrom-Markdown).Html | Should -BeExactly "<p>This is a <code>code</code> sample</p>`n"
        ($codeBlock | ConvertFrom-Markdown).Html | Should -BeExactly "<pre><code>bool function()`n{`n}`n</code></pre>`n"
        ('[GitHub](https://www.github.com)' | ConvertFrom-Markdown).Html | Should -BeExactly "<p><a href=`"https://www.github.com`">GitHub</a></p>`n"
        ('![alt-text](https://bing.com/ps.svg)' | ConvertFrom-Markdown).Html | Should -BeExactly "<p><img src=`"https://bing.com/ps.svg`" alt=`"alt-text`" /></p>`n"
        ('**bold text**' | ConvertFrom-Markdown).Html | Should -BeExactly "<p><strong>bold text</strong></p>`n"
        ('*italics text*' | ConvertFrom-Markdown).Html | Should -BeExactly "<p><em>italics text</em></p>`n"
    }
    It 'writes a MarkdownInfo' {
        "$H test" | ConvertFrom-Markdown | Should -BeOfType Microsoft.PowerShell.MarkdownRender.MarkdownInfo
        ("$H test" | ConvertFrom-Markdown).Html.Trim() | Should -BeExactly '<h1 id="test">test</h1>'
    }
}

Describe 'ConvertFrom-Markdown to VT100' {
    It 'colours each element with the option''s sequence' {
        ("$H Header 1" | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString | Should -BeExactly "$esc[7mHeader 1$esc[0m`n`n"
        ("$H$H Header 2" | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString | Should -BeExactly "$esc[4;93mHeader 2$esc[0m`n`n"
        ('This is a `code` sample' | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString | Should -BeExactly "This is a $esc[48;2;155;155;155;38;2;30;30;30mcode$esc[0m sample`n`n"
        ($codeBlock | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString | Should -BeExactly ("$esc[48;2;155;155;155;38;2;30;30;30mbool function()$esc[500@$esc[0m`n" +
            "$esc[48;2;155;155;155;38;2;30;30;30m{$esc[500@$esc[0m`n$esc[48;2;155;155;155;38;2;30;30;30m}$esc[500@$esc[0m`n`n")
        ('[GitHub](https://www.github.com)' | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString | Should -BeExactly "$esc[4;38;5;117m`"GitHub`"$esc[0m`n"
        ('![alt-text](https://bing.com/ps.svg)' | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString | Should -BeExactly "$esc[33m[alt-text]$esc[0m`n"
        ('**bold text**' | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString | Should -BeExactly "$esc[1mbold text$esc[0m`n"
        ('*italics text*' | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString | Should -BeExactly "$esc[36mitalics text$esc[0m`n"
    }
    It 'writes plain text when the options turn VT100 encoding off' {
        $options = Get-MarkdownOption
        $options.EnableVT100Encoding = $false
        $options | Set-MarkdownOption
        $plain = ("$H$H Header 2" | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString
        $link = ('[GitHub](https://www.github.com)' | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString
        $options.EnableVT100Encoding = $true
        $options | Set-MarkdownOption
        $plain | Should -BeExactly "Header 2`n`n"
        $link | Should -BeExactly "`"GitHub`"`n"
    }
    It 'reads files by path, literal path and FileInfo' {
        $expected = "Some $esc[1mtest string$esc[0m to write in a file`n`n"
        (ConvertFrom-Markdown -Path $mdFile.FullName -AsVT100EncodedString).VT100EncodedString | Should -BeExactly $expected
        (ConvertFrom-Markdown $mdFile.FullName -AsVT100EncodedString).VT100EncodedString | Should -BeExactly $expected
        (ConvertFrom-Markdown -LiteralPath $mdFile.FullName -AsVT100EncodedString).VT100EncodedString | Should -BeExactly $expected
        ($mdFile | ConvertFrom-Markdown -AsVT100EncodedString).VT100EncodedString | Should -BeExactly $expected
    }
    It 'writes nothing for empty elements and names an image without alt text' {
        (ConvertFrom-Markdown -InputObject "$H " -AsVT100EncodedString).VT100EncodedString.Trim() | Should -BeExactly ''
        (ConvertFrom-Markdown -InputObject "``````CSharp`n``````" -AsVT100EncodedString).VT100EncodedString.Trim() | Should -BeExactly ''
        (ConvertFrom-Markdown -InputObject "'![]()'" -AsVT100EncodedString).VT100EncodedString.Trim() | Should -BeExactly "'$esc[33m[Image]$esc[0m'"
        (ConvertFrom-Markdown -InputObject "'[]()'" -AsVT100EncodedString).VT100EncodedString.Trim() | Should -BeExactly "'$esc[4;38;5;117m`"`"$esc[0m'"
    }
    It 'reports paths outside the file system, missing files and input of another type' {
        { ConvertFrom-Markdown -Path Env:\PSModulePath -ErrorAction Stop } | Should -Throw -ErrorId 'OnlyFileSystemPathsSupported,Microsoft.PowerShell.Commands.ConvertFromMarkdownCommand'
        { ConvertFrom-Markdown -Path DoestnotExist -ErrorAction Stop } | Should -Throw -ErrorId 'FileNotFound,Microsoft.PowerShell.Commands.ConvertFromMarkdownCommand'
        { ConvertFrom-Markdown -InputObject 1 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidInputObject,Microsoft.PowerShell.Commands.ConvertFromMarkdownCommand'
        { [System.IO.FileInfo]::new('IDoNoExist') | ConvertFrom-Markdown -ErrorAction Stop } | Should -Throw -ErrorId 'FileNotFound,Microsoft.PowerShell.Commands.ConvertFromMarkdownCommand'
    }
}

Describe 'Get-MarkdownOption and Set-MarkdownOption' {
    It 'has the dark theme by default, shown by AsEscapeSequence' {
        $options = Get-MarkdownOption
        $options.Header1 | Should -BeExactly '[7m'
        $options.Header6 | Should -BeExactly '[4;97m'
        $options.Code | Should -BeExactly '[48;2;155;155;155;38;2;30;30;30m'
        $options.AsEscapeSequence('Header2') | Should -BeExactly "$esc[4;93m[4;93m$esc[0m"
        $options.AsEscapeSequence('EmphasisItalics') | Should -BeExactly "$esc[36m[36m$esc[0m"
    }
    It 'sets single colours over the defaults, a theme, and passes the options through' {
        Set-MarkdownOption -Header1Color '[4;1m' -LinkForegroundColor '[4;38;5;88m' -BoldForegroundColor '[32m'
        $options = Get-MarkdownOption
        $options.AsEscapeSequence('Header1') | Should -BeExactly "$esc[4;1m[4;1m$esc[0m"
        $options.AsEscapeSequence('Link') | Should -BeExactly "$esc[4;38;5;88m[4;38;5;88m$esc[0m"
        $options.AsEscapeSequence('EmphasisBold') | Should -BeExactly "$esc[32m[32m$esc[0m"
        $options.Header2 | Should -BeExactly '[4;93m'
        Set-MarkdownOption -Theme Light
        (Get-MarkdownOption).Header6 | Should -BeExactly '[4;30m'
        (Set-MarkdownOption -Header1Color '[93m' -PassThru).Header1 | Should -BeExactly '[93m'
        Set-MarkdownOption -Theme Dark
        (Get-MarkdownOption).Header2 | Should -BeExactly '[4;93m'
    }
}

Describe 'Show-Markdown' {
    [System.Management.Automation.Internal.InternalTestHooks]::SetTestHook('ShowMarkdownOutputBypass', $true)
    It 'writes the VT100 text or, with -UseBrowser, the HTML' {
        '**Bold**' | ConvertFrom-Markdown -AsVT100EncodedString | Show-Markdown | Should -BeExactly "$esc[1mBold$esc[0m`n"
        '**Bold**' | ConvertFrom-Markdown | Show-Markdown -UseBrowser | Should -BeExactly "<p><strong>Bold</strong></p>`n"
        "$H Header" | Show-Markdown | Should -BeExactly "$esc[7mHeader$esc[0m`n`n"
        "$H Header" | Show-Markdown -UseBrowser | Should -BeExactly "<h1 id=`"header`">Header</h1>`n"
        Show-Markdown -Path $mdFile.FullName | Should -BeExactly "Some $esc[1mtest string$esc[0m to write in a file`n`n"
    }
    It 'reports a MarkdownInfo missing what it would show' {
        $markdownInfo = [Microsoft.PowerShell.MarkdownRender.MarkdownInfo]::new()
        { Show-Markdown -InputObject $markdownInfo -ErrorAction Stop } | Should -Throw -ErrorId 'VT100EncodedStringIsNullOrEmpty,Microsoft.PowerShell.Commands.ShowMarkdownCommand'
        { Show-Markdown -UseBrowser -InputObject $markdownInfo -ErrorAction Stop } | Should -Throw -ErrorId 'HtmlIsNullOrEmpty,Microsoft.PowerShell.Commands.ShowMarkdownCommand'
    }
    [System.Management.Automation.Internal.InternalTestHooks]::SetTestHook('ShowMarkdownOutputBypass', $false)
}

Remove-Item -LiteralPath $base -Recurse -Force
Complete-MiniPester
