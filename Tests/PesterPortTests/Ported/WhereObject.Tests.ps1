# Ported from test/powershell/Modules/Microsoft.PowerShell.Core/Where-Object.Tests.ps1: the
# comparison parameter sets against a script block doing the same (-Not, truth of a property,
# -Contains, -In, -GE, -GT, -LE, -LT, -Like, -Match) and an operator switch given as :$false, which
# leaves the property's truth test, or without an operator refuses -Value; the assertions, in hvsh's
# own code (the two It blocks over a C# dynamic type are left out: no Add-Type of C#).
. "$PSScriptRoot/MiniPester.ps1"

$Computers = @(
    [PSCustomObject]@{ ComputerName = "SPC-1234"; IPAddress = "192.168.0.1"; NumberOfCores = 1; Drives = 'C','D' },
    [PSCustomObject]@{ ComputerName = "BGP-5678"; IPAddress = ""; NumberOfCores = 2; Drives = 'C','D','E' },
    [PSCustomObject]@{ ComputerName = "MGC-9101"; NumberOfCores = 3; Drives = 'C' }
)
$testData = @(
    [PSCustomObject]@{ Name = 'Alice'; Age = 25; City = 'New York' }
    [PSCustomObject]@{ Name = 'Bob'; Age = 30; City = 'Boston' }
    [PSCustomObject]@{ Name = 'Charlie'; Age = 35; City = 'Chicago' }
)

