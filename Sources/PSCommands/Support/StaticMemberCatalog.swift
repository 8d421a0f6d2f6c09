// What `Get-Member -Static` lists: the static members of the .NET types scripts call with
// `[Type]::Member`, limited to those the runtime implements (Sources/PSRuntime/Members/StaticMembers.swift),
// with PowerShell's definitions. `MemberCatalogTests` calls every listed method.

import PSRuntime

enum StaticMemberCatalog {
    /// The static members of a type, nil when the catalog does not describe it.
    static func members(of type: PSType) -> [CatalogMember]? {
        if case .enumType(let e) = type {
            let t = e.fullName
            return [
                m("GetNames", "static string[] GetNames(type enumType)"),
                m("GetValues", "static array GetValues(type enumType)"),
                m("Parse", "static System.Object Parse(type enumType, string value), static System.Object Parse(type enumType, string value, bool ignoreCase)"),
            ] + e.memberNames.map { p(t, $0) }
        }
        return table[type.fullName.lowercased()]
    }

    private static func m(_ name: String, _ overloads: String...) -> CatalogMember {
        CatalogMember(name: name, memberType: "Method", definition: overloads.joined(separator: ", "))
    }

    /// A static field (MaxValue, PI, Empty): Get-Member writes `static` before its type.
    private static func p(_ type: String, _ name: String, set: Bool = false) -> CatalogMember {
        CatalogMember(name: name, memberType: "Property", definition: "static \(type) \(name) {get;\(set ? "set;" : "")}")
    }

    /// A static property (DateTime's Now, Environment's MachineName): PowerShell's definition of one
    /// has no `static` ("datetime Now {get;}").
    private static func sp(_ type: String, _ name: String, set: Bool = false) -> CatalogMember {
        CatalogMember(name: name, memberType: "Property", definition: "\(type) \(name) {get;\(set ? "set;" : "")}")
    }

    private static func parse(_ t: String) -> CatalogMember {
        m("Parse", "static \(t) Parse(string s)", "static \(t) Parse(string s, System.Globalization.NumberStyles style)",
          "static \(t) Parse(string s, System.IFormatProvider provider)")
    }

    private static let oneDouble = ["Atan", "Cos", "Exp", "Log10", "Log2", "Sin", "Sqrt", "Tan"]

