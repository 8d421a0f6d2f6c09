# Ported from test/powershell/Language/Parser/MethodInvocation.Tests.ps1 ('Generic Method invocation':
# [System.Linq.Enumerable] generic static methods with script-block delegates), plus the LINQ
# operators' documented results; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'System.Linq.Enumerable generic static methods' {
    It 'calls Select[int, int] with a Func delegate' {
        [System.Linq.Enumerable]::Select[int, int](
            [int[]](0..10),
            [func[int, int]] { $args[0] + 2 }
        ) | Should -Be @(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
    }
    It 'converts each result to the Func''s result type' {
        [System.Collections.Generic.List[int]]$list = @( 1, 2, 3, 4, 5 )
        $result = [System.Linq.Enumerable]::Select[int, float]($list, [Func[int, float]]{ param($item) [math]::Pow($item, 3) })
        $result | Should -Be @( 1, 8, 27, 64, 125)
        $result[0] | Should -BeOfType [float]
        [System.Linq.Enumerable]::ToList($result).Count | Should -Be 5
    }
    It 'passes the index to a Func[T,int,TResult] selector' {
        [System.Linq.Enumerable]::Select([string[]]('a', 'b'), [Func[string, int, string]] { param($s, $i) "$i$s" }) -join ',' | Should -BeExactly '0a,1b'
    }
}

Describe 'the LINQ operators' {
    It 'filters, counts and tests with predicates' {
        [Linq.Enumerable]::Where([int[]](1..10), [Func[int, bool]] { $args[0] % 2 -eq 0 }) -join ',' | Should -BeExactly '2,4,6,8,10'
        [Linq.Enumerable]::Count([int[]](1..10), [Func[int, bool]] { $args[0] -gt 7 }) | Should -Be 3
        [Linq.Enumerable]::Any([int[]](1..3), [Func[int, bool]] { $args[0] -eq 2 }) | Should -BeTrue
        [Linq.Enumerable]::All([int[]](1..3), [Func[int, bool]] { $args[0] -lt 3 }) | Should -BeFalse
    }
    It 'makes ranges and repeats, and aggregates them' {
        [Linq.Enumerable]::Range(1, 5) -join ',' | Should -BeExactly '1,2,3,4,5'
        [Linq.Enumerable]::Repeat('x', 3) -join '' | Should -BeExactly 'xxx'
        [Linq.Enumerable]::Sum([int[]](1..10)) | Should -Be 55
        [Linq.Enumerable]::Max([int[]](3, 9, 4)) | Should -Be 9
        [Linq.Enumerable]::Min([int[]](3, 9, 4)) | Should -Be 3
        [Linq.Enumerable]::Average([int[]](1, 2, 3, 4)) | Should -Be 2.5
        [Linq.Enumerable]::Aggregate([int[]](1..4), [Func[int, int, int]] { $args[0] * $args[1] }) | Should -Be 24
    }
    It 'orders, reverses, takes and removes duplicates' {
        [Linq.Enumerable]::Distinct([int[]](1, 1, 2, 3, 3)) -join ',' | Should -BeExactly '1,2,3'
        [Linq.Enumerable]::Reverse([int[]](1, 2, 3)) -join ',' | Should -BeExactly '3,2,1'
        [Linq.Enumerable]::Take([Linq.Enumerable]::Skip([int[]](1..10), 2), 3) -join ',' | Should -BeExactly '3,4,5'
        [Linq.Enumerable]::OrderByDescending([string[]]('bb', 'a', 'ccc'), [Func[string, int]] { $args[0].Length }) -join ',' | Should -BeExactly 'ccc,bb,a'
        [Linq.Enumerable]::SequenceEqual([int[]](1, 2), [int[]](1, 2)) | Should -BeTrue
    }
    It 'takes the first and last elements, and says when there are none' {
        [Linq.Enumerable]::First([int[]](4, 5, 6)) | Should -Be 4
        [Linq.Enumerable]::Last([int[]](4, 5, 6)) | Should -Be 6
        [Linq.Enumerable]::FirstOrDefault([int[]]@()) | Should -Be 0
        [Linq.Enumerable]::LastOrDefault([string[]]@()) | Should -BeNullOrEmpty
        { [Linq.Enumerable]::First([int[]]@()) } | Should -Throw '*Sequence contains no elements*'
    }
}

Complete-MiniPester
