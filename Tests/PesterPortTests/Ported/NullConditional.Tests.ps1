# Ported from test/powershell/Language/Operators/NullConditional.Tests.ps1: ??= and ?? (what counts as
# null: $null and AutomationNull, not DBNull, NullString or ''; the left side evaluated once; their
# precedence against the other binary operators) and the member and index operators ?. and ?[]; the
# assertions, in hvsh's own code (the test-case tables unrolled, a scratch folder for $TestDrive; the
# It that reads a process's SessionId is left out: there is no Get-Process).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("nullconditional-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
$someGuid = New-Guid

function GetNull { return $null }
function GetHello { return "Hello" }

Describe 'NullCoalesceOperations' {
    Context '??=' {
        It 'creates a variable that does not exist' {
            Remove-Variable variableDoesNotExist -ErrorAction SilentlyContinue -Force
            $variableDoesNotExist ??= 1
            $variableDoesNotExist | Should -Be 1
            $variableDoesNotExist ??= 2
            $variableDoesNotExist | Should -Be 1
        }
        It 'sets a variable that holds null' {
            $v = $null
            $v ??= 2
            $v | Should -Be 2
        }
        It 'sets values of several types' {
            $x = $null; $x ??= 'hello'
            $x | Should -Be 'hello'
            $x = $null; $x ??= $someGuid
            $x | Should -Be $someGuid
            $x = $null; $x ??= [byte]0x94
            $x | Should -Be ([byte]0x94)
            $x = $null; $x ??= 1..2
            $x | Should -Be (1..2)
            $x = $null; $x ??= 'a'..'c'
            $x | Should -Be ('a'..'c')
            $x = $null; $x ??= @(1, 2, 3)
            $x | Should -Be @(1, 2, 3)
        }
        It 'sets a hashtable' {
            $x = $null
            $x ??= @{ 1 = '1' }
            $x.Keys | Should -Be @(1)
        }
        It 'keeps a value that is there' {
            $x = 100
            $x ??= 200
            $x | Should -Be 100
        }
        It 'takes a command''s output' {
            $x = $null
            $x ??= (Get-Alias -Name 'where')
            $x.Definition | Should -BeExactly 'Where-Object'
        }
        It 'does not count DBNull as null' {
            $x = [System.DBNull]::Value
            $x ??= 200
            $x | Should -Be ([System.DBNull]::Value)
        }
        It 'counts AutomationNull as null' {
            $x = [System.Management.Automation.Internal.AutomationNull]::Value
            $x ??= 200
            $x | Should -Be 200
        }
        It 'does not count NullString as null' {
            $x = [NullString]::Value
            $x ??= 200
            $x | Should -Be ([NullString]::Value)
        }
        It 'does not count an empty string as null' {
            $x = ''
            $x ??= 20
            $x | Should -BeExactly ''
        }
        It 'refuses a constant on the left' {
            $e = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput('1 ??= 100', [ref] $null, [ref] $e)
            $e[0].ErrorId | Should -BeExactly 'InvalidLeftHandSide'
        }
        It 'leaves a number alone' {
            $num = 10
            $num ??= 20
            $num | Should -Be 10
        }
        It 'parses $???= as $? followed by ??=' {
            { $???=$false }
            $? | Should -BeTrue
        }
    }

    Context '??' {
        It 'gives the right side for a variable that does not exist' {
            Remove-Variable variableDoesNotExist -ErrorAction SilentlyContinue -Force
            $variableDoesNotExist ?? 100 | Should -Be 100
        }
        It 'gives the right side for a null variable' {
            $x = $null
            $x ?? 100 | Should -Be 100
        }
        It 'gives the left side when it is not null' {
            $x = 100
            $x ?? 200 | Should -Be 100
            1 ?? 2 | Should -Be 1
            $null ?? 'string value' | Should -BeExactly 'string value'
        }
        It 'chains from left to right' {
            $x = $null
            $x ?? $null ?? 100 | Should -Be 100
            $null ?? $null ?? 100 | Should -Be 100
            $null ?? $null ?? $null | Should -Be $null
            $x ?? 200 ?? $null | Should -Be 200
            $x ?? 200 ?? 300 | Should -Be 200
            100 ?? $x ?? 200 | Should -Be 100
            $null ?? 100 ?? $null ?? 200 | Should -Be 100
        }
        It 'takes a command on the right' {
            $x = $null
            $result = $x ?? (Get-Alias -Name 'where')
            $result.Definition | Should -BeExactly 'Where-Object'
        }
        It 'keeps DBNull, NullString and constants on the left' {
            $x = [System.DBNull]::Value
            $x ?? 200 | Should -Be ([System.DBNull]::Value)
            $x = [NullString]::Value
            $x ?? 200 | Should -Be ([NullString]::Value)
            [System.DBNull]::Value ?? 2 | Should -Be ([System.DBNull]::Value)
        }
        It 'passes over AutomationNull' {
            $x = [System.Management.Automation.Internal.AutomationNull]::Value
            $x ??  200 | Should -Be 200
        }
        It 'reads a variable on the right' {
            $x = $null
            $y = 2
            $x ?? $y | Should -Be 2
        }
        It 'parses $???$false' {
            {$???$false} | Should -BeTrue
        }
        It 'evaluates a null left side once' {
            $state = [pscustomobject]@{ Value = 0 }
            (& { [void]$state.Value++ }) ?? 'Nothing' | Should -BeExactly 'Nothing'
            $state.Value | Should -Be 1
        }
        It 'evaluates a non-null left side once' {
            $state = [pscustomobject]@{ Value = 0 }
            (& { 'Test'; [void]$state.Value++ }) ?? 'Nothing' | Should -BeExactly 'Test'
            $state.Value | Should -Be 1
        }
    }

    Context 'precedence of ??' {
        It 'binds tighter than -and, -band, -eq, -as and -replace' {
            $true -and $null ?? $true | Should -BeTrue
            1 -band $null ?? 1 | Should -Be 1
            'x' -eq $null ?? 'x' | Should -BeTrue
            $null -eq $null ?? 'x' | Should -BeFalse
            'abc' -as [datetime] ?? 1 | Should -BeNullOrEmpty
            'x' -replace 'x',$null ?? 1 | Should -Be ([string]::empty)
        }
        It 'binds looser than +, *, -f and ..' {
            2 + $null ?? 3 | Should -Be 2
            2 * $null ?? 3 | Should -Be 0
            "{0}" -f $null ?? 'b' | Should -Be ([string]::empty)
            1..$null ?? 2 | Should -BeIn 1,0
        }
    }

    Context '?? with ??=' {
        It 'assigns the first non-null' {
            $x = $null
            $x ??= 100 ?? 200
            $x | Should -Be 100
            $x = $null
            $x ??= $x ?? (GetNull) ?? (GetHello)
            $x | Should -BeExactly 'Hello'
            $z ??= $null ?? 100
            $z | Should -Be 100
        }
    }
}

