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

Describe 'PSStyle.FileInfo.Extension' {
    It 'refuses a decoration with printable characters' {
        { $PSStyle.FileInfo.Extension.Add('.md', 'hello') } | Should -Throw -ErrorId 'ArgumentException'
    }
    It 'adds and removes an extension' {
        $extension = '.mytest'
        $PSStyle.FileInfo.Extension.Keys | Should -Not -Contain $extension
        $PSStyle.FileInfo.Extension.Add($extension, $PSStyle.Foreground.Blue)
        $PSStyle.FileInfo.Extension[$extension] | Should -Be $PSStyle.Foreground.Blue
        $PSStyle.FileInfo.Extension.Remove($extension)
        $PSStyle.FileInfo.Extension.Keys | Should -Not -Contain $extension
    }
    It 'refuses an extension without a period' {
        { $PSStyle.FileInfo.Extension.Add('mytest', $PSStyle.Foreground.Blue) } | Should -Throw -ErrorId 'ArgumentException'
        { $PSStyle.FileInfo.Extension.Remove('zip') } | Should -Throw -ErrorId 'ArgumentException'
    }
    It 'starts with the archive and script extensions' {
        $PSStyle.FileInfo.Extension['.zip'] | Should -BeExactly "`e[31;1m"
        $PSStyle.FileInfo.Extension.ContainsKey('.PS1') | Should -BeTrue
    }
}

