import Foundation

/// Array, ArrayList, List[T] and Hashtable methods, plus the `.ForEach()` / `.Where()` intrinsics.
enum CollectionMethods {
    static func fixedSize(_ name: String, _ n: Int) -> PSRuntimeError {
        StringMethods.methodError(name, Array(repeating: .null, count: n), "Collection was of a fixed size.", id: "NotSupportedException")
    }

    /// GetRange/RemoveRange's (index, count), checked as .NET checks them.
    static func range(_ a: PSArray, _ args: [PSValue], _ name: String) throws -> Range<Int> {
        let i = try PSConvert.toInt(args[0]), n = try PSConvert.toInt(args[1])
        if i < 0 || n < 0 {
            throw StringMethods.methodError(name, args, "Non-negative number required. (Parameter '\(i < 0 ? "index" : "count")')",
                                            id: "ArgumentOutOfRangeException")
        }
        guard i <= a.count && n <= a.count - i else {
            throw StringMethods.methodError(name, args, "Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.",
                                            id: "ArgumentException")
        }
        return i..<(i + n)
    }

    static func callArray(_ array: PSArray, _ lower: String, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        // `.pstypenames` is the object's own list: Insert, Add, Remove and Clear change its type names.
        if let owner = array.typeNamesOwner {
            defer { owner.typeNames = array.elements.map { PSConvert.toString($0) } }
            return try callList(array, lower, name, args, session: session)
        }
        return try callList(array, lower, name, args, session: session)
    }

    /// List[T]'s Predicate[T] methods (Find, FindAll, FindIndex, Exists, RemoveAll, ...), the script
    /// block called with each element; nil when this is not such a call.
    private static func predicateMethod(_ array: PSArray, _ lower: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        guard case .genericList = array.kind, args.count == 1, case .scriptBlock(let block) = args[0] else { return nil }
        func test(_ e: PSValue) throws -> Bool { PSConvert.toBool(try session.invokeCollectValue(block, dollarUnder: e, arguments: [e])) }
        switch lower {
        case "find": return try array.elements.first(where: test) ?? .null
        case "findlast": return try array.elements.last(where: test) ?? .null
        case "findall": return .array(PSArray(try array.elements.filter(test), kind: array.kind))
        case "findindex": return .int(Int32(try array.elements.firstIndex(where: test) ?? -1))
        case "findlastindex": return .int(Int32(try array.elements.lastIndex(where: test) ?? -1))
        case "exists": return .bool(try array.elements.contains(where: test))
        case "trueforall": return .bool(try array.elements.allSatisfy(test))
        case "removeall":
            let before = array.count
            array.elements = try array.elements.filter { !(try test($0)) }
            return .int(Int32(before - array.count))
        default: return nil
        }
    }

