// What Get-Member lists for values that are not PSObjects: the .NET members of strings, numbers,
// collections, dates and the other built-in value kinds, with the definitions PowerShell prints
// (overloads joined by ", ", short type names such as `string` and `datetime`).
//
// Only members the runtime really implements are listed (Sources/PSRuntime/Members), so everything
// Get-Member shows can be called; `MemberCatalogTests` checks that.

import PSRuntime

struct CatalogMember {
    let name: String
    let memberType: String
    let definition: String
}

enum DotNetMemberCatalog {
    /// The members of a value's .NET type, nil for kinds the catalog does not describe.
    static func members(of v: PSValue) -> [CatalogMember]? {
        switch v {
        case .string: return string
        case .int: return numeric("int")
        case .long: return numeric("long")
        case .double: return numeric("double")
        case .single: return numeric("float")
        case .decimal: return numeric("decimal")
        case .byte: return numeric("byte")
        case .sbyte: return numeric("sbyte")
        case .int16: return numeric("short")
        case .uint16: return numeric("ushort")
        case .uint32: return numeric("uint")
        case .uint64: return numeric("ulong")
        case .bool: return boolean
        case .char: return character
        case .array(let a):
            switch a.kind {
            case .objectArray, .typed: return array(element: a.kind == .objectArray ? "System.Object" : elementName(a))
            case .arrayList: return list(element: "System.Object", generic: false)
            case .genericList, .collection, .hashSet: return list(element: elementName(a), generic: true)
            case .enumerator: return list(element: "System.Object", generic: false)
            case .queue, .stack: return nil
            }
        case .hashtable(let h): return h.isOrdered ? orderedDictionary : hashtable
        case .dateTime: return dateTime
        case .timeSpan: return timeSpan
        case .scriptBlock: return scriptBlock
        case .version: return version
        case .ipAddress: return ipAddress
        case .regex: return regex
        case .enumValue(let e): return enumeration(e.type.fullName)
        case .switchValue: return switchParameter
        case .guid: return guid
        default: return nil
        }
    }

    private static func elementName(_ a: PSArray) -> String {
        let full = a.typeFullName
        if full.hasSuffix("[]") { return shortName(String(full.dropLast(2))) }
        if let open = full.firstIndex(of: "["), full.hasSuffix("]") {
            return shortName(String(full[full.index(after: open)..<full.index(before: full.endIndex)]))
        }
        return "System.Object"
    }

    /// PowerShell's short names for common types in member definitions.
    /// How Get-Member spells a type in a definition (one table, shared with the static members).
    static func shortName(_ full: String) -> String { DefinitionTypeName.of(full) }

    private static func m(_ name: String, _ overloads: String...) -> CatalogMember {
        CatalogMember(name: name, memberType: "Method", definition: overloads.joined(separator: ", "))
    }

    private static func p(_ type: String, _ name: String, set: Bool = false) -> CatalogMember {
        CatalogMember(name: name, memberType: "Property", definition: "\(type) \(name) {get;\(set ? "set;" : "")}")
    }

    private static let getType = m("GetType", "type GetType()")
    private static let getHashCode = m("GetHashCode", "int GetHashCode()")

    private static func comparable(_ t: String, equalsParameter: String = "obj") -> [CatalogMember] {
        [m("CompareTo", "int CompareTo(System.Object value)", "int CompareTo(\(t) value)",
           "int IComparable.CompareTo(System.Object obj)", "int IComparable[\(t)].CompareTo(\(t) other)"),
         m("Equals", "bool Equals(System.Object obj)", "bool Equals(\(t) \(equalsParameter))",
           "bool IEquatable[\(t)].Equals(\(t) other)"),
         getHashCode, getType]
    }

    private static let formattableToString = m("ToString", "string ToString()", "string ToString(string format)",
                                               "string ToString(System.IFormatProvider provider)",
                                               "string ToString(string format, System.IFormatProvider provider)",
                                               "string IFormattable.ToString(string format, System.IFormatProvider formatProvider)",
                                               "string IConvertible.ToString(System.IFormatProvider provider)")

