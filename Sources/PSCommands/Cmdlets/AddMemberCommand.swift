// Add-Member: instance members (notes, aliases, script properties and methods, member and property
// sets) and type names added to an object, with PowerShell's parameter sets and checks.

import Foundation
import PSRuntime

final class AddMemberCommand: Cmdlet {
    // As PowerShell declares them; the binder's positional pass chooses the set by the arguments'
    // types: a dictionary is -NotePropertyMembers, a string -NotePropertyName unless it names a
    // member type Add-Member adds (then -MemberType takes it), a number a note's name unless it is
    // such a member type's value.
    static let inputObject = Parameter<PSValue>("InputObject", type: .psObject, mandatory: true, valueFromPipeline: true)
    static let memberType = Parameter<PSValue>("MemberType", type: .enumType(MemberTypes.enumType), aliases: ["Type"], position: 0,
                                               mandatory: true, sets: ["MemberSet"])
    static let name = Parameter<PSValue>("Name", type: .string, position: 1, mandatory: true, sets: ["MemberSet"])
    static let value = Parameter<PSValue>("Value", position: 2, sets: ["MemberSet"])
    static let secondValue = Parameter<PSValue>("SecondValue", position: 3, sets: ["MemberSet"])
    static let notePropertyName = Parameter<String>("NotePropertyName", position: 0, mandatory: true, sets: ["NotePropertySingleMemberSet"],
                                                    validate: [.notPositionally(MemberTypes.refuseAsNoteName), .notNullOrEmpty])
        .transforming { value in value.unwrapped.isNumeric ? .string(PSConvert.toString(value)) : value }
    static let notePropertyValue = Parameter<PSValue>("NotePropertyValue", position: 1, mandatory: true, sets: ["NotePropertySingleMemberSet"],
                                                      allow: .null)
    static let notePropertyMembers = Parameter<PSValue>("NotePropertyMembers", type: .named("System.Collections.IDictionary"), position: 0,
                                                        mandatory: true, sets: ["NotePropertyMultiMemberSet"], validate: [.notNullOrEmpty])
    static let typeName = Parameter<String>("TypeName", memberships: [
        ParameterSetMembership(setName: "TypeNameSet", mandatory: true), ParameterSetMembership(setName: "MemberSet"),
        ParameterSetMembership(setName: "NotePropertySingleMemberSet"), ParameterSetMembership(setName: "NotePropertyMultiMemberSet"),
    ], validate: [.notNullOrEmpty])
    static let force = Parameter<SwitchParameter>("Force", sets: ["MemberSet", "NotePropertySingleMemberSet", "NotePropertyMultiMemberSet"])
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration("Add-Member", parameters: [
        inputObject, memberType, name, value, secondValue, notePropertyName, notePropertyValue, notePropertyMembers,
        typeName, force, passThru,
    ], defaultParameterSet: "TypeNameSet", synopsis: "Adds properties and methods to an object.",
       description: "Adds a NoteProperty (a stored value), AliasProperty (optionally converting to a type), ScriptProperty (a getter and an optional setter script block; $this is the object), ScriptMethod, MemberSet or PropertySet to the input object, or only a type name with -TypeName. `Add-Member Name Value` and `Add-Member @{Name=Value}` add notes. An existing member is only replaced with -Force. -PassThru writes the object.")

    /// A member to add: its name and how to build it on the object.
    private struct NewMember { var name: String; var add: (PSObject) -> Void }

    func process(_ context: CmdletContext) throws {
        guard let input = context[Self.inputObject] else { return }
        if let t = context[Self.typeName], t.allSatisfy(\.isWhitespace) {
            throw failure("TypeNameShouldNotBeEmpty", "The TypeName parameter should not be null, empty, or contain only white spaces.", context)
        }
        let o: PSObject
        if case .object(let x) = input { o = x } else if case .array(let collection) = input {
            // A collection is a reference: its added members stay with it (see PSArray.instanceMembers).
            if let own = collection.instanceMembers { o = own } else {
                o = PSObject(typeNames: input.typeNames)
                o.ownerCollection = collection
                collection.instanceMembers = o
            }
        } else {
            o = PSObject(typeNames: input.typeNames)
            o.baseValue = input
        }
        var added = false
        if let members = try dictionaryArgument(context) {
            for (key, value) in members.pairs {
                let name = PSConvert.toString(key)
                if name.isEmpty {
                    try context.writeError(ErrorRecord(message: "The name for a NoteProperty member should not be null or an empty string.",
                                                       errorId: context.qualifiedErrorId("NotePropertyNameShouldNotBeNull"),
                                                       category: .invalidOperation, exceptionType: "System.InvalidOperationException"))
                    continue
                }
                if try add(NewMember(name: name) { $0.addNote(name, value); $0.setMemberType(name, "NoteProperty") }, to: o, input, context) {
                    added = true
                }
            }
        } else if let member = try singleMember(context) {
            added = try add(member, to: o, input, context)
        } else {
            added = true   // -TypeName alone
        }
        guard added else { return }
        if let t = context[Self.typeName] { o.typeNames.insert(context.session.types.resolve(t)?.fullName ?? t, at: 0) }
        guard context[Self.passThru] else { return }
        // A collection goes on as itself (whole), carrying its members; its member object holds it
        // only weakly.
        if case .array = input, o.ownerCollection != nil { try context.writeObject(input, enumerate: false) } else { try context.writeObject(.object(o)) }
    }

