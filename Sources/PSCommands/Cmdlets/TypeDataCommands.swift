// Update-TypeData, Get-TypeData, Remove-TypeData: the session's extended type data (TypeDataTable),
// given the way scripts give it, one member or standard member per call (PowerShell's dynamic set).
// Types.ps1xml files (-AppendPath/-PrependPath) are read by TypesXmlLoader into the same table.

import PSRuntime

private let dynamicSet = "DynamicTypeSet"

final class UpdateTypeDataCommand: Cmdlet {
    static let memberType = Parameter<PSValue>("MemberType", type: .enumType(MemberTypes.enumType), sets: [dynamicSet])
    static let memberName = Parameter<String>("MemberName", sets: [dynamicSet])
    static let value = Parameter<PSValue>("Value", sets: [dynamicSet])
    static let secondValue = Parameter<PSValue>("SecondValue", sets: [dynamicSet])
    static let typeConverter = Parameter<PSValue>("TypeConverter", type: .type, sets: [dynamicSet])
    static let typeAdapter = Parameter<PSValue>("TypeAdapter", type: .type, sets: [dynamicSet])
    static let serializationMethod = Parameter<String>("SerializationMethod", sets: [dynamicSet])
    static let targetTypeForDeserialization = Parameter<PSValue>("TargetTypeForDeserialization", type: .type, sets: [dynamicSet])
    static let serializationDepth = Parameter<Int32>("SerializationDepth", sets: [dynamicSet], validate: [.range(min: 0, max: nil)])
    static let defaultDisplayProperty = Parameter<String>("DefaultDisplayProperty", sets: [dynamicSet])
    static let inheritPropertySerializationSet = Parameter<Bool>("InheritPropertySerializationSet", sets: [dynamicSet])
    static let stringSerializationSource = Parameter<String>("StringSerializationSource", sets: [dynamicSet])
    static let defaultDisplayPropertySet = Parameter<[String]>("DefaultDisplayPropertySet", sets: [dynamicSet])
    static let defaultKeyPropertySet = Parameter<[String]>("DefaultKeyPropertySet", sets: [dynamicSet])
    static let propertySerializationSet = Parameter<[String]>("PropertySerializationSet", sets: [dynamicSet])
    static let typeName = Parameter<String>("TypeName", mandatory: true, valueFromPipeline: true, sets: [dynamicSet])
    static let force = Parameter<SwitchParameter>("Force", sets: [dynamicSet, "TypeDataSet"])
    static let typeData = Parameter<[PSValue]>("TypeData", type: .array(.named(TypeDataObjects.typeName)), position: 0, mandatory: true,
                                               valueFromPipeline: true, valueFromPipelineByPropertyName: true, sets: ["TypeDataSet"])
    static let appendPath = Parameter<[String]>("AppendPath", aliases: ["PSPath", "Path"], position: 0, valueFromPipeline: true,
                                                valueFromPipelineByPropertyName: true, sets: ["FileSet"])
    static let prependPath = Parameter<[String]>("PrependPath", valueFromPipelineByPropertyName: true, sets: ["FileSet"])

    static let declaration = CmdletDeclaration(
        "Update-TypeData",
        parameters: [memberType, memberName, value, secondValue, typeConverter, typeAdapter, serializationMethod,
                     targetTypeForDeserialization, serializationDepth, defaultDisplayProperty, inheritPropertySerializationSet,
                     stringSerializationSource, defaultDisplayPropertySet, defaultKeyPropertySet, propertySerializationSet,
                     typeName, force, typeData, appendPath, prependPath],
        defaultParameterSet: "FileSet", supportsShouldProcess: true, confirmImpact: .low,
        synopsis: "Adds members to every object of a type, or sets how the type is shown.",
        description: "With -TypeName and -MemberType/-MemberName/-Value (and -SecondValue), adds a NoteProperty, AliasProperty, ScriptProperty or ScriptMethod that every object of that type answers; -DefaultDisplayPropertySet and the other standard members set how the type is formatted and serialized. -Force replaces a member that is there. -TypeData takes what Get-TypeData gives. -AppendPath and -PrependPath load types.ps1xml files (NoteProperty, AliasProperty, ScriptProperty, ScriptMethod and the PSStandardMembers set); every loaded file is read again on each update.")