Describe 'NullConditionalMemberAccess' {
    $psObj = [psobject]::new()
    $psObj | Add-Member -Name 'name' -Value 'value' -MemberType NoteProperty
    $psObj | Add-Member -Name 'nested' -Value @{name = 'valuenested'} -MemberType NoteProperty
    $psobj2 = [psobject]::new()
    $psobj2 | Add-Member -Name 'GetHello' -Value { "hello" } -MemberType ScriptMethod
    $psObj | Add-Member -Name 'nestedMethod' -Value $psobj2 -MemberType NoteProperty
    $array = 1..3
    $hash = @{ a = 1; b = 2}
    $null = New-Item -ItemType File -Path "$scratch/testfile.txt" -Force

    Context '?.' {
        It 'reads members of values that are there' {
            ${psObj}?.name | Should -BeExactly 'value'
            ${array}?.length | Should -Be 3
            ${hash}?.a | Should -Be 1
            (Get-Item $scratch)?.EnumerateFiles()?.Name | Should -BeExactly 'testfile.txt'
            [int32]::MaxValue?.ToString() | Should -BeExactly '2147483647'
        }
        It 'gives null for a null value' {
            ${nonExistent}?.name | Should -BeNullOrEmpty
            ${nonExistent}?.MyMethod() | Should -BeNullOrEmpty
        }
        It 'chains' {
            ${psObj}?.name?.nonExistent | Should -BeNullOrEmpty
            ${psObj}?.nonExistent?.nonExistent | Should -BeNullOrEmpty
            ${nonExistent}?.nonExistent?.nonExistent | Should -BeNullOrEmpty
            ${psObj}?.nested?.name | Should -BeExactly 'valuenested'
            ${psObj}?.nestedMethod?.GetHello() | Should -BeExactly 'hello'
        }
        It 'calls a method named by a variable' {
            $methodName = 'ToLongDateString'
            (Get-Date '11/11/2019')?.$methodName() | Should -BeExactly 'Monday, November 11, 2019'
            ${doesNotExist}?.$methodName() | Should -BeNullOrEmpty
        }
        It 'fails for a method name that is not there' {
            $methodName = 'DoesNotExist'
            { (Get-Date '11/11/2019')?.$methodName() } | Should -Throw -ErrorId 'MethodNotFound'
        }
        It 'fails for a null method name' {
            $methodName = $null
            { (Get-Date '11/11/2019')?.$methodName() } | Should -Throw -ErrorId 'MethodNotFound'
        }
        It 'fails for a missing method after a chain' {
            { ${psObj}?.nestedMethod?.NonExistent() } | Should -Throw -ErrorId 'MethodNotFound'
        }
    }

    Context '?[]' {
        $dateArray = @((Get-Date '11/1/2019'), (Get-Date '11/2/2019'), (Get-Date '11/3/2019'))
        It 'indexes values that are there' {
            ${array}?[0] | Should -Be 1
            ${array}?[0,1] | Should -Be @(1,2)
            ${array}?[0..2] | Should -Be @(1,2,3)
            ${array}?[-2] | Should -Be 2
            ${hash}?['a'] | Should -Be 1
        }
        It 'gives null when indexing null' {
            ${doesnotExist}?[0] | Should -BeNullOrEmpty
            ${doesnotExist}?[0,1] | Should -BeNullOrEmpty
            ${doesnotExist}?[0..2] | Should -BeNullOrEmpty
            ${doesnotExist}?[-2] | Should -BeNullOrEmpty
            ${doesnotExist}?['a'] | Should -BeNullOrEmpty
        }
        It 'calls methods on indexed items' {
            ${dateArray}?[0]?.ToLongDateString() | Should -BeExactly 'Friday, November 1, 2019'
        }
        It 'gives null for a missing item' {
            ${dateArray}?[1234]?.ToLongDateString() | Should -BeNullOrEmpty
            ${doesNotExist}?[0]?.MyGetMethod() | Should -BeNullOrEmpty
        }
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
