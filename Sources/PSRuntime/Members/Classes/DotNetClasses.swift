/// The .NET classes scripts build and cast to beyond the core values (PSCredential, SecureString,
/// StringBuilder, Uri, ...): one place that names them for type literals, constructs them for
/// `[T]::new(...)`/New-Object. Each class lives in its own file here.
enum DotNetClasses {
    /// Full names and accelerators, as type literals resolve them.
    static let typeNames: [(String, PSType)] = {
        var names: [(String, PSType)] = []
        for full in [SecureStrings.typeName, SecureStrings.credentialType, StringBuilders.typeName, Uris.typeName,
                     RandomNumbers.typeName, TextStreams.writerType, TextStreams.readerType, PSTypeNames.typeName,
                     HostStructs.coordinatesType, HostStructs.sizeType, PropertyExpressions.typeName, MarkdownInfos.typeName,
                     DateOnlyTimeOnly.dateType, DateOnlyTimeOnly.timeType, PowerShellObject.settingsType] {
            names.append((full, .named(full)))
        }
        names += [("pscredential", .named(SecureStrings.credentialType)), ("securestring", .named(SecureStrings.typeName)),
                  ("uri", .named(Uris.typeName)), ("pspropertyexpression", .named(PropertyExpressions.typeName))]
        // Classes used only for their static members.
        for full in ["System.BitConverter", "System.Net.WebUtility", "System.Activator", "System.Diagnostics.Process",
                     "System.Runtime.InteropServices.Marshal"] { names.append((full, .named(full))) }
        for e in [Uris.uriKind, Uris.uriPartial, Uris.hostNameType, CommandHistory.pipelineStateType, PSStyleSettings.renderingType,
                  PSStyleSettings.progressViewType] { names.append((e.fullName, .enumType(e))) }
        names += [(BigIntegers.typeName, .named(BigIntegers.typeName)), ("bigint", .named(BigIntegers.typeName)),
                  (SemanticVersions.typeName, .named(SemanticVersions.typeName)), ("semver", .named(SemanticVersions.typeName)),
                  (QueueStacks.queueName, .named(QueueStacks.queueName)), (UriBuilders.typeName, .named(UriBuilders.typeName)), (QueueStacks.stackName, .named(QueueStacks.stackName))]
        return names + XmlObjects.typeNames + AttributeObjects.typeNames + RuntimeDefinedParameters.typeNames
    }()

    /// `[T]::new(args)`; nil when T is none of these classes.
    static func construct(_ lowercasedName: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        switch lowercasedName {
        case SecureStrings.typeName.lowercased(): return try SecureStrings.construct(args)
        case SecureStrings.credentialType.lowercased(): return try SecureStrings.constructCredential(args)
        case StringBuilders.typeName.lowercased(): return try StringBuilders.construct(args)
        case Uris.typeName.lowercased(): return try Uris.construct(args)
        case RandomNumbers.typeName.lowercased(): return try RandomNumbers.construct(args)
        case TextStreams.writerType.lowercased(): return try TextStreams.writer(args, session: session)
        case TextStreams.readerType.lowercased(): return try TextStreams.reader(args, session: session)
        case SemanticVersions.typeName.lowercased(): return try SemanticVersions.construct(args)
        case UriBuilders.typeName.lowercased(): return try UriBuilders.construct(args)
        case MarkdownInfos.typeName.lowercased():
            guard args.isEmpty else { throw Members.argCount("new", args.count) }
            return .object(MarkdownInfos.make(html: nil, vt100: nil))
        case PSTypeNames.typeName.lowercased(): return try PSTypeNames.construct(args, types: session.types)
        case PropertyExpressions.typeName.lowercased():
            guard args.count == 1 else { throw Members.argCount("new", args.count) }
            return try PropertyExpressions.cast(args[0])
        case HostStructs.coordinatesType.lowercased(), HostStructs.sizeType.lowercased(): return try HostStructs.construct(lowercasedName, args)
        case DateOnlyTimeOnly.dateType.lowercased(), DateOnlyTimeOnly.timeType.lowercased(): return try DateOnlyTimeOnly.construct(lowercasedName, args)
        case InitialSessionStateObject.variableEntryType.lowercased(): return try InitialSessionStateObject.variableEntry(args)
        case PowerShellObject.settingsType.lowercased(): return try PowerShellObject.makeSettings(args)
        case InitialSessionStateObject.functionEntryType.lowercased(): return try InitialSessionStateObject.functionEntry(args)
        default:
            if let made = try ObservableCollections.construct(lowercasedName, args, types: session.types) { return made }
            if let made = try AttributeObjects.construct(lowercasedName, args) { return made }
            if let made = try ConcurrentDictionaries.construct(lowercasedName, args, types: session.types) { return made }
            if let made = try RuntimeDefinedParameters.construct(lowercasedName, args, types: session.types) { return made }
            return try XmlObjects.construct(lowercasedName, args)
        }
    }

