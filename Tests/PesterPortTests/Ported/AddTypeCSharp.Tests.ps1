# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Add-Type.Tests.ps1 and the C# fixtures
# of Format-Wide, Compare-Object, XMLCommand, Json and Measure-Object tests (Add-Type -TypeDefinition
# and -MemberDefinition through hvsh's C# translator); the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Add-Type with C# source' {
    It 'defines an enum and a class with a constructor and fields' {
        Add-Type -TypeDefinition 'public enum MyDayOfWeekA{Sun,Mon,Tue,Wed,Thu,Fri,Sat}'
        [MyDayOfWeekA]::Tue | Should -Be 'Tue'
        (New-Object MyDayOfWeekA) | Should -Be 'Sun'
        Add-Type -TypeDefinition 'public class TestGroupingClassA{public TestGroupingClassA(string name,int length){Name = name;Length = length;}public string Name;public int Length;public string GroupingKey;}'
        $o = [TestGroupingClassA]::New('name1', 1)
        $o.Name | Should -BeExactly 'name1'
        $o.Length | Should -Be 1
        $o.GroupingKey | Should -BeNullOrEmpty
    }
    It 'keeps [Flags], the underlying type and member expressions of an enum' {
        Add-Type -TypeDefinition @'
[System.Flags]
public enum TestMeasureGenericA : uint
{
    TestSum = 1,
    TestAverage = 2,
    TestMax = 4,
    TestMin = 1 << 3,
    All = TestSum | TestAverage | TestMax | TestMin
}
'@
        ([TestMeasureGenericA]3).ToString() | Should -BeExactly 'TestSum, TestAverage'
        [TestMeasureGenericA]::TestMin.value__ | Should -Be 8
        [TestMeasureGenericA]::All.value__.GetType().Name | Should -BeExactly 'UInt32'
    }
    It 'translates inheritance, base constructors, methods and computed properties' {
        Add-Type -TypeDefinition @'
public class EmployeeA
{
    public EmployeeA(){}
    public EmployeeA(string firstName, string lastName, int yearsInMS)
    {
        FirstName = firstName;
        LastName  = lastName;
        YearsInMS = yearsInMS;
    }
    public string FirstName;
    public string LastName;
    public int YearsInMS;
}
public class EmployeeB : EmployeeA
{
    public EmployeeB(string firstName, string lastName, int yearsInMS) : base(firstName, lastName, yearsInMS) {}
    public int Senior(int limit) { return YearsInMS > limit ? 1 : 0; }
    public override string ToString() { return FirstName + " " + LastName; }
    public string Full => LastName + ", " + FirstName;
}
'@
        $e = [EmployeeB]::new('joseph', 'smith', 15)
        "$e" | Should -BeExactly 'joseph smith'
        $e.Full | Should -BeExactly 'smith, joseph'
        $e.Senior(10) | Should -Be 1
        $e -is [EmployeeA] | Should -BeTrue
    }
    It 'translates statements: loops, conditions, locals, statics and namespaces' {
        Add-Type -TypeDefinition @'
namespace DotNetInteropA {
    public class Counter {
        private int count = 0;
        public static int Twice(int x) { return x * 2; }
        public int Next() { count++; return count; }
        public string Describe(int n) {
            string s = "";
            for (int i = 0; i < n; i++) { s += i.ToString(); }
            if (n > 2 && s.Length > 0) { s = "[" + s + "]"; } else { s = s + "!"; }
            return s;
        }
    }
}
'@
        [DotNetInteropA.Counter]::Twice(21) | Should -Be 42
        $c = [DotNetInteropA.Counter]::new()
        $null = $c.Next()
        $c.Next() | Should -Be 2
        $c.Describe(4) | Should -BeExactly '[0123]'
        $c.Describe(1) | Should -BeExactly '0!'
    }
    It 'puts -MemberDefinition members in a class named by -Name and -Namespace' {
        $t = Add-Type -MemberDefinition 'public static int Add(int a, int b) { return a + b; }' -Name CalcA -Namespace My.MathA -PassThru
        $t | Should -Not -BeNullOrEmpty
        [My.MathA.CalcA]::Add(2, 3) | Should -Be 5
    }
    It 'reports C# errors as SOURCE_CODE_ERROR, then COMPILER_ERRORS' {
        { Add-Type -MemberDefinition 'public static string TestString() { return UTF8Encoding.UTF8.ToString();}' -Name 'TestTypeA' -Namespace 'TestNSA' -ErrorAction Stop } | Should -Throw -ErrorId 'SOURCE_CODE_ERROR,Microsoft.PowerShell.Commands.AddTypeCommand'
        { Add-Type -MemberDefinition 'public static string TestString() { return UTF8Encoding.UTF8.ToString();}' -Name 'TestTypeA' -Namespace 'TestNSA' -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'COMPILER_ERRORS,Microsoft.PowerShell.Commands.AddTypeCommand'
        { Add-Type -TypeDefinition 'public class BadA { public void M() { int x = 1 } }' -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'COMPILER_ERRORS,Microsoft.PowerShell.Commands.AddTypeCommand'
    }
    It 'accepts the same source twice and refuses a type that exists from other source' {
        Add-Type -TypeDefinition 'public class FooA { public int Bar = 1; }'
        { Add-Type -TypeDefinition 'public class FooA { public int Bar = 1; }' } | Should -Not -Throw
        { Add-Type -TypeDefinition 'public class FooA { public int Baz = 2; }' -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'COMPILER_ERRORS,Microsoft.PowerShell.Commands.AddTypeCommand'
        $error[1].FullyQualifiedErrorId | Should -BeExactly 'TYPE_ALREADY_EXISTS,Microsoft.PowerShell.Commands.AddTypeCommand'
    }
    It 'checks -OutputType and the file extension of -Path' {
        { Add-Type -TypeDefinition 'Hello' -OutputType ConsoleApplication } | Should -Throw -ErrorId 'AssemblyTypeNotSupported,Microsoft.PowerShell.Commands.AddTypeCommand'
        { Add-Type -TypeDefinition 'public static string TestString() {}' -OutputType Library } | Should -Throw -ErrorId 'OUTPUTTYPE_REQUIRES_ASSEMBLY,Microsoft.PowerShell.Commands.AddTypeCommand'
        $vb = Join-Path ([System.IO.Path]::GetTempPath()) ('addtype-' + [guid]::NewGuid() + '.vb')
        New-Item -Path $vb -ItemType File -Force > $null
        { Add-Type -Path $vb } | Should -Throw -ErrorId 'EXTENSION_NOT_SUPPORTED,Microsoft.PowerShell.Commands.AddTypeCommand'
        Remove-Item $vb
    }
}

Describe 'Get-Member of a compiled class' {
    # Get-Member.Tests' 'Verify Get-Member with Class' Employee: properties over private fields.
    Add-Type -TypeDefinition @"
public class GmEmployee
{
    private string firstName;
    private string lastName;
    private int    yearsInMS;
    public string FirstName { get { return firstName; } set { firstName = value; } }
    public string LastName { get { return lastName; } set { lastName = value; } }
    public int YearsInMS { get { return yearsInMS; } set { yearsInMS = value; } }
    public GmEmployee(string firstName, string lastName, int yearsInMS)
    {
        this.firstName = firstName;
        this.lastName  = lastName;
        this.yearsInMS = yearsInMS;
    }
}
"@
    It 'lists the properties of the objects' {
        $emps = [GmEmployee]::New('john', 'smith', 5), [GmEmployee]::New('joesph', 'smith', 15), [GmEmployee]::New('john', 'smyth', 2)
        $results = $emps | Get-Member -MemberType Property
        $results.Length | Should -Be 3
        ($results.Name -join ',') | Should -BeExactly 'FirstName,LastName,YearsInMS'
        $emps[1].YearsInMS | Should -Be 15
    }
    It 'lists the four public methods of System.Object' {
        $results = [GmEmployee]::New('john', 'smith', 5) | Get-Member -MemberType Method
        ($results.Name | Sort-Object) -join ',' | Should -BeExactly 'Equals,GetHashCode,GetType,ToString'
    }
}

Describe 'Add-Type diagnostics and assemblies' {
    It 'names its languages in the Language enumeration' {
        [Enum]::GetNames('Microsoft.PowerShell.Commands.Language') -join ',' | Should -BeExactly 'CSharp'
    }
    It 'treats a #warning as an error by default' {
        $warned = "namespace Test.AddType { public class WarnedType$(Get-Random) { } }`n#warning Test warning line"
        { Add-Type -TypeDefinition $warned -WarningAction SilentlyContinue 2> $null } | Should -Throw -ErrorId 'COMPILER_ERRORS,Microsoft.PowerShell.Commands.AddTypeCommand'
    }
    It 'writes a #warning as a warning with -IgnoreWarnings' {
        $warned = "namespace Test.AddType { public class IgnoredWarning$(Get-Random) { } }`n#warning Test warning line"
        Add-Type -TypeDefinition $warned -IgnoreWarnings -WarningVariable warnVar -WarningAction SilentlyContinue
        $warnVar.Count | Should -Be 1
    }
    It 'refuses an assembly it cannot find' {
        { Add-Type -AssemblyName 'does_not_exist_with_wildcard_*' } | Should -Throw -ErrorId 'ErrorLoadingAssembly,Microsoft.PowerShell.Commands.AddTypeCommand'
        { Add-Type -AssemblyName '../does_not_exist_with_wildcard_*' } | Should -Throw -ErrorId 'ErrorLoadingAssembly,Microsoft.PowerShell.Commands.AddTypeCommand'
        { Add-Type -AssemblyName "$PSHOME/does_not_exist" } | Should -Throw -ErrorId 'System.IO.FileNotFoundException,Microsoft.PowerShell.Commands.AddTypeCommand'
        { Add-Type -AssemblyName 'does_not_exist' } | Should -Throw -ErrorId 'PathNotFound,Microsoft.PowerShell.Commands.AddTypeCommand'
    }
}

Complete-MiniPester