    func process(_ context: CmdletContext) throws {
        if context.parameterSetName == "FileSet" {
            try updateFiles(context)
            return
        }
        if let given = context[Self.typeData] {
            for item in given {
                guard let source = TypeDataObjects.entry(of: item) else { continue }
                try apply(typeName: source.typeName, members: source.members.map(\.member), standard: source.standardMembers,
                          force: context[Self.force], context)
            }
            return
        }
        guard let typeName = context[Self.typeName] else { return }
        var members: [TypeDataTable.Member] = []
        if let member = try dynamicMember(context) { members.append(member) }
        try apply(typeName: typeName, members: members, standard: try standardMembers(context), force: context[Self.force], context)
    }

    /// PowerShell's file set: -PrependPath files, the files loaded before, then -AppendPath files, each
    /// read again; every problem a file has is its own TypesXmlUpdateException, its other types load.
    private func updateFiles(_ context: CmdletContext) throws {
        let givenPrepend = context[Self.prependPath] ?? []
        let givenAppend = context[Self.appendPath] ?? []
        let prepend = try UpdateDataPaths.glob(givenPrepend, "TypesPrependPathException", context)
        let append = try UpdateDataPaths.glob(givenAppend, "TypesAppendPathException", context)
        if !(givenPrepend.isEmpty && givenAppend.isEmpty) && prepend.isEmpty && append.isEmpty { return }
        let table = context.session.typeData
        var seen = Set<String>()
        var files: [String] = []
        for p in prepend.reversed() where try context.shouldProcess(target: "FileName: \(p)", action: "Update TypeData") {
            if seen.insert(p).inserted { files.append(p) }
        }
        for p in table.files where seen.insert(p).inserted { files.append(p) }
        for p in append where try context.shouldProcess(target: "FileName: \(p)", action: "Update TypeData") {
            if seen.insert(p).inserted { files.append(p) }
        }
        table.files = files
        for f in files {
            let types = try Self.read(f, context) { message in
                try context.writeError(ErrorRecord(message: message, errorId: context.qualifiedErrorId("TypesXmlUpdateException"),
                                                   category: .invalidOperation,
                                                   exceptionType: "System.Management.Automation.RuntimeException"))
            }
            for t in types {
                let entry = table.entryMaking(TypeDataObjects.fullName(t.typeName, context.session))
                for m in t.members { entry.set(m) }
                for s in t.standardMembers { entry.setStandardMember(s.name, s.value) }
            }
        }
    }

    /// The types of one types.ps1xml file; each problem it has goes to `report`.
    static func read(_ file: String, _ context: CmdletContext, report: (String) throws -> Void) throws -> [TypesXmlType] {
        guard let text = FileText.read(file) else {
            try report("\(file), \(file): The file was not found.")
            return []
        }
        let session = context.session
        let loader = TypesXmlLoader(path: file, makeScript: { try session.makeScriptBlock($0) },
                                    resolveType: { session.types.resolve($0) })
        let types = loader.load(text)
        for e in loader.errors { try report(e) }
        return types
    }

    private func apply(typeName: String, members: [TypeDataTable.Member], standard: [(name: String, value: PSValue)],
                       force: Bool, _ context: CmdletContext) throws {
        let fullName = TypeDataObjects.fullName(typeName, context.session)
        guard !members.isEmpty || !standard.isEmpty else {
            try context.writeError(ErrorRecord(message: "No member is specified for the update on type \"\(fullName)\".",
                                               errorId: context.qualifiedErrorId("TypeDataEmpty"), category: .invalidOperation,
                                               exceptionType: "System.InvalidOperationException"))
            return
        }
        guard try context.shouldProcess(target: "Type to update: \(fullName)", action: "Update TypeData") else { return }
        let table = context.session.typeData
        let existing = table.entry(fullName)
        if !force, let existing {
            let duplicates = members.filter { existing.member($0.name) != nil }
            if !duplicates.isEmpty {
                for d in duplicates {
                    try context.writeError(ErrorRecord(message: "Error in TypeData \"\(fullName)\": The member \(d.name) is already present.",
                                                       errorId: context.qualifiedErrorId("TypesDynamicUpdateException"),
                                                       category: .invalidOperation, exceptionType: "System.Management.Automation.RuntimeException"))
                }
                return
            }
        }
        let entry = table.entryMaking(fullName)
        for m in members { entry.set(m) }
        for s in standard { entry.setStandardMember(s.name, s.value) }
    }