Describe 'Where-Object' {
    It 'tests a property''s truth, or its falsehood with -Not' {
        $Computers | Where-Object -Not 'IPAddress' | Should -HaveCount 2
        $Computers | Where-Object -FilterScript {$true -ne $_.IPAddress} | Should -HaveCount 2
        $Computers | Where-Object 'IPAddress' | Should -HaveCount 1
        $Computers | Where-Object -FilterScript {$true -eq $_.IPAddress} | Should -HaveCount 1
    }
    It 'compares as the script block does' {
        $Computers | Where-Object -FilterScript {$_.Drives -contains 'D'} | Should -HaveCount 2
        $Computers | Where-Object Drives -Contains 'D' | Should -HaveCount 2
        $Array = 'SPC-1234','BGP-5678'
        $Computers | Where-Object -FilterScript {$_.ComputerName -in $Array} | Should -HaveCount 2
        $Computers | Where-Object ComputerName -In $Array | Should -HaveCount 2
        $Computers | Where-Object -FilterScript {$_.NumberOfCores -ge 2} | Should -HaveCount 2
        $Computers | Where-Object NumberOfCores -GE 2 | Should -HaveCount 2
        $Computers | Where-Object -FilterScript {$_.NumberOfCores -gt 2} | Should -HaveCount 1
        $Computers | Where-Object NumberOfCores -GT 2 | Should -HaveCount 1
        $Computers | Where-Object -FilterScript {$_.NumberOfCores -le 2} | Should -HaveCount 2
        $Computers | Where-Object NumberOfCores -LE 2 | Should -HaveCount 2
        $Computers | Where-Object -FilterScript {$_.NumberOfCores -lt 2} | Should -HaveCount 1
        $Computers | Where-Object NumberOfCores -LT 2 | Should -HaveCount 1
        $Computers | Where-Object -FilterScript {$_.ComputerName -like 'MGC-9101'} | Should -HaveCount 1
        $Computers | Where-Object ComputerName -Like 'MGC-9101' | Should -HaveCount 1
        $Computers | Where-Object -FilterScript {$_.ComputerName -match '^MGC.+'} | Should -HaveCount 1
        $Computers | Where-Object ComputerName -Match '^MGC.+' | Should -HaveCount 1
    }

    Context 'an operator switch given as $false' {
        It '-EQ:$false tests the property''s truth' {
            $testData | Where-Object Name -EQ:$false | Should -HaveCount 3
        }
        It '-GT:$false tests the property''s truth' {
            $testData | Where-Object Age -GT:$false | Should -HaveCount 3
        }
        It '-LT:$false tests the property''s truth' {
            $testData | Where-Object Age -LT:$false | Should -HaveCount 3
        }
        It '-NE:$false tests the property''s truth' {
            $testData | Where-Object Name -NE:$false | Should -HaveCount 3
        }
        It '-GE:$false tests the property''s truth' {
            $testData | Where-Object Age -GE:$false | Should -HaveCount 3
        }
        It '-LE:$false tests the property''s truth' {
            $testData | Where-Object Age -LE:$false | Should -HaveCount 3
        }
        It '-NotLike:$false tests the property''s truth' {
            $testData | Where-Object City -NotLike:$false | Should -HaveCount 3
        }
        It '-NotMatch:$false tests the property''s truth' {
            $testData | Where-Object Name -NotMatch:$false | Should -HaveCount 3
        }
        It '-NotContains:$false tests the property''s truth' {
            $testData | Where-Object Name -NotContains:$false | Should -HaveCount 3
        }
        It '-NotIn:$false tests the property''s truth' {
            $testData | Where-Object Name -NotIn:$false | Should -HaveCount 3
        }
        It '-IsNot:$false tests the property''s truth' {
            $testData | Where-Object Name -IsNot:$false | Should -HaveCount 3
        }
        It '-Like:$false tests the property''s truth' {
            $testData | Where-Object City -Like:$false | Should -HaveCount 3
        }
        It '-Match:$false tests the property''s truth' {
            $testData | Where-Object Name -Match:$false | Should -HaveCount 3
        }
        It '-Contains:$false tests the property''s truth' {
            $testData | Where-Object Name -Contains:$false | Should -HaveCount 3
        }
        It '-In:$false tests the property''s truth' {
            $testData | Where-Object Name -In:$false | Should -HaveCount 3
        }
        It '-Is:$false tests the property''s truth' {
            $testData | Where-Object Name -Is:$false | Should -HaveCount 3
        }
        It '-CEQ:$false tests the property''s truth' {
            $testData | Where-Object Name -CEQ:$false | Should -HaveCount 3
        }
        It '-CNE:$false tests the property''s truth' {
            $testData | Where-Object Name -CNE:$false | Should -HaveCount 3
        }
        It '-CGT:$false tests the property''s truth' {
            $testData | Where-Object Age -CGT:$false | Should -HaveCount 3
        }
        It '-CLT:$false tests the property''s truth' {
            $testData | Where-Object Age -CLT:$false | Should -HaveCount 3
        }
        It '-CGE:$false tests the property''s truth' {
            $testData | Where-Object Age -CGE:$false | Should -HaveCount 3
        }
        It '-CLE:$false tests the property''s truth' {
            $testData | Where-Object Age -CLE:$false | Should -HaveCount 3
        }
        It '-CLike:$false tests the property''s truth' {
            $testData | Where-Object City -CLike:$false | Should -HaveCount 3
        }
        It '-CNotLike:$false tests the property''s truth' {
            $testData | Where-Object City -CNotLike:$false | Should -HaveCount 3
        }
        It '-CMatch:$false tests the property''s truth' {
            $testData | Where-Object Name -CMatch:$false | Should -HaveCount 3
        }
        It '-CNotMatch:$false tests the property''s truth' {
            $testData | Where-Object Name -CNotMatch:$false | Should -HaveCount 3
        }
        It '-CContains:$false tests the property''s truth' {
            $testData | Where-Object Name -CContains:$false | Should -HaveCount 3
        }
        It '-CNotContains:$false tests the property''s truth' {
            $testData | Where-Object Name -CNotContains:$false | Should -HaveCount 3
        }
        It '-CIn:$false tests the property''s truth' {
            $testData | Where-Object Name -CIn:$false | Should -HaveCount 3
        }
        It '-CNotIn:$false tests the property''s truth' {
            $testData | Where-Object Name -CNotIn:$false | Should -HaveCount 3
        }
        It '-Not:$false tests the property''s truth' {
            $testData2 = @(
                [PSCustomObject]@{ Name = ''; Value = 1 }
                [PSCustomObject]@{ Name = 'Test'; Value = 2 }
            )
            $result = $testData2 | Where-Object Name -Not:$false
            $result | Should -HaveCount 1
            $result.Name | Should -Be 'Test'
        }
        It '-GT:$false with -Value wants an operator' {
            { $testData | Where-Object Age -GT:$false -Value 25 } | Should -Throw -ErrorId 'OperatorNotSpecified,Microsoft.PowerShell.Commands.WhereObjectCommand'
        }
        It '-EQ:$false with -Value wants an operator' {
            { $testData | Where-Object Name -EQ:$false -Value 'Alice' } | Should -Throw -ErrorId 'OperatorNotSpecified,Microsoft.PowerShell.Commands.WhereObjectCommand'
        }
        It '-Like:$false with -Value wants an operator' {
            { $testData | Where-Object Name -Like:$false -Value 'A*' } | Should -Throw -ErrorId 'OperatorNotSpecified,Microsoft.PowerShell.Commands.WhereObjectCommand'
        }
        It '-CEQ:$false with -Value wants an operator' {
            { $testData | Where-Object Name -CEQ:$false -Value 'Alice' } | Should -Throw -ErrorId 'OperatorNotSpecified,Microsoft.PowerShell.Commands.WhereObjectCommand'
        }
        It '-CGT:$false with -Value wants an operator' {
            { $testData | Where-Object Age -CGT:$false -Value 25 } | Should -Throw -ErrorId 'OperatorNotSpecified,Microsoft.PowerShell.Commands.WhereObjectCommand'
        }
        It '-CLike:$false with -Value wants an operator' {
            { $testData | Where-Object Name -CLike:$false -Value 'A*' } | Should -Throw -ErrorId 'OperatorNotSpecified,Microsoft.PowerShell.Commands.WhereObjectCommand'
        }
    }
}

Complete-MiniPester
