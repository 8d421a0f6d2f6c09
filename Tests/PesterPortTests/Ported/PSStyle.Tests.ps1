# Ported from test/powershell/engine/Formatting/PSStyle.Tests.ps1 and the color tests of
# Modules/Microsoft.PowerShell.Utility/Format-Table.Tests.ps1 and Format-List.Tests.ps1 ($PSStyle, and
# the decorations formatting writes when OutputRendering is Ansi); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe '$PSStyle' {
    It 'renders for the host by default' {
        $PSStyle | Should -Not -BeNullOrEmpty
        $PSStyle.OutputRendering | Should -BeExactly 'Host'
    }
    It 'has the text attribute sequences' {
        $PSStyle.Reset | Should -BeExactly "`e[0m"
        $PSStyle.Bold | Should -BeExactly "`e[1m"
        $PSStyle.BoldOff | Should -BeExactly "`e[22m"
        $PSStyle.Reverse | Should -BeExactly "`e[7m"
        $PSStyle.StrikethroughOff | Should -BeExactly "`e[29m"
    }
    It 'has the formatting styles' {
        $PSStyle.Formatting.FormatAccent | Should -BeExactly "`e[32;1m"
        $PSStyle.Formatting.TableHeader | Should -BeExactly "`e[32;1m"
        $PSStyle.Formatting.CustomTableHeaderLabel | Should -BeExactly "`e[32;1;3m"
        $PSStyle.Formatting.ErrorAccent | Should -BeExactly "`e[36;1m"
        $PSStyle.Formatting.Error | Should -BeExactly "`e[31;1m"
        $PSStyle.Formatting.Warning | Should -BeExactly "`e[33;1m"
    }
    It 'has the foreground and background colours' {
        $PSStyle.Foreground.Black | Should -BeExactly "`e[30m"
        $PSStyle.Foreground.BrightWhite | Should -BeExactly "`e[97m"
        $PSStyle.Foreground.Cyan | Should -BeExactly "`e[36m"
        $PSStyle.Background.Red | Should -BeExactly "`e[41m"
        $PSStyle.Background.BrightYellow | Should -BeExactly "`e[103m"
    }
    It 'makes 24-bit colours and hyperlinks' {
        $PSStyle.Foreground.FromRGB(11, 22, 33) | Should -BeExactly "`e[38;2;11;22;33m"
        $PSStyle.Foreground.FromRGB(0x223344) | Should -BeExactly "`e[38;2;34;51;68m"
        $PSStyle.Background.FromRGB(33, 44, 55) | Should -BeExactly "`e[48;2;33;44;55m"
        $PSStyle.Background.FromRGB(0x445566) | Should -BeExactly "`e[48;2;68;85;102m"
        $PSStyle.FormatHyperlink('PSBlog', 'https://aka.ms/psblog') | Should -BeExactly "`e]8;;https://aka.ms/psblog`e\PSBlog`e]8;;`e\"
    }
    It 'refuses styles with printable content' {
        { $PSStyle.Formatting.TableHeader = $PSStyle.Foreground.Red + 'hello' } | Should -Throw
        { $PSStyle.Progress.Style = $PSStyle.Foreground.Red + 'hello' } | Should -Throw
        { $PSStyle.FileInfo.Directory = $PSStyle.Foreground.Red + 'hello' } | Should -Throw
        { $PSStyle.Reset = $PSStyle.Foreground.Red + 'hello' } | Should -Throw
    }
    It 'applies FormatAccent to Format-List and ignores an empty one' {
        $old = $PSStyle.Formatting.FormatAccent
        try {
            $PSStyle.OutputRendering = 'Ansi'
            $PSStyle.Formatting.FormatAccent = $PSStyle.Foreground.Yellow + $PSStyle.Background.Red + $PSStyle.Italic
            $out = $PSVersionTable | Format-List | Out-String
            $out | Should -BeLike "*$($PSStyle.Formatting.FormatAccent.Replace('[', '`['))*"
            $PSStyle.Formatting.FormatAccent = ''
            $out = $PSVersionTable | Format-List | Out-String
            $out.Contains("`e[") | Should -BeFalse
        } finally {
            $PSStyle.OutputRendering = 'Host'
            $PSStyle.Formatting.FormatAccent = $old
        }
    }
    It 'applies TableHeader to Format-Table, with a reset even when it is empty' {
        $old = $PSStyle.Formatting.TableHeader
        try {
            $PSStyle.OutputRendering = 'Ansi'
            $PSStyle.Formatting.TableHeader = $PSStyle.Foreground.Blue + $PSStyle.Background.White + $PSStyle.Bold
            $out = $PSVersionTable | Format-Table | Out-String
            $out | Should -BeLike "*$($PSStyle.Formatting.TableHeader.Replace('[', '`['))*"
            $PSStyle.Formatting.TableHeader = ''
            $out = $PSVersionTable | Format-Table | Out-String
            $out.Replace($PSStyle.Reset, '').Contains("`e[") | Should -BeFalse
        } finally {
            $PSStyle.OutputRendering = 'Host'
            $PSStyle.Formatting.TableHeader = $old
        }
    }
}

Describe 'Table and list color tests' {
    It 'wraps each table header cell in TableHeader' {
        $PSStyle.OutputRendering = 'Ansi'
        $expected = @('', "$($PSStyle.Formatting.TableHeader)foo$($PSStyle.Reset)", "$($PSStyle.Formatting.TableHeader)---$($PSStyle.Reset)", '  1', '')
        $actual = [pscustomobject]@{ foo = 1 } | Format-Table | Out-String -Stream
        $PSStyle.OutputRendering = 'Host'
        ($actual -join '|') | Should -BeExactly ($expected -join '|')
    }
    It 'uses FormatAccent for property names, cut at a fixed label width' {
        $PSStyle.OutputRendering = 'Ansi'
        [System.Management.Automation.Internal.InternalTestHooks]::SetTestHook('ForceFormatListFixedLabelWidth', $true)
        $out = ([pscustomobject]@{ Short = 1; LongLabelName = 2 } | Format-List | Out-String).Split([Environment]::NewLine, [System.StringSplitOptions]::RemoveEmptyEntries)
        [System.Management.Automation.Internal.InternalTestHooks]::SetTestHook('ForceFormatListFixedLabelWidth', $false)
        $PSStyle.OutputRendering = 'Host'
        $out.Count | Should -Be 2
        $out[0] | Should -BeExactly "$($PSStyle.Formatting.FormatAccent)Short      : $($PSStyle.Reset)1"
        $out[1] | Should -BeExactly "$($PSStyle.Formatting.FormatAccent)LongLabelN : $($PSStyle.Reset)2"
    }
    It 'does not let a value''s decorations leak out of a list' {
        $PSStyle.OutputRendering = 'Ansi'
        $obj = [pscustomobject]@{ a = 'Hello'; b = $PSStyle.Foreground.Cyan + 'world' }
        $output = $obj | Format-List | Out-String
        $PSStyle.OutputRendering = 'Host'
        $output.Trim().Replace("`r", '') | Should -BeExactly "`e[32;1ma : `e[0mHello`n`e[32;1mb : `e[0m`e[36mworld`e[0m"
    }
}

Complete-MiniPester
