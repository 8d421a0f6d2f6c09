/// The two ways a type turns into text. PowerShell's string conversion (`"$([int])"`, `[string]$t`,
/// `-join`) uses ToStringCodeMethods.Type: a built-in accelerator's name where there is one (`int`,
/// `hashtable`, `psobject`), generic arguments in brackets (`System.Collections.Generic.List[string]`)
/// and `[]` for arrays. `Type.ToString()`, which formatting shows, is .NET's own text
/// (`System.Collections.Generic.List`1[System.String]`).
public enum TypeDisplayNames {
    /// The string conversion's name of a type with this full name.
    public static func powerShellName(_ fullName: String) -> String {
        if fullName.hasSuffix("[]") { return powerShellName(String(fullName.dropLast(2))) + "[]" }
        if let tick = fullName.firstIndex(of: "`"), let open = fullName[tick...].firstIndex(of: "["), fullName.hasSuffix("]") {
            let arguments = genericArguments(String(fullName[open...]))
            return String(fullName[..<tick]) + "[" + arguments.map(powerShellName).joined(separator: ",") + "]"
        }
        if fullName == "System.Management.Automation.PSCustomObject" { return "PSCustomObject" }
        return acceleratorOf[fullName.lowercased()] ?? fullName
    }

    /// .NET's Type.ToString(): generic arguments as `[A,B]` (the full name nests each in brackets).
    public static func dotNetName(_ fullName: String) -> String {
        guard let tick = fullName.firstIndex(of: "`"), let open = fullName[tick...].firstIndex(of: "["), fullName.hasSuffix("]") else {
            return fullName
        }
        let arguments = genericArguments(String(fullName[open...]))
        return String(fullName[..<open]) + "[" + arguments.map(dotNetName).joined(separator: ",") + "]"
    }

    /// `[[A],[B`1[[C]]]]` or `[A,B]` → `A`, `B`1[[C]]`: the top-level arguments of a generic type.
    static func genericArguments(_ list: String) -> [String] {
        let inner = Array(list.dropFirst().dropLast())
        var out: [String] = [], depth = 0, current = ""
        for c in inner {
            if c == "[" { depth += 1; if depth == 1 { continue } }
            if c == "]" { depth -= 1; if depth == 0 { continue } }
            if c == "," && depth == 0 {
                out.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue
            }
            current.append(c)
        }
        if !current.isEmpty { out.append(current.trimmingCharacters(in: .whitespaces)) }
        // An assembly-qualified argument (`System.String, System.Private.CoreLib, ...`) names its type first.
        return out.map { $0.split(separator: ",", maxSplits: 1).first.map(String.init) ?? $0 }
    }

