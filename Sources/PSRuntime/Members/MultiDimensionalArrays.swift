/// .NET's rectangular arrays (`[int[,]]::new(2, 3)`, `New-Object 'string[,]' 2,2`): a PSArray whose
/// `dimensions` are set keeps its elements flat in row-major order (what `foreach` and the pipeline
/// enumerate), is indexed with one value per dimension (`$m[1, 2]`) and answers Rank, GetLength,
/// GetUpperBound and GetLowerBound. Its type is named as .NET names it: `System.Int32[,]`.
enum MultiDimensionalArrays {
    /// `int[,]` → (`int`, 2); nil for any other name (a vector `int[]` or a generic `List[int]`).
    static func parse(_ name: String) -> (element: String, rank: Int)? {
        guard name.hasSuffix(",]"), let open = name.lastIndex(of: "[") else { return nil }
        let inside = name[name.index(after: open)..<name.index(before: name.endIndex)]
        guard !inside.isEmpty, inside.allSatisfy({ $0 == "," }) else { return nil }
        return (String(name[..<open]), inside.count + 1)
    }

    static func typeName(element: String, rank: Int) -> String {
        element + "[" + String(repeating: ",", count: rank - 1) + "]"
    }

    /// `[T[,]]::new(d0, d1, ...)`: every element T's default value.
    static func construct(element e: PSType, rank: Int, _ args: [PSValue]) throws -> PSValue {
        guard args.count == rank else { throw Members.argCount("new", args.count) }
        let dims = try args.map { Int(try PSConvert.toInt32($0)) }
        var total = 1
        for d in dims {
            guard d >= 0 else { throw DotNetErrors.methodInvocation(".ctor", argumentCount: args.count, DotNetErrors.overflow()) }
            let (t, o) = total.multipliedReportingOverflow(by: d)
            guard !o else { throw DotNetErrors.outOfMemory() }
            total = t
        }
        try ResourceLimits.checkArray(count: total)
        let zero: PSValue = e == .object ? .null : ((try? PSConvert.convert(.null, to: e)) ?? .null)
        let a = PSArray(Array(repeating: zero, count: total), kind: e == .object ? .objectArray : .typed(e))
        a.dimensions = dims
        return .array(a)
    }

    /// The flat position of `$m[i, j, ...]`, or nil when `index` is not one number per dimension.
    static func flatIndex(_ a: PSArray, _ index: PSValue) throws -> Int? {
        guard let dims = a.dimensions, case .array(let idx) = index, idx.count == dims.count,
              idx.elements.allSatisfy({ $0.isNumeric }) else { return nil }
        var flat = 0
        for (k, v) in idx.elements.enumerated() {
            let i = try PSConvert.toInt(v)
            guard i >= 0 && i < dims[k] else {
                throw PSRuntimeError.message("Index was outside the bounds of the array.", errorId: "IndexOutOfRange",
                                             category: .invalidOperation, exceptionType: "System.IndexOutOfRangeException")
            }
            flat = flat * dims[k] + i
        }
        return flat
    }

    /// GetLength(d), GetUpperBound(d), GetLowerBound(d) of any array (a vector has one dimension).
    static func bound(_ a: PSArray, _ lower: String, _ name: String, _ args: [PSValue]) throws -> PSValue {
        guard args.count == 1 else { throw Members.argCount(name, args.count) }
        let dims = a.dimensions ?? [a.count]
        let d = try PSConvert.toInt(args[0])
        guard d >= 0 && d < dims.count else {
            throw DotNetErrors.methodInvocation(name, argumentCount: 1, PSRuntimeError.message(
                "Index was outside the bounds of the array.", errorId: "IndexOutOfRangeException",
                category: .notSpecified, exceptionType: "System.IndexOutOfRangeException"))
        }
        switch lower {
        case "getlength": return .int(Int32(dims[d]))
        case "getupperbound": return .int(Int32(dims[d] - 1))
        default: return .int(0)
        }
    }
}