    static let table: [String: [CatalogMember]] = [
        "system.string": [
            m("Compare", "static int Compare(string strA, string strB)", "static int Compare(string strA, string strB, bool ignoreCase)",
              "static int Compare(string strA, string strB, System.StringComparison comparisonType)"),
            m("Concat", "static string Concat(System.Object arg0)", "static string Concat(System.Object arg0, System.Object arg1)",
              "static string Concat(Params System.Object[] args)", "static string Concat(Params string[] values)"),
            m("Equals", "static bool Equals(string a, string b)", "static bool Equals(string a, string b, System.StringComparison comparisonType)",
              "static bool Equals(System.Object objA, System.Object objB)"),
            m("Format", "static string Format(string format, System.Object arg0)",
              "static string Format(string format, System.Object arg0, System.Object arg1)",
              "static string Format(string format, Params System.Object[] args)"),
            m("IsNullOrEmpty", "static bool IsNullOrEmpty(string value)"),
            m("IsNullOrWhiteSpace", "static bool IsNullOrWhiteSpace(string value)"),
            m("Join", "static string Join(string separator, Params string[] value)",
              "static string Join(string separator, Params System.Object[] values)", "static string Join(char separator, Params string[] value)"),
            p("string", "Empty"),
        ],
        "system.math": oneDouble.map { m($0, "static double \($0)(double d)") } + [
            m("Abs", "static int Abs(int value)", "static long Abs(long value)", "static double Abs(double value)", "static decimal Abs(decimal value)"),
            m("Atan2", "static double Atan2(double y, double x)"),
            m("Ceiling", "static decimal Ceiling(decimal d)", "static double Ceiling(double a)"),
            m("Clamp", "static int Clamp(int value, int min, int max)", "static long Clamp(long value, long min, long max)",
              "static double Clamp(double value, double min, double max)"),
            m("DivRem", "static int DivRem(int a, int b, [ref] int result)", "static long DivRem(long a, long b, [ref] long result)"),
            m("Floor", "static decimal Floor(decimal d)", "static double Floor(double d)"),
            m("Log", "static double Log(double d)", "static double Log(double a, double newBase)"),
            m("Max", "static int Max(int val1, int val2)", "static long Max(long val1, long val2)", "static double Max(double val1, double val2)",
              "static decimal Max(decimal val1, decimal val2)"),
            m("Min", "static int Min(int val1, int val2)", "static long Min(long val1, long val2)", "static double Min(double val1, double val2)",
              "static decimal Min(decimal val1, decimal val2)"),
            m("Pow", "static double Pow(double x, double y)"),
            m("Round", "static decimal Round(decimal d)", "static decimal Round(decimal d, int decimals)", "static double Round(double a)",
              "static double Round(double value, int digits)", "static double Round(double value, System.MidpointRounding mode)",
              "static double Round(double value, int digits, System.MidpointRounding mode)"),
            m("Sign", "static int Sign(int value)", "static int Sign(long value)", "static int Sign(double value)", "static int Sign(decimal value)"),
            m("Truncate", "static decimal Truncate(decimal d)", "static double Truncate(double d)"),
            p("double", "E"), p("double", "PI"),
        ],
        "system.datetime": [
            m("DaysInMonth", "static int DaysInMonth(int year, int month)"),
            m("IsLeapYear", "static bool IsLeapYear(int year)"),
            m("Parse", "static datetime Parse(string s)", "static datetime Parse(string s, System.IFormatProvider provider)",
              "static datetime Parse(string s, System.IFormatProvider provider, System.Globalization.DateTimeStyles styles)"),
            m("ParseExact", "static datetime ParseExact(string s, string format, System.IFormatProvider provider)",
              "static datetime ParseExact(string s, string format, System.IFormatProvider provider, System.Globalization.DateTimeStyles style)"),
            p("datetime", "MaxValue"), p("datetime", "MinValue"), sp("datetime", "Now"), sp("datetime", "Today"), sp("datetime", "UtcNow"),
        ],
        "system.int32": [parse("int"), p("int", "MaxValue"), p("int", "MinValue")],
        "system.int64": [parse("long"), p("long", "MaxValue"), p("long", "MinValue")],
        "system.double": [
            m("IsInfinity", "static bool IsInfinity(double d)"), m("IsNaN", "static bool IsNaN(double d)"), parse("double"),
            p("double", "Epsilon"), p("double", "MaxValue"), p("double", "MinValue"), p("double", "NaN"),
            p("double", "NegativeInfinity"), p("double", "PositiveInfinity"),
        ],
        "system.guid": [
            m("NewGuid", "static guid NewGuid()"), m("Parse", "static guid Parse(string input)"), p("guid", "Empty"),
        ],
        "system.timespan": ["FromDays", "FromHours", "FromMilliseconds", "FromMinutes", "FromSeconds"].map {
            m($0, "static timespan \($0)(double value)")
        } + [
            m("Parse", "static timespan Parse(string s)", "static timespan Parse(string input, System.IFormatProvider formatProvider)"),
            p("timespan", "Zero"),
        ],
        "system.version": [m("Parse", "static version Parse(string input)")],
        "system.net.ipaddress": [
            m("Parse", "static ipaddress Parse(string ipString)"),
            m("TryParse", "static bool TryParse(string ipString, [ref] ipaddress address)"),
        ] + ["Any", "Broadcast", "IPv6Any", "IPv6Loopback", "Loopback", "None"].map { p("ipaddress", $0) },
        "system.char": ["IsDigit", "IsLetter", "IsLetterOrDigit", "IsLower", "IsPunctuation", "IsUpper", "IsWhiteSpace"].map {
            m($0, "static bool \($0)(char c)", "static bool \($0)(string s, int index)")
        } + [
            m("ToLower", "static char ToLower(char c)", "static char ToLower(char c, cultureinfo culture)"),
            m("ToUpper", "static char ToUpper(char c)", "static char ToUpper(char c, cultureinfo culture)"),
        ],
        "system.text.regularexpressions.regex": [
            m("Escape", "static string Escape(string str)"),
            m("IsMatch", "static bool IsMatch(string input, string pattern)",
              "static bool IsMatch(string input, string pattern, System.Text.RegularExpressions.RegexOptions options)"),
            m("Match", "static System.Text.RegularExpressions.Match Match(string input, string pattern)",
              "static System.Text.RegularExpressions.Match Match(string input, string pattern, System.Text.RegularExpressions.RegexOptions options)"),
            m("Matches", "static System.Text.RegularExpressions.MatchCollection Matches(string input, string pattern)",
              "static System.Text.RegularExpressions.MatchCollection Matches(string input, string pattern, System.Text.RegularExpressions.RegexOptions options)"),
            m("Replace", "static string Replace(string input, string pattern, string replacement)",
              "static string Replace(string input, string pattern, string replacement, System.Text.RegularExpressions.RegexOptions options)"),
            m("Split", "static string[] Split(string input, string pattern)",
              "static string[] Split(string input, string pattern, System.Text.RegularExpressions.RegexOptions options)"),
            m("Unescape", "static string Unescape(string str)"),
        ],
        "system.io.path": [
            m("ChangeExtension", "static string ChangeExtension(string path, string extension)"),
            m("Combine", "static string Combine(string path1, string path2)", "static string Combine(string path1, string path2, string path3)",
              "static string Combine(Params string[] paths)"),
            m("GetDirectoryName", "static string GetDirectoryName(string path)"),
            m("GetExtension", "static string GetExtension(string path)"),
            m("GetFileName", "static string GetFileName(string path)"),
            m("GetFileNameWithoutExtension", "static string GetFileNameWithoutExtension(string path)"),
            m("GetFullPath", "static string GetFullPath(string path)", "static string GetFullPath(string path, string basePath)"),
            m("GetRandomFileName", "static string GetRandomFileName()"),
            m("GetTempFileName", "static string GetTempFileName()"),
            m("GetTempPath", "static string GetTempPath()"),
            m("HasExtension", "static bool HasExtension(string path)"),
            m("IsPathRooted", "static bool IsPathRooted(string path)"),
            m("Join", "static string Join(string path1, string path2)", "static string Join(string path1, string path2, string path3)",
              "static string Join(Params string[] paths)"),
            p("char", "DirectorySeparatorChar"), p("char", "PathSeparator"),
        ],
        "system.io.file": [
            m("AppendAllText", "static void AppendAllText(string path, string contents)",
              "static void AppendAllText(string path, string contents, System.Text.Encoding encoding)"),
            m("Copy", "static void Copy(string sourceFileName, string destFileName)",
              "static void Copy(string sourceFileName, string destFileName, bool overwrite)"),
            m("Delete", "static void Delete(string path)"),
            m("Exists", "static bool Exists(string path)"),
            m("Move", "static void Move(string sourceFileName, string destFileName)",
              "static void Move(string sourceFileName, string destFileName, bool overwrite)"),
            m("ReadAllBytes", "static byte[] ReadAllBytes(string path)"),
            m("ReadAllLines", "static string[] ReadAllLines(string path)", "static string[] ReadAllLines(string path, System.Text.Encoding encoding)"),
            m("ReadAllText", "static string ReadAllText(string path)", "static string ReadAllText(string path, System.Text.Encoding encoding)"),
            m("WriteAllLines", "static void WriteAllLines(string path, string[] contents)",
              "static void WriteAllLines(string path, string[] contents, System.Text.Encoding encoding)"),
            m("WriteAllText", "static void WriteAllText(string path, string contents)",
              "static void WriteAllText(string path, string contents, System.Text.Encoding encoding)"),
        ],
        "system.io.directory": [
            m("CreateDirectory", "static System.IO.DirectoryInfo CreateDirectory(string path)"),
            m("Delete", "static void Delete(string path)", "static void Delete(string path, bool recursive)"),
            m("Exists", "static bool Exists(string path)"),
            m("GetCurrentDirectory", "static string GetCurrentDirectory()"),
            m("GetDirectories", "static string[] GetDirectories(string path)", "static string[] GetDirectories(string path, string searchPattern)"),
            m("GetFiles", "static string[] GetFiles(string path)", "static string[] GetFiles(string path, string searchPattern)"),
        ],
        "system.environment": [
            m("Exit", "static void Exit(int exitCode)"),
            m("GetEnvironmentVariable", "static string GetEnvironmentVariable(string variable)",
              "static string GetEnvironmentVariable(string variable, System.EnvironmentVariableTarget target)"),
            m("GetEnvironmentVariables", "static System.Collections.IDictionary GetEnvironmentVariables()",
              "static System.Collections.IDictionary GetEnvironmentVariables(System.EnvironmentVariableTarget target)"),
            m("GetFolderPath", "static string GetFolderPath(System.Environment+SpecialFolder folder)"),
            m("SetEnvironmentVariable", "static void SetEnvironmentVariable(string variable, string value)",
              "static void SetEnvironmentVariable(string variable, string value, System.EnvironmentVariableTarget target)"),
            sp("string", "CurrentDirectory", set: true), sp("bool", "Is64BitOperatingSystem"), sp("bool", "Is64BitProcess"),
            sp("string", "MachineName"), sp("string", "NewLine"), sp("System.OperatingSystem", "OSVersion"), sp("int", "ProcessId"),
            sp("int", "ProcessorCount"), sp("string", "StackTrace"), sp("int", "TickCount"), sp("long", "TickCount64"), sp("string", "UserName"),
        ],
        "system.convert": ["Boolean", "Byte", "Char", "Decimal", "Double", "Int16", "Int32", "Int64", "UInt32", "UInt64"].map {
            m("To" + $0, "static \(DotNetMemberCatalog.shortName("System." + $0)) To\($0)(System.Object value)",
              "static \(DotNetMemberCatalog.shortName("System." + $0)) To\($0)(string value)")
        } + [
            m("FromBase64String", "static byte[] FromBase64String(string s)"),
            m("ToBase64String", "static string ToBase64String(byte[] inArray)"),
            m("ToString", "static string ToString(System.Object value)", "static string ToString(int value, int toBase)",
              "static string ToString(long value, int toBase)"),
        ],
    ]
}
