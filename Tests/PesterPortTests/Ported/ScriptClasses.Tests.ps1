# Ported from test/powershell/Language/Classes/ (Scripting.Classes.BasicParsing, scripting.Classes.inheritance,
# Scripting.Classes.Exceptions, Scripting.Classes.Break, Scripting.Classes.MiscOps): class definitions and
# their parse errors, inheritance with base calls and constructors, exceptions ending a method, labels
# inside methods; plus about_Classes' properties, statics, hidden members and conversions. The
# assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

function Get-ParseErrorIds([string]$Source) {
    $errors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseInput($Source, [ref]$null, [ref]$errors)
    ($errors | ForEach-Object { "$($_.ErrorId)@$($_.Extent.StartOffset)" }) -join ','
}

function Get-DefinitionErrorId([string]$Source) {
    try {
        [scriptblock]::Create($Source).Invoke() > $null
        'none'
    } catch {
        $_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId
    }
}

Describe 'Positive parsing' {
    It 'returns its own type and arrays of it from methods' {
        class C9 { [C9] f() { return [C9]::new() } }
        [C9]::new().f().GetType().Name | Should -Be C9
        class C9a { [C9a[]] f() { return [C9a]::new() } }
        [C9a]::new().f().GetType().Name | Should -Be 'C9a[]'
    }
    It 'returns $null from an [object] method whose return had no output' {
        class Foo {
            [object] Bar1() { return & {} }
            static [object] Bar2() { return & {} }
        }
        [Foo]::new().Bar1() | Should -BeNullOrEmpty
        [Foo]::Bar2() | Should -BeNullOrEmpty
    }
    It 'allows [ordered] inside methods' {
        class A {
            $h
            A() { $this.h = [ordered] @{} }
        }
        [A]::new().h.GetType().Name | Should -BeExactly 'OrderedDictionary'
    }
    It 'takes attributes and types on lines of their own' {
        class C1b {
            [ValidateNotNull()]
            [int]
            $x
        }
        [C1b]::new().x | Should -Be 0
    }
    It 'keeps the return value only' {
        class R { [int] F() { 'noise'; Write-Output 'more'; return 7 } }
        [R]::new().F() | Should -Be 7
        @([R]::new().F()).Count | Should -Be 1
    }
    It 'finds hidden members with Get-Member -Force only' {
        class H { hidden [int]$Secret = 3; [string]$Name }
        $h = [H]::new()
        $h.Secret | Should -Be 3
        @($h | Get-Member -Name Secret).Count | Should -Be 0
        @($h | Get-Member -Name Secret -Force).Count | Should -Be 1
        ($h | Format-List | Out-String) -match 'Secret' | Should -BeFalse
    }
}