    static func numeric(_ t: String) -> [CatalogMember] { comparable(t) + [formattableToString] }

    static let boolean: [CatalogMember] = comparable("bool") + [
        m("ToString", "string ToString()", "string ToString(System.IFormatProvider provider)",
          "string IConvertible.ToString(System.IFormatProvider provider)"),
    ]

    static let character: [CatalogMember] = comparable("char") + [
        m("ToString", "string ToString()", "string ToString(System.IFormatProvider provider)",
          "string IConvertible.ToString(System.IFormatProvider provider)"),
    ]

    static let string: [CatalogMember] = [
        m("Clone", "System.Object Clone()", "System.Object ICloneable.Clone()"),
        m("CompareTo", "int CompareTo(System.Object value)", "int CompareTo(string strB)",
          "int IComparable.CompareTo(System.Object obj)", "int IComparable[string].CompareTo(string other)"),
        m("Contains", "bool Contains(string value)", "bool Contains(string value, System.StringComparison comparisonType)",
          "bool Contains(char value)", "bool Contains(char value, System.StringComparison comparisonType)"),
        m("EndsWith", "bool EndsWith(string value)", "bool EndsWith(string value, System.StringComparison comparisonType)",
          "bool EndsWith(string value, bool ignoreCase, cultureinfo culture)", "bool EndsWith(char value)"),
        m("Equals", "bool Equals(System.Object obj)", "bool Equals(string value)",
          "bool Equals(string value, System.StringComparison comparisonType)", "bool IEquatable[string].Equals(string other)"),
        m("GetEnumerator", "System.CharEnumerator GetEnumerator()",
          "System.Collections.IEnumerator IEnumerable.GetEnumerator()",
          "System.Collections.Generic.IEnumerator[char] IEnumerable[char].GetEnumerator()"),
        m("GetHashCode", "int GetHashCode()", "int GetHashCode(System.StringComparison comparisonType)"),
        getType,
        m("IndexOf", "int IndexOf(char value)", "int IndexOf(char value, int startIndex)",
          "int IndexOf(char value, System.StringComparison comparisonType)", "int IndexOf(char value, int startIndex, int count)",
          "int IndexOf(string value)", "int IndexOf(string value, int startIndex)",
          "int IndexOf(string value, int startIndex, int count)", "int IndexOf(string value, System.StringComparison comparisonType)",
          "int IndexOf(string value, int startIndex, System.StringComparison comparisonType)",
          "int IndexOf(string value, int startIndex, int count, System.StringComparison comparisonType)"),
        m("IndexOfAny", "int IndexOfAny(char[] anyOf)", "int IndexOfAny(char[] anyOf, int startIndex)",
          "int IndexOfAny(char[] anyOf, int startIndex, int count)"),
        m("Insert", "string Insert(int startIndex, string value)"),
        m("IsNormalized", "bool IsNormalized()", "bool IsNormalized(System.Text.NormalizationForm normalizationForm)"),
        m("LastIndexOf", "int LastIndexOf(char value)", "int LastIndexOf(char value, int startIndex)",
          "int LastIndexOf(char value, int startIndex, int count)", "int LastIndexOf(string value)",
          "int LastIndexOf(string value, int startIndex)", "int LastIndexOf(string value, int startIndex, int count)",
          "int LastIndexOf(string value, System.StringComparison comparisonType)",
          "int LastIndexOf(string value, int startIndex, System.StringComparison comparisonType)",
          "int LastIndexOf(string value, int startIndex, int count, System.StringComparison comparisonType)"),
        m("Normalize", "string Normalize()", "string Normalize(System.Text.NormalizationForm normalizationForm)"),
        m("PadLeft", "string PadLeft(int totalWidth)", "string PadLeft(int totalWidth, char paddingChar)"),
        m("PadRight", "string PadRight(int totalWidth)", "string PadRight(int totalWidth, char paddingChar)"),
        m("Remove", "string Remove(int startIndex, int count)", "string Remove(int startIndex)"),
        m("Replace", "string Replace(string oldValue, string newValue, bool ignoreCase, cultureinfo culture)",
          "string Replace(string oldValue, string newValue, System.StringComparison comparisonType)",
          "string Replace(char oldChar, char newChar)", "string Replace(string oldValue, string newValue)"),
        m("Split", "string[] Split(char separator, System.StringSplitOptions options)",
          "string[] Split(char separator, int count, System.StringSplitOptions options)",
          "string[] Split(Params char[] separator)", "string[] Split(char[] separator, int count)",
          "string[] Split(char[] separator, System.StringSplitOptions options)",
          "string[] Split(char[] separator, int count, System.StringSplitOptions options)",
          "string[] Split(string separator, System.StringSplitOptions options)",
          "string[] Split(string separator, int count, System.StringSplitOptions options)",
          "string[] Split(string[] separator, System.StringSplitOptions options)",
          "string[] Split(string[] separator, int count, System.StringSplitOptions options)"),
        m("StartsWith", "bool StartsWith(string value)", "bool StartsWith(string value, System.StringComparison comparisonType)",
          "bool StartsWith(string value, bool ignoreCase, cultureinfo culture)", "bool StartsWith(char value)"),
        m("Substring", "string Substring(int startIndex)", "string Substring(int startIndex, int length)"),
        m("ToCharArray", "char[] ToCharArray()", "char[] ToCharArray(int startIndex, int length)"),
        m("ToLower", "string ToLower()", "string ToLower(cultureinfo culture)"),
        m("ToLowerInvariant", "string ToLowerInvariant()"),
        m("ToString", "string ToString()", "string ToString(System.IFormatProvider provider)",
          "string IConvertible.ToString(System.IFormatProvider provider)"),
        m("ToUpper", "string ToUpper()", "string ToUpper(cultureinfo culture)"),
        m("ToUpperInvariant", "string ToUpperInvariant()"),
        m("Trim", "string Trim()", "string Trim(char trimChar)", "string Trim(Params char[] trimChars)"),
        m("TrimEnd", "string TrimEnd()", "string TrimEnd(char trimChar)", "string TrimEnd(Params char[] trimChars)"),
        m("TrimStart", "string TrimStart()", "string TrimStart(char trimChar)", "string TrimStart(Params char[] trimChars)"),
        CatalogMember(name: "Chars", memberType: "ParameterizedProperty", definition: "char Chars(int index) {get;}"),
        p("int", "Length"),
    ]

