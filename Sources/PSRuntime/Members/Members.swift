import Foundation
import PSLanguage

/// Property access and method calls on values, with the .NET members scripts commonly use
/// (string, array, hashtable, DateTime, TimeSpan, ...) and PowerShell's member enumeration
/// (`(Get-VM).Name` collects each element's Name).
enum Members {
    static func methodNotFound(_ value: PSValue, _ name: String) -> PSRuntimeError {
        PSRuntimeError.message(
            "Method invocation failed because [\(value.typeFullName)] does not contain a method named '\(name)'.",
            errorId: "MethodNotFound", category: .invalidOperation,
            exceptionType: "System.Management.Automation.RuntimeException", target: value)
    }

    static func argCount(_ name: String, _ count: Int) -> PSRuntimeError {
        PSRuntimeError.message("Cannot find an overload for \"\(name)\" and the argument count: \"\(count)\".",
                               errorId: "MethodCountCouldNotFindBest", category: .notSpecified,
                               exceptionType: "System.Management.Automation.MethodException")
    }

    // MARK: Properties

    static func get(_ value: PSValue, _ name: String, session: ShellSession) throws -> PSValue {
        let lower = name.lowercased()
        // Type data (Update-TypeData) comes after an object's own members and a dictionary's keys,
        // before the members a value's type has.
        // The table is empty in nearly every script: one check of it, not a call per property read.
        let hasTypeData = !session.typeData.isEmpty
        if hasTypeData {
            switch value {
            case .null, .object, .hashtable: break
            default: if let extended = try session.typeDataProperty(value, name) { return extended }
            }
        }
        switch value {
        case .null: return lower == "count" || lower == "length" ? .int(0) : .null
        case .object(let object):
            if let property = try object.property(name) { return property }
            if hasTypeData, let extended = try session.typeDataProperty(value, name) { return extended }
            if let node = object.baseObject as? XmlNode, let property = XmlObjects.property(node, lower) { return property }
            if lower == "psobject" { return .object(psObjectView(value)) }
            if lower == "pstypenames" { return .array(liveTypeNames(object)) }
            if let base = object.baseValue { return try get(base, name, session: session) }
            // Every object counts as a collection of one (PowerShell 3+).
            if lower == "count" || lower == "length" { return .int(1) }
            // A class's method named without a call is its PSMethod.
            if let method = ClassMethodReferences.instance(object, name) { return method }
            return .null
        case .hashtable(let table):
            if let found = table[.string(name)] { return found }
            if hasTypeData, let extended = try session.typeDataProperty(value, name) { return extended }
            // `$Matches.0`: a numeric member name is the integer key.
            if let number = Int32(name), let found = table[.int(number)] { return found }
            switch lower {
            case "count": return .int(Int32(table.count))
            case "keys": return .array(PSArray(table.keys))
            case "values": return .array(PSArray(table.values))
            case "psobject": return .object(psObjectView(value))
            case "isreadonly", "isfixedsize", "issynchronized": return .false
            case "syncroot": return value
            default: return .null
            }
        case .array(let array):
            if let own = array.instanceMembers, let property = try own.property(name) { return property }
            if array.kind == .enumerator, lower == "current" { return try ArrayEnumerators.current(array) }
            switch lower {
            // Only a .NET array has Length; on a list it is member enumeration (each item's Length).
            case "count": return .int(Int32(array.count))
            case "length" where array.isDotNetArray: return .int(Int32(array.count))
            case "longlength": return .long(Int64(array.count))
            case "rank": return .int(Int32(array.dimensions?.count ?? 1))
            case "isfixedsize", "isreadonly": return .bool(!array.isResizable && lower == "isfixedsize")
            case "issynchronized": return .false
            case "psobject": return .object(psObjectView(value))
            case "syncroot": return value
            default:
                // Member enumeration: the property of every element that has it. An element that is a
                // collection enumerates again, so a list that holds itself recursed until the stack ran
                // out (evaluator fuzz finding): .NET's InsufficientExecutionStack error instead.
                if !array.elements.isEmpty { try StackGuard.ensureSufficientStack() }
                var out: [PSValue] = []
                for element in array.elements {
                    let result = try get(element, name, session: session)
                    if case .null = result { continue }
                    if case .array(let inner) = result { out += inner.elements } else { out.append(result) }
                }
                if out.isEmpty { return .null }
                return out.count == 1 ? out[0] : .array(PSArray(out))
            }
        case .string(let text):
            switch lower {
            case "length": return .int(Int32(text.utf16.count))
            case "count": return .int(1)
            case "psobject": return .object(psObjectView(value))
            default: return .null
            }
        case .dateTime, .timeSpan, .version, .guid, .ipAddress:
            return ValueProperties.value(value, lowercasedName: lower) ?? .null
        case .switchValue(let isPresent):
            return lower == "ispresent" ? .bool(isPresent) : .null
        case .enumValue(let enumValue):
            switch lower {
            case "value__": return enumValue.type.underlyingValue(enumValue.rawValue)
            case "count", "length": return .int(1)
            default: return .null
            }
        case .type(let type):
            switch lower {
            case "name": return .string(type.name)
            case "fullname": return .string(type.fullName)
            case "isenum": if case .enumType = type { return .true }; return .false
            // Only .NET arrays (`Int32[]`, `Int32[,]`); lists and collections are not.
            case "isarray":
                if case .array = type { return .true }
                return .bool(type.fullName.hasSuffix("]") && (type.fullName.hasSuffix("[]") || type.fullName.hasSuffix(",]")))
            case "assembly": return .object(Delegates.assembly())
            case "basetype":
                if case .scriptClass(let c) = type {
                    if let base = c.base { return .type(.scriptClass(base)) }
                    if let dotNet = c.dotNetBases.first(where: { !ClassNames.isInterface($0) }) { return .type(session.types.resolve(dotNet) ?? .named(dotNet)) }
                    return .type(.object)
                }
                guard let base = TypeFacts.baseTypeName(type) else { return .null }
                return .type(base == "System.Object" ? .object : .named(base))
            case "namespace", "ispublic", "isserializable": return TypeFacts.property(type, lower) ?? .null
            case "isgenerictype", "isgenerictypedefinition", "containsgenericparameters", "isconstructedgenerictype", "generictypearguments":
                return GenericTypeInfo.property(type, lower, resolve: { session.types.resolve($0) }) ?? .null
            case "isvaluetype":
                if case .enumType = type { return .true }
                return .bool(TypeFacts.baseTypeName(type) == "System.ValueType")
            case "isclass":
                if case .enumType = type { return .false }
                return .bool(TypeFacts.baseTypeName(type) != "System.ValueType")
            default: return .null
            }
        case .scriptBlock(let block):
            switch lower {
            case "ast":
                // A function's block is its FunctionDefinitionAst (the whole statement); any other the
                // ScriptBlockAst of its text.
                if let definition = block.definitionText {
                    let parsed = Parser.parse(definition)
                    let tree = ParserObjects.scriptBlockAst(definition, parsed: parsed, session: session)
                    if case .object(let end)? = try tree.property("EndBlock"), let statements = try end.property("Statements"),
                       let first = statements.arrayElements?.first {
                        return first
                    }
                    return .object(tree)
                }
                return .object(ParserObjects.scriptBlockAst(block.text, parsed: Parser.parse(block.text), session: session))
            case "file": return .null
            default: return .null
            }
        case .regex(let regex):
            if lower == "options" { return .string(regex.ignoreCase ? "IgnoreCase" : "None") }
            return .null
        default:
            if lower == "psobject" { return .object(psObjectView(value)) }
            if lower == "pstypenames" { return .array(PSArray(value.typeNames.map { .string($0) })) }
            if lower == "count" || lower == "length" { return .int(1) }
            return .null
        }
    }