Describe 'Strings with escape sequences in formatting' {
    $saved = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = [System.Management.Automation.OutputRendering]::Ansi
    $colors = @("`e[32m", "`e[34m", "`e[33m", "`e[31m", "`e[33m", "`e[34m", "`e[32m")
    function Get-DemoObjects {
        [PSCustomObject]@{PSTypeName = "User"; Name = "Bob Saggat"; Tenure = 2; Role = "Developer" }
        [PSCustomObject]@{PSTypeName = "User"; Name = "John Seymour"; Tenure = 6; Role = "Sw Engineer" }
        [PSCustomObject]@{PSTypeName = "User"; Name = "Billy Bob Thorton"; Tenure = 13; Role = "Senior DevOps Engineer" }
    }
    It 'measures and truncates table cells without counting their escape sequences' {
        $expected = "`e[32;1mName      `e[0m`e[32;1m Role           `e[0m`e[32;1m YIR`e[0m`n`e[32;1m----      `e[0m `e[32;1m----           `e[0m `e[32;1m---`e[0m`n`e[32mBob Saggat`e[39m`e[0m Developer`e[0m         2`n`e[33mJohn Seym…`e[0m `e[1;33mSw Engineer`e[0m       6`n`e[31mBilly Bob…`e[0m `e[42m`e[1;33mSenior DevOps …`e[0m  13"
        $text = Get-DemoObjects |
            Format-Table @{Width = 10; Name = "Name"; E = {
                                $index = [array]::BinarySearch(@(3, 5, 8), $_.Tenure)
                                $colors[$index] + $_.Name + "`e[39m" } },
                         @{Width = 15; Name = "Role"; E = {
                            $color = -join $(switch -regex ($_.Role) { "Senior" { "`e[42m" } "Engineer" { "`e[1;33m" } })
                            $color + $_.Role + "`e[0m" } },
                         @{Width = 3; Name = "YIR"; E = { $_.Tenure } } | Out-String
        $text.Trim().Replace("`r", "") | Should -BeExactly $expected
    }
    It 'pads a wide view''s decorated item before its reset' {
        $expected = "`e[32mBob Saggat`e[39m             `e[0m `e[33mJohn Seymour`e[39m`e[0m`n`e[31mBilly Bob Thorton`e[39m      `e[0m `e[32mBob Saggat`e[39m`e[0m`n`e[33mJohn Seymour`e[39m           `e[0m `e[31mBilly Bob Thorton`e[39m`e[0m"
        $text = (Get-DemoObjects) + (Get-DemoObjects) |
            Format-Wide @{E = {
                            $index = [array]::BinarySearch(@(3, 5, 8), $_.Tenure)
                            $colors[$index] + $_.Name + "`e[39m" } } -Column 2 |
            Out-String -Width 47
        $text.Trim().Replace("`r", "") | Should -BeExactly $expected
    }
    It 'starts each wrapped line of a list value with the styles still open' {
        $obj = [pscustomobject] @{ LongDescription = "`e[33mPowerShell scripting language" }
        ($obj | Format-List | Out-String -Width 35).Trim() | Should -BeExactly "`e[32;1mLongDescription : `e[0m`e[33mPowerShell `e[0m`n                  `e[33mscripting `e[0m`n                  `e[33mlanguage`e[0m"
        $obj = [pscustomobject] @{ LongDescription = "`e[33mPowerShell`e[0m scripting language" }
        ($obj | Format-List | Out-String -Width 35).Trim() | Should -BeExactly "`e[32;1mLongDescription : `e[0m`e[33mPowerShell`e[0m `n                  scripting `n                  language"
        $obj = [pscustomobject] @{ LongDescription = "`e[33mPowerShell`e[0m `e[32mscripting language" }
        ($obj | Format-List | Out-String -Width 35).Trim() | Should -BeExactly "`e[32;1mLongDescription : `e[0m`e[33mPowerShell`e[0m `n                  `e[32mscripting `e[0m`n                  `e[32mlanguage`e[0m"
    }
    It 'carries the open styles across the lines of a multi-line value' {
        $obj = [pscustomobject] @{ b = "`e[33mPowerShell is a task automation and configuration management program from Microsoft,`nconsisting of a command-line shell and the associated scripting language" }
        ($obj | Format-List | Out-String -Width 120).Trim() | Should -BeExactly "`e[32;1mb : `e[0m`e[33mPowerShell is a task automation and configuration management program from Microsoft,`e[0m`n    `e[33mconsisting of a command-line shell and the associated scripting language`e[0m"
    }
    It 'cuts a long decorated word without counting its escape sequences' {
        $obj = [pscustomobject] @{ b = "`e[33mC:\repos\PowerShell\src\powershell-win-core\bin\Debug\net8.0\win7-x64\publish\pwsh.exe" }
        ($obj | Format-List | Out-String -Width 40).Trim() | Should -BeExactly "`e[32;1mb : `e[0m`e[33mC:\repos\PowerShell\src\powershell-w`e[0m`n    `e[33min-core\bin\Debug\net8.0\win7-x64\pu`e[0m`n    `e[33mblish\pwsh.exe`e[0m"
    }
    $PSStyle.OutputRendering = 'PlainText'
    It 'writes a cell''s text without its escape sequences in PlainText' {
        ([pscustomobject]@{ a = "`e[32mgreen`e[0m" } | Format-Table | Out-String).Trim() | Should -BeExactly "a`n-`ngreen"
    }
    It 'keeps escape sequences out of comment-based help unless Ansi' {
        function Test-PSStyle {
            <#
            .Description
            Get-Function [31mdisplays[0m the name and syntax of all functions in the session.
            #>
        }
        (Get-Help Test-PSStyle | Out-String).Contains("`e[31mdisplays`e[0m") | Should -BeFalse
        $PSStyle.OutputRendering = 'Ansi'
        (Get-Help Test-PSStyle | Out-String).Contains("`e[31mdisplays`e[0m") | Should -BeTrue
    }
    $PSStyle.OutputRendering = $saved
}

Describe '[array]::BinarySearch' {
    It 'gives the index found or the complement of where the value would go' {
        [array]::BinarySearch(@(3, 5, 8), 5) | Should -Be 1
        [array]::BinarySearch(@(3, 5, 8), 2) | Should -Be -1
        [array]::BinarySearch(@(3, 5, 8), 13) | Should -Be -4
    }
}

Complete-MiniPester