    /// -NotePropertyMembers (the binder has checked that it is a dictionary with entries).
    private func dictionaryArgument(_ context: CmdletContext) throws -> PSHashtable? {
        guard case .hashtable(let h)? = context[Self.notePropertyMembers]?.unwrapped else { return nil }
        return h
    }

    private func singleMember(_ context: CmdletContext) throws -> NewMember? {
        if let name = context[Self.notePropertyName] {
            let value = context[Self.notePropertyValue] ?? .null
            return NewMember(name: name) { $0.addNote(name, value); $0.setMemberType(name, "NoteProperty") }
        }
        guard let typeArgument = context[Self.memberType] else { return nil }
        guard let nameArgument = context[Self.name] else {
            throw context.terminatingError("The Name parameter is required for the member type \"\(PSConvert.toString(typeArgument))\".",
                                           errorId: "NameNotSpecified", category: .invalidArgument)
        }
        let value = context[Self.value], second = context[Self.secondValue]
        let name = try memberName(nameArgument, context)
        let type = try MemberTypes.parse(typeArgument, context)
        if type.nonzeroBitCount != 1 {
            throw failure("WrongMemberCount", "To add a member, only one member type can be specified. The member types specified are: \"\(MemberTypes.text(type))\"", context)
        }
        let label = MemberTypes.text(type)
        func noSecond() throws {
            if second != nil { throw failure("Value2ShouldNotBeSpecified", "The SecondValue parameter is not necessary for a member of type \"\(label)\", and should not be specified. Do not specify the SecondValue parameter when you add members of this type.", context) }
        }
        func firstNotNull() throws -> PSValue {
            guard let v = value, !v.isNull else {
                throw failure("Value1ShouldNotBeNull", "The Value parameter should not be null for a member of type \"\(label)\". Specify a non-null value for the Value parameter when adding members of this type.", context)
            }
            return v
        }
        func notBothNull() throws {
            if (value ?? .null).isNull && (second ?? .null).isNull {
                throw failure("Value1AndValue2AreNotBothNull", "Both Value and SecondValue parameters should not be null for a member of type \"\(label)\". Specify a non-null value for one of the two parameters.", context)
            }
        }
        let session = context.session
        switch type {
        case MemberTypes.noteProperty:
            try noSecond()
            let v = value ?? .null
            return NewMember(name: name) { $0.addNote(name, v); $0.setMemberType(name, "NoteProperty") }
        case MemberTypes.aliasProperty:
            let target = PSConvert.toString(try firstNotNull())
            var convertTo: PSType?
            if let s = second {
                if s.isNull { throw failure("Value2ShouldNotBeNull", "The SecondValue parameter should not be null for a member of type \"\(label)\". Specify a non-null value for the SecondValue parameter when adding members of this type.", context) }
                convertTo = try castToType(s, context)
            }
            return NewMember(name: name) { o in
                // An alias to a property of the wrapped value itself (a string's Length) reads that
                // value; one to an instance member goes through the object, whose alias lookup
                // reports a cycle of aliases instead of following it forever.
                let base = o.member(target) == nil ? o.baseValue : nil
                func read(_ this: PSObject) throws -> PSValue {
                    if let base { return try session.propertyValue(of: base, target) }
                    return try this.property(target) ?? .null
                }
                if let type = convertTo {
                    // Reading the alias converts the target's value to -SecondValue's type.
                    o.addProperty(name, get: { this in try PSConvert.convert(try read(this), to: type, types: session.types) },
                                  set: { this, v in try this.setProperty(target, v) })
                } else if base != nil {
                    o.addProperty(name, get: read, set: { this, v in try this.setProperty(target, v) })
                } else {
                    o.addAlias(name, target: target)
                }
                // Get-Member's definition: `IntAge = (System.UInt32)Age`, or `Size = Length` without a type.
                o.setMemberType(name, "AliasProperty", typeHint: convertTo.map { "(\($0.fullName))\(target)" } ?? target)
            }
        case MemberTypes.scriptProperty:
            try notBothNull()
            let getter = try value.flatMap { $0.isNull ? nil : try scriptBlock($0, context) }
            let setter = try second.flatMap { $0.isNull ? nil : try scriptBlock($0, context) }
            return NewMember(name: name) { o in
                o.addProperty(name, get: { this in
                    guard let getter else { return .null }
                    return Self.single(try Self.runWithThis(getter, this: this, args: [], context: context, session: session))
                }, set: setter.map { s in { this, v in _ = try Self.runWithThis(s, this: this, args: [v], context: context, session: session) } })
                // Get-Member shows the accessors' text: `{get= $this.A ;set= $this.A = $args[0] ;}`.
                let accessors = (getter.map { "get=\($0.text);" } ?? "") + (setter.map { "set=\($0.text);" } ?? "")
                o.setMemberType(name, "ScriptProperty", typeHint: "{\(accessors)}")
            }
        case MemberTypes.scriptMethod:
            try noSecond()
            let body = try scriptBlock(try firstNotNull(), context)
            return NewMember(name: name) { o in
                o.addMethod(name) { this, args in Self.single(try Self.runWithThis(body, this: this, args: args, context: context, session: session)) }
                o.setMemberType(name, "ScriptMethod")
            }
        case MemberTypes.memberSet:
            try noSecond()
            if let v = value, !v.isNull { throw castFailure(v, to: "System.Collections.ObjectModel.Collection`1[System.Management.Automation.PSMemberInfo]", context) }
            let set = PSObject(typeNames: ["System.Management.Automation.PSMemberSet", "System.Object"])
            return NewMember(name: name) { $0.addNote(name, .object(set)); $0.setMemberType(name, "MemberSet") }
        case MemberTypes.propertySet:
            try noSecond()
            let names = try firstNotNull().arrayElements?.map { PSConvert.toString($0) } ?? [PSConvert.toString(value ?? .null)]
            let set = PSObject(typeNames: ["System.Management.Automation.PSPropertySet", "System.Object"])
            set.addNote("ReferencedPropertyNames", .list(names.map { .string($0) }))
            return NewMember(name: name) { $0.addNote(name, .object(set)); $0.setMemberType(name, "PropertySet") }
        case MemberTypes.codeProperty, MemberTypes.codeMethod:
            // hvsh has no .NET MethodInfo to point a code member at.
            if type == MemberTypes.codeProperty { try notBothNull() } else { try noSecond() }
            throw castFailure(try firstNotNull(), to: "System.Reflection.MethodInfo", context)
        default:
            throw failure("CannotAddMemberType", "Cannot add a member with type \"\(label)\". Specify a different type for the MemberTypes parameter.", context)
        }
    }