    /// The one member -MemberType describes, checked as PowerShell checks it.
    private func dynamicMember(_ context: CmdletContext) throws -> TypeDataTable.Member? {
        let name = context[Self.memberName]
        let first = context.isBound(Self.value) ? (context[Self.value] ?? .null) : nil
        let second = context[Self.secondValue].flatMap { $0.isNull ? nil : $0 }
        guard let typeValue = context[Self.memberType] else {
            if name != nil || first != nil || second != nil {
                throw failure("MemberTypeIsMissing", "The MemberName, Value, and SecondValue parameters cannot be specified without the MemberType parameter.", context)
            }
            return nil
        }
        let flags = try MemberTypes.parse(typeValue, context)
        let label = MemberTypes.text(flags)
        func memberName() throws -> String {
            guard let name, !name.isEmpty else {
                throw failure("MemberNameShouldBeSpecified", "The MemberName parameter is required for the type \"\(label)\". Please specify the MemberName parameter.", context)
            }
            return name
        }
        func valueGiven() throws -> PSValue {
            guard let first else {
                throw failure("ValueShouldBeSpecified", "The Value parameter is required for the type \"\(label)\". Please specify the Value parameter.", context)
            }
            return first
        }
        func valueNotNullOrEmpty(_ v: PSValue) throws {
            var empty = v.isNull
            if case .string(let text) = v.unwrapped, text.isEmpty { empty = true }
            if empty {
                throw failure("ValueShouldBeSpecified", "The Value parameter should not be null or an empty string for a member of type \"\(label)\". Specify a non-null value for the Value parameter when updating this member type.", context)
            }
        }
        func noSecond() throws {
            if second != nil {
                throw failure("SecondValueShouldNotBeSpecified", "The SecondValue parameter is not necessary for a member of type \"\(label)\", and should not be specified. Do not specify the SecondValue parameter when updating this member type.", context)
            }
        }
        func script(_ v: PSValue?) throws -> PSScriptBlock? {
            guard let v, !v.isNull else { return nil }
            if case .scriptBlock(let b) = v.unwrapped { return b }
            throw failure("InvalidCastException", "Cannot convert the \"\(PSConvert.toString(v))\" value of type \"\(v.typeFullName)\" to type \"System.Management.Automation.ScriptBlock\".", context)
        }
        switch flags {
        case MemberTypes.noteProperty:
            let n = try memberName()
            let v = try valueGiven()
            try noSecond()
            return .init(name: n, kind: .note(v.unwrapped))
        case MemberTypes.aliasProperty:
            let n = try memberName()
            let v = try valueGiven()
            try valueNotNullOrEmpty(v)
            var type: PSType? = nil
            if let second {
                if case .type(let t) = second.unwrapped { type = t } else if let t = context.session.types.resolve(PSConvert.toString(second)) { type = t } else {
                    throw failure("InvalidCastFromStringToType", "Cannot convert the \"\(PSConvert.toString(second))\" value of type \"\(second.typeFullName)\" to type \"System.Type\".", context)
                }
            }
            return .init(name: n, kind: .alias(target: PSConvert.toString(v), type: type))
        case MemberTypes.scriptProperty:
            let n = try memberName()
            if (first == nil || first?.isNull == true) && second == nil {
                throw failure("ValueAndSecondValueAreNotBothNull", "The Value and SecondValue parameters should not both be null for a member of type \"\(label)\". Specify a non-null value for one of the two parameters.", context)
            }
            return .init(name: n, kind: .scriptProperty(get: try script(first), set: try script(second)))
        case MemberTypes.scriptMethod:
            let n = try memberName()
            let v = try valueGiven()
            try valueNotNullOrEmpty(v)
            try noSecond()
            guard let body = try script(v) else { return nil }
            return .init(name: n, kind: .scriptMethod(body))
        default:
            throw failure("CannotUpdateMemberType", "Cannot update a member with type \"\(label)\". Specify a different type for the MemberType parameter.", context)
        }
    }

