/// System.Array's static helpers (`[array]::Reverse($a)`, `[array]::IndexOf`, `CreateInstance`), which
/// scripts reach through `[array]` (System.Object[] to hvsh, whose type key they share).
extension StaticTypes {
    nonisolated(unsafe) static let arrayTypes: [StaticType] = [
        StaticType(keys: ["object[]"], methods: [
            StaticType.method("CreateInstance", "static array CreateInstance(type elementType, int length)",
                              "static array CreateInstance(type elementType, Params int[] lengths)") { call in
                guard call.args.count >= 2, case .type(let element) = call.args[0].unwrapped else { throw call.wrongCount() }
                if call.args.count == 2 {
                    return try TypeOperations.construct(.array(element), [call.args[1]], session: call.session)
                }
                return try MultiDimensionalArrays.construct(element: element, rank: call.args.count - 1, Array(call.args.dropFirst()))
            },
            StaticType.method("Reverse", "static void Reverse(array array)", "static void Reverse(array array, int index, int length)") { call in
                let array = try target(call)
                array.elements.reverse()
                return nil
            },
            StaticType.method("Sort", "static void Sort(array array)") { call in
                let array = try target(call)
                var failure: Error?
                array.elements.sort { a, b in
                    do { return try Comparison.compare(a, b) < 0 } catch { failure = error; return false }
                }
                if let failure { throw failure }
                return nil
            },
            // .NET's binary search of a sorted array: the index found, else the bitwise complement of
            // the index of the first larger element (or of the length).
            StaticType.method("BinarySearch", "static int BinarySearch(array array, System.Object value)") { call in
                guard call.args.count == 2 else { throw call.wrongCount() }
                let elements = try target(call).elements
                var low = 0, high = elements.count - 1
                while low <= high {
                    let mid = low + (high - low) / 2
                    let order = try Comparison.compare(elements[mid], call.args[1])
                    if order == 0 { return .int(Int32(mid)) }
                    if order < 0 { low = mid + 1 } else { high = mid - 1 }
                }
                return .int(~Int32(low))
            },
            StaticType.method("IndexOf", "static int IndexOf(array array, System.Object value)") { call in
                guard call.args.count == 2 else { throw call.wrongCount() }
                let array = try target(call)
                return .int(Int32(array.elements.firstIndex { same($0, call.args[1]) } ?? -1))
            },
            StaticType.method("LastIndexOf", "static int LastIndexOf(array array, System.Object value)") { call in
                guard call.args.count == 2 else { throw call.wrongCount() }
                let array = try target(call)
                return .int(Int32(array.elements.lastIndex { same($0, call.args[1]) } ?? -1))
            },
            StaticType.method("Clear", "static void Clear(array array)", "static void Clear(array array, int index, int length)") { call in
                let array = try target(call)
                let zero: PSValue
                if case .typed(let element) = array.kind { zero = (try? PSConvert.convert(.null, to: element)) ?? .null } else { zero = .null }
                array.elements = Array(repeating: zero, count: array.elements.count)
                return nil
            },
        ]),
    ]

    private static func target(_ call: StaticCall) throws -> PSArray {
        guard let first = call.args.first else { throw call.wrongCount() }
        guard case .array(let array) = first.unwrapped else {
            throw DotNetErrors.methodInvocation(call.name, argumentCount: call.args.count, DotNetErrors.argumentNull(parameter: "array"))
        }
        return array
    }

    /// Object.Equals as Array.IndexOf uses it: the same type and value (strings compared ordinally).
    private static func same(_ a: PSValue, _ b: PSValue) -> Bool {
        a.unwrapped.typeFullName == b.unwrapped.typeFullName && PSConvert.toString(a) == PSConvert.toString(b)
    }
}