    /// -Name as PowerShell binds a mandatory string: neither null nor empty.
    private func memberName(_ v: PSValue, _ context: CmdletContext) throws -> String {
        let text = v.isNull ? "" : PSConvert.toString(v)
        guard text.isEmpty else { return text }
        let (id, what) = v.isNull ? ("ParameterArgumentValidationErrorNullNotAllowed", "null") : ("ParameterArgumentValidationErrorEmptyStringNotAllowed", "an empty string")
        throw context.terminatingError("Cannot bind argument to parameter 'Name' because it is \(what).", errorId: id, category: .invalidData,
                                       exceptionType: "System.Management.Automation.ParameterBindingValidationException")
    }

    private func add(_ member: NewMember, to o: PSObject, _ input: PSValue, _ context: CmdletContext) throws -> Bool {
        if o.member(member.name) != nil {
            guard context[Self.force] else {
                try context.writeError(ErrorRecord(
                    message: "Cannot add a member with the name \"\(member.name)\" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command.",
                    errorId: context.qualifiedErrorId("MemberAlreadyExists"), category: .invalidOperation,
                    target: input, exceptionType: "System.InvalidOperationException"))
                return false
            }
            o.removeMember(member.name)
        }
        member.add(o)
        return true
    }

    private func failure(_ id: String, _ message: String, _ context: CmdletContext) -> PSRuntimeError {
        context.terminatingError(message, errorId: id, category: .invalidOperation, exceptionType: "System.InvalidOperationException")
    }

    private func castFailure(_ v: PSValue, to type: String, _ context: CmdletContext, id: String = "ConvertToFinalInvalidCastException") -> PSRuntimeError {
        context.terminatingError("Cannot convert the \"\(PSConvert.toString(v))\" value of type \"\(v.typeFullName)\" to type \"\(type)\".",
                                 errorId: id, category: .invalidArgument, exceptionType: "System.Management.Automation.PSInvalidCastException")
    }

    private func castToType(_ v: PSValue, _ context: CmdletContext) throws -> PSType {
        if case .type(let t) = v.unwrapped { return t }
        if let t = context.session.types.resolve(PSConvert.toString(v)) { return t }
        throw castFailure(v, to: "System.Type", context, id: "InvalidCastFromStringToType")
    }

