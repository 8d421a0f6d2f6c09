/// System.Linq.Enumerable: the LINQ operators scripts call as static methods
/// (`[Linq.Enumerable]::Where($list, [Func[object,bool]]{ ... })`, `::Select[int,int](...)`, `::Range`,
/// `::Distinct`, `::Sum`). A selector or predicate is a delegate (`[Func[...]]{ }`) or a bare script
/// block; type arguments (`Select[int, float]`) are resolved by the caller and the call made as here.
/// The results are materialised: an array of the source's element type where .NET's would be a lazy
/// iterator (the pipeline enumerates either the same way).
extension StaticTypes {
    nonisolated(unsafe) static let linqTypes: [StaticType] = [
        StaticType(keys: ["linq.enumerable"], methods: [
            linq("Select", "static System.Collections.Generic.IEnumerable[TResult] Select[TSource, TResult](System.Collections.Generic.IEnumerable[TSource] source, System.Func[TSource,TResult] selector)",
                 "static System.Collections.Generic.IEnumerable[TResult] Select[TSource, TResult](System.Collections.Generic.IEnumerable[TSource] source, System.Func[TSource,int,TResult] selector)") { call in
                try call.count(2)
                let selector = try Linq.function(call.args[1], call)
                let withIndex = Linq.takesIndex(call.args[1])
                var out: [PSValue] = []
                for (i, item) in try Linq.items(call.args[0], call).enumerated() {
                    out.append(try selector(withIndex ? [item, .int(Int32(i))] : [item]))
                }
                return .array(PSArray(out))
            },
            linq("Where", "static System.Collections.Generic.IEnumerable[TSource] Where[TSource](System.Collections.Generic.IEnumerable[TSource] source, System.Func[TSource,bool] predicate)") { call in
                try call.count(2)
                let source = call.args[0]
                let predicate = try Linq.predicate(call.args[1], call)
                return Linq.sameKind(source, try Linq.items(source, call).filter(predicate))
            },
            linq("ToArray", "static TSource[] ToArray[TSource](System.Collections.Generic.IEnumerable[TSource] source)") { call in
                try call.count(1)
                return .array(PSArray(try Linq.items(call.args[0], call), kind: Linq.elementType(call.args[0]).map { .typed($0) } ?? .objectArray))
            },
            linq("ToList", "static System.Collections.Generic.List[TSource] ToList[TSource](System.Collections.Generic.IEnumerable[TSource] source)") { call in
                try call.count(1)
                return .array(PSArray(try Linq.items(call.args[0], call), kind: .genericList(Linq.elementType(call.args[0]) ?? .object)))
            },
            linq("Count", "static int Count[TSource](System.Collections.Generic.IEnumerable[TSource] source)",
                 "static int Count[TSource](System.Collections.Generic.IEnumerable[TSource] source, System.Func[TSource,bool] predicate)") { call in
                try call.count(1, 2)
                var items = try Linq.items(call.args[0], call)
                if call.args.count == 2 { items = try items.filter(Linq.predicate(call.args[1], call)) }
                return .int(Int32(items.count))
            },
            linq("Any", "static bool Any[TSource](System.Collections.Generic.IEnumerable[TSource] source)",
                 "static bool Any[TSource](System.Collections.Generic.IEnumerable[TSource] source, System.Func[TSource,bool] predicate)") { call in
                try call.count(1, 2)
                let items = try Linq.items(call.args[0], call)
                if call.args.count == 1 { return .bool(!items.isEmpty) }
                return .bool(try items.contains(where: Linq.predicate(call.args[1], call)))
            },
            linq("All", "static bool All[TSource](System.Collections.Generic.IEnumerable[TSource] source, System.Func[TSource,bool] predicate)") { call in
                try call.count(2)
                let predicate = try Linq.predicate(call.args[1], call)
                return .bool(try Linq.items(call.args[0], call).allSatisfy(predicate))
            },
            Linq.pick("First", last: false, orDefault: false),
            Linq.pick("FirstOrDefault", last: false, orDefault: true),
            Linq.pick("Last", last: true, orDefault: false),
            Linq.pick("LastOrDefault", last: true, orDefault: true),
            linq("Contains", "static bool Contains[TSource](System.Collections.Generic.IEnumerable[TSource] source, TSource value)") { call in
                try call.count(2)
                // EqualityComparer<T>.Default: exact, case-sensitive equality.
                return .bool(try Linq.items(call.args[0], call).contains { Comparison.equals($0, call.args[1], caseSensitive: true) })
            },
            linq("Distinct", "static System.Collections.Generic.IEnumerable[TSource] Distinct[TSource](System.Collections.Generic.IEnumerable[TSource] source)") { call in
                try call.count(1)
                var kept: [PSValue] = []
                for item in try Linq.items(call.args[0], call) where !kept.contains(where: { Comparison.equals($0, item, caseSensitive: true) }) {
                    kept.append(item)
                }
                return Linq.sameKind(call.args[0], kept)
            },
            linq("Reverse", "static System.Collections.Generic.IEnumerable[TSource] Reverse[TSource](System.Collections.Generic.IEnumerable[TSource] source)") { call in
                try call.count(1)
                return Linq.sameKind(call.args[0], try Linq.items(call.args[0], call).reversed())
            },
            linq("Skip", "static System.Collections.Generic.IEnumerable[TSource] Skip[TSource](System.Collections.Generic.IEnumerable[TSource] source, int count)") { call in
                try call.count(2)
                let n = max(0, try PSConvert.toInt(call.args[1]))
                return Linq.sameKind(call.args[0], Array(try Linq.items(call.args[0], call).dropFirst(n)))
            },
            linq("Take", "static System.Collections.Generic.IEnumerable[TSource] Take[TSource](System.Collections.Generic.IEnumerable[TSource] source, int count)") { call in
                try call.count(2)
                let n = max(0, try PSConvert.toInt(call.args[1]))
                return Linq.sameKind(call.args[0], Array(try Linq.items(call.args[0], call).prefix(n)))
            },
            linq("Concat", "static System.Collections.Generic.IEnumerable[TSource] Concat[TSource](System.Collections.Generic.IEnumerable[TSource] first, System.Collections.Generic.IEnumerable[TSource] second)") { call in
                try call.count(2)
                return Linq.sameKind(call.args[0], try Linq.items(call.args[0], call) + Linq.items(call.args[1], call))
            },
            Linq.order("OrderBy", descending: false),
            Linq.order("OrderByDescending", descending: true),
            linq("Range", "static System.Collections.Generic.IEnumerable[int] Range(int start, int count)") { call in
                try call.count(2)
                let start = try PSConvert.toInt32(call.args[0]), count = try PSConvert.toInt32(call.args[1])
                guard count >= 0, Int64(start) + Int64(count) - 1 <= Int64(Int32.max) else {
                    throw call.failure("Specified argument was out of the range of valid values. (Parameter 'count')", id: "ArgumentOutOfRangeException")
                }
                return .array(PSArray((0..<count).map { .int(start + $0) }, kind: .typed(.int32)))
            },
            linq("Repeat", "static System.Collections.Generic.IEnumerable[TResult] Repeat[TResult](TResult element, int count)") { call in
                try call.count(2)
                let count = try PSConvert.toInt(call.args[1])
                guard count >= 0 else {
                    throw call.failure("Specified argument was out of the range of valid values. (Parameter 'count')", id: "ArgumentOutOfRangeException")
                }
                return .array(PSArray(Array(repeating: call.args[0], count: count)))
            },
            linq("Sum", "static int Sum(System.Collections.Generic.IEnumerable[int] source)",
                 "static double Sum(System.Collections.Generic.IEnumerable[double] source)") { call in
                try call.count(1, 2)
                var total: PSValue = .int(0)
                for item in try Linq.projected(call) where !item.isNull { total = try Arithmetic.add(total, item) }
                return total
            },
            linq("Average", "static double Average(System.Collections.Generic.IEnumerable[int] source)") { call in
                try call.count(1, 2)
                let items = try Linq.projected(call).filter { !$0.isNull }
                guard !items.isEmpty else { throw call.failure("Sequence contains no elements", id: "InvalidOperationException") }
                return .double(try items.reduce(0.0) { $0 + (try PSConvert.toDouble($1)) } / Double(items.count))
            },
            Linq.extreme("Max", sign: 1),
            Linq.extreme("Min", sign: -1),
            linq("SequenceEqual", "static bool SequenceEqual[TSource](System.Collections.Generic.IEnumerable[TSource] first, System.Collections.Generic.IEnumerable[TSource] second)") { call in
                try call.count(2)
                let a = try Linq.items(call.args[0], call), b = try Linq.items(call.args[1], call)
                return .bool(a.count == b.count && zip(a, b).allSatisfy { Comparison.equals($0, $1, caseSensitive: true) })
            },
            linq("Aggregate", "static TSource Aggregate[TSource](System.Collections.Generic.IEnumerable[TSource] source, System.Func[TSource,TSource,TSource] func)",
                 "static TAccumulate Aggregate[TSource, TAccumulate](System.Collections.Generic.IEnumerable[TSource] source, TAccumulate seed, System.Func[TAccumulate,TSource,TAccumulate] func)") { call in
                try call.count(2, 3)
                var items = try Linq.items(call.args[0], call)
                let combine = try Linq.function(call.args[call.args.count - 1], call)
                var accumulator: PSValue
                if call.args.count == 3 {
                    accumulator = call.args[1]
                } else {
                    guard !items.isEmpty else { throw call.failure("Sequence contains no elements", id: "InvalidOperationException") }
                    accumulator = items.removeFirst()
                }
                for item in items { accumulator = try combine([accumulator, item]) }
                return accumulator
            },
        ]),
    ]