Describe 'Negative parsing' {
    It 'reports a missing name' { Get-ParseErrorIds 'class' | Should -BeExactly 'MissingNameAfterKeyword@5' }
    It 'reports a missing body' { Get-ParseErrorIds 'class foo' | Should -BeExactly 'MissingTypeBody@9' }
    It 'reports a missing closing brace' { Get-ParseErrorIds 'class foo {' | Should -BeExactly 'MissingEndCurlyBrace@11' }
    It 'reports a type without a member' { Get-ParseErrorIds 'class foo { [int] }' | Should -BeExactly 'IncompleteMemberDefinition@17' }
    It 'reports an attribute without a member' { Get-ParseErrorIds 'class foo { [Attr()] }' | Should -BeExactly 'IncompleteMemberDefinition@20' }
    It 'reports a scope qualifier with no name' {
        Get-ParseErrorIds 'class foo { $private: }' | Should -BeExactly 'InvalidVariableReference@12'
        Get-ParseErrorIds 'class foo { [int]$global: }' | Should -BeExactly 'InvalidVariableReference@17'
    }
    It 'reports a second class of the same name' { Get-ParseErrorIds 'class foo {} class foo {}' | Should -BeExactly 'MemberAlreadyDefined@13' }
    It 'reports two types on a member' { Get-ParseErrorIds 'class foo { [int][string]$x; }' | Should -BeExactly 'TooManyTypes@17' }
    It 'reports a repeated qualifier' { Get-ParseErrorIds 'class foo { static static $x; }' | Should -BeExactly 'DuplicateQualifier@19' }
    It 'reports a value returned from a void method' { Get-ParseErrorIds 'class C {f(){ return 1} }' | Should -BeExactly 'VoidMethodHasReturn@14' }
    It 'reports a bare return in a typed method' { Get-ParseErrorIds 'class C {[int] f(){ return } }' | Should -BeExactly 'NonVoidMethodMissingReturnValue@20' }
    It 'reports a typed method that may not return' { Get-ParseErrorIds 'class C {[int] f(){} }' | Should -BeExactly 'MethodHasCodePathNotReturn@15' }
    It 'reports every value returned from a void method' {
        Get-ParseErrorIds 'class C {f(){ $x=1; if($x -lt 2){ return } elseif($x -gt 0 ) {return 1} else{return 2} return 3 } }' |
            Should -BeExactly 'VoidMethodHasReturn@62,VoidMethodHasReturn@77,VoidMethodHasReturn@87'
    }
    It 'reports $this in static members' {
        Get-ParseErrorIds 'class C { $x; static bar() { $this.x = 1 } }' | Should -BeExactly 'NonStaticMemberAccessInStaticMember@29'
        Get-ParseErrorIds 'class C { $x; static $y = $this.x }' | Should -BeExactly 'NonStaticMemberAccessInStaticMember@26'
    }
    It 'reports paths that may not return' {
        Get-ParseErrorIds 'class C { [int]foo() { try { throw "foo"} catch { } } }' | Should -BeExactly 'MethodHasCodePathNotReturn@15'
        Get-ParseErrorIds 'class C { [int]foo() { while ($false) { return 1 } } }' | Should -BeExactly 'MethodHasCodePathNotReturn@15'
        Get-ParseErrorIds 'class C { [bool] Test() { if ($false) { return $true; } } }' | Should -BeExactly 'MethodHasCodePathNotReturn@17'
        Get-ParseErrorIds 'class C { [int]foo() { try { throw "foo"} catch [ArgumentException] {return 1} catch {} } }' | Should -BeExactly 'MethodHasCodePathNotReturn@15'
    }
    It 'accepts paths that all return or throw' {
        Get-ParseErrorIds 'class C11a { [int]foo() { try {throw "foo"} catch {throw $_} } }' | Should -BeExactly ''
        Get-ParseErrorIds 'class C11d { [int]foo() { try {if (1 -eq 2) { throw "1"} else {throw "2"}} finally {} } }' | Should -BeExactly ''
        Get-ParseErrorIds 'class C11f { [int]foo() { try {} finally {throw "bar"} } }' | Should -BeExactly ''
        Get-ParseErrorIds 'class C11g { [int]foo() { do { return 1 } while ($false) } }' | Should -BeExactly ''
    }
    It 'reports an assignment that forgot $this or the type' {
        Get-ParseErrorIds 'class C { [int]$i; [void] foo() {$i = 10} }' | Should -BeExactly 'MissingThis@33'
        Get-ParseErrorIds 'class C { static [int]$i; [void] foo() {$i = 10} }' | Should -BeExactly 'MissingTypeInStaticPropertyAssignment@40'
        Get-ParseErrorIds 'class foo { [string ]$path; f() { [int] [string] $path="" } }' | Should -BeExactly 'MissingThis@49'
    }
    It 'reports script-block parts a method may not have' {
        Get-ParseErrorIds 'class foo { f() { param($x) } }' | Should -BeExactly 'ParamBlockNotAllowedInMethod@18'
        Get-ParseErrorIds 'class foo { f() { begin {} } }' | Should -BeExactly 'NamedBlockNotAllowedInMethod@18'
        Get-ParseErrorIds 'class foo { f([Parameter()]$a) {} }' | Should -BeExactly 'AttributeNotAllowedOnDeclaration@14'
        Get-ParseErrorIds 'class foo { [int] foo() { return 1 }}' | Should -BeExactly 'ConstructorCantHaveReturnType@12'
        Get-ParseErrorIds 'class foo { [void] bar($a, [string][int]$b, $c) {} }' | Should -BeExactly 'MultipleTypeConstraintsOnMethodParam@35'
    }
    It 'reports [Flags()] outside an enum' {
        Get-ParseErrorIds '[Flags()]class C{}' | Should -BeExactly 'AttributeNotAllowedOnDeclaration@0'
        Get-ParseErrorIds 'class C { [Flags()]$field; }' | Should -BeExactly 'AttributeNotAllowedOnDeclaration@10'
    }
    It 'reports types no class, enum or .NET type of the runtime answers' {
        Get-ParseErrorIds 'class foo { [zz]$x; }' | Should -BeExactly 'TypeNotFound@13'
        Get-ParseErrorIds 'class foo { [zz]f() { return 0 } }' | Should -BeExactly 'TypeNotFound@13'
        Get-ParseErrorIds 'class foo { f([zz]$x) {} }' | Should -BeExactly 'TypeNotFound@15'
        Get-ParseErrorIds 'class A : NonExistingClass {}' | Should -BeExactly 'TypeNotFound@10'
        Get-ParseErrorIds 'class A {}; class B : A, NonExistingInterface {}' | Should -BeExactly 'TypeNotFound@25'
        Get-ParseErrorIds 'class B : A {}; class A { [B]$b; [int[]]$n; [System.IDisposable]$d }' | Should -BeExactly ''
    }
    It 'reports repeated members when the type is defined' {
        Get-DefinitionErrorId 'class foo { $x; $x; }' | Should -BeExactly 'MemberAlreadyDefined'
        Get-DefinitionErrorId 'class C { f(){} f(){} }' | Should -BeExactly 'MemberAlreadyDefined'
        Get-DefinitionErrorId 'class C { f([int]$a){} f([int]$b){} }' | Should -BeExactly 'MemberAlreadyDefined'
        Get-DefinitionErrorId 'class C { static C($x) {} }' | Should -BeExactly 'StaticConstructorCantHaveParameters'
    }
}

