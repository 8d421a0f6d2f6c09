# Ported from test/powershell/Language/Scripting/ParameterBinding.Tests.ps1 and
# test/powershell/Language/Parser/ParameterBinding.Tests.ps1 (the assertions, in hvsh's own code).
. "$PSScriptRoot/MiniPester.ps1"

Describe 'positional binding' {
    It 'an advanced function binds its only parameter by position and by name' {
        function Get-One { [CmdletBinding()] param($Value) $Value }
        Get-One first | Should -BeExactly 'first'
        Get-One -Value second | Should -BeExactly 'second'
    }
    It 'a single explicit position (1) is the first positional slot' {
        function Get-Pos1 { param([Parameter(Position = 1)] $Value) $Value }
        Get-Pos1 only | Should -BeExactly 'only'
    }
    It 'a single explicit position (2) is the first positional slot too' {
        function Get-Pos2 { param([Parameter(Position = 2)] $Value) $Value }
        Get-Pos2 only | Should -BeExactly 'only'
    }
    It 'positions order the positional arguments, named ones take their parameter first' {
        function Get-Pair { param([Parameter(Position = 1)] $First, [Parameter(Position = 2)] $Second) "$First/$Second" }
        Get-Pair x y | Should -BeExactly 'x/y'
        Get-Pair -First x y | Should -BeExactly 'x/y'
        Get-Pair -Second y x | Should -BeExactly 'x/y'
        Get-Pair x -Second y | Should -BeExactly 'x/y'
    }
    It 'positions, not declaration order, decide' {
        function Get-Swapped { param([Parameter(Position = 2)] $Late, [Parameter(Position = 1)] $Early) "$Late/$Early" }
        Get-Swapped p q | Should -BeExactly 'q/p'
    }
    It 'a plain function binds its parameters in declaration order' {
        function Get-Plain ($One, $Two) { "$Two-$One" }
        Get-Plain 1 2 | Should -BeExactly '2-1'
    }
    It 'a dot-sourced script block binds positions too' {
        $r = . { param([Parameter(Position = 2)] $Late, [Parameter(Position = 1)] $Early) $Early } m n
        $r | Should -BeExactly 'm'
    }
}

Describe 'pipeline binding' {
    It 'ValueFromPipeline binds each input object' {
        function Select-Odd { param([Parameter(ValueFromPipeline)] $N) process { if ($N % 2) { $N } } }
        (1..7 | Select-Odd) -join ',' | Should -BeExactly '1,3,5,7'
    }
    It 'ValueFromPipelineByPropertyName binds a property of each input object' {
        function Get-Size { param([Parameter(ValueFromPipelineByPropertyName)] $Size) process { $Size } }
        $r = 1..3 | Select-Object @{ Name = 'Size'; Expression = { $_ * 5 } } | Get-Size
        $r -join ',' | Should -BeExactly '5,10,15'
    }
    It 'an input that cannot bind by value still binds by property name' {
        function Get-Len {
            param([Parameter(ValueFromPipeline)][int] $Number = 7,
                  [Parameter(ValueFromPipelineByPropertyName)][int] $Length = 99)
            process { $Length }
        }
        'hello' | Get-Len | Should -Be 5
    }
    It 'an unset optional [bool] parameter does not stop pipeline binding' {
        function Get-Piped { param([Parameter(Mandatory, Position = 0, ValueFromPipeline)] $Item, [bool] $Flag) $Item }
        7 | Get-Piped | Should -Be 7
    }
}