    /// An object's type names as a list that writes its changes back to the object.
    static func liveTypeNames(_ object: PSObject) -> PSArray {
        let list = PSArray(object.typeNames.map { .string($0) }, kind: .genericList(.string))
        list.typeNamesOwner = object
        return list
    }

    /// `$x.PSObject`: TypeNames, Properties (with Name/Value/MemberType), BaseObject, Members.
    static func psObjectView(_ v: PSValue) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.PSObject", "System.Object"])
        if case .object(let object) = v { o.addNote("TypeNames", .array(liveTypeNames(object))) } else {
            o.addNote("TypeNames", .array(PSArray(v.typeNames.map { .string($0) })))
        }
        o.addNote("BaseObject", v)
        o.addNote("ImmediateBaseObject", v)
        var props: [PSValue] = []
        switch v {
        case .object(let obj):
            for m in obj.properties {
                let p = PSObject(typeNames: ["System.Management.Automation.PS\(m.memberTypeName)", "System.Management.Automation.PSPropertyInfo", "System.Object"])
                p.addNote("Name", .string(m.name))
                p.addProperty("Value", get: { _ in (try obj.property(m.name)) ?? .null }, set: { _, nv in try obj.setProperty(m.name, nv) })
                p.addNote("MemberType", Members.memberTypeValue(m.memberTypeName))
                p.addProperty("TypeNameOfValue") { _ in .string(((try? obj.property(m.name)) ?? nil)?.typeFullName ?? "System.Object") }
                p.addNote("IsSettable", .bool({ if case .computed(_, let s) = m.kind { return s != nil }; return true }()))
                p.addNote("IsGettable", .true)
                let name = m.name
                p.toStringHandler = { _ in "\(m.typeHint ?? "System.Object") \(name)" }
                props.append(.object(p))
            }
        case .hashtable(let h):
            let builtins: [(String, PSValue)] = [("Count", .int(Int32(h.count))), ("IsReadOnly", .false),
                                                 ("Keys", .array(PSArray(h.keys))), ("Values", .array(PSArray(h.values)))]
            for (k, value) in builtins {
                let p = PSObject(typeNames: ["System.Management.Automation.PSProperty", "System.Object"])
                p.addNote("Name", .string(k))
                p.addNote("Value", value)
                p.addNote("MemberType", .string("Property"))
                props.append(.object(p))
            }
        default: break
        }
        let properties = PSArray(props)
        if case .object(let obj) = v { properties.memberOwner = obj }
        o.addNote("Properties", .array(properties))
        o.addMethod("Copy") { _, _ in
            if case .object(let obj) = v { return .object(obj.copy()) }
            return v
        }
        return o
    }

    // MARK: Setting

    static func set(_ target: PSValue, _ name: String, _ value: PSValue) throws {
        switch target {
        case .object(let o):
            if o.member(name) != nil { try o.setProperty(name, value); return }
            if let node = o.baseObject as? XmlNode, try XmlObjects.setProperty(node, name.lowercased(), value) { return }
            throw PSRuntimeError.message(
                "The property '\(name)' cannot be found on this object. Verify that the property exists and can be set.",
                errorId: "PropertyNotFound", category: .invalidOperation)
        case .hashtable(let h): h[.string(name)] = value
        case .null:
            throw PSRuntimeError.message("The property '\(name)' cannot be found on this object. Verify that the property exists and can be set.",
                                         errorId: "PropertyNotFound", category: .invalidOperation)
        case .array(let a):
            if let own = a.instanceMembers, own.member(name) != nil { try own.setProperty(name, value); return }
            for e in a.elements { try set(e, name, value) }
        default:
            throw PSRuntimeError.message("'\(name)' is a ReadOnly property.", errorId: "PropertyAssignmentException",
                                         category: .invalidOperation)
        }
    }

    // MARK: Methods

    /// Calls a method; nil means void (nothing is written).
    static func invoke(_ value: PSValue, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        let lower = name.lowercased()
        // A .NET property's accessors are methods too (`$h.get_Keys()`, `$o.set_Name('x')`): where the
        // value has no method of that name, they read or write the property.
        if lower.count > 4, lower.hasPrefix("get_") || lower.hasPrefix("set_"), !(lower == "get_item" || lower == "set_item") {
            do {
                return try invokeMethod(value, name, args, lower, session: session)
            } catch let e as PSRuntimeError where e.record.fullyQualifiedErrorId == "MethodNotFound" {
                // A custom object's note properties have no accessors.
                if case .object(let o) = value, o.typeNames.first == "System.Management.Automation.PSCustomObject" { throw e }
                let property = String(name.dropFirst(4))
                if lower.hasPrefix("get_"), args.isEmpty {
                    if case .null = value { throw e }
                    let result = try get(value, property, session: session)
                    if case .null = result, !hasProperty(value, property, session: session) { throw e }
                    return result
                }
                if lower.hasPrefix("set_"), args.count == 1, hasProperty(value, property, session: session) {
                    try set(value, property, args[0])
                    return nil
                }
                throw e
            }
        }
        return try invokeMethod(value, name, args, lower, session: session)
    }

    /// Whether the value shows a property of this name (Get-Member's view).
    private static func hasProperty(_ value: PSValue, _ name: String, session: ShellSession) -> Bool {
        if case .hashtable = value { return ["count", "keys", "values", "issynchronized", "syncroot", "isreadonly", "isfixedsize"].contains(name.lowercased()) }
        if case .object(let object) = value { return object.member(name)?.isProperty ?? false }
        return false
    }

    private static func invokeMethod(_ value: PSValue, _ name: String, _ args: [PSValue], _ given: String, session: ShellSession) throws -> PSValue? {
        // PSForEach and PSWhere are the intrinsics' other names (for objects with ForEach/Where of their own).
        let lower = given == "psforeach" ? "foreach" : given == "pswhere" ? "where" : given
        if case .null = value {
            // On $null the intrinsics enumerate nothing: an empty Collection[PSObject].
            if lower == "foreach" || lower == "where" {
                return try CollectionMethods.callArray(PSArray([]), lower, name, args, session: session)
            }
            throw PSRuntimeError.message("You cannot call a method on a null-valued expression.", errorId: "InvokeMethodOnNull",
                                         category: .invalidOperation)
        }
        if !session.typeData.isEmpty {
            var ownMember = false
            if case .object(let object) = value { ownMember = object.member(name) != nil }
            if !ownMember, let result = try session.callTypeDataMethod(value, name, args) { return result }
        }
        if case .object(let object) = value, let state = object.baseObject as? PropertyExpressions.State,
           let result = try PropertyExpressions.call(state, lower, args, session: session) {
            return result
        }
        // A PSObject wrapping a value (a command's output, `[psobject]5`) answers the value's own
        // methods, unless a member added to the wrapper has the name.
        if case .object(let object) = value, let base = object.baseValue, object.member(name) == nil {
            return try invoke(base, name, args, session: session)
        }
        switch lower {
        case "gettype" where args.isEmpty:
            if case .object(let object) = value, let result = try object.callMethod(name, args) { return result }
            return .type(typeOf(value, session: session))
        case "tostring":
            if case .object(let object) = value, let result = try object.callMethod(name, args) { return result }
            // .NET collections print their type name; only PowerShell's string conversion joins them.
            if case .array(let array) = value, args.isEmpty { return .string(Members.typeToString(array.typeFullName)) }
            if case .type(let type) = value, args.isEmpty { return .string(TypeDisplayNames.dotNetName(type.fullName)) }
            // DateTime.ToString() is the current culture's general form (en-US), unlike a [string] cast.
            if case .dateTime(let date) = value, args.isEmpty { return .string(PSFormat.formatDate(date, "G")) }
            if let format = args.first {
                switch value {
                case .int, .long, .double, .decimal, .single, .byte, .int16, .uint16, .uint32, .uint64, .sbyte, .dateTime, .timeSpan, .enumValue:
                    let spec = PSConvert.toString(format)
                    return .string(try DotNetErrors.asMethodError(name, args.count) { try PSFormat.formatValue(value, spec: spec) })
                default: break
                }
            }
            // A double's own ToString() is .NET's shortest round-trip text; PowerShell's string
            // conversion ("$x", output) keeps 15 digits.
            if args.isEmpty, case .double(let number) = value { return .string(RoundTripDouble.text(number)) }
            if args.isEmpty, case .single(let number) = value { return .string(RoundTripDouble.text(number)) }
            return .string(PSConvert.toString(value))
        case "equals" where args.count == 1:
            if case .object(let object) = value, let result = try object.callMethod(name, args) { return result }
            return .bool(Comparison.equals(value, args[0], caseSensitive: true))
        case "gethashcode" where args.isEmpty:
            return .int(Int32(truncatingIfNeeded: PSConvert.toString(value).hashValue))
        case "compareto" where args.count == 1:
            return .int(Int32(try Comparison.compare(value, args[0], caseSensitive: true)))
        case "equals", "compareto", "gethashcode", "gettype":
            // System.Object's methods exist on every value; only the argument count is wrong.
            if case .object = value { break }
            if case .null = value { break }
            throw argCount(name, args.count)
        default: break
        }
        if lower == "foreach" || lower == "where", !value.isEnumerable {
            // The intrinsic `.ForEach()`/`.Where()` treat a single value as a collection of one.
            if case .object(let object) = value, let result = try object.callMethod(name, args) { return result }
            return try CollectionMethods.callArray(PSArray([value]), lower, name, args, session: session)
        }
        switch value {
        case .null:
            throw PSRuntimeError.message("You cannot call a method on a null-valued expression.", errorId: "InvokeMethodOnNull",
                                         category: .invalidOperation)
        case .object(let object):
            if let node = object.baseObject as? XmlNode, node.kind == .document, lower == "save" || lower == "load" {
                try XmlObjects.fileMethod(node, lower, args, session: session)
                return nil
            }
            if let box = object.baseObject as? Delegates.Box, let result = try Delegates.call(box, lower, args, session: session) {
                return box.returnType == nil ? nil : result
            }
            if let result = try object.callMethod(name, args) { return object.voidMethods.contains(lower) ? nil : result }
            if let base = object.baseValue { return try invoke(base, name, args, session: session) }
            throw methodNotFound(value, name)
        case .string(let text): return try StringMethods.call(text, lower, name, args, session: session)
        case .array(let array):
            if case .hashSet(let elementType) = array.kind, let result = try GenericCollections.callHashSet(array, elementType, lower, name, args) { return result }
            switch array.kind {
            case .queue, .stack: if let result = try QueueStacks.call(array, lower, name, args) { return result }
            default: break
            }
            return try CollectionMethods.callArray(array, lower, name, args, session: session)
        case .hashtable(let table):
            if let result = try ConcurrentDictionaries.call(table, lower, name, args, session: session) { return result }
            if let result = try GenericCollections.callDictionary(table, lower, name, args) { return result }
            return try CollectionMethods.callHashtable(table, lower, name, args)
        case .dateTime(let date): return try DateMethods.callDate(date, lower, name, args)
        case .timeSpan(let interval): return try DateMethods.callTimeSpan(interval, lower, name, args)
        case .type(.enumType(let e)) where lower.hasPrefix("getenum") || lower == "isenumdefined":
            if let result = try EnumTypeMethods.call(e, lower, name, args) { return result }
            throw argCount(name, args.count)
        case .type(.scriptClass(let c)) where lower == "getinterface" && args.count == 1:
            // A script class's interfaces are the .NET names its bases list.
            let wanted = PSConvert.toString(args[0]).lowercased()
            guard let found = c.chain.flatMap(\.dotNetBases).first(where: { ClassNames.isInterface($0) && ($0.lowercased() == wanted || PSType.shortName(of: $0).lowercased() == wanted) })
            else { return .null }
            return .type(session.types.resolve(found) ?? .named(found))
        case .type(let type) where lower == "getgenericarguments" || lower == "getgenerictypedefinition":
            if let result = GenericTypeInfo.call(type, lower, args, resolve: { session.types.resolve($0) }) { return result }
            if !args.isEmpty { throw argCount(name, args.count) }
            throw PSRuntimeError.message("Exception calling \"\(name)\" with \"0\" argument(s): \"This operation is only valid on generic types.\"",
                                         errorId: "InvalidOperationException", exceptionType: "System.Management.Automation.MethodInvocationException")
        case .type(let type) where lower == "makegenerictype":
            // `[Func`2].MakeGenericType([int], [string])`: the open Func/Action closed over the arguments.
            let given = args.count == 1 && args[0].arrayElements != nil ? args[0].arrayElements! : args
            let arguments = try given.map { a -> PSType in
                guard case .type(let t) = a.unwrapped else { throw PSConvert.cannotConvert(a, to: .type) }
                return t
            }
            let open = type.fullName
            guard let tick = open.firstIndex(of: "`"), Int(open[open.index(after: tick)...]) == arguments.count,
                  let closed = Delegates.closedName(String(open[..<tick]).lowercased(), arguments) else {
                throw PSRuntimeError.message("Exception calling \"MakeGenericType\" with \"\(args.count)\" argument(s): \"\(open) is not a GenericTypeDefinition. MakeGenericType may only be called on a type for which Type.IsGenericTypeDefinition is true.\"",
                                             errorId: "InvalidOperationException", exceptionType: "System.Management.Automation.MethodInvocationException")
            }
            return .type(.named(closed))
        case .scriptBlock(let block):
            switch lower {
            case "invoke", "invokereturnasis":
                // As a .NET method, its failures come out as MethodInvocationExceptions.
                let out: [PSValue]
                // (Call-depth overflow, a stopped pipeline and method errors pass as they are, as in
                // ExceptionHandlingOps.ConvertToMethodInvocationException.)
                do { out = try session.invoke(block, arguments: args) } catch let e as PSRuntimeError {
                    let passes = ["System.Management.Automation.ScriptCallDepthException", "System.Management.Automation.PipelineStoppedException",
                                  "System.Management.Automation.MethodException", "System.Management.Automation.MethodInvocationException"]
                    if passes.contains(e.record.exception.typeFullName) { throw e }
                    throw DotNetErrors.methodInvocation(name, argumentCount: args.count, e)
                }
                return out.count == 1 && lower == "invokereturnasis" ? out[0] : .array(PSArray(out))
            case "getnewclosure": return value
            case "checkrestrictedlanguage": return try ScriptBlockRestrictedCheck.check(block, args)
            case "getsteppablepipeline": return try SteppablePipeline.make(from: block, session: session)
            default: throw methodNotFound(value, name)
            }
        case .regex(let regex): return try RegexMethods.call(regex, lower, name, args, session: session)
        case .enumValue(let enumValue):
            if lower == "hasflag" {
                guard args.count == 1 else { throw argCount(name, args.count) }
                let flag = try PSConvert.toEnum(args[0], enumValue.type)
                return .bool(enumValue.rawValue & flag.rawValue == flag.rawValue)
            }
            throw methodNotFound(value, name)
        case .ipAddress(let ip):
            if lower == "getaddressbytes" { return .array(PSArray(ip.bytes.map { .byte($0) }, kind: .typed(.byte))) }
            throw methodNotFound(value, name)
        case .int, .long, .double, .decimal, .single, .byte, .int16, .uint16, .uint32, .uint64, .sbyte:
            // IConvertible's conversions (`$d.ToSingle([cultureinfo]::InvariantCulture)`): the format provider aside, a cast.
            if args.count == 1, let target = convertibleTargets[lower] {
                return try DotNetErrors.asMethodError(name, args.count) { try PSConvert.convert(value, to: target) }
            }
            throw methodNotFound(value, name)
        default:
            throw methodNotFound(value, name)
        }
    }

    static let convertibleTargets: [String: PSType] = [
        "toboolean": .bool, "tobyte": .byte, "tosbyte": .sbyte, "toint16": .int16, "touint16": .uint16, "toint32": .int32,
        "touint32": .uint32, "toint64": .int64, "touint64": .uint64, "tosingle": .single, "todouble": .double, "todecimal": .decimal,
    ]

    /// `[object]::ReferenceEquals`: the same instance of a reference type (value types are boxed
    /// anew for each call, so they never are).
    static func sameReference(_ first: PSValue, _ second: PSValue) -> Bool {
        switch (first, second) {
        case (.null, .null): return true
        case (.array(let firstReference), .array(let secondReference)): return firstReference === secondReference
        case (.hashtable(let firstReference), .hashtable(let secondReference)): return firstReference === secondReference
        case (.object(let firstReference), .object(let secondReference)): return firstReference === secondReference || (firstReference.baseObject != nil && firstReference.baseObject === secondReference.baseObject)
        case (.scriptBlock(let firstReference), .scriptBlock(let secondReference)): return firstReference === secondReference
        default: return false
        }
    }

    /// Type.ToString() of a generic: `List`1[System.String]`, `Dictionary`2[System.String,System.Int32]`
    /// (FullName brackets each argument: `[[System.String]]`).
    static func typeToString(_ fullName: String) -> String { TypeDisplayNames.dotNetName(fullName) }

    static let memberTypes = PSEnumType(fullName: "System.Management.Automation.PSMemberTypes", members: [
        ("AliasProperty", 1), ("CodeProperty", 2), ("Property", 4), ("NoteProperty", 8), ("ScriptProperty", 16),
        ("Properties", 31), ("PropertySet", 32), ("Method", 64), ("CodeMethod", 128), ("ScriptMethod", 256),
        ("Methods", 448), ("ParameterizedProperty", 512), ("MemberSet", 1024), ("Event", 2048), ("Dynamic", 4096),
        ("InferredProperty", 8192), ("All", 16383),
    ], isFlags: true)

    /// A PSPropertyInfo's MemberType: the PSMemberTypes value (tables right-align it; it compares with names).
    static func memberTypeValue(_ name: String) -> PSValue {
        memberTypes.value(named: name).map { .enumValue($0) } ?? .string(name)
    }

    /// The `[type]` of a value for `.GetType()` and `-is`.
    static func typeOf(_ value: PSValue, session: ShellSession) -> PSType {
        if case .object(let o) = value, let c = o.baseObject as? PSClassType { return .scriptClass(c) }
        switch value {
        case .bool: return .bool
        case .int: return .int32
        case .long: return .int64
        case .double: return .double
        case .string: return .string
        case .byte: return .byte
        case .sbyte: return .sbyte
        case .int16: return .int16
        case .uint16: return .uint16
        case .uint32: return .uint32
        case .uint64: return .uint64
        case .single: return .single
        case .decimal: return .decimal
        case .char: return .char
        case .switchValue: return .switchParameter
        case .array(let array):
            switch array.kind {
            case .objectArray: return .array(.object)
            case .typed(let elementType):
                if let dimensions = array.dimensions { return .named(MultiDimensionalArrays.typeName(element: elementType.fullName, rank: dimensions.count)) }
                return .array(elementType)
            case .arrayList: return .arrayList
            case .genericList(let elementType): return array.isObservable ? .named(array.typeFullName) : .list(elementType)
            case .collection(let elementType): return .collection(elementType)
            case .hashSet(let elementType): return .hashSet(elementType)
            case .enumerator, .queue, .stack: return .named(array.typeFullName)
            }
        case .hashtable(let h):
            if let name = h.engineTypeName { return .named(name) }
            if let g = h.generic { return .dictionary(g.key, g.value) }
            return h.isOrdered ? .ordered : .hashtable
        // Names with `#` are ETS additions (an XML node's namespace, a CIM class), not the .NET type.
        case .object(let o): return .named(o.isCustomObject ? PSObject.customObjectTypeNames[0] : o.typeNames.first { !$0.contains("#") } ?? "System.Object")
        case .scriptBlock: return .scriptBlock
        case .enumValue(let e): return .enumType(e.type)
        case .guid: return .guid
        case .dateTime: return .dateTime
        case .timeSpan: return .timeSpan
        case .version: return .version
        case .ipAddress: return .ipAddress
        case .regex: return .regex
        case .type: return .named("System.RuntimeType")
        case .null: return .object
        }
    }
}

