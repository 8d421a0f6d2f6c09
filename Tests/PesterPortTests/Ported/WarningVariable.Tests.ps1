# Ported from PowerShell's common-parameter tests and about_CommonParameters: -WarningVariable holds
# WarningRecords (their Message, printed as their text), and `+name` appends; the assertions, in
# hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

function Test-Warns { [CmdletBinding()] param([string]$Text) Write-Warning $Text }

Describe '-WarningVariable' {
    It 'collects WarningRecords' {
        Test-Warns 'careful' -WarningVariable w 3>$null
        $w.Count | Should -Be 1
        $w[0].pstypenames[0] | Should -BeExactly 'System.Management.Automation.WarningRecord'
        $w[0].Message | Should -BeExactly 'careful'
        "$($w[0])" | Should -BeExactly 'careful'
    }
    It 'appends with a leading +' {
        Test-Warns 'one' -WarningVariable w2 3>$null
        Test-Warns 'two' -WarningVariable +w2 3>$null
        ($w2 | ForEach-Object Message) -join ',' | Should -BeExactly 'one,two'
    }
}

Complete-MiniPester