    static func array(element e: String) -> [CatalogMember] {
        [
            m("Add", "int IList.Add(System.Object value)"),
            m("Clear", "void IList.Clear()"),
            m("Clone", "System.Object Clone()", "System.Object ICloneable.Clone()"),
            m("Contains", "bool IList.Contains(System.Object value)"),
            m("Equals", "bool Equals(System.Object obj)"),
            m("Get", "\(e) Get(int )"),
            m("GetEnumerator", "System.Collections.IEnumerator GetEnumerator()",
              "System.Collections.IEnumerator IEnumerable.GetEnumerator()"),
            getHashCode, getType,
            m("IndexOf", "int IList.IndexOf(System.Object value)"),
            m("Insert", "void IList.Insert(int index, System.Object value)"),
            m("Remove", "void IList.Remove(System.Object value)"),
            m("RemoveAt", "void IList.RemoveAt(int index)"),
            m("Set", "void Set(int , \(e) )"),
            m("ToString", "string ToString()"),
            CatalogMember(name: "Item", memberType: "ParameterizedProperty",
                          definition: "System.Object IList.Item(int index) {get;set;}"),
            p("int", "Count"), p("bool", "IsFixedSize"), p("bool", "IsReadOnly"), p("bool", "IsSynchronized"),
            p("int", "Length"), p("long", "LongLength"), p("int", "Rank"), p("System.Object", "SyncRoot"),
        ]
    }

