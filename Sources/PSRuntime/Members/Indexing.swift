/// `$a[i]`, `$a[-1]`, `$a[0,2]`, `$a[1..3]`, `$h['key']`, `$s[0]` and their assignments.
enum Indexing {
    /// `strictMode` gives the Set-StrictMode version in force (2 and up refuse indexes a scalar lacks);
    /// asked only on that rare path, as finding it walks the scopes.
    static func get(_ target: PSValue, _ index: PSValue, strictMode: () -> Int = { 0 }) throws -> PSValue {
        switch target {
        case .null:
            throw PSRuntimeError.message("Cannot index into a null array.", errorId: "NullArray", category: .invalidOperation)
        case .array(let array):
            if array.dimensions != nil, let flat = try MultiDimensionalArrays.flatIndex(array, index) { return array.elements[flat] }
            if case .array(let indexes) = index {
                // An index list may hold itself (`$a[0] = $a; $a[$a]`): stop before the stack does.
                try StackGuard.ensureSufficientStack()
                var out: [PSValue] = []
                for key in indexes.elements {
                    let result = try get(target, key, strictMode: strictMode)
                    if case .null = result { continue }
                    out.append(result)
                }
                return .array(PSArray(out))
            }
            if array.memberOwner != nil || isGroupCollection(array), case .string(let name) = index {
                // `.PSObject.Properties['Name']`, and a regex match's `.Groups['name']`
                return array.elements.first { element in
                    if case .object(let property) = element, let nameValue = try? property.property("Name") { return PSConvert.toString(nameValue ?? .null).caseInsensitiveCompare(name) == .orderedSame }
                    return false
                } ?? .null
            }
            if case .null = index {
                throw PSRuntimeError.message("Index operation failed; the array index evaluated to null.", errorId: "NullArrayIndex",
                                             category: .invalidOperation)
            }
            guard let position = try position(index, in: array.count, strictMode: strictMode) else { return .null }
            return array.elements[position]
        case .hashtable(let table) where table.isOrdered && index.isNumeric:
            // `[ordered]` dictionaries also index by position.
            var position = try PSConvert.toInt(index)
            if position < 0 { position += table.count }
            guard position >= 0 && position < table.count else { return .null }
            return table.values[position]
        case .hashtable(let table):
            if case .array(let keys) = index {
                return .array(PSArray(keys.elements.compactMap { table[$0] }))
            }
            if let generic = table.generic, let key = try? PSConvert.convert(index, to: generic.key) { return table[key] ?? .null }
            return table[index] ?? .null
        case .string(let text):
            let units = Array(text.utf16)
            if case .array(let indexes) = index {
                try StackGuard.ensureSufficientStack()
                return .array(PSArray(try indexes.elements.map { try get(target, $0, strictMode: strictMode) }.filter { !$0.isNull }))
            }
            guard let position = try position(index, in: units.count, strictMode: strictMode) else { return .null }
            return .char(units[position])
        case .object(let object):
            if let base = object.baseValue { return try get(base, index, strictMode: strictMode) }
            if let result = try object.callMethod("get_Item", [index]) { return result }
            return try scalar(target, index, strictMode: strictMode)
        default:
            if case .array(let indexes) = index {
                try StackGuard.ensureSufficientStack()
                return .array(PSArray(try indexes.elements.map { try get(target, $0, strictMode: strictMode) }.filter { !$0.isNull }))
            }
            return try scalar(target, index, strictMode: strictMode)
        }
    }

    /// The element an index names in a collection of `count`: converted to Int32, a negative one counted
    /// from the end. An index that does not convert (`$a['abc']`) names nothing, as one out of range
    /// does; PowerShell runs both inside one try whose error only strict mode 3 lets through (the
    /// out-of-range one the caller raises).
    private static func position(_ index: PSValue, in count: Int, strictMode: () -> Int) throws -> Int? {
        var position: Int
        do {
            position = Int(try PSConvert.toInt32(index))
        } catch {
            if strictMode() >= 3 { throw error }
            return nil
        }
        if position < 0 { position += count }
        return position >= 0 && position < count ? position : nil
    }

    /// A regex match's Groups, which .NET indexes by group name as well as by number.
    private static func isGroupCollection(_ array: PSArray) -> Bool {
        array.elements.first?.typeNames.first == "System.Text.RegularExpressions.Group"
    }

    /// A single object with no indexer reads as a one-element collection: `[0]` and `[-1]` are the
    /// object itself (a command that wrote one object can be indexed like one that wrote many);
    /// any other index is nothing, or an error under strict mode 2 and later.
    static func scalar(_ target: PSValue, _ index: PSValue, strictMode: () -> Int) throws -> PSValue {
        if let i = try? PSConvert.toInt(index), i == 0 || i == -1 { return target }
        if strictMode() >= 2 {
            throw PSRuntimeError.message("Unable to index into an object of type \(target.typeFullName).",
                                         errorId: "CannotIndex", category: .invalidOperation, target: target)
        }
        return .null
    }

    static func set(_ target: PSValue, _ index: PSValue, _ value: PSValue) throws {
        switch target {
        case .array(let a):
            var i: Int
            if a.dimensions != nil, let flat = try MultiDimensionalArrays.flatIndex(a, index) { i = flat } else { i = try PSConvert.toInt(index) }
            if i < 0 { i += a.count }
            guard i >= 0 && i < a.count else {
                throw PSRuntimeError.message("Index was outside the bounds of the array.", errorId: "IndexOutOfRange",
                                             category: .invalidOperation, exceptionType: "System.IndexOutOfRangeException")
            }
            switch a.kind {
            case .typed(let t), .genericList(let t), .collection(let t): a.elements[i] = try PSConvert.convert(value, to: t)
            default: a.elements[i] = value
            }
        case .hashtable(let h):
            // A Dictionary[K,V] converts what goes in to its key and value types.
            if let g = h.generic { h[try PSConvert.convert(index, to: g.key)] = try PSConvert.convert(value, to: g.value) } else { h[index] = value }
        case .object(let o):
            if try o.callMethod("set_Item", [index, value]) != nil { return }
            throw PSRuntimeError.message("Unable to index into an object of type \(target.typeFullName).",
                                         errorId: "CannotIndex", category: .invalidOperation)
        case .null:
            throw PSRuntimeError.message("Cannot index into a null array.", errorId: "NullArray", category: .invalidOperation)
        default:
            throw PSRuntimeError.message("Unable to index into an object of type \(target.typeFullName).",
                                         errorId: "CannotIndex", category: .invalidOperation)
        }
    }
}
