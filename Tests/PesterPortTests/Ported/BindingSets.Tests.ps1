# Ported from test/powershell/engine/ParameterBinding/ParameterBinding.Tests.ps1 (the assertions, in
# hvsh's own code), with positional binding across parameter sets as PowerShell's binder does it
# (ParameterBinderController.BindPositionalParameters: without conversion first, the default set first).
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Parameter Binding Tests' {
    It 'two parameters at one position of a set cannot be bound positionally' {
        function Test-SamePosition {
            [CmdletBinding()]
            param([Parameter(Position = 0)] [int]$First = 0, [Parameter(Position = 0)] [int]$Second = 0)
            process { $true }
        }
        { Test-SamePosition 1 } | Should -Throw -ErrorId 'AmbiguousPositionalParameterNoName,Test-SamePosition'
    }
    It 'a mandatory [string] given $null is an empty string, which is refused' {
        function Test-MandatoryString {
            [CmdletBinding()]
            param([string]$One = 'default1', [Parameter(Mandatory = $true)] [string]$Two = 'default2',
                  [Parameter(Mandatory = $true)] [string]$Three = 'default3', [Parameter(Mandatory = $true)] [int]$ShowMe = 0)
            process { $One }
        }
        $e = { Test-MandatoryString -Two 1 -Three $null -ShowMe 1 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationErrorEmptyStringNotAllowed,Test-MandatoryString' -PassThru
        $e.CategoryInfo | Should -Match 'ParameterBindingValidationException'
        $e.Exception.Message | Should -Match 'Three'
    }
    It 'a parameter name is not taken as the value of the one before it' {
        function Test-NamedBoolish {
            [CmdletBinding()]
            param([bool]$Flag = $false, [Parameter(Position = 0)] [string]$Text = '')
            process { $Text }
        }
        $e = { Test-NamedBoolish -Text -Flag } | Should -Throw -ErrorId 'MissingArgument,Test-NamedBoolish' -PassThru
        $e.CategoryInfo | Should -Match 'ParameterBindingException'
        $e.Exception.Message | Should -Match 'Text'
    }
    It 'a switch not given is not present' {
        function Test-Switch { [CmdletBinding()] param([switch]$On) process { $On.IsPresent } }
        Test-Switch | Should -BeFalse
        Test-Switch -On | Should -BeTrue
    }
    It 'a [bool] parameter takes a number after a colon' {
        function Test-Bool { [CmdletBinding()] param([bool]$Flag = $false) process { $Flag } }
        Test-Bool | Should -BeFalse
        Test-Bool -Flag:1 | Should -BeTrue
    }
    It 'a string that is no number fails an [int] parameter as a transformation error' {
        function Test-Int { [CmdletBinding()] param([int]$Number = 0) process { $Number } }
        $e = { Test-Int -Number 'exampleInvalidParam' } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,Test-Int' -PassThru
        $e.CategoryInfo | Should -Match 'ParameterBindingArgumentTransformationException'
        $e.Exception.Message | Should -Match "The input string 'exampleInvalidParam' was not in a correct format"
        $e.Exception.Message | Should -Match 'Number'
    }
    It '-WhatIf is there with SupportsShouldProcess' {
        function Test-WhatIf { [CmdletBinding(SupportsShouldProcess = $true)] param() process { 1 } }
        Test-WhatIf -WhatIf | Should -Be 1
    }
    It 'pipeline input binds by value without conversion before by property name' {
        function Test-Order {
            [CmdletBinding()]
            param([Parameter(ValueFromPipeline = $true, ParameterSetName = 'one')] [string]$Text = '',
                  [Parameter(ValueFromPipelineByPropertyName = $true, ParameterSetName = 'two')] [int]$Length = 0)
            process { "$Text - $Length" }
        }
        '0123' | Test-Order | Should -Be '0123 - 0'
    }
    It 'an int binds to [array] and to [int[]]' {
        function Test-Collections {
            [CmdletBinding()]
            param([array]$Any, [int[]]$Numbers)
            process {
                $result = ''
                if ($null -ne $Any) { $result += ' P1'; foreach ($o in $Any) { $result += ':' + $o.GetType().Name + ',' + $o } }
                if ($null -ne $Numbers) { $result += ' P2'; foreach ($o in $Numbers) { $result += ':' + $o.GetType().Name + ',' + $o } }
                $result.Trim()
            }
        }
        Test-Collections -Any 1 -Numbers 2 | Should -Be 'P1:Int32,1 P2:Int32,2'
    }
    It '-PipelineVariable holds each output of the command' {
        function Invoke-AddOne {
            param([Parameter(ValueFromPipeline)] [int]$Number)
            begin { $testValue = 'prefix-' }
            process { $testValue + $Number }
        }
        (1, 2, 3 | Invoke-AddOne -PipelineVariable testValue | ForEach-Object { $testValue }) -join ',' | Should -BeExactly 'prefix-1,prefix-2,prefix-3'
        { Get-Variable -Name testValue -ErrorAction Stop } | Should -Throw -ErrorId 'VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand'
        $results = & { $test = 'str'; 1, 2, 3 | Invoke-AddOne -PipelineVariable test | ForEach-Object { $test }; Get-Variable test }
        $results | Should -HaveCount 4
        $results[0] | Should -BeExactly 'prefix-1'
        $results[2] | Should -BeExactly 'prefix-3'
        $results[3] -is [psvariable] | Should -BeTrue
        $results = & { Set-Variable -Name test -Value 'str'; 1, 2, 3 | Invoke-AddOne -PipelineVariable test | ForEach-Object { $test }; Get-Variable test }
        $results | Should -HaveCount 4
        $results[1] | Should -BeExactly 'prefix-2'
        $results[3] -is [psvariable] | Should -BeTrue
    }
    It '-PipelineVariable is set for every output of a script cmdlet and of a compiled one' {
        function Write-PipelineVariable {
            [CmdletBinding()]
            param([Parameter(ValueFromPipeline)] $a)
            begin { 1 }
            process { 2 }
            end { 3 }
        }
        $result = 1..3 | Write-PipelineVariable -PipelineVariable pipe |
            Select-Object -Property @{ Name = 'Set'; Expression = { $null -ne $pipe } }, @{ Name = 'Value'; Expression = { $pipe } }
        $result.Count | Should -Be 5
        $result.Set | Should -Not -Contain $false
        $result.Value -join ',' | Should -BeExactly '1,2,2,2,3'
        $result = 1..3 | Write-PipelineVariable | ForEach-Object { $_ } -PipelineVariable pipe |
            Select-Object -Property @{ Name = 'Set'; Expression = { $null -ne $pipe } }, @{ Name = 'Value'; Expression = { $pipe } }
        $result.Count | Should -Be 5
        $result.Set | Should -Not -Contain $false
        $result.Value -join ',' | Should -BeExactly '1,2,2,2,3'
    }
}