Describe 'Classes inheritance' {
    It 'names its base type' {
        class C1 {}
        class C2a : C1 {}
        class C2b:C1 {}
        [C2a]::new().GetType().BaseType.Name | Should -Be 'C1'
        [C2b].BaseType.Name | Should -Be 'C1'
    }
    It 'calls a base constructor with arguments' {
        class C4 { [int]$A; C4([int]$a) { $this.A = $a } }
        class C5 : C4 { C5() : base(1) {} }
        [C5]::new().A | Should -Be 1
    }
    It 'allows newlines around the bases and base call' {
        class C {}
        class C2b
            :
            C
            ,
            system.IDisposable
            {
                [void] Dispose() {}
                C2b()
                :
                base
                (
                )
                {
                }
            }
        [C2b].GetInterface('System.IDisposable') | Should -Not -BeNullOrEmpty
    }
    It 'calls instance and static methods of the base class' {
        class bar { [int]foo() { return 100500 }; static [int]sfoo() { return 100501 } }
        class baz : bar {}
        [baz]::new().foo() | Should -Be 100500
        [baz]::sfoo() | Should -Be 100501
    }
    It 'reaches static and instance base properties' {
        class A { static [int]$si; [int]$i }
        class B : A { [void]foo() { $this::si = 1001; $this.i = 1003 } }
        $b = [B]::new()
        $b.foo()
        [A]::si | Should -Be 1001
        $b.i | Should -Be 1003
    }
    It 'calls a base method without recursion, in any case' {
        class bar { [int]foo() { return 1001 } }
        class baz : bar {
            [int] $fooCallCounter
            [int]fOo() {
                if ($this.fooCallCounter++ -gt 0) { throw 'Recursion happens' }
                return ([bAr]$this).fOo() + ([bAr]$this).FOO()
            }
        }
        [baz]::new().foo() | Should -Be 2002
    }
    It 'calls any class of the hierarchy' {
        class A { [string]GetName() { return 'A' } }
        class B : A { [string]GetName() { return 'B' } }
        class C : B { [string]GetName() { return 'C' } }
        $c = [C]::new()
        ([A]$c).GetName() | Should -Be 'A'
        ([B]$c).GetName() | Should -Be 'B'
        $c.GetName() | Should -Be 'C'
    }
    It 'overrides void methods by their parameters' {
        $script:voidOverrideVar = $null
        class A {
            [void]SetStr([int]$a) { $script:voidOverrideVar = 'A' + $a }
            [void]SetStr() { $script:voidOverrideVar = 'A' }
        }
        class B : A {
            [void]SetStr([int]$a) { $script:voidOverrideVar = 'B' + $a }
            [void]SetStr() { $script:voidOverrideVar = 'B' }
        }
        $b = [B]::new()
        ([A]$b).SetStr(101)
        $script:voidOverrideVar | Should -Be 'A101'
        $b.SetStr(100)
        $script:voidOverrideVar | Should -Be 'B100'
        ([A]$b).SetStr()
        $script:voidOverrideVar | Should -Be 'A'
    }
    It 'converts an assignment to a static property of a class type' {
        class A { static [B]$b }
        class B : A {}
        [A]::b = [B]::new()
        { [A]::b = 'bla' } | Should -Throw -ErrorId 'ExceptionWhenSetting'
    }
    It 'refuses bad bases when the types are defined' {
        Get-DefinitionErrorId 'class A{} ; class B : A[] {}' | Should -BeExactly 'SubtypeArray'
        Get-DefinitionErrorId 'class A {} ; class B {}; class C : A, B {}' | Should -BeExactly 'InterfaceNameExpected'
        Get-DefinitionErrorId 'class baz : string {}' | Should -BeExactly 'SealedBaseClass'
        Get-DefinitionErrorId 'class A : B {}; class B {}' | Should -BeExactly 'TypeNotFound'
        Get-DefinitionErrorId 'class A : B {}; class B : A {}' | Should -BeExactly 'TypeNotFound'
        Get-DefinitionErrorId 'class A { A([int]$a) {} }; class B : A {}' | Should -BeExactly 'BaseClassNoDefaultCtor'
        Get-DefinitionErrorId 'class MyComparable : system.IComparable {}' | Should -BeExactly 'TypeCreationError'
    }
    It 'reports broken base constructor calls' {
        Get-ParseErrorIds 'class A { A($a){} } ; class B : A { foo() : base(1) {} }' | Should -BeExactly 'MissingFunctionBody@41'
        Get-ParseErrorIds 'class A { A($a){} } ; class B : A { B() : bas {} }' | Should -BeExactly 'MissingBaseCtorCall@41'
        Get-ParseErrorIds 'class A { A($a){} } ; class B : A { B() : base( {} }' | Should -BeExactly 'MissingEndParenthesisInMethodCall@50,MissingFunctionBody@39'
        Get-ParseErrorIds 'class A { A($a){} } ; class B : A { B() : base {} }' | Should -BeExactly 'MissingMethodParameterList@46,UnexpectedToken@50'
    }
}