    private func scriptBlock(_ v: PSValue, _ context: CmdletContext) throws -> PSScriptBlock {
        if case .scriptBlock(let b) = v.unwrapped { return b }
        throw castFailure(v, to: "System.Management.Automation.ScriptBlock", context)
    }

    private static func single(_ out: [PSValue]) -> PSValue { out.isEmpty ? .null : (out.count == 1 ? out[0] : .list(out)) }

    /// Script properties and methods see the object as `$this`.
    static func runWithThis(_ block: PSScriptBlock, this: PSObject, args: [PSValue], context: CmdletContext, session: ShellSession) throws -> [PSValue] {
        let saved = session.variable("this")
        session.setVariable("this", .object(this))
        defer { session.setVariable("this", saved ?? .null) }
        return try context.invoke(block, dollarUnder: .object(this), arguments: args, dotSource: false)
    }
}

/// System.Management.Automation.PSMemberTypes: the flags, their names, and parsing as PowerShell's
/// enum conversion does (a name, a comma-separated list of names, or a number).
enum MemberTypes {
    static let aliasProperty = 1, codeProperty = 2, property = 4, noteProperty = 8, scriptProperty = 16
    static let propertySet = 32, method = 64, codeMethod = 128, scriptMethod = 256, parameterizedProperty = 512
    static let memberSet = 1024, event = 2048, dynamic = 4096, inferredProperty = 8192
    static let names: [(String, Int)] = [
        ("AliasProperty", 1), ("CodeProperty", 2), ("Property", 4), ("NoteProperty", 8), ("ScriptProperty", 16),
        ("Properties", 31), ("PropertySet", 32), ("Method", 64), ("CodeMethod", 128), ("ScriptMethod", 256),
        ("Methods", 448), ("ParameterizedProperty", 512), ("MemberSet", 1024), ("Event", 2048), ("Dynamic", 4096),
        ("InferredProperty", 8192), ("All", 16383),
    ]
    /// The member types Add-Member can add.
    static let addable: Set<Int> = [aliasProperty, codeProperty, noteProperty, scriptProperty, propertySet, codeMethod, scriptMethod, memberSet]
    static let enumType = PSEnumType(fullName: "System.Management.Automation.PSMemberTypes", members: names.map { ($0.0, Int64($0.1)) },
                                     isFlags: true)

    /// PowerShell's ValidateNotePropertyName: a note's name may not be one that converts to a member
    /// type Add-Member adds (`NoteProperty`, `8`), which is -MemberType's argument instead.
    @Sendable static func refuseAsNoteName(_ value: PSValue) -> String? {
        guard case .string(let text) = value.unwrapped, let flags = flags(of: text), addable.contains(flags) else { return nil }
        return "The parameter NotePropertyName cannot take values that could be converted to the type System.Management.Automation.PSMemberTypes. To define the name of a member with those values, use Add-Member, and specify the member type."
    }

    /// A PSMemberTypes value written as text: a number, or names joined by commas; nil if it is neither.
    static func flags(of text: String) -> Int? {
        if let n = Int(text.trimmingCharacters(in: .whitespaces)) { return n }
        var flags = 0
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let word = part.trimmingCharacters(in: .whitespaces)
            guard let hit = names.first(where: { $0.0.caseInsensitiveCompare(word) == .orderedSame }) else { return nil }
            flags |= hit.1
        }
        return flags
    }

    static func parse(_ v: PSValue, _ context: CmdletContext) throws -> Int {
        let u = v.unwrapped
        if u.isNumeric, let n = try? PSConvert.toInt64(u), n >= 0, n <= 16383 { return Int(n) }
        if case .enumValue = u, let n = try? PSConvert.toInt64(u) { return Int(n) }
        let text = PSConvert.toString(u)
        var flags = 0
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let word = part.trimmingCharacters(in: .whitespaces)
            guard let hit = names.first(where: { $0.0.caseInsensitiveCompare(word) == .orderedSame }) else {
                let list = names.map(\.0).joined(separator: ", ")
                throw context.terminatingError("Cannot bind parameter 'MemberType'. Cannot convert value \"\(text)\" to type \"System.Management.Automation.PSMemberTypes\". Error: \"Unable to match the identifier name \(text) to a valid enumerator name. Specify one of the following enumerator names and try again:\n\(list)\"",
                                               errorId: "CannotConvertArgumentNoMessage", category: .invalidArgument,
                                               exceptionType: "System.Management.Automation.ParameterBindingException")
            }
            flags |= hit.1
        }
        return flags
    }

    /// The enum's text: its own name, or the names of its flags joined by ", ".
    static func text(_ flags: Int) -> String {
        if let exact = names.first(where: { $0.1 == flags }) { return exact.0 }
        return names.filter { $0.1.nonzeroBitCount == 1 && flags & $0.1 != 0 }.map(\.0).joined(separator: ", ")
    }
}