Describe 'ValueFromRemainingArguments' {
    function Test-BindingFunction {
        param([Parameter(ValueFromRemainingArguments)] [object[]] $Parameter)
        [pscustomobject]@{ ArgumentCount = $Parameter.Count; Value = $Parameter }
    }
    It 'takes an explicit array' {
        $result = Test-BindingFunction 1, 2, 3
        $result.ArgumentCount | Should -Be 3
        $result.Value[0] | Should -Be 1
        $result.Value[2] | Should -Be 3
    }
    It 'takes several arguments' {
        $result = Test-BindingFunction 1 2 3
        $result.ArgumentCount | Should -Be 3
        $result.Value[1] | Should -Be 2
    }
    It 'takes a collection of another type element by element' {
        $result = Test-BindingFunction ([Collections.Generic.List[int]](1..3))
        $result.ArgumentCount | Should -Be 3
        $result.Value[0] | Should -Be 1
        $result.Value[2] | Should -Be 3
    }
    It 'an untyped parameter holds a list of several arguments, and a lone array as it is' {
        function Get-RestType { param([Parameter(ValueFromRemainingArguments)] $Rest) $Rest.GetType().Name }
        Get-RestType 1 2 | Should -BeExactly 'List`1'
        Get-RestType 1, 2 | Should -BeExactly 'Object[]'
    }
    It 'positional parameters take their arguments before the remaining ones, whatever their position' {
        function Get-Split {
            param([Parameter(Position = 0, ValueFromRemainingArguments)] $Rest, [Parameter(Position = 1)] $Head)
            "$Head|$($Rest -join ',')"
        }
        Get-Split a b c | Should -BeExactly 'a|b,c'
    }
}