Describe 'remaining arguments' {
    It 'ValueFromRemainingArguments takes what positions leave over' {
        function Get-Rest { param([Parameter(Position = 1)] $Head, [Parameter(ValueFromRemainingArguments)] $Tail) $Tail }
        (Get-Rest w x y z) -join ',' | Should -BeExactly 'x,y,z'
        (Get-Rest w x -Head y z) -join ',' | Should -BeExactly 'w,x,z'
        (Get-Rest w x -Head y -Other z) -join ',' | Should -BeExactly 'w,x,-Other,z'
    }
    It 'parameter sets choose which parameter takes the first positional argument' {
        function Get-Sets {
            param([Parameter(ParameterSetName = 'one', Position = 1)] $A,
                  [Parameter(ParameterSetName = 'two', Position = 1)] $B,
                  [Parameter(ValueFromRemainingArguments)] $Rest)
            $Rest
        }
        { Get-Sets -A 1 -B 2 3 } | Should -Throw -ErrorId 'AmbiguousParameterSet,Get-Sets'
        (Get-Sets -A 1 2 3) -join ',' | Should -BeExactly '2,3'
        (Get-Sets -B 1 2 3) -join ',' | Should -BeExactly '2,3'
    }
    It 'the default parameter set takes the first positional argument' {
        function Get-Default {
            [CmdletBinding(DefaultParameterSetName = 'one')]
            param([Parameter(ParameterSetName = 'one', Position = 1)] $A,
                  [Parameter(ParameterSetName = 'two', Position = 1)] $B,
                  [Parameter(ValueFromRemainingArguments)] $Rest)
            $A, $B, $Rest
        }
        $a, $b, $rest = Get-Default p q r
        $a | Should -BeExactly 'p'
        $b | Should -BeNullOrEmpty
        $rest -join ',' | Should -BeExactly 'q,r'
    }
    It 'the other default parameter set takes it instead' {
        function Get-Default2 {
            [CmdletBinding(DefaultParameterSetName = 'two')]
            param([Parameter(ParameterSetName = 'one', Position = 1)] $A,
                  [Parameter(ParameterSetName = 'two', Position = 1)] $B,
                  [Parameter(ValueFromRemainingArguments)] $Rest)
            $A, $B, $Rest
        }
        $a, $b, $rest = Get-Default2 p q r
        $a | Should -BeNullOrEmpty
        $b | Should -BeExactly 'p'
        $rest -join ',' | Should -BeExactly 'q,r'
    }
}

Describe 'aliases' {
    It 'any alias of a parameter names it' {
        function Get-Aliased { param([Parameter(Mandatory)][Alias('first', 'second')] $Value) $Value }
        Get-Aliased -second v | Should -BeExactly 'v'
    }
}

Describe 'null and empty arguments of mandatory parameters' {
    It 'null is refused without AllowNull' {
        function Get-NoNull { param([Parameter(Mandatory)] $Value) $Value }
        { Get-NoNull -Value $null } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorNullNotAllowed,Get-NoNull'
    }
    It 'null is accepted with AllowNull' {
        function Get-Null { param([Parameter(Mandatory)][AllowNull()] $Value) $Value }
        Get-Null -Value $null | Should -BeNullOrEmpty
    }
    It 'an empty string is refused without AllowEmptyString' {
        function Get-NoEmpty { param([Parameter(Mandatory)][string] $Text) $Text }
        { Get-NoEmpty -Text '' } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorEmptyStringNotAllowed,Get-NoEmpty'
    }
    It 'an empty string is accepted with AllowEmptyString' {
        function Get-Empty { param([Parameter(Mandatory)][AllowEmptyString()][string] $Text) $Text }
        Get-Empty -Text '' | Should -BeExactly ''
    }
    It 'an empty array is refused without AllowEmptyCollection' {
        function Get-NoEmptyList { param([Parameter(Mandatory)][string[]] $List) $List }
        { Get-NoEmptyList -List @() } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorEmptyArrayNotAllowed,Get-NoEmptyList'
    }
    It 'an empty array is accepted with AllowEmptyCollection' {
        function Get-EmptyList { param([Parameter(Mandatory)][AllowEmptyCollection()][string[]] $List) $List }
        Get-EmptyList -List @() | Should -BeNullOrEmpty
    }
}

