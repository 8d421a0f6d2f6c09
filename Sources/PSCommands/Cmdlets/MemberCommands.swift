// Get-Member and New-Object: looking at and building objects (Add-Member is in AddMemberCommand.swift).

import Foundation
import PSRuntime

final class GetMemberCommand: Cmdlet {
    static let memberDefinitionType = "Microsoft.PowerShell.Commands.MemberDefinition"
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let name = Parameter<[String]>("Name", position: 0)
    static let memberType = Parameter<[String]>("MemberType", aliases: ["Type"])
    static let view = Parameter<String>("View")
    static let `static` = Parameter<SwitchParameter>("Static")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Get-Member", parameters: [inputObject, name, memberType, view, `static`, force], outputTypes: [memberDefinitionType], synopsis: "Lists the properties and methods of objects.",
       description: "Writes one MemberDefinition (TypeName, Name, MemberType, Definition) per member of each distinct type in the input. -Name and -MemberType filter, with wildcards.")

    private var seenTypes: Set<String> = []
    private var sawInput = false

    func process(_ context: CmdletContext) throws {
        guard let v = context[Self.inputObject] else { return }
        sawInput = true
        if v.isNull { return }
        // One listing per distinct type, headed by the first type name, as PowerShell does; -Static
        // lists the members of the type itself (of `[Type]` input, or of the value's type).
        var typeName = v.typeNames.first ?? v.typeFullName
        var staticType: PSType?
        let listsStatic = context[Self.static]
        if listsStatic {
            if case .type(let t) = v { staticType = t } else { staticType = context.session.types.resolve(typeName) }
            if let t = staticType { typeName = t.fullName }
        }
        if seenTypes.contains(typeName) { return }
        seenTypes.insert(typeName)
        let namePatterns = (context[Self.name] ?? []).map { WildcardPattern($0) }
        let typePatterns = (context[Self.memberType] ?? []).flatMap {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let staticMembers = (staticType.flatMap(StaticMemberListing.members(of:)) ?? []).map {
            CatalogMember(name: $0.name, memberType: $0.memberType, definition: $0.definition)
        }
        let all = listsStatic ? staticMembers : MemberListing.members(of: v, session: context.session, includeHidden: context[Self.force])
        let members = all.filter { m in
            (namePatterns.isEmpty || namePatterns.contains { $0.matches(m.name) }) &&
                MemberListing.memberTypeMatches(m.memberType, typePatterns)
        }.sorted(by: MemberListing.precedes)
        for m in members {
            let o = PSObject(typeNames: [GetMemberCommand.memberDefinitionType, "System.Object"])
            o.addNote("TypeName", .string(typeName))
            o.addNote("Name", .string(m.name))
            o.addNote("MemberType", .string(m.memberType))
            o.addNote("Definition", .string(m.definition))
            let definition = m.definition
            o.toStringHandler = { _ in definition }
            try context.writeObject(.object(o))
        }
    }

    func end(_ context: CmdletContext) throws {
        if !sawInput {
            try context.writeError(ErrorRecord(message: "You must specify an object for the Get-Member cmdlet.",
                                               errorId: context.qualifiedErrorId("NoObjectInGetMember"),
                                               category: .closeError, exceptionType: "System.InvalidOperationException"))
        }
    }
}

final class NewObjectCommand: Cmdlet {
    static let typeName = Parameter<String>("TypeName", position: 0, mandatory: true, sets: ["Net"])
    static let argumentList = Parameter<[PSValue]>("ArgumentList", aliases: ["Args"], position: 1, sets: ["Net"])
    // pwsh on Linux has no -ComObject (COM is Windows-only), so `New-Object -ComObject X` fails to bind
    // exactly as there.
    static let property = Parameter<PSValue>("Property")
    static let strict = Parameter<SwitchParameter>("Strict")
    static let declaration = CmdletDeclaration("New-Object", parameters: [typeName, argumentList, property, strict],
                                               defaultParameterSet: "Net", synopsis: "Creates an object.",
       description: "Creates a PSObject (with -Property's keys as note properties), or an instance of another type such as System.Collections.ArrayList or System.Collections.Hashtable. As in PowerShell on Linux there is no -ComObject.")