Describe 'Exceptions flow for classes' {
    It 'does not run the statements after a method that throws' {
        $script:canary = 0
        class E1 {
            [void] m1() {
                $script:canary = 42
                $this.ImThrow()
                $script:canary = 100
            }
            [void] ImThrow() { throw 'I told you' }
        }
        try { [E1]::new().m1() } catch {}
        $script:canary | Should -Be 42
    }
    It 'ends a static method at a statement-terminating error' {
        $script:canary = 0
        class E2 {
            static [void] s1() {
                $script:canary = 43
                [E2]::ImThrow()
                $script:canary = 100
            }
            static [void] ImThrow() { 1 / 0 }
        }
        try { [E2]::s1() } catch {}
        $script:canary | Should -Be 43
    }
    It 'reports an initializer''s conversion error as the cast''s' {
        class I1 { [int]$a = 'zz' }
        { [I1]::new() } | Should -Throw -ErrorId 'InvalidCastFromStringToInteger'
    }
}

Describe 'Break statements with classes' {
    It 'reports a label that names no loop of the method' {
        (Get-ParseErrorIds "class A { static [int] foo() { while (1) { break some_label }; return 1 } }") -replace '@.*' | Should -BeExactly 'LabelNotFound'
        (Get-ParseErrorIds "class A { static [int] foo() { break some_label; return 1 } }") -replace '@.*' | Should -BeExactly 'LabelNotFound'
        (Get-ParseErrorIds "class A { static [int] foo() { while (1) { continue some_label }; return 1 } }") -replace '@.*' | Should -BeExactly 'LabelNotFound'
    }
    It 'breaks out of a labeled loop of the method' {
        class B1 {
            static [int] foo() {
                $i = 0
                :outer while ($true) { while ($true) { $i++; break outer } }
                return $i
            }
        }
        [B1]::foo() | Should -Be 1
    }
}