    static func list(element e: String, generic: Bool) -> [CatalogMember] {
        let col = generic ? "System.Collections.Generic.IEnumerable[\(e)] collection" : "System.Collections.ICollection c"
        return [
            m("Add", generic ? "void Add(\(e) item)" : "int Add(System.Object value)"),
            m("AddRange", "void AddRange(\(col))"),
            m("Clear", "void Clear()"),
            m("Contains", generic ? "bool Contains(\(e) item)" : "bool Contains(System.Object item)"),
            m("Equals", "bool Equals(System.Object obj)"),
            m("GetEnumerator", generic ? "System.Collections.Generic.List`1+Enumerator[\(e)] GetEnumerator()"
                                       : "System.Collections.IEnumerator GetEnumerator()"),
            getHashCode,
            m("GetRange", generic ? "System.Collections.Generic.List[\(e)] GetRange(int index, int count)"
                                  : "System.Collections.ArrayList GetRange(int index, int count)"),
            getType,
            m("IndexOf", generic ? "int IndexOf(\(e) item)" : "int IndexOf(System.Object value)"),
            m("Insert", generic ? "void Insert(int index, \(e) item)" : "void Insert(int index, System.Object value)"),
            m("LastIndexOf", generic ? "int LastIndexOf(\(e) item)" : "int LastIndexOf(System.Object value)"),
            m("Remove", generic ? "bool Remove(\(e) item)" : "void Remove(System.Object obj)"),
            m("RemoveAt", "void RemoveAt(int index)"),
            m("RemoveRange", "void RemoveRange(int index, int count)"),
            m("Reverse", "void Reverse()"),
            m("Sort", "void Sort()"),
            m("ToArray", generic ? "\(e)[] ToArray()" : "System.Object[] ToArray()"),
            m("ToString", "string ToString()"),
            CatalogMember(name: "Item", memberType: "ParameterizedProperty",
                          definition: generic ? "\(e) Item(int index) {get;set;}" : "System.Object Item(int index) {get;set;}"),
            p("int", "Count"),
        ] + (generic ? [] : [p("bool", "IsFixedSize"), p("bool", "IsReadOnly"), p("bool", "IsSynchronized"), p("System.Object", "SyncRoot")])
    }

    /// What Hashtable and OrderedDictionary both have: IDictionary's members.
    private static let dictionary: [CatalogMember] = [
        m("Add", "void Add(System.Object key, System.Object value)", "void IDictionary.Add(System.Object key, System.Object value)"),
        m("Clear", "void Clear()", "void IDictionary.Clear()"),
        m("Contains", "bool Contains(System.Object key)", "bool IDictionary.Contains(System.Object key)"),
        m("Equals", "bool Equals(System.Object obj)"),
        m("GetEnumerator", "System.Collections.IDictionaryEnumerator GetEnumerator()",
          "System.Collections.IDictionaryEnumerator IDictionary.GetEnumerator()",
          "System.Collections.IEnumerator IEnumerable.GetEnumerator()"),
        getHashCode, getType,
        m("Remove", "void Remove(System.Object key)", "void IDictionary.Remove(System.Object key)"),
        m("ToString", "string ToString()"),
        p("int", "Count"), p("bool", "IsReadOnly"), p("System.Collections.ICollection", "Keys"),
        p("System.Collections.ICollection", "Values"),
    ]

    static let hashtable: [CatalogMember] = dictionary + [
        m("Clone", "System.Object Clone()", "System.Object ICloneable.Clone()"),
        m("ContainsKey", "bool ContainsKey(System.Object key)"),
        m("ContainsValue", "bool ContainsValue(System.Object value)"),
        CatalogMember(name: "Item", memberType: "ParameterizedProperty", definition: "System.Object Item(System.Object key) {get;set;}"),
        p("bool", "IsFixedSize"), p("bool", "IsSynchronized"), p("System.Object", "SyncRoot"),
    ]

    static let orderedDictionary: [CatalogMember] = dictionary + [
        CatalogMember(name: "Item", memberType: "ParameterizedProperty",
                      definition: "System.Object Item(int index) {get;set;}, System.Object Item(System.Object key) {get;set;}"),
        // OrderedDictionary is an ICollection too: PowerShell lists these three for it as for Hashtable.
        p("bool", "IsFixedSize"), p("bool", "IsSynchronized"), p("System.Object", "SyncRoot"),
    ]