    /// `[System.Management.Automation.Host.Coordinates]@{X = 1; Y = 2}`, `[Parameter]@{Mandatory = $true}`:
    /// a type with a default constructor made from a hashtable, its keys set as properties
    /// (LanguagePrimitives' ConvertViaNoArgumentConstructor); nil for a type hvsh cannot make that way.
    static func fromHashtable(_ table: PSHashtable, toNamed lower: String, fullName: String) throws -> PSValue? {
        let made: PSObject
        if lower == HostStructs.coordinatesType.lowercased() || lower == HostStructs.sizeType.lowercased(),
           case .object(let o)? = try HostStructs.construct(lower, []) {
            made = o
        } else if let o = AttributeObjects.empty(lower) {
            made = o
        } else {
            return nil
        }
        func creationError(_ detail: String) -> PSRuntimeError {
            PSRuntimeError.message("Cannot create object of type \"\(fullName)\". \(detail)", errorId: "ObjectCreationError",
                                   category: .invalidArgument, exceptionType: "System.Management.Automation.PSInvalidCastException")
        }
        for (key, item) in table.pairs {
            let name = PSConvert.toString(key)
            guard let member = made.member(name), member.isSettable else {
                // A null value names its declared type.
                let settable = made.properties.filter(\.isSettable).map { m -> String in
                    let value = (try? made.property(m.name)) ?? nil
                    let type = value.flatMap { $0.isNull ? nil : $0.typeFullName } ?? m.typeHint ?? "System.Object"
                    return "[\(m.name) <\(type)>]"
                }
                throw creationError("The property '\(name)' was not found for the '\(fullName)' object. The settable properties are: \(settable.joined(separator: ", ")).")
            }
            do { try made.setProperty(name, item) } catch let e as PSRuntimeError { throw creationError(e.record.message) }
        }
        return .object(made)
    }

    /// Casts that go through a constructor (`[uri]'http://host/'`); nil for other types.
    static func convert(_ value: PSValue, toNamed lower: String) throws -> PSValue? {
        switch lower {
        case Uris.typeName.lowercased(): return try Uris.cast(value)
        case XmlObjects.documentType.lowercased(): return try XmlObjects.cast(value)
        case BigIntegers.typeName.lowercased(): return try BigIntegers.cast(value)
        case SemanticVersions.typeName.lowercased(): return try SemanticVersions.cast(value)
        case PropertyExpressions.typeName.lowercased(): return try PropertyExpressions.cast(value)
        case StringBuilders.typeName.lowercased():
            guard case .string = value.unwrapped else { return nil }
            return try StringBuilders.construct([value])
        default: return nil
        }
    }

    /// PowerShell's error for a method argument it cannot convert to the parameter's type.
    static func argumentConversion(method: String, parameter: String, value: PSValue, type: String) -> PSRuntimeError {
        let detail = "Cannot convert the \"\(PSConvert.toString(value))\" value of type \"\(value.typeFullName)\" to type \"\(type)\"."
        return PSRuntimeError.message(
            "Cannot convert argument \"\(parameter)\", with value: \"\(PSConvert.toString(value))\", for \"\(method)\" to type \"\(type)\": \"\(detail)\"",
            errorId: "MethodArgumentConversionInvalidCastArgument", category: .notSpecified,
            exceptionType: "System.Management.Automation.MethodException")
    }

    /// A .NET property getter's exception as PowerShell reports it (`Exception getting "Host": "..."`).
    static func getterFailure(_ property: String, _ inner: PSRuntimeError) -> PSRuntimeError {
        let innerException = inner.record.exception
        let outer = PSException("Exception getting \"\(property)\": \"\(innerException.message)\"",
                                type: "System.Management.Automation.GetValueInvocationException", inner: innerException)
        return PSRuntimeError(ErrorRecord(outer, errorId: "ExceptionWhenGetting", category: .notSpecified))
    }

    /// .NET's InvalidOperationException (as a method's inner exception).
    static func invalidOperation(_ message: String) -> PSRuntimeError {
        PSRuntimeError.message(message, errorId: "InvalidOperationException", category: .invalidOperation,
                               exceptionType: "System.InvalidOperationException")
    }
}
