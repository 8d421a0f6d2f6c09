# Ported from test/powershell/Language/Scripting/Delegates.Tests.ps1: script blocks converted to
# System.Action/System.Func delegates, by cast, by -as and through MakeGenericType; the assertions,
# in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'script blocks as Func and Action delegates' {
    It 'a Func without arguments returns its block''s value in the return type' {
        ([System.Func[Int32]]{ $args.Length }).Invoke() | Should -Be 0
        ([System.Func[string]]{ 'hello' }).Invoke() | Should -BeExactly 'hello'
        (([System.Func[hashtable]]{ @{ a = 'foo' } }).Invoke()).a | Should -BeExactly 'foo'
        ([System.Func[int]]{ '42' }).Invoke() | Should -BeOfType System.Int32
    }
    It 'a Func with arguments passes them as $args or to its parameters' {
        $f = [System.Func[int, string, string]]{ param($n, $s) "$s$n" }
        $f.Invoke(7, 'x') | Should -BeExactly 'x7'
        $g = [System.Func[int, int]]{ $args[0] * 2 }
        $g.Invoke(21) | Should -Be 42
    }
    It 'the delegate has the closed generic type' {
        $f = [System.Func[int, string]]{ "$args" }
        $f -is [System.Delegate] | Should -BeTrue
        $f -is [System.Func[int, string]] | Should -BeTrue
        $f.GetType().Name | Should -BeExactly 'Func`2'
    }
    It 'an Action runs its block and returns nothing' {
        $script:seen = $null
        $a = [System.Action[string]]{ $script:seen = $args[0]; 'dropped' }
        $r = $a.Invoke('value')
        $r | Should -BeNullOrEmpty
        $script:seen | Should -BeExactly 'value'
    }
    It 'MakeGenericType closes the open types [object].Assembly.GetType finds' {
        $open = [object].Assembly.GetType('System.Action`2')
        $open.Name | Should -BeExactly 'Action`2'
        $closed = $open.MakeGenericType([int], [string])
        $script:count = $null
        $action = { $script:count = $args.Length } -as $closed
        $action.DynamicInvoke(@(1, 'a'))
        $script:count | Should -Be 2
    }
    It 'DynamicInvoke of a Func made by MakeGenericType returns the converted value' {
        $type = [object].Assembly.GetType('System.Func`3').MakeGenericType([int], [string], [hashtable])
        $func = { @{ a = "$($args.Length)" } } -as $type
        $result = $func.DynamicInvoke(@(100, 'abc'))
        $result.a | Should -BeExactly '2'
    }
    It 'a type argument count MakeGenericType does not match fails' {
        { [object].Assembly.GetType('System.Func`2').MakeGenericType([int]) } | Should -Throw
    }
}

Complete-MiniPester
