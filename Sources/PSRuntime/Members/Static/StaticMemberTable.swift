/// The one description of the .NET static members scripts reach with `[Type]::Member`: each member
/// is declared once, with the definition `Get-Member -Static` shows next to the code that implements
/// it, so what is listed and what works cannot drift apart. The tables live in the files beside this
/// one, a file a family of types (numbers, text, time, files, system, utility classes).

/// A static method call as the table's code receives it.
struct StaticCall {
    /// The type it was called on (`[int]::Parse` and `[long]::Parse` share code).
    let type: PSType
    /// The method name as written, for error messages.
    let name: String
    let args: [PSValue]
    let session: ShellSession

    /// The argument at `index` as .NET would receive a string ("" when it is missing).
    func string(_ index: Int) -> String { index < args.count ? PSConvert.toString(args[index]) : "" }

    /// The argument at `index` as a double (0 when it is missing).
    func double(_ index: Int) throws -> Double { try PSConvert.toDouble(index < args.count ? args[index] : .int(0)) }

    /// .NET has no overload with this many arguments.
    func wrongCount() -> PSRuntimeError { Members.argCount(name, args.count) }

    /// The exception a .NET method throws, as PowerShell wraps it.
    func failure(_ message: String, id: String) -> PSRuntimeError { StringMethods.methodError(name, args, message, id: id) }
}

/// A static property: its type as Get-Member prints it and the code that reads (and rarely writes) it.
struct StaticProperty {
    let name: String
    let typeName: String
    let read: (ShellSession) throws -> PSValue
    var write: ((PSValue, ShellSession) throws -> Void)? = nil

    /// A constant is a .NET field: PowerShell's definition of one says `static`, of a property not
    /// (`static datetime MaxValue {get;}` but `datetime Now {get;}`).
    var isField = false

    var definition: String { "\(isField ? "static " : "")\(typeName) \(name) {get;\(write == nil ? "" : "set;")}" }
}

/// A static method: the overloads Get-Member lists and the code that answers every one of them
/// (nil from `call` means the method returns void).
struct StaticMethod {
    let name: String
    let overloads: [String]
    let call: (StaticCall) throws -> PSValue?

    var definition: String { overloads.joined(separator: ", ") }
}

/// The static surface of one .NET type.
struct StaticType {
    /// How the runtime keys the type: its full name, lowercased, without `System.` (`math`,
    /// `io.path`); more than one where PowerShell takes other spellings.
    let keys: [String]
    let properties: [StaticProperty]
    let methods: [StaticMethod]
    private let propertyByName: [String: StaticProperty]
    private let methodByName: [String: StaticMethod]

    init(keys: [String], properties: [StaticProperty] = [], methods: [StaticMethod] = []) {
        self.keys = keys
        self.properties = properties
        self.methods = methods
        propertyByName = Dictionary(properties.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        methodByName = Dictionary(methods.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    func property(_ lowercasedName: String) -> StaticProperty? { propertyByName[lowercasedName] }

    func method(_ lowercasedName: String) -> StaticMethod? { methodByName[lowercasedName] }
}

/// Shorthands the tables are written in.
extension StaticType {
    static func property(_ typeName: String, _ name: String, _ read: @escaping (ShellSession) throws -> PSValue) -> StaticProperty {
        StaticProperty(name: name, typeName: typeName, read: read)
    }

    /// A property whose value never changes.
    static func constant(_ typeName: String, _ name: String, _ value: PSValue) -> StaticProperty {
        StaticProperty(name: name, typeName: typeName, read: { _ in value }, isField: true)
    }

    static func method(_ name: String, _ overloads: String..., call: @escaping (StaticCall) throws -> PSValue?) -> StaticMethod {
        StaticMethod(name: name, overloads: overloads, call: call)
    }
}

/// What a static member means for a type: the registry of every table, and the enum types' surface.
enum StaticTypes {
    /// `System.IO.Path` → `io.path`; `[int]` → `int32`.
    static func key(_ type: PSType) -> String {
        let name = type.fullName.lowercased()
        return name.hasPrefix("system.") ? String(name.dropFirst(7)) : name
    }

    // The tables are built once and never change; their closures hold PSValue constants, which are
    // not Sendable, hence nonisolated(unsafe) here and on each family's table.
    nonisolated(unsafe) static let all: [StaticType] = numberTypes + textTypes + timeTypes + fileTypes + systemTypes
        + utilityTypes + tupleTypes + zoneTypes + runspaceTypes + stopwatchTypes + parserTypes + psParserTypes + linqTypes
        + credentialTypes + uriTypes + arrayTypes + bitConverterTypes + webUtilityTypes
        + activatorTypes + processTypes + bigIntegerTypes + semanticVersionTypes + marshalTypes + jsonObjectTypes
        + testHookTypes + typeAcceleratorTypes + languagePrimitivesTypes + psSerializerTypes

    private nonisolated(unsafe) static let byKey: [String: StaticType] = {
        var table: [String: StaticType] = [:]
        for type in all { for key in type.keys { table[key] = type } }
        return table
    }()

    /// The static surface of a type, nil when hvsh implements none.
    static func surface(of type: PSType) -> StaticType? {
        if case .enumType(let enumType) = type { return enumeration(enumType) }
        return byKey[key(type)]
    }

    /// Every enum: its values as properties, and Enum's GetNames/GetValues/Parse.
    static func enumeration(_ enumType: PSEnumType) -> StaticType {
        let typeName = enumType.fullName
        return StaticType(
            keys: [],
            // An enum's values are its constant fields.
            properties: enumType.memberNames.map { name in
                StaticType.constant(typeName, name, enumType.value(named: name).map { .enumValue($0) } ?? .null)
            },
            // System.Enum's statics, reached through the enum (`[Season]::IsDefined([Season], 3)`).
            methods: enumClassMethods)
    }
}

/// How Get-Member spells a type in a definition: C#'s keywords for the primitive types, the full
/// name for the rest.
public enum DefinitionTypeName {
    private static let keywords = [
        "System.String": "string", "System.Int32": "int", "System.Int64": "long", "System.Double": "double",
        "System.Boolean": "bool", "System.Char": "char", "System.Byte": "byte", "System.Decimal": "decimal",
        "System.Single": "float", "System.DateTime": "datetime", "System.TimeSpan": "timespan",
        "System.Collections.Hashtable": "hashtable", "System.Management.Automation.ScriptBlock": "scriptblock",
        "System.Version": "version", "System.Guid": "guid", "System.Net.IPAddress": "ipaddress",
        "System.Text.RegularExpressions.Regex": "regex", "System.Int16": "short", "System.UInt16": "ushort",
        "System.UInt32": "uint", "System.UInt64": "ulong", "System.SByte": "sbyte",
    ]

    public static func of(_ fullName: String) -> String { keywords[fullName] ?? fullName }
}
