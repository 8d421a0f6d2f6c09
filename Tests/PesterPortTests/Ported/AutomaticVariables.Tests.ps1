# Ported from test/powershell/Language/Parser/AutomaticVariables.Tests.ps1, MyInvocation.Tests.ps1
# and LanguageAndParser.TestFollowup.Tests.ps1 (the assertions, in hvsh's own code).
. "$PSScriptRoot/MiniPester.ps1"
# Inside an It block $MyInvocation is the test script block's, so the script's own is kept here.
$scriptInvocation = $MyInvocation

Describe '$input' {
    It 'enumerates the pipeline input in a function without blocks' {
        function Sum-Input { $t = 0; foreach ($x in $input) { $t += $x }; $t }
        1..5 | Sum-Input | Should -Be 15
    }
    It 'is used up after one enumeration and comes back after Reset' {
        function Count-Twice { @($input).Count; @($input).Count; $input.Reset(); @($input).Count }
        $r = 'p', 'q', 'r' | Count-Twice
        $r -join ',' | Should -BeExactly '3,0,3'
    }
    It 'is the current object in a process block' {
        function Echo-Input { process { "[$input]" } }
        ('x', 'y' | Echo-Input) -join '' | Should -BeExactly '[x][y]'
    }
    It 'moves with MoveNext and shows Current' {
        function Step { $null = $input.MoveNext(); $input.Current }
        'first', 'second' | Step | Should -BeExactly 'first'
    }
}

Describe '$foreach and $switch' {
    It '$foreach.MoveNext skips an element of the loop' {
        $r = foreach ($i in 1..5) { if ($i -eq 2) { $null = $foreach.MoveNext() }; $i }
        $r -join ',' | Should -BeExactly '1,2,4,5'
    }
    It '$switch.MoveNext consumes the next value' {
        $r = switch ('key', 'value', 'other') { 'key' { $null = $switch.MoveNext(); "key=$($switch.Current)"; continue } default { $_ } }
        $r -join ',' | Should -BeExactly 'key=value,other'
    }
}

Describe '$MyInvocation' {
    It 'names the function' {
        function Get-MyName { $MyInvocation.MyCommand.Name }
        Get-MyName | Should -BeExactly 'Get-MyName'
    }
    It 'gives the name the function was called by' {
        function Get-CalledAs { $MyInvocation.InvocationName }
        Set-Alias callas Get-CalledAs
        callas | Should -BeExactly 'callas'
    }
    It 'names the script file at script level' {
        $scriptInvocation.MyCommand.Name | Should -BeExactly 'AutomaticVariables.Tests.ps1'
        $scriptInvocation.MyCommand.CommandType | Should -BeExactly 'ExternalScript'
    }
    It 'counts the commands of the calling pipeline' {
        function Get-Place { "$($MyInvocation.PipelinePosition)/$($MyInvocation.PipelineLength)" }
        $alone = Get-Place
        $alone | Should -BeExactly '1/1'
        $second = 1 | Get-Place | ForEach-Object { $_ }
        $second | Should -BeExactly '1/2'
    }
}

Describe 'assigning automatic variables' {
    It '$_ can be assigned without a type' {
        & { $_ = 7; $_ } | Should -Be 7
    }
    It '$args can be assigned' {
        & { $args = 3; $args } | Should -Be 3
    }
    It 'read-only variables refuse assignment' {
        { $true = 1 } | Should -Throw -ErrorId 'VariableNotWritable'
    }
}

Describe 'hashtable literals with statements as values' {
    It 'an if statement can be a value and the next key still parses' {
        $h = @{
            a = if (1) { 'x' }
            b = 'y'
            c = if (0) { 1 } elseif (1) { 'z' }
            d = if (0) { 1 } else { 'w' }
        }
        $h['a'] | Should -BeExactly 'x'
        $h['b'] | Should -BeExactly 'y'
        $h['c'] | Should -BeExactly 'z'
        $h['d'] | Should -BeExactly 'w'
    }
    It 'several alias attributes all name the parameter' {
        function Get-Multi { param([Alias('one')][Alias('two')] $Value) $Value }
        Get-Multi -one 1 | Should -Be 1
        Get-Multi -two 2 | Should -Be 2
    }
    It 'a typed array can be cloned' {
        $arr = [int[]](1..4)
        $arr.Clone().Length | Should -Be 4
        $arr.Clone().GetType() | Should -Be ([int[]])
    }
}

Complete-MiniPester