    static let dateTime: [CatalogMember] = [
        m("Add", "datetime Add(timespan value)"),
        m("AddDays", "datetime AddDays(double value)"),
        m("AddHours", "datetime AddHours(double value)"),
        m("AddMilliseconds", "datetime AddMilliseconds(double value)"),
        m("AddMinutes", "datetime AddMinutes(double value)"),
        m("AddMonths", "datetime AddMonths(int months)"),
        m("AddSeconds", "datetime AddSeconds(double value)"),
        m("AddTicks", "datetime AddTicks(long value)"),
        m("AddYears", "datetime AddYears(int value)"),
        m("CompareTo", "int CompareTo(System.Object value)", "int CompareTo(datetime value)",
          "int IComparable.CompareTo(System.Object obj)", "int IComparable[datetime].CompareTo(datetime other)"),
        m("Equals", "bool Equals(System.Object value)", "bool Equals(datetime value)", "bool IEquatable[datetime].Equals(datetime other)"),
        getHashCode, getType,
        m("IsDaylightSavingTime", "bool IsDaylightSavingTime()"),
        m("Subtract", "timespan Subtract(datetime value)", "datetime Subtract(timespan value)"),
        m("ToFileTime", "long ToFileTime()"),
        m("ToFileTimeUtc", "long ToFileTimeUtc()"),
        m("ToLocalTime", "datetime ToLocalTime()"),
        m("ToLongDateString", "string ToLongDateString()"),
        m("ToLongTimeString", "string ToLongTimeString()"),
        m("ToShortDateString", "string ToShortDateString()"),
        m("ToShortTimeString", "string ToShortTimeString()"),
        formattableToString,
        m("ToUniversalTime", "datetime ToUniversalTime()"),
        p("datetime", "Date"), p("int", "Day"), p("System.DayOfWeek", "DayOfWeek"), p("int", "DayOfYear"), p("int", "Hour"),
        p("System.DateTimeKind", "Kind"), p("int", "Microsecond"), p("int", "Millisecond"), p("int", "Minute"), p("int", "Month"),
        p("int", "Nanosecond"), p("int", "Second"), p("long", "Ticks"), p("timespan", "TimeOfDay"), p("int", "Year"),
        CatalogMember(name: "DateTime", memberType: "ScriptProperty",
                      definition: "System.Object DateTime {get=$this.ToLongDateString() + ' ' + $this.ToLongTimeString();}"),
    ]

    static let timeSpan: [CatalogMember] = [
        m("Add", "timespan Add(timespan ts)"),
        m("CompareTo", "int CompareTo(System.Object value)", "int CompareTo(timespan value)",
          "int IComparable.CompareTo(System.Object obj)", "int IComparable[timespan].CompareTo(timespan other)"),
        m("Duration", "timespan Duration()"),
        m("Equals", "bool Equals(System.Object value)", "bool Equals(timespan obj)", "bool IEquatable[timespan].Equals(timespan other)"),
        getHashCode, getType,
        m("Negate", "timespan Negate()"),
        m("Subtract", "timespan Subtract(timespan ts)"),
        m("ToString", "string ToString()", "string ToString(string format)",
          "string ToString(string format, System.IFormatProvider formatProvider)",
          "string IFormattable.ToString(string format, System.IFormatProvider formatProvider)"),
        p("int", "Days"), p("int", "Hours"), p("int", "Microseconds"), p("int", "Milliseconds"), p("int", "Minutes"),
        p("int", "Nanoseconds"), p("int", "Seconds"), p("long", "Ticks"), p("double", "TotalDays"), p("double", "TotalHours"),
        p("double", "TotalMicroseconds"), p("double", "TotalMilliseconds"), p("double", "TotalMinutes"),
        p("double", "TotalNanoseconds"), p("double", "TotalSeconds"),
    ]

