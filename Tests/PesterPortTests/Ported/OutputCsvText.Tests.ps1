# Ported from Modules/Microsoft.PowerShell.Utility/Out-String.Tests.ps1, ConvertTo-Csv.Tests.ps1 and
# Get-Member.Tests.ps1 (a parameter prefix shared with common parameters); the assertions, in hvsh's
# own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Out-String' {
    It '-NoNewline keeps the line breaks inside strings' {
        $nl = [Environment]::NewLine
        "a$nl", 'b' | Out-String -NoNewline | Should -BeExactly "a${nl}b"
    }
    It '-NoNewline and -Stream together cannot choose a parameter set' {
        { 'a', 'b' | Out-String -NoNewline -Stream } | Should -Throw -ErrorId 'AmbiguousParameterSet,Microsoft.PowerShell.Commands.OutStringCommand'
    }
}

Describe 'ConvertTo-Csv' {
    It '-UseCulture uses the culture''s list separator' {
        $delimiter = [CultureInfo]::CurrentCulture.TextInfo.ListSeparator
        $returnObject = [pscustomobject]@{ First = 1; Second = 2 } | ConvertTo-Csv -UseCulture -IncludeTypeInformation
        $returnObject.Count | Should -Be 3
        $returnObject[0] | Should -BeExactly '#TYPE System.Management.Automation.PSCustomObject'
        $returnObject[1] | Should -BeExactly "`"First`"$($delimiter)`"Second`""
        $returnObject[2] | Should -BeExactly "`"1`"$($delimiter)`"2`""
    }
    It '-UseQuotes and -QuoteFields are not given together' {
        { [pscustomobject]@{ TestFieldName = 1 } | ConvertTo-Csv -UseQuotes Always -QuoteFields 'TestFieldName' } |
            Should -Throw -ErrorId 'CannotSpecifyQuoteFieldsAndUseQuotes,Microsoft.PowerShell.Commands.ConvertToCsvCommand'
    }
    It 'a null dictionary value is an empty field' {
        $CsvResult = [ordered]@{ first = 'value1'; second = $null; third = 'value3' } | ConvertTo-Csv
        $CsvResult[0] | Should -BeExactly '"first","second","third"'
        $CsvResult[1] | Should -BeExactly '"value1",,"value3"'
    }
}

Describe 'parameter prefixes and culture text' {
    It 'a prefix shared with common parameters names the command''s own parameter' {
        { Get-Member -i 1 } | Should -Not -Throw
        (Get-Member -i 1 -MemberType Method).Count | Should -BeGreaterThan 0
    }
    It 'TextInfo title-cases and gives the list separator' {
        (Get-Culture).TextInfo.ToTitleCase('hello wORLD of POWERSHELL') | Should -BeExactly 'Hello World Of POWERSHELL'
        ([cultureinfo]'de-DE').TextInfo.ListSeparator | Should -BeExactly ';'
    }
}

Complete-MiniPester