    fileprivate static func linq(_ name: String, _ overloads: String..., call: @escaping (StaticCall) throws -> PSValue?) -> StaticMethod {
        StaticMethod(name: name, overloads: overloads, call: call)
    }
}

private extension StaticCall {
    func count(_ allowed: Int...) throws { if !allowed.contains(args.count) { throw wrongCount() } }
}

enum Linq {
    /// The elements of an IEnumerable argument: a collection's items, a string's characters, one
    /// object by itself; $null is .NET's ArgumentNullException.
    fileprivate static func items(_ value: PSValue, _ call: StaticCall) throws -> [PSValue] {
        switch value.unwrapped {
        case .null:
            throw call.failure("Value cannot be null. (Parameter 'source')", id: "ArgumentNullException")
        case .array(let a): return a.elements
        case .string(let s): return s.utf16.map { .char($0) }
        default: return [value]
        }
    }

    /// The element type of a typed array or generic list, which LINQ's results keep.
    fileprivate static func elementType(_ value: PSValue) -> PSType? {
        guard case .array(let a) = value.unwrapped else { return nil }
        switch a.kind {
        case .typed(let t), .genericList(let t), .hashSet(let t): return t
        default: return nil
        }
    }

    fileprivate static func sameKind(_ source: PSValue, _ items: [PSValue]) -> PSValue {
        .array(PSArray(items, kind: elementType(source).map { .typed($0) } ?? .objectArray))
    }