    static let scriptBlock: [CatalogMember] = [
        m("CheckRestrictedLanguage", "void CheckRestrictedLanguage(System.Collections.Generic.IEnumerable[string] allowedCommands, System.Collections.Generic.IEnumerable[string] allowedVariables, bool allowEnvironmentVariables)"),
        m("Equals", "bool Equals(System.Object obj)"), getHashCode,
        m("GetNewClosure", "scriptblock GetNewClosure()"),
        getType,
        m("Invoke", "System.Collections.ObjectModel.Collection[psobject] Invoke(Params System.Object[] args)"),
        m("InvokeReturnAsIs", "System.Object InvokeReturnAsIs(Params System.Object[] args)"),
        m("ToString", "string ToString()"),
        p("System.Management.Automation.Language.Ast", "Ast"), p("string", "File"),
    ]

    static let version: [CatalogMember] = [
        m("CompareTo", "int CompareTo(System.Object version)", "int CompareTo(version value)",
          "int IComparable.CompareTo(System.Object obj)", "int IComparable[version].CompareTo(version other)"),
        m("Equals", "bool Equals(System.Object obj)", "bool Equals(version obj)", "bool IEquatable[version].Equals(version other)"),
        getHashCode, getType,
        m("ToString", "string ToString()", "string ToString(int fieldCount)",
          "string IFormattable.ToString(string format, System.IFormatProvider formatProvider)"),
        p("int", "Build"), p("int", "Major"), p("int", "Minor"), p("int", "Revision"),
    ]

    static let ipAddress: [CatalogMember] = [
        m("Equals", "bool Equals(System.Object comparand)"),
        m("GetAddressBytes", "byte[] GetAddressBytes()"),
        getHashCode, getType,
        m("ToString", "string ToString()"),
        p("System.Net.Sockets.AddressFamily", "AddressFamily"), p("bool", "IsIPv4MappedToIPv6"), p("bool", "IsIPv6LinkLocal"),
        CatalogMember(name: "IPAddressToString", memberType: "ScriptProperty", definition: "System.Object IPAddressToString {get=$this.Tostring();}"),
    ]

    static let regex: [CatalogMember] = [
        m("Equals", "bool Equals(System.Object obj)"), getHashCode, getType,
        m("IsMatch", "bool IsMatch(string input)", "bool IsMatch(string input, int startat)"),
        m("Match", "System.Text.RegularExpressions.Match Match(string input)",
          "System.Text.RegularExpressions.Match Match(string input, int startat)"),
        m("Matches", "System.Text.RegularExpressions.MatchCollection Matches(string input)",
          "System.Text.RegularExpressions.MatchCollection Matches(string input, int startat)"),
        m("Replace", "string Replace(string input, string replacement)", "string Replace(string input, string replacement, int count)"),
        m("Split", "string[] Split(string input)", "string[] Split(string input, int count)"),
        m("ToString", "string ToString()"),
        p("System.Text.RegularExpressions.RegexOptions", "Options"),
    ]

    static func enumeration(_ t: String) -> [CatalogMember] {
        [m("CompareTo", "int CompareTo(System.Object target)", "int IComparable.CompareTo(System.Object obj)"),
         m("Equals", "bool Equals(System.Object obj)"), getHashCode, getType,
         m("HasFlag", "bool HasFlag(System.Enum flag)"),
         m("ToString", "string ToString()", "string ToString(string format)"),
         CatalogMember(name: "value__", memberType: "Property", definition: "\(enumUnderlying) value__ {get;set;}")]
    }

    private static let enumUnderlying = "int"

    static let switchParameter: [CatalogMember] = [
        m("Equals", "bool Equals(System.Object obj)"), getHashCode, getType,
        m("ToString", "string ToString()"),
        p("bool", "IsPresent"),
    ]

    static let guid: [CatalogMember] = [
        m("CompareTo", "int CompareTo(System.Object value)", "int CompareTo(guid value)",
          "int IComparable.CompareTo(System.Object obj)", "int IComparable[guid].CompareTo(guid other)"),
        m("Equals", "bool Equals(System.Object o)", "bool Equals(guid g)", "bool IEquatable[guid].Equals(guid other)"),
        getHashCode, getType,
        m("ToString", "string ToString()", "string ToString(string format)", "string ToString(string format, System.IFormatProvider provider)",
          "string IFormattable.ToString(string format, System.IFormatProvider provider)"),
    ]
}
