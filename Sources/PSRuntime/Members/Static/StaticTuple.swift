/// System.Tuple: `[Tuple]::Create(a, b, ...)` and the tuple it makes (Item1..ItemN, Length, an
/// indexer through ITuple that counts from the end with a negative index and takes a range).
extension StaticTypes {
    nonisolated(unsafe) static let tupleTypes: [StaticType] = [
        StaticType(keys: ["tuple"], methods: [
            StaticType.method("Create", "static System.Tuple[T1] Create(T1 item1)",
                              "static System.Tuple[T1,T2] Create(T1 item1, T2 item2)",
                              "static System.Tuple[T1,T2,T3] Create(T1 item1, T2 item2, T3 item3)") { call in
                // .NET's overloads stop at eight items (the eighth is itself a tuple, Rest).
                guard (1...7).contains(call.args.count) else { throw call.wrongCount() }
                return .object(TupleValues.make(call.args))
            },
        ]),
    ]
}

enum TupleValues {
    static func make(_ items: [PSValue]) -> PSObject {
        let arguments = items.map { "[" + $0.typeFullName + "]" }.joined(separator: ",")
        let o = PSObject(typeNames: ["System.Tuple`\(items.count)[\(arguments)]", "System.Object"])
        for (i, item) in items.enumerated() { o.addNote("Item\(i + 1)", item) }
        o.addNote("Length", .int(Int32(items.count)))
        o.addMethod("get_Item") { _, args in
            func item(_ index: PSValue) throws -> PSValue {
                var i = try PSConvert.toInt(index)
                if i < 0 { i += items.count }
                return i >= 0 && i < items.count ? items[i] : .null
            }
            guard let index = args.first else { return .null }
            if let many = index.arrayElements { return .array(PSArray(try many.map(item))) }
            return try item(index)
        }
        let text = "(" + items.map { PSConvert.toString($0) }.joined(separator: ", ") + ")"
        o.toStringHandler = { _ in text }
        return o
    }
}