/// A few .NET enums that built-in members return.
enum DotNetEnums {
    static let stringSplitOptions = PSEnumType(fullName: "System.StringSplitOptions", members: [("None", 0), ("RemoveEmptyEntries", 1), ("TrimEntries", 2)], isFlags: true)
    static let stringComparison = PSEnumType(fullName: "System.StringComparison", names: ["CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "Ordinal", "OrdinalIgnoreCase"])
    static let consoleColor = PSEnumType(fullName: "System.ConsoleColor", names: ["Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray", "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"])
    static let errorCategory = PSEnumType(fullName: "System.Management.Automation.ErrorCategory", names: ErrorCategory.allCases.map(\.rawValue))
    static let midpointRounding = PSEnumType(fullName: "System.MidpointRounding", names: ["ToEven", "AwayFromZero", "ToZero", "ToNegativeInfinity", "ToPositiveInfinity"])
    /// The enums a new session knows by name.
    static var all: [PSEnumType] { [stringSplitOptions, stringComparison, consoleColor, errorCategory, midpointRounding, dayOfWeek, dateTimeKind, specialFolder, addressFamily, windowsBuiltInRole, Members.memberTypes, PSTokens.tokenType, reflectionMemberTypes, ParserEnums.tokenKind] + UtilityTypes.enums }

    /// System.Reflection.MemberTypes (a [Flags] enum; parameters default to all its names joined).
    static let reflectionMemberTypes = PSEnumType(fullName: "System.Reflection.MemberTypes", members: [
        ("Constructor", 1), ("Event", 2), ("Field", 4), ("Method", 8), ("Property", 16), ("TypeInfo", 32),
        ("Custom", 64), ("NestedType", 128), ("All", 191)], isFlags: true)
    static let dayOfWeek = PSEnumType(fullName: "System.DayOfWeek", names: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"])
    /// Lab scripts test `IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)`; the enum
    /// exists in .NET on Linux (getting a WindowsIdentity to ask is what fails).
    static let windowsBuiltInRole = PSEnumType(fullName: "System.Security.Principal.WindowsBuiltInRole",
                                               members: [("Administrator", 544), ("User", 545), ("Guest", 546), ("PowerUser", 547),
                                                         ("AccountOperator", 548), ("SystemOperator", 549), ("PrintOperator", 550),
                                                         ("BackupOperator", 551), ("Replicator", 552)])
    static let dateTimeKind = PSEnumType(fullName: "System.DateTimeKind", names: ["Unspecified", "Utc", "Local"])
    /// The folders `[Environment]::GetFolderPath` knows (a nested type: `[Environment+SpecialFolder]`).
    static let specialFolder = PSEnumType(fullName: "System.Environment+SpecialFolder", members: [
        ("Desktop", 0), ("Programs", 2), ("MyDocuments", 5), ("Personal", 5), ("Favorites", 6), ("Startup", 7), ("Recent", 8),
        ("SendTo", 9), ("StartMenu", 11), ("MyMusic", 13), ("MyVideos", 14), ("DesktopDirectory", 16), ("MyComputer", 17),
        ("NetworkShortcuts", 19), ("Fonts", 20), ("Templates", 21), ("CommonStartMenu", 22), ("CommonPrograms", 23),
        ("CommonStartup", 24), ("CommonDesktopDirectory", 25), ("ApplicationData", 26), ("PrinterShortcuts", 27),
        ("LocalApplicationData", 28), ("InternetCache", 32), ("Cookies", 33), ("History", 34), ("CommonApplicationData", 35),
        ("Windows", 36), ("System", 37), ("ProgramFiles", 38), ("MyPictures", 39), ("UserProfile", 40), ("SystemX86", 41),
        ("ProgramFilesX86", 42), ("CommonProgramFiles", 43), ("CommonProgramFilesX86", 44), ("CommonTemplates", 45),
        ("CommonDocuments", 46), ("CommonAdminTools", 47), ("AdminTools", 48), ("CommonMusic", 53), ("CommonPictures", 54),
        ("CommonVideos", 55), ("Resources", 56), ("LocalizedResources", 57), ("CommonOemLinks", 58), ("CDBurning", 59)])
    static let addressFamily = PSEnumType(fullName: "System.Net.Sockets.AddressFamily",
                                          members: [("Unspecified", 0), ("Unix", 1), ("InterNetwork", 2), ("InterNetworkV6", 23)])
}

