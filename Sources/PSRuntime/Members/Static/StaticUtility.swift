/// StringComparer, WildcardPattern, CultureInfo and the null singletons (DBNull, NullString,
/// AutomationNull); their objects and rules are in UtilityTypes and CultureInfoObjects.
extension StaticTypes {
    nonisolated(unsafe) static let utilityTypes: [StaticType] = [
        StaticType(keys: [key(.named(UtilityTypes.stringComparer))],
                   // A fresh object each read, as before the table: a shared one would carry one
                   // session's Add-Member into every other session of the process.
                   properties: UtilityTypes.StringComparerKind.allCases.map { kind in
                       StaticType.property(UtilityTypes.stringComparer, kind.rawValue) { _ in .object(kind.object) }
                   }),
        StaticType(keys: [key(.named(UtilityTypes.wildcardPattern))], methods: wildcardPatternMethods),
        StaticType(keys: [key(.named(CultureInfoObjects.typeName))], properties: cultureProperties, methods: cultureMethods),
        StaticType(keys: [key(.named(UtilityTypes.dbNull))],
                   properties: [StaticType.constant(UtilityTypes.dbNull, "Value", .object(UtilityTypes.dbNullValue))]),
        StaticType(keys: [key(.named(UtilityTypes.nullString))],
                   properties: [StaticType.property(UtilityTypes.nullString, "Value") { _ in .object(UtilityTypes.nullStringValue) }]),
        // AutomationNull.Value is the "no output" value, which scripts see as $null.
        StaticType(keys: [key(.named(UtilityTypes.automationNull))], properties: [StaticType.constant("psobject", "Value", .null)]),
    ]

    private nonisolated(unsafe) static let wildcardPatternMethods: [StaticMethod] = [
        StaticType.method("ContainsWildcardCharacters", "static bool ContainsWildcardCharacters(string pattern)") { call in
            .bool(UtilityTypes.containsWildcard(try onlyString(call)))
        },
        StaticType.method("Escape", "static string Escape(string pattern)") { call in
            .string(UtilityTypes.escape(try onlyString(call)))
        },
        StaticType.method("Get", "static \(UtilityTypes.wildcardPattern) Get(string pattern, System.Management.Automation.WildcardOptions options)") { call in
            guard call.args.count == 2 else { throw call.wrongCount() }
            return try UtilityTypes.construct(call.type, call.args)
        },
        StaticType.method("Unescape", "static string Unescape(string pattern)") { call in
            .string(UtilityTypes.unescape(try onlyString(call)))
        },
    ]

    /// The one string argument WildcardPattern's text methods take.
    private static func onlyString(_ call: StaticCall) throws -> String {
        guard call.args.count == 1 else { throw call.wrongCount() }
        return PSConvert.toString(call.args[0])
    }

    /// The session's current culture and UI culture (hvsh has one thread, so the thread's and the
    /// default thread's are the same), both writable as in PowerShell 7, and the invariant one.
    private nonisolated(unsafe) static let cultureProperties: [StaticProperty] = [
        StaticProperty(name: "CurrentCulture", typeName: CultureInfoObjects.typeName,
                       read: { .object($0.currentCulture) },
                       write: { v, s in s.currentCulture = try CultureInfoObjects.assignable(v, property: "CurrentCulture") }),
        StaticProperty(name: "CurrentUICulture", typeName: CultureInfoObjects.typeName,
                       read: { .object($0.currentUICulture) },
                       write: { v, s in s.currentUICulture = try CultureInfoObjects.assignable(v, property: "CurrentUICulture") }),
        StaticProperty(name: "DefaultThreadCurrentCulture", typeName: CultureInfoObjects.typeName,
                       read: { .object($0.currentCulture) },
                       write: { v, s in s.currentCulture = try CultureInfoObjects.assignable(v, property: "DefaultThreadCurrentCulture") }),
        StaticProperty(name: "DefaultThreadCurrentUICulture", typeName: CultureInfoObjects.typeName,
                       read: { .object($0.currentUICulture) },
                       write: { v, s in s.currentUICulture = try CultureInfoObjects.assignable(v, property: "DefaultThreadCurrentUICulture") }),
        StaticType.property(CultureInfoObjects.typeName, "InvariantCulture") { _ in .object(CultureInfoObjects.object(CultureInfoObjects.all[0])) },
    ]

    private nonisolated(unsafe) static let cultureMethods: [StaticMethod] = [
        StaticType.method("CreateSpecificCulture", "static \(CultureInfoObjects.typeName) CreateSpecificCulture(string name)") { call in
            try namedCulture(call)
        },
        StaticType.method("GetCultureInfo", "static \(CultureInfoObjects.typeName) GetCultureInfo(string name)") { call in
            try namedCulture(call, readOnly: true)
        },
        StaticType.method("GetCultures", "static \(CultureInfoObjects.typeName)[] GetCultures(System.Globalization.CultureTypes types)") { _ in
            .array(PSArray(CultureInfoObjects.all.map { .object(CultureInfoObjects.object($0, readOnly: false)) }))
        },
    ]

    private static func namedCulture(_ call: StaticCall, readOnly: Bool = false) throws -> PSValue {
        guard call.args.count == 1 else { throw call.wrongCount() }
        return .object(try CultureInfoObjects.culture(named: PSConvert.toString(call.args[0]), method: call.name, readOnly: readOnly))
    }
}