    private static func callList(_ array: PSArray, _ lower: String, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        if let result = try predicateMethod(array, lower, args, session: session) { return result }
        switch lower {
        case "foreach":
            guard let first = args.first else { throw Members.argCount(name, 0) }
            var out: [PSValue] = []
            if case .scriptBlock(let block) = first {
                for element in array.elements { out += try session.invokeCollect(block, dollarUnder: element, arguments: Array(args.dropFirst()), dotSource: true) }
            } else if case .type(let type) = first {
                // `.ForEach([int])` converts each element.
                for element in array.elements { out.append(try PSConvert.convert(element, to: type, types: session.types)) }
            } else {
                let member = PSConvert.toString(first)
                for element in array.elements {
                    if args.count == 2, isProperty(element, member, session) {
                        // `.ForEach('Name', value)` sets the property on each element.
                        try Members.set(element, member, args[1])
                    } else if args.count > 1 || !(isProperty(element, member, session)) {
                        if let result = try Members.invoke(element, member, Array(args.dropFirst()), session: session) {
                            if case .array(let inner) = result { out += inner.elements } else { out.append(result) }
                        }
                    } else {
                        out.append(try Members.get(element, member, session: session))
                    }
                }
            }
            return .array(PSArray(out, kind: .collection(.psObject)))
        case "where":
            guard let first = args.first, case .scriptBlock(let block) = first else { throw Members.argCount(name, args.count) }
            let mode = args.count > 1 ? PSConvert.toString(args[1]).lowercased() : "default"
            let limit = args.count > 2 ? try PSConvert.toInt(args[2]) : 0
            var hits: [PSValue] = [], misses: [PSValue] = []
            var passed = false
            for element in array.elements {
                // Once SkipUntil has matched, the rest is taken without running the block again.
                let ok = mode == "skipuntil" && passed ? true : PSConvert.toBool(try session.invokeCollectValue(block, dollarUnder: element))
                switch mode {
                case "first": if ok { hits.append(element); if hits.count >= max(1, limit) { return collection(hits) } }
                case "last": if ok { hits.append(element) }
                case "skipuntil":
                    if ok { passed = true }
                    if passed { hits.append(element); if limit > 0 && hits.count >= limit { return collection(hits) } }
                case "until":
                    if ok { return collection(hits) }
                    hits.append(element)
                    if limit > 0 && hits.count >= limit { return collection(hits) }
                case "split": if ok && (limit == 0 || hits.count < limit) { hits.append(element) } else { misses.append(element) }
                default: if ok { hits.append(element); if limit > 0 && hits.count >= limit { return collection(hits) } }
                }
            }
            if mode == "last" { hits = Array(hits.suffix(max(1, limit))) }
            if mode == "split" { return collection([collection(hits), collection(misses)]) }
            return collection(hits)
        case "contains":
            guard let wanted = args.first else { throw Members.argCount(name, 0) }
            return .bool(array.elements.contains { Comparison.equals($0, wanted, caseSensitive: true) })
        case "indexof":
            guard let wanted = args.first else { throw Members.argCount(name, 0) }
            return .int(Int32(array.elements.firstIndex { Comparison.equals($0, wanted, caseSensitive: true) } ?? -1))
        case "lastindexof":
            guard let wanted = args.first else { throw Members.argCount(name, 0) }
            return .int(Int32(array.elements.lastIndex { Comparison.equals($0, wanted, caseSensitive: true) } ?? -1))
        case "clone", "toarray":
            return .array(PSArray(array.elements, kind: lower == "toarray" ? .objectArray : array.kind))
        case "getenumerator" where array.kind != .enumerator && array.dimensions == nil:
            return .array(PSArray(array.elements, kind: .enumerator))
        case "getenumerator": return .array(array)
        case "movenext" where array.kind == .enumerator && args.isEmpty:
            if array.enumeratorPosition < array.count { array.enumeratorPosition += 1 }
            return .bool(array.enumeratorPosition < array.count)
        case "reset" where array.kind == .enumerator && args.isEmpty:
            array.enumeratorPosition = -1
            return nil
        case "get_current" where array.kind == .enumerator && args.isEmpty:
            return try ArrayEnumerators.current(array)
        case "getlength", "getupperbound", "getlowerbound": return try MultiDimensionalArrays.bound(array, lower, name, args)
        case "add":
            guard args.count == 1 else { throw Members.argCount(name, args.count) }
            guard array.isResizable else { throw fixedSize(name, 1) }
            array.elements.append(try element(args[0], array))
            if array.kind == .arrayList { return .int(Int32(array.count - 1)) }
            return nil
        case "addrange":
            guard array.isResizable else { throw fixedSize(name, 1) }
            let items = args.first.map { $0.arrayElements ?? [$0] } ?? []
            array.elements += try items.map { try element($0, array) }
            return nil
        case "insert":
            guard array.isResizable else { throw fixedSize(name, 2) }
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            let position = try PSConvert.toInt(args[0])
            guard position >= 0 && position <= array.count else {
                throw StringMethods.methodError(name, args, "Index must be within the bounds of the List. (Parameter 'index')")
            }
            array.elements.insert(try element(args[1], array), at: position)
            return nil
        case "item" where array.memberOwner != nil && args.count == 1:
            // `.PSObject.Properties.Item('Name')`: the property by name, or $null.
            let wanted = PSConvert.toString(args[0])
            return array.elements.first { PSConvert.toString((try? Members.get($0, "Name", session: session)) ?? .null).caseInsensitiveCompare(wanted) == .orderedSame } ?? .null
        case "remove" where array.memberOwner != nil:
            // `.PSObject.Properties.Remove('Name')` removes the property from the object.
            let target = PSConvert.toString(args.first ?? .null)
            array.memberOwner?.removeMember(target)
            array.elements.removeAll { PSConvert.toString((try? Members.get($0, "Name", session: session)) ?? .null).caseInsensitiveCompare(target) == .orderedSame }
            return nil
        case "remove":
            guard array.isResizable else { throw fixedSize(name, 1) }
            guard let wanted = args.first else { throw Members.argCount(name, 0) }
            if let position = array.elements.firstIndex(where: { Comparison.equals($0, wanted, caseSensitive: true) }) {
                array.elements.remove(at: position)
                if case .genericList = array.kind { return .true }
            } else if case .genericList = array.kind { return .false }
            return nil
        case "removeat":
            guard array.isResizable else { throw fixedSize(name, 1) }
            let position = try PSConvert.toInt(args.first ?? .int(-1))
            guard position >= 0 && position < array.count else {
                throw StringMethods.methodError(name, args, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
            }
            array.elements.remove(at: position)
            return nil
        case "removerange":
            guard array.isResizable, args.count == 2 else { throw fixedSize(name, args.count) }
            let result = try range(array, args, name)
            array.elements.removeSubrange(result)
            return nil
        case "clear":
            if array.isResizable { array.elements.removeAll(); return nil }
            // Array.Clear: every element becomes its type's default (0 for Int32[], $null for String[]).
            var blank = PSValue.null
            if case .typed(let type) = array.kind, type.isNumeric || type == .bool || type == .char {
                blank = (try? PSConvert.convert(.null, to: type)) ?? .null
            }
            array.elements = array.elements.map { _ in blank }
            return nil
        case "reverse":
            array.elements.reverse()
            return nil
        case "sort":
            array.elements = try array.elements.sorted { try Comparison.compare($0, $1) < 0 }
            return nil
        case "getrange":
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            return .array(PSArray(Array(array.elements[try range(array, args, name)]), kind: array.kind))
        case "get", "item", "get_item":
            return try Indexing.get(.array(array), args.first ?? .int(0))
        case "set":
            try Indexing.set(.array(array), args.first ?? .int(0), args.count > 1 ? args[1] : .null)
            return nil
        case "match" where array.memberOwner != nil:
            // `.PSObject.Properties.Match('N*')`: the properties whose names match.
            let pattern = WildcardPattern(PSConvert.toString(args.first ?? .null))
            return .array(PSArray(array.elements.filter { pattern.matches(PSConvert.toString((try? Members.get($0, "Name", session: session)) ?? .null)) }))
        default:
            // Member enumeration: a method the collection lacks is called on each element. An element
            // that is a collection enumerates again, so a list that holds itself recursed until the
            // stack ran out (evaluator fuzz finding): .NET's InsufficientExecutionStack error instead.
            if !array.elements.isEmpty, array.elements.allSatisfy({ element in !element.isNull }) {
                try StackGuard.ensureSufficientStack()
                var out: [PSValue] = []
                for element in array.elements {
                    if let result = try Members.invoke(element, name, args, session: session) {
                        if case .array(let inner) = result { out += inner.elements } else { out.append(result) }
                    }
                }
                return out.count == 1 ? out[0] : .array(PSArray(out))
            }
            throw Members.methodNotFound(.array(array), name)
        }
    }

    static func collection(_ items: [PSValue]) -> PSValue { .array(PSArray(items, kind: .collection(.psObject))) }

    static func isProperty(_ v: PSValue, _ name: String, _ session: ShellSession) -> Bool {
        if case .object(let o) = v, let m = o.member(name) { return m.isProperty }
        if case .hashtable(let h) = v { return h.containsKey(.string(name)) }
        if let r = try? Members.get(v, name, session: session), !r.isNull { return true }
        return false
    }

    private static func element(_ v: PSValue, _ a: PSArray) throws -> PSValue {
        if case .genericList(let t) = a.kind { return try PSConvert.convert(v, to: t) }
        if case .collection(let t) = a.kind, t != .psObject { return try PSConvert.convert(v, to: t) }
        if case .typed(let t) = a.kind { return try PSConvert.convert(v, to: t) }
        return v
    }

    static func callHashtable(_ h: PSHashtable, _ lower: String, _ name: String, _ args: [PSValue]) throws -> PSValue? {
        switch lower {
        case "containskey", "contains":
            guard let k = args.first else { throw Members.argCount(name, 0) }
            return .bool(h.containsKey(k))
        case "containsvalue":
            guard let x = args.first else { throw Members.argCount(name, 0) }
            return .bool(h.values.contains { Comparison.equals($0, x, caseSensitive: true) })
        case "add":
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            do { try h.add(args[0], args[1]) } catch let e as PSRuntimeError {
                throw StringMethods.methodError(name, args, e.record.message, id: "ArgumentException")
            }
            return nil
        case "remove":
            guard let k = args.first else { throw Members.argCount(name, 0) }
            h.remove(k)
            return nil
        case "clear": h.removeAll(); return nil
        case "insert" where h.isOrdered:
            guard args.count == 3 else { throw Members.argCount(name, args.count) }
            try h.insert(at: PSConvert.toInt(args[0]), key: args[1], value: args[2])
            return nil
        case "clone": return .hashtable(h.copy())
        case "getenumerator":
            return .array(PSArray(h.pairs.map { k, v in .object(dictionaryEntry(k, v)) }))
        case "get_item", "item": return h[args.first ?? .null] ?? .null
        case "set_item":
            if args.count == 2 { h[args[0]] = args[1] }
            return nil
        default:
            throw Members.methodNotFound(.hashtable(h), name)
        }
    }

    /// System.Collections.DictionaryEntry (`$h.GetEnumerator() | % { $_.Key }`).
    static func dictionaryEntry(_ k: PSValue, _ v: PSValue) -> PSObject {
        let o = PSObject(typeNames: ["System.Collections.DictionaryEntry", "System.ValueType", "System.Object"])
        o.addNote("Key", k)
        o.addNote("Value", v)
        o.addAlias("Name", target: "Key")
        return o
    }
}

extension PSValue {
    func withKind(_ k: PSArray.Kind) -> PSValue {
        if case .array(let a) = self { a.kind = k }
        return self
    }
}