    /// Built-in accelerators by the full name of their type; where a type has several, the first
    /// PowerShell lists wins (`int` before `int32`, `float` before `single`, `psobject` before `pscustomobject`).
    static let acceleratorOf: [String: String] = {
        let sma = "System.Management.Automation."
        let pairs: [(String, String)] = [
            (sma + "AliasAttribute", "Alias"), (sma + "AllowEmptyCollectionAttribute", "AllowEmptyCollection"),
            (sma + "AllowEmptyStringAttribute", "AllowEmptyString"), (sma + "AllowNullAttribute", "AllowNull"),
            (sma + "ArgumentCompleterAttribute", "ArgumentCompleter"), (sma + "ArgumentCompletionsAttribute", "ArgumentCompletions"),
            ("System.Array", "array"), ("System.Boolean", "bool"), ("System.Byte", "byte"), ("System.Char", "char"),
            (sma + "CmdletBindingAttribute", "CmdletBinding"), ("System.DateTime", "datetime"), ("System.Decimal", "decimal"),
            ("System.Double", "double"), ("System.Single", "float"), ("System.Guid", "guid"),
            ("System.Collections.Hashtable", "hashtable"), ("System.Int32", "int"), ("System.Int16", "short"),
            ("System.Int64", "long"), ("Microsoft.Management.Infrastructure.CimInstance", "ciminstance"),
            ("System.Net.IPEndPoint", "IPEndpoint"), (sma + "Language.NullString", "NullString"),
            (sma + "OutputTypeAttribute", "OutputType"), ("System.Collections.Specialized.OrderedDictionary", "ordered"),
            (sma + "ParameterAttribute", "Parameter"), ("System.Net.NetworkInformation.PhysicalAddress", "PhysicalAddress"),
            (sma + "PSCredential", "pscredential"), (sma + "PSDefaultValueAttribute", "PSDefaultValue"),
            (sma + "PSListModifier", "pslistmodifier"), (sma + "PSObject", "psobject"),
            (sma + "PSPrimitiveDictionary", "psprimitivedictionary"), (sma + "PSReference", "ref"),
            (sma + "PSTypeNameAttribute", "PSTypeNameAttribute"), ("System.Text.RegularExpressions.Regex", "regex"),
            ("System.SByte", "sbyte"), ("System.String", "string"), (sma + "SupportsWildcardsAttribute", "SupportsWildcards"),
            (sma + "SwitchParameter", "switch"), ("System.Globalization.CultureInfo", "cultureinfo"),
            ("System.Numerics.BigInteger", "bigint"), ("System.Security.SecureString", "securestring"),
            ("System.TimeSpan", "timespan"), ("System.UInt16", "ushort"), ("System.UInt32", "uint"), ("System.UInt64", "ulong"),
            ("System.Uri", "uri"), (sma + "ValidateCountAttribute", "ValidateCount"), (sma + "ValidateDriveAttribute", "ValidateDrive"),
            (sma + "ValidateLengthAttribute", "ValidateLength"), (sma + "ValidateNotNullAttribute", "ValidateNotNull"),
            (sma + "ValidateNotNullOrEmptyAttribute", "ValidateNotNullOrEmpty"),
            (sma + "ValidateNotNullOrWhiteSpaceAttribute", "ValidateNotNullOrWhiteSpace"),
            (sma + "ValidatePatternAttribute", "ValidatePattern"), (sma + "ValidateRangeAttribute", "ValidateRange"),
            (sma + "ValidateScriptAttribute", "ValidateScript"), (sma + "ValidateSetAttribute", "ValidateSet"),
            (sma + "ValidateTrustedDataAttribute", "ValidateTrustedData"), (sma + "ValidateUserDriveAttribute", "ValidateUserDrive"),
            ("System.Version", "version"), ("System.Void", "void"), ("System.Net.IPAddress", "ipaddress"),
            (sma + "WildcardPattern", "WildcardPattern"),
            ("System.Security.Cryptography.X509Certificates.X509Certificate", "X509Certificate"),
            ("System.Security.Cryptography.X509Certificates.X500DistinguishedName", "X500DistinguishedName"),
            ("System.Xml.XmlDocument", "xml"), ("System.Net.Mail.MailAddress", "mailaddress"), (sma + "SemanticVersion", "semver"),
            (sma + "ScriptBlock", "scriptblock"), (sma + "PSPropertyExpression", "pspropertyexpression"),
            (sma + "PSVariable", "psvariable"), ("System.Type", "type"), (sma + "PSModuleInfo", "psmoduleinfo"),
            (sma + "PowerShell", "powershell"), (sma + "Runspaces.RunspaceFactory", "runspacefactory"),
            (sma + "Runspaces.Runspace", "runspace"), (sma + "Runspaces.InitialSessionState", "initialsessionstate"),
            (sma + "PSScriptMethod", "psscriptmethod"), (sma + "PSScriptProperty", "psscriptproperty"),
            (sma + "PSNoteProperty", "psnoteproperty"), (sma + "PSAliasProperty", "psaliasproperty"),
            (sma + "PSVariableProperty", "psvariableproperty"),
        ]
        var map: [String: String] = [:]
        for (full, accelerator) in pairs where map[full.lowercased()] == nil { map[full.lowercased()] = accelerator }
        return map
    }()
}