    /// A delegate (`[Func[int,int]]{ }`) or a bare script block, called with the arguments as `$args`.
    fileprivate static func function(_ value: PSValue, _ call: StaticCall) throws -> ([PSValue]) throws -> PSValue {
        let session = call.session
        if case .object(let o) = value, let box = o.baseObject as? Delegates.Box {
            return { arguments in try Delegates.call(box, "invoke", arguments, session: session) ?? .null }
        }
        if case .scriptBlock(let block) = value.unwrapped {
            return { arguments in
                let out = try session.invoke(block, arguments: arguments)
                return out.isEmpty ? .null : out.count == 1 ? out[0] : .array(PSArray(out))
            }
        }
        throw call.failure("Cannot convert argument \"selector\", with value: \"\(PSConvert.toString(value))\", to a delegate.", id: "MethodArgumentConversionInvalidCastArgument")
    }

    fileprivate static func predicate(_ value: PSValue, _ call: StaticCall) throws -> (PSValue) throws -> Bool {
        let f = try function(value, call)
        return { item in PSConvert.toBool(try f([item])) }
    }

    /// A `Func[T,int,TResult]` selector also receives the element's index.
    fileprivate static func takesIndex(_ value: PSValue) -> Bool {
        guard case .object(let o) = value, o.baseObject is Delegates.Box, let name = o.typeNames.first,
              let (isFunc, arguments) = Delegates.signature(name) else { return false }
        return isFunc && arguments.count == 3
    }

