/// System.Management.Automation.TypeAccelerators, which scripts reach through
/// `[psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')`: `::Get` (every
/// accelerator and its type, PowerShell's built-in ones on Unix and the session's own), `::Add(name,
/// type)` and `::Remove(name)`. The built-in table is PowerShell's (TypeResolver.cs, CoreTypes and the
/// utility types), in its order; a type hvsh models under another name resolves to that.
public enum TypeAccelerators {
    static let typeName = "System.Management.Automation.TypeAccelerators"

    static let builtin: [(name: String, type: String)] = {
        let sma = "System.Management.Automation."
        let cim = "Microsoft.Management.Infrastructure."
        var list: [(String, String)] = []
        func add(_ type: String, _ names: String...) { for n in names { list.append((n, type)) } }
        add(sma + "AliasAttribute", "Alias"); add(sma + "AllowEmptyCollectionAttribute", "AllowEmptyCollection")
        add(sma + "AllowEmptyStringAttribute", "AllowEmptyString"); add(sma + "AllowNullAttribute", "AllowNull")
        add(sma + "ArgumentCompleterAttribute", "ArgumentCompleter"); add(sma + "ArgumentCompletionsAttribute", "ArgumentCompletions")
        add("System.Array", "array"); add("System.Boolean", "bool"); add("System.Byte", "byte"); add("System.Char", "char")
        add(sma + "CmdletBindingAttribute", "CmdletBinding"); add("System.DateTime", "datetime"); add("System.Decimal", "decimal")
        add("System.Double", "double"); add(sma + "DscResourceAttribute", "DscResource"); add(sma + "ExperimentAction", "ExperimentAction")
        add(sma + "ExperimentalAttribute", "Experimental"); add(sma + "ExperimentalFeature", "ExperimentalFeature")
        add("System.Single", "float", "single"); add("System.Guid", "guid"); add("System.Collections.Hashtable", "hashtable")
        add("System.Int32", "int", "int32"); add("System.Int16", "short", "int16"); add("System.Int64", "long", "int64")
        add(cim + "CimInstance", "ciminstance"); add(cim + "CimClass", "cimclass"); add(cim + "CimType", "cimtype")
        add(cim + "CimConverter", "cimconverter"); add("System.Net.IPEndPoint", "IPEndpoint")
        add(sma + "Language.NoRunspaceAffinityAttribute", "NoRunspaceAffinity"); add(sma + "Language.NullString", "NullString")
        add(sma + "OutputTypeAttribute", "OutputType"); add("System.Security.AccessControl.ObjectSecurity", "ObjectSecurity")
        add("System.Collections.Specialized.OrderedDictionary", "ordered"); add(sma + "ParameterAttribute", "Parameter")
        add("System.Net.NetworkInformation.PhysicalAddress", "PhysicalAddress"); add(sma + "PSCredential", "pscredential")
        add(sma + "PSDefaultValueAttribute", "PSDefaultValue"); add(sma + "PSListModifier", "pslistmodifier")
        add(sma + "PSObject", "psobject", "pscustomobject"); add(sma + "PSPrimitiveDictionary", "psprimitivedictionary")
        add(sma + "PSReference", "ref"); add(sma + "PSTypeNameAttribute", "PSTypeNameAttribute")
        add("System.Text.RegularExpressions.Regex", "regex"); add(sma + "DscPropertyAttribute", "DscProperty")
        add("System.SByte", "sbyte"); add("System.String", "string"); add(sma + "SupportsWildcardsAttribute", "SupportsWildcards")
        add(sma + "SwitchParameter", "switch"); add("System.Globalization.CultureInfo", "cultureinfo")
        add("System.Numerics.BigInteger", "bigint"); add("System.Security.SecureString", "securestring")
        add("System.TimeSpan", "timespan"); add("System.UInt16", "ushort", "uint16"); add("System.UInt32", "uint", "uint32")
        add("System.UInt64", "ulong", "uint64"); add("System.Uri", "uri")
        for v in ["Count", "Drive", "Length", "NotNull", "NotNullOrEmpty", "NotNullOrWhiteSpace", "Pattern", "Range", "Script",
                  "Set", "TrustedData", "UserDrive"] {
            add(sma + "Validate\(v)Attribute", "Validate\(v)")
        }
        add("System.Version", "version"); add("System.Void", "void"); add("System.Net.IPAddress", "ipaddress")
        add(sma + "DscLocalConfigurationManagerAttribute", "DscLocalConfigurationManager")
        add(sma + "WildcardPattern", "WildcardPattern")
        add("System.Security.Cryptography.X509Certificates.X509Certificate", "X509Certificate")
        add("System.Security.Cryptography.X509Certificates.X500DistinguishedName", "X500DistinguishedName")
        add("System.Xml.XmlDocument", "xml"); add(cim + "CimSession", "CimSession"); add("System.Net.Mail.MailAddress", "mailaddress")
        add(sma + "SemanticVersion", "semver")
        add(sma + "ScriptBlock", "scriptblock"); add("Microsoft.PowerShell.Commands.PSPropertyExpression", "pspropertyexpression")
        add(sma + "PSVariable", "psvariable"); add("System.Type", "type"); add(sma + "PSModuleInfo", "psmoduleinfo")
        add(sma + "PowerShell", "powershell"); add(sma + "Runspaces.RunspaceFactory", "runspacefactory")
        add(sma + "Runspaces.Runspace", "runspace"); add(sma + "Runspaces.InitialSessionState", "initialsessionstate")
        for m in ["PSScriptMethod", "PSScriptProperty", "PSNoteProperty", "PSAliasProperty", "PSVariableProperty"] {
            add(sma + m, m.lowercased())
        }
        return list
    }()