    /// The standard members (PSStandardMembers) the call sets, in PowerShell's order.
    private func standardMembers(_ context: CmdletContext) throws -> [(name: String, value: PSValue)] {
        var out: [(name: String, value: PSValue)] = []
        func list(_ names: [String]?) -> PSValue? { names.map { .list($0.map { .string($0) }) } }
        func typeText(_ v: PSValue?) -> PSValue? {
            guard let v, !v.isNull else { return nil }
            if case .type(let t) = v.unwrapped { return .type(t) }
            return v
        }
        if let v = context[Self.serializationMethod] { out.append(("SerializationMethod", .string(TypeDataTable.serializationMethod(v)))) }
        if let v = typeText(context[Self.targetTypeForDeserialization]) { out.append(("TargetTypeForDeserialization", v)) }
        if let v = context[Self.serializationDepth] { out.append(("SerializationDepth", .int(v))) }
        if let v = context[Self.defaultDisplayProperty] { out.append(("DefaultDisplayProperty", .string(v))) }
        if let v = context[Self.inheritPropertySerializationSet] { out.append(("InheritPropertySerializationSet", .bool(v))) }
        if let v = context[Self.stringSerializationSource] { out.append(("StringSerializationSource", .string(v))) }
        if let v = list(context[Self.defaultDisplayPropertySet]) { out.append(("DefaultDisplayPropertySet", v)) }
        if let v = list(context[Self.defaultKeyPropertySet]) { out.append(("DefaultKeyPropertySet", v)) }
        if let v = list(context[Self.propertySerializationSet]) { out.append(("PropertySerializationSet", v)) }
        if let v = typeText(context[Self.typeConverter]) { out.append(("TypeConverter", v)) }
        if let v = typeText(context[Self.typeAdapter]) { out.append(("TypeAdapter", v)) }
        return out
    }

    private func failure(_ id: String, _ message: String, _ context: CmdletContext) -> PSRuntimeError {
        context.terminatingError(message, errorId: id, category: .invalidOperation, exceptionType: "System.InvalidOperationException")
    }
}

final class GetTypeDataCommand: Cmdlet {
    static let typeName = Parameter<[String]>("TypeName", position: 0, valueFromPipeline: true)
    static let declaration = CmdletDeclaration(
        "Get-TypeData", parameters: [typeName], outputTypes: [TypeDataObjects.typeName],
        synopsis: "Gets the extended type data of the session.",
        description: "Lists the types Update-TypeData gave members or standard members, filtered by -TypeName (wildcards); each result can be piped to Update-TypeData or Remove-TypeData.")

    func process(_ context: CmdletContext) throws {
        let patterns = (context[Self.typeName] ?? ["*"]).map { name in
            WildcardPattern(WildcardPattern.containsWildcard(name) ? name : TypeDataObjects.fullName(name, context.session))
        }
        for entry in context.session.typeData.all where patterns.contains(where: { $0.matches(entry.typeName) }) {
            try context.writeObject(TypeDataObjects.object(entry))
        }
    }
}

final class RemoveTypeDataCommand: Cmdlet {
    static let typeName = Parameter<String>("TypeName", position: 0, mandatory: true, valueFromPipeline: true,
                                            valueFromPipelineByPropertyName: true, sets: ["RemoveTypeSet"])
    static let typeData = Parameter<[PSValue]>("TypeData", type: .array(.named(TypeDataObjects.typeName)), mandatory: true,
                                               valueFromPipeline: true, sets: ["RemoveTypeDataSet"])
    static let path = Parameter<[String]>("Path", mandatory: true, sets: ["RemoveFileSet"])
    static let declaration = CmdletDeclaration(
        "Remove-TypeData", parameters: [typeName, typeData, path], defaultParameterSet: "RemoveTypeDataSet",
        supportsShouldProcess: true,
        synopsis: "Removes extended type data from the session.",
        description: "Removes what Update-TypeData added for a type, named by -TypeName or given as Get-TypeData's objects; -Path unloads types.ps1xml files.")

    func process(_ context: CmdletContext) throws {
        if let paths = context[Self.path] {
            try removeFiles(paths, context)
            return
        }
        var names: [String] = []
        if let n = context[Self.typeName] {
            guard !n.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw context.terminatingError("The target type name should not be null, empty, or contain only white spaces.",
                                               errorId: "TargetTypeNameEmpty", category: .invalidOperation,
                                               exceptionType: "System.InvalidOperationException")
            }
            names.append(n)
        }
        for item in context[Self.typeData] ?? [] { if let e = TypeDataObjects.entry(of: item) { names.append(e.typeName) } }
        for n in names {
            let fullName = TypeDataObjects.fullName(n, context.session)
            guard try context.shouldProcess(target: "Name of the type that will be removed: \(fullName)", action: "Remove TypeData") else { continue }
            if !context.session.typeData.remove(fullName) {
                try context.writeError(ErrorRecord(
                    message: "Error in TypeData \"\(fullName)\": The type \"\(fullName)\" was not found. The type name value must be the full name of the type. Verify the type name and run the command again.",
                    errorId: context.qualifiedErrorId("TypesDynamicRemoveException"), category: .invalidOperation,
                    target: .string(fullName), exceptionType: "System.Management.Automation.RuntimeException"))
            }
        }
    }

    /// -Path: the files leave the session's list, and what they gave their types goes with them.
    private func removeFiles(_ paths: [String], _ context: CmdletContext) throws {
        let table = context.session.typeData
        for f in try UpdateDataPaths.glob(paths, "TypePathException", context) {
            guard try context.shouldProcess(target: "FileName: \(f)", action: "Remove TypeData") else { continue }
            table.files.removeAll { $0 == f }
            let types = try UpdateTypeDataCommand.read(f, context) { _ in }
            for t in types {
                let fullName = TypeDataObjects.fullName(t.typeName, context.session)
                guard let entry = table.entry(fullName) else { continue }
                for m in t.members { entry.removeMember(m.name) }
                for s in t.standardMembers { entry.removeStandardMember(s.name) }
                if entry.isEmpty { _ = table.remove(fullName) }
            }
        }
    }
}