    /// The source, or each element passed through the selector of a (source, selector) overload.
    fileprivate static func projected(_ call: StaticCall) throws -> [PSValue] {
        let items = try self.items(call.args[0], call)
        guard call.args.count == 2 else { return items }
        let selector = try function(call.args[1], call)
        return try items.map { try selector([$0]) }
    }

    fileprivate static func pick(_ name: String, last: Bool, orDefault: Bool) -> StaticMethod {
        StaticMethod(name: name, overloads: [
            "static TSource \(name)[TSource](System.Collections.Generic.IEnumerable[TSource] source)",
            "static TSource \(name)[TSource](System.Collections.Generic.IEnumerable[TSource] source, System.Func[TSource,bool] predicate)",
        ]) { call in
            try call.count(1, 2)
            var items = try items(call.args[0], call)
            if call.args.count == 2 { items = try items.filter(predicate(call.args[1], call)) }
            if let found = last ? items.last : items.first { return found }
            // default(TSource): 0 for a typed array of numbers, $null for references.
            if orDefault {
                guard let t = elementType(call.args[0]) else { return .null }
                if t == .string || t == .object { return .null }
                return (try? PSConvert.convert(.null, to: t, types: call.session.types)) ?? .null
            }
            throw call.failure(call.args.count == 2 ? "Sequence contains no matching element" : "Sequence contains no elements",
                               id: "InvalidOperationException")
        }
    }

    fileprivate static func order(_ name: String, descending: Bool) -> StaticMethod {
        StaticMethod(name: name, overloads: [
            "static System.Linq.IOrderedEnumerable[TSource] \(name)[TSource, TKey](System.Collections.Generic.IEnumerable[TSource] source, System.Func[TSource,TKey] keySelector)",
        ]) { call in
            try call.count(2)
            let key = try function(call.args[1], call)
            let keyed = try items(call.args[0], call).map { ($0, try key([$0])) }
            // A stable sort by the keys' default comparison, as OrderBy is.
            var failure: Error?
            let sorted = keyed.enumerated().sorted { a, b in
                let c: Int
                do { c = try Comparison.compare(a.element.1, b.element.1, caseSensitive: true) } catch { failure = error; return false }
                if c != 0 { return descending ? c > 0 : c < 0 }
                return a.offset < b.offset
            }
            if let failure { throw failure }
            return sameKind(call.args[0], sorted.map { $0.element.0 })
        }
    }

    fileprivate static func extreme(_ name: String, sign: Int) -> StaticMethod {
        StaticMethod(name: name, overloads: [
            "static int \(name)(System.Collections.Generic.IEnumerable[int] source)",
            "static TResult \(name)[TSource, TResult](System.Collections.Generic.IEnumerable[TSource] source, System.Func[TSource,TResult] selector)",
        ]) { call in
            try call.count(1, 2)
            let items = try projected(call).filter { !$0.isNull }
            guard var best = items.first else { throw call.failure("Sequence contains no elements", id: "InvalidOperationException") }
            for item in items.dropFirst() where try Comparison.compare(item, best, caseSensitive: true) * sign > 0 { best = item }
            return best
        }
    }
}