    /// Full names of the built-in accelerators' types, lowercased, for types hvsh knows by name only.
    static let fullNames: [String: String] = Dictionary(builtin.map { ($0.type.lowercased(), $0.type) }, uniquingKeysWith: { a, _ in a })
    static let byName: [String: String] = Dictionary(builtin.map { ($0.name.lowercased(), $0.type) }, uniquingKeysWith: { a, _ in a })

    /// The type an accelerator's full name stands for: the runtime's own model when it has one.
    static func type(_ fullName: String, _ types: TypeRegistry) -> PSType {
        // [pscustomobject] is PSObject in the table.
        if fullName == "System.Management.Automation.PSObject" { return .psObject }
        return types.resolve(fullName) ?? .named(fullName)
    }

    /// `::Get`: a Dictionary[string,Type] of the built-in accelerators, then the session's.
    static func all(_ types: TypeRegistry) -> PSValue {
        let table = PSHashtable.dictionary(.string, .type, ignoreCase: true)
        for (name, type) in builtin { table[.string(name)] = .type(self.type(type, types)) }
        for (name, type) in types.userAccelerators { table[.string(name)] = .type(type) }
        return .hashtable(table)
    }
}

extension StaticTypes {
    nonisolated(unsafe) static let typeAcceleratorTypes: [StaticType] = [
        StaticType(keys: ["management.automation.typeaccelerators"], properties: [
            StaticType.property("System.Collections.Generic.Dictionary[string,type]", "Get") { session in TypeAccelerators.all(session.types) },
        ], methods: [
            StaticType.method("Add", "static void Add(string typeName, type type)") { call in
                guard call.args.count == 2 else { throw call.wrongCount() }
                guard case .type(let type) = call.args[1].unwrapped else { throw PSConvert.cannotConvert(call.args[1], to: .type) }
                call.session.types.addAccelerator(call.string(0), type)
                return nil
            },
            StaticType.method("Remove", "static bool Remove(string typeName)") { call in
                guard call.args.count == 1 else { throw call.wrongCount() }
                return .bool(call.session.types.removeAccelerator(call.string(0)))
            },
        ]),
    ]
}