Describe 'positional binding across parameter sets' {
    function Get-SetByType {
        [CmdletBinding(DefaultParameterSetName = 'ByName')]
        param([Parameter(ParameterSetName = 'ByName', Position = 0)] [string]$Name,
              [Parameter(ParameterSetName = 'ById', Position = 0)] [int]$Id,
              [Parameter(ParameterSetName = 'ByDate', Position = 0)] [datetime]$Date)
        $PSCmdlet.ParameterSetName
    }
    It 'an argument already of a parameter''s type chooses that parameter''s set' {
        Get-SetByType 'abc' | Should -BeExactly 'ByName'
        Get-SetByType 5 | Should -BeExactly 'ById'
        Get-SetByType ([datetime]'2020-01-01') | Should -BeExactly 'ByDate'
    }
    It 'an argument of no parameter''s type is converted for the default set' {
        Get-SetByType 5.5 | Should -BeExactly 'ByName'
        Get-SetByType '5' | Should -BeExactly 'ByName'
    }
    It 'a named parameter''s set leaves the position to that set' {
        function Get-Pair {
            [CmdletBinding(DefaultParameterSetName = 'A')]
            param([Parameter(ParameterSetName = 'A', Position = 0)] [string]$Text,
                  [Parameter(ParameterSetName = 'B', Position = 0)] [string]$Other,
                  [Parameter(ParameterSetName = 'B')] [switch]$Flag)
            "$($PSCmdlet.ParameterSetName):$Text$Other"
        }
        Get-Pair x | Should -BeExactly 'A:x'
        Get-Pair -Flag x | Should -BeExactly 'B:x'
    }
    It 'without a default set, the first parameter that takes the argument as it is wins' {
        function Get-NoDefault {
            [CmdletBinding()]
            param([Parameter(ParameterSetName = 'Numbers', Position = 0)] [int[]]$Number,
                  [Parameter(ParameterSetName = 'Words', Position = 0)] [string[]]$Word)
            $PSCmdlet.ParameterSetName
        }
        Get-NoDefault 1, 2 | Should -BeExactly 'Numbers'
        Get-NoDefault a, b | Should -BeExactly 'Words'
    }
    It 'a hashtable goes to the parameter that takes a dictionary' {
        function Get-Dictionary {
            [CmdletBinding(DefaultParameterSetName = 'Text')]
            param([Parameter(ParameterSetName = 'Text', Position = 0)] [string]$Text,
                  [Parameter(ParameterSetName = 'Table', Position = 0)] [hashtable]$Table)
            $PSCmdlet.ParameterSetName
        }
        Get-Dictionary @{ a = 1 } | Should -BeExactly 'Table'
        Get-Dictionary 'a' | Should -BeExactly 'Text'
    }
    It 'a value no parameter of the position converts to is reported against the last one tried' {
        function Get-Strict {
            [CmdletBinding()]
            param([Parameter(Position = 0)] [int]$Count)
            $Count
        }
        { Get-Strict abc } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,Get-Strict'
    }
    It 'an advanced function whose arguments leave two sets and no default cannot run' {
        function Get-TwoSets {
            [CmdletBinding()]
            param([Parameter(ParameterSetName = 'A')] $First, [Parameter(ParameterSetName = 'B')] $Second)
            $PSCmdlet.ParameterSetName
        }
        { Get-TwoSets } | Should -Throw -ErrorId 'AmbiguousParameterSet,Get-TwoSets'
        Get-TwoSets -First 1 | Should -BeExactly 'A'
        Get-TwoSets -Second 1 | Should -BeExactly 'B'
    }
    It '[PSTypeName()] takes only objects carrying the type name' {
        function Get-Typed { param([PSTypeName('My.Thing')] $Obj) $Obj.Name }
        Get-Typed ([pscustomobject]@{ PSTypeName = 'My.Thing'; Name = 'n' }) | Should -BeExactly 'n'
        $e = { Get-Typed -Obj ([pscustomobject]@{ Name = 'n' }) } | Should -Throw -ErrorId 'MismatchedPSTypeName,Get-Typed' -PassThru
        $e.Exception.Message | Should -BeExactly "Cannot bind argument to parameter 'Obj', because PSTypeNames of the argument do not match the PSTypeName required by the parameter: My.Thing."
    }
    It 'an argument no position takes is reported' {
        function Get-One { [CmdletBinding()] param([Parameter(Position = 0)] $Only) $Only }
        { Get-One a b } | Should -Throw -ErrorId 'PositionalParameterNotFound,Get-One'
    }
}

Describe 'cmdlets choose their set by the positional argument' {
    It 'Write-Error takes an ErrorRecord, an exception or a message at position 0' {
        try { [int]::Parse('x') } catch { $record = $_ }
        (Write-Error $record 2>&1).Exception.GetType().Name | Should -BeExactly 'MethodInvocationException'
        (Write-Error ([InvalidOperationException]::new('boom')) 2>&1).Exception.GetType().Name | Should -BeExactly 'InvalidOperationException'
        (Write-Error 'text' 2>&1).Exception.GetType().Name | Should -BeExactly 'WriteErrorException'
    }
    It 'Add-Member takes a dictionary, a note name or a member type at position 0' {
        $o = [pscustomobject]@{}
        Add-Member -InputObject $o @{ A = 1 }
        Add-Member -InputObject $o B 2
        Add-Member -InputObject $o NoteProperty C 3
        Add-Member -InputObject $o ScriptProperty D { $this.A + $this.C }
        "$($o.A)$($o.B)$($o.C)$($o.D)" | Should -BeExactly '1234'
    }
}

Complete-MiniPester