Describe 'Misc class operations' {
    It 'makes instances by New-Object, ::new() and conversions' {
        class P { [int]$X; [int]$Y; P() {}; P([int]$v) { $this.X = $v; $this.Y = $v } }
        (New-Object P).X | Should -Be 0
        (New-Object P -ArgumentList 4).Y | Should -Be 4
        ([P]5).X | Should -Be 5
        ([P]@{ X = 1; Y = 2 }).Y | Should -Be 2
        (@{ X = 9 } -as [P]).X | Should -Be 9
        { [P]@{ Z = 1 } } | Should -Throw
    }
    It 'types its instances' {
        class T1 {}
        class T2 : T1 {}
        $t = [T2]::new()
        $t -is [T1] | Should -BeTrue
        $t -is [T2] | Should -BeTrue
        [T1]::new() -is [T2] | Should -BeFalse
        $t.GetType().FullName | Should -BeExactly 'T2'
        $t.pstypenames[1] | Should -BeExactly 'T1'
    }
    It 'uses ToString for string conversion' {
        class S { [string]$N = 'x'; [string] ToString() { return "S($($this.N))" } }
        "$([S]::new())" | Should -BeExactly 'S(x)'
        [string][S]::new() | Should -BeExactly 'S(x)'
    }
    It 'keeps static properties per class and runs the static constructor once' {
        class Counter {
            static [int]$Count
            static [int]$Made
            static Counter() { [Counter]::Made = 100 }
            Counter() { [Counter]::Count++ }
        }
        $null = [Counter]::new(); $null = [Counter]::new()
        [Counter]::Count | Should -Be 2
        [Counter]::Made | Should -Be 100
    }
    It 'converts property assignments to the property type' {
        class V { [int]$N; [string[]]$L }
        $v = [V]::new()
        $v.N = '12'
        $v.N | Should -BeOfType ([int])
        $v.L = 'one'
        $v.L.GetType().Name | Should -BeExactly 'String[]'
        { $v.N = 'abc' } | Should -Throw -ErrorId 'ExceptionWhenSetting'
    }
    It 'chooses an overload by argument count and type' {
        class O {
            [string] F() { return 'none' }
            [string] F([int]$a) { return 'int' }
            [string] F([string]$a) { return 'string' }
            [string] F([int]$a, [int]$b) { return 'two' }
        }
        $o = [O]::new()
        $o.F() | Should -Be 'none'
        $o.F(1) | Should -Be 'int'
        $o.F('a') | Should -Be 'string'
        $o.F(1, 2) | Should -Be 'two'
        { $o.F(1, 2, 3) } | Should -Throw -ErrorId 'MethodCountCouldNotFindBest'
    }
    It 'keeps instances in a static generic list and searches it' {
        class Book { [string]$Title; [int]$Year }
        class Shelf {
            static [System.Collections.Generic.List[Book]] $Books
            static [void] Add([Book]$b) {
                if ($null -eq [Shelf]::Books) { [Shelf]::Books = [System.Collections.Generic.List[Book]]::new() }
                [Shelf]::Books.Add($b)
            }
        }
        [Shelf]::Add([Book]@{ Title = 'A'; Year = 1937 })
        [Shelf]::Add([Book]@{ Title = 'B'; Year = 1954 })
        [Shelf]::Books.Count | Should -Be 2
        [Shelf]::Books.Find({ param($b) $b.Year -gt 1950 }).Title | Should -BeExactly 'B'
        [Shelf]::Books.FindIndex({ param($b) $b.Title -eq 'B' }) | Should -Be 1
        [Shelf]::Books.RemoveAll({ param($b) $b.Year -lt 1950 }) | Should -Be 1
        [Shelf]::Books.Title | Should -BeExactly 'B'
    }
    It 'uses Equals and CompareTo for operators and sorting' {
        class Money : System.IComparable {
            [int]$Cents
            Money([int]$c) { $this.Cents = $c }
            [bool] Equals([object]$o) { return $o -is [Money] -and $o.Cents -eq $this.Cents }
            [int] CompareTo([object]$o) { return $this.Cents.CompareTo($o.Cents) }
        }
        [Money]::new(5) -eq [Money]::new(5) | Should -BeTrue
        [Money]::new(5) -lt [Money]::new(9) | Should -BeTrue
        (([Money]::new(9), [Money]::new(1), [Money]::new(5) | Sort-Object).Cents -join ',') | Should -BeExactly '1,5,9'
        class Plain { [int]$N }
        [Plain]::new() -eq [Plain]::new() | Should -BeFalse
    }
    It 'validates property assignments by their attributes' {
        class Sized { [ValidateRange(0, 16)][int]$Size }
        $s = [Sized]::new()
        $s.Size = 8
        { $s.Size = 32 } | Should -Throw -ErrorId 'ExceptionWhenSetting'
        $s.Size | Should -Be 8
    }
    It 'reports an argument a method cannot take as the method binder does' {
        class Adder { [int] Add([int]$a, [int]$b) { return $a + $b } }
        { [Adder]::new().Add('x', 1) } | Should -Throw -ErrorId 'MethodArgumentConversionInvalidCastArgument'
        [Adder]::new().Add('2', 3) | Should -Be 5
    }
    It 'is an instance of the interfaces it lists' {
        class Cmp : System.IComparable { [int] CompareTo([object]$o) { return 0 } }
        [Cmp]::new() -is [System.IComparable] | Should -BeTrue
        [Cmp]::new() -is [System.IDisposable] | Should -BeFalse
        5 -is [System.IComparable] | Should -BeTrue
    }
    It 'calls System.Object''s ToString through an [object] cast' {
        ([object]'abc').ToString() | Should -BeExactly 'System.String'
    }
    It 'uses a type defined below it in the script' {
        function Get-Later { [Later]::new().Hello() }
        Get-Later | Should -BeExactly 'hi'
        class Later { [string] Hello() { return 'hi' } }
    }
}

Complete-MiniPester