Describe 'bool parameters' {
    It 'an advanced function refuses strings for [bool[]]' {
        function Get-Bools { [CmdletBinding()] param([bool[]] $Flags) $Flags }
        { Get-Bools 'yes', 'no' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,Get-Bools'
    }
    It 'a plain function converts strings to [bool[]]' {
        function Get-Bools2 { param([bool[]] $Flags) $Flags }
        $r = Get-Bools2 'yes', 'no'
        $r[0] | Should -BeTrue
        $r[1] | Should -BeTrue
    }
}

Describe 'default values and validation' {
    It 'validation does not run on a default value' {
        function Get-Def { param([ValidateRange(1, 10)] $N = 50) $N }
        Get-Def | Should -Be 50
    }
    It 'validation does not run on a default value of an advanced function' {
        function Get-Def2 { [CmdletBinding()] param([ValidateRange(1, 10)] $N = 50) $N }
        Get-Def2 | Should -Be 50
    }
    It 'validation does not run on a parameter with no value' {
        function Get-Def3 { param([ValidateRange(1, 10)] $N) $N }
        { Get-Def3 } | Should -Not -Throw
    }
    It 'validation does not run on an unbound parameter of an advanced function' {
        function Get-Def4 { [CmdletBinding()] param([ValidateRange(1, 10)] $N) $N }
        { Get-Def4 } | Should -Not -Throw
    }
    It 'ValidateScript takes a custom ErrorMessage' {
        function Test-Script { [CmdletBinding()] param([ValidateScript({ $_ -lt 5 }, ErrorMessage = "Value '{0}' fails '{1}'")] $N) $N }
        $e = { Test-Script -N 9 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Test-Script' -PassThru
        $e.Exception.Message | Should -BeExactly "Cannot validate argument on parameter 'N'. Value '9' fails ' `$_ -lt 5 '"
    }
    It 'ValidatePattern takes a custom ErrorMessage' {
        function Test-Pattern { [CmdletBinding()] param([ValidatePattern('^x', ErrorMessage = "Value '{0}' fails '{1}'")] $S) $S }
        $e = { Test-Pattern -S abc } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Test-Pattern' -PassThru
        $e.Exception.Message | Should -BeExactly "Cannot validate argument on parameter 'S'. Value 'abc' fails '^x'"
    }
    It 'ValidateSet takes a custom ErrorMessage with the set as the second argument' {
        function Test-Set { param([ValidateSet('P', 'Q', IgnoreCase = $false, ErrorMessage = "Value '{0}' not in '{1}'")] $S) $S }
        $e = { Test-Set -S p } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Test-Set' -PassThru
        $e.Exception.Message | Should -BeExactly "Cannot validate argument on parameter 'S'. Value 'p' not in 'P,Q'"
    }
}

Describe 'parameter defaults and parameter-set limits' {
    It 'converts a default value to the parameter''s enum type' {
        function get-fooa {
            param( [System.Reflection.MemberTypes] $memberTypes = $([Enum]::GetNames("System.Reflection.MemberTypes") -join ",") )
            $memberTypes
        }
        get-fooa | Should -BeOfType System.Reflection.MemberTypes
        "$(get-fooa)" | Should -BeExactly 'Custom, All'
    }
    It 'allows 32 parameter sets and refuses a 33rd' {
        $scriptblock = {
            param($numSets = 1)
            $parameters = (1..($numSets) | ForEach-Object { "[Parameter(parametersetname='set$_')]`$a$_" }) -join ', '
            $sb = [scriptblock]::Create("param($parameters) 'working'")
            & $sb -a1 123
        }
        & $scriptblock -numSets 32 | Should -Be 'working'
        { & $scriptblock -numSets 33 } | Should -Throw -ErrorId 'ParsingTooManyParameterSets'
    }
}

Describe 'a [Flags] enum value as text' {
    It 'names a combined member rather than its parts, as Enum.ToString does' {
        "$([System.Reflection.MemberTypes]'Method, Field')" | Should -BeExactly 'Field, Method'
        "$([System.Reflection.MemberTypes]191)" | Should -BeExactly 'All'
        "$([System.StringSplitOptions]3)" | Should -BeExactly 'RemoveEmptyEntries, TrimEntries'
    }
}

Complete-MiniPester