/// System.Management.Automation.Runspaces.TypeData as Get-TypeData writes it.
enum TypeDataObjects {
    static let typeName = "System.Management.Automation.Runspaces.TypeData"

    /// The type name a -TypeName argument stands for: an accelerator's full name (`string` is
    /// System.String); a dotted name as written, since hvsh folds some .NET types into one
    /// (System.Management.Automation.PSCustomObject is not PSObject here).
    static func fullName(_ name: String, _ session: ShellSession) -> String {
        guard let t = session.types.resolve(name) else { return name }
        if !name.contains(".") || t.fullName.lowercased() == name.lowercased() { return t.fullName }
        return name
    }

    static func object(_ e: TypeDataTable.Entry) -> PSValue {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: e)
        o.addNote("TypeName", .string(e.typeName))
        let members = PSHashtable()
        for (_, m) in e.members { members[.string(m.name)] = .object(memberObject(m)) }
        o.addNote("Members", .hashtable(members))
        for name in ["TypeConverter", "TypeAdapter"] { o.addNote(name, e.standardMember(name) ?? .null) }
        o.addNote("IsOverride", .false)
        for name in ["SerializationMethod", "TargetTypeForDeserialization", "SerializationDepth", "DefaultDisplayProperty",
                     "InheritPropertySerializationSet", "StringSerializationSource"] {
            o.addNote(name, e.standardMember(name) ?? (name == "SerializationDepth" ? .int(0) : name == "InheritPropertySerializationSet" ? .true : .null))
        }
        for name in ["DefaultDisplayPropertySet", "DefaultKeyPropertySet", "PropertySerializationSet"] {
            if let names = e.standardMember(name) {
                let set = PSObject(typeNames: ["System.Management.Automation.Runspaces.PropertySetData", "System.Object"])
                set.addNote("ReferencedProperties", names)
                o.addNote(name, .object(set))
            } else {
                o.addNote(name, .null)
            }
        }
        o.toStringHandler = { _ in typeName }
        return .object(o)
    }

    private static func memberObject(_ m: TypeDataTable.Member) -> PSObject {
        let o: PSObject
        switch m.kind {
        case .note(let v):
            o = PSObject(typeNames: ["System.Management.Automation.Runspaces.NotePropertyData", "System.Object"])
            o.addNote("Value", v)
        case .alias(let target, let type):
            o = PSObject(typeNames: ["System.Management.Automation.Runspaces.AliasPropertyData", "System.Object"])
            o.addNote("ReferencedMemberName", .string(target))
            o.addNote("MemberType", type.map { .type($0) } ?? .null)
        case .scriptProperty(let get, let set):
            o = PSObject(typeNames: ["System.Management.Automation.Runspaces.ScriptPropertyData", "System.Object"])
            o.addNote("GetScriptBlock", get.map { .scriptBlock($0) } ?? .null)
            o.addNote("SetScriptBlock", set.map { .scriptBlock($0) } ?? .null)
        case .scriptMethod(let body):
            o = PSObject(typeNames: ["System.Management.Automation.Runspaces.ScriptMethodData", "System.Object"])
            o.addNote("Script", .scriptBlock(body))
        }
        o.addNote("Name", .string(m.name))
        o.addNote("IsHidden", .false)
        return o
    }

    /// The entry behind a TypeData object Get-TypeData wrote.
    static func entry(of value: PSValue) -> TypeDataTable.Entry? {
        guard case .object(let o) = value.unwrapped else { return nil }
        return o.baseObject as? TypeDataTable.Entry
    }
}