    func process(_ context: CmdletContext) throws {
        // `[Name]` is taken as `Name`; an array's own brackets (`int[]`, `int[,]`) stay.
        var name = (context[Self.typeName] ?? "").trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        let lower = name.lowercased()
        var result: PSValue
        switch lower {
        case "system.management.automation.pscustomobject", "management.automation.pscustomobject":
            // The [pscustomobject] accelerator is PSObject, but the PSCustomObject class itself has no
            // public constructor.
            throw context.terminatingError("A constructor was not found. Cannot find an appropriate constructor for type \(name).",
                                           errorId: "CannotFindAppropriateCtor", category: .objectNotFound,
                                           exceptionType: "System.Management.Automation.PSArgumentException")
        case "psobject", "system.management.automation.psobject", "pscustomobject", "object", "system.object":
            result = .object(PSObject(typeNames: PSObject.customObjectTypeNames))
        case "system.collections.arraylist", "collections.arraylist":
            result = .array(PSArray([], kind: .arrayList))
        case "system.collections.hashtable" where (context[Self.argumentList] ?? []).isEmpty,
             "hashtable" where (context[Self.argumentList] ?? []).isEmpty:
            // .NET's Hashtable() compares keys exactly (only `@{}` ignores case).
            let table = PSHashtable()
            table.caseSensitive = true
            result = .hashtable(table)
        case "system.management.automation.pscredential", "pscredential", "management.automation.pscredential":
            let args = context[Self.argumentList] ?? []
            guard args.count == 2 else {
                throw context.terminatingError("Cannot find an overload for \"PSCredential\" and the argument count: \"\(args.count)\".",
                                               errorId: "ConstructorInvokedThrowException", category: .invalidOperation)
            }
            result = try SecureStrings.constructCredential(args)
        default:
            if lower.hasPrefix("system.collections.generic.list") || lower.hasPrefix("collections.generic.list") {
                result = .array(PSArray([], kind: .arrayList))
                break
            }
            if let cmdlet = Self.cmdletInstance(named: lower, context.session) {
                result = cmdlet
                break
            }
            // An unknown type is New-Object's own error, before any constructor is tried.
            let resolved = context.session.types.resolve(name)
            // An enum's instance is its zero value, as Activator.CreateInstance makes one.
            if case .enumType(let e)? = resolved {
                result = .enumValue(e.value(0))
                break
            }
            guard resolved != nil else {
                throw context.terminatingError("Cannot find type [\(name)]: verify that the assembly containing this type is loaded.",
                                               errorId: "TypeNotFound", category: .invalidType, target: .string(name),
                                               exceptionType: "System.Management.Automation.PSArgumentException")
            }
            let args = context[Self.argumentList] ?? []
            context.session.setVariable("__hvshNewObjectArgs", .list(args))
            let argText = args.indices.map { "$__hvshNewObjectArgs[\($0)]" }.joined(separator: ", ")
            do {
                // Wrapped in a one-element array so that a collection (`int[,]`) comes back whole.
                let out = try context.session.invoke("(,([\(name)]::new(\(argText))))")
                result = out.first ?? .null
            } catch let error as PSRuntimeError where !error.record.fullyQualifiedErrorId.hasPrefix("TypeNotFound") {
                // A constructor that threw (or found no overload for the arguments) is its exception,
                // under New-Object's ConstructorInvokedThrowException.
                let r = ErrorRecord(error.record.exception, errorId: context.qualifiedErrorId("ConstructorInvokedThrowException"),
                                    category: .invalidOperation)
                r.commandName = context.commandName
                r.position = context.position
                r.categoryActivity = context.commandName
                throw PSRuntimeError(r)
            } catch {
                throw context.terminatingError("Cannot find type [\(name)]: verify that the assembly containing this type is loaded.",
                                               errorId: "TypeNotFound", category: .invalidType, target: .string(name),
                                               exceptionType: "System.Management.Automation.PSArgumentException")
            }
        }
        if let p = context[Self.property], case .hashtable(let h) = p.unwrapped {
            if case .object(let o) = result {
                // A PSObject gets the keys it lacks as note properties; another .NET object must have
                // them (LanguagePrimitives.SetObjectProperties with New-Object's error callbacks).
                let isCustom = o.typeNames.first == PSObject.customObjectTypeNames.first || o.typeNames.first == "System.Object"
                for (k, v) in h.pairs {
                    let key = PSConvert.toString(k)
                    guard o.member(key) != nil else {
                        if isCustom { o.addNote(key, v); continue }
                        throw context.terminatingError("The member \"\(key)\" was not found for the specified .NET object.",
                                                       errorId: "InvalidOperationException", category: .invalidOperation,
                                                       exceptionType: "System.InvalidOperationException")
                    }
                    do { try o.setProperty(key, v) } catch is PSRuntimeError {
                        throw context.terminatingError("The value supplied is not valid, or the property is read-only. Change the value, and then try again.",
                                                       errorId: "SetValueException", category: .invalidData)
                    }
                }
            } else if case .hashtable(let target) = result {
                for (k, v) in h.pairs { target[k] = v }
            }
        }
        try context.writeObject(result)
    }

    /// A cmdlet's own class (`New-Object Microsoft.PowerShell.Commands.NewObjectCommand`): an object
    /// with the cmdlet's parameters as settable properties, unset (null; a switch not present).
    static func cmdletInstance(named lower: String, _ session: ShellSession) -> PSValue? {
        guard lower.hasSuffix("command") || lower.contains(".commands.") else { return nil }
        guard let entry = session.registry.allCmdlets.first(where: { $0.metadata.errorIdSource.lowercased() == lower }) else { return nil }
        let o = PSObject(typeNames: [entry.metadata.errorIdSource, "System.Management.Automation.PSCmdlet",
                                     "System.Management.Automation.Cmdlet", "System.Object"])
        for parameter in entry.declaration.parameters {
            o.addNote(parameter.name, parameter.type == .switchParameter ? .switchValue(false) : .null)
            o.setMemberType(parameter.name, "Property", typeHint: parameter.type.fullName)
        }
        return .object(o)
    }
}
