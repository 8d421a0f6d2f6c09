/// The host's small value types in System.Management.Automation.Host: Coordinates (X, Y) and Size
/// (Width, Height), which a host's cursor and buffer use and scripts build with New-Object.
enum HostStructs {
    static let coordinatesType = "System.Management.Automation.Host.Coordinates"
    static let sizeType = "System.Management.Automation.Host.Size"

    /// `[Coordinates]::new()` is (0, 0); `::new(x, y)` takes two Int32s. Size likewise.
    static func construct(_ lowercasedName: String, _ args: [PSValue]) throws -> PSValue? {
        let fields: (String, String)
        switch lowercasedName {
        case coordinatesType.lowercased(): fields = ("X", "Y")
        case sizeType.lowercased(): fields = ("Width", "Height")
        default: return nil
        }
        guard args.isEmpty || args.count == 2 else { throw Members.argCount("new", args.count) }
        let first = args.isEmpty ? 0 : try PSConvert.toInt(args[0])
        let second = args.isEmpty ? 0 : try PSConvert.toInt(args[1])
        let full = lowercasedName == coordinatesType.lowercased() ? coordinatesType : sizeType
        return .object(object(full, fields, first, second))
    }

    /// Two settable Int32 fields; ToString is `first,second` as the structs' own ToString.
    static func object(_ typeName: String, _ fields: (String, String), _ first: Int, _ second: Int) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.ValueType", "System.Object"])
        var values = [Int32(truncatingIfNeeded: first), Int32(truncatingIfNeeded: second)]
        for (index, field) in [fields.0, fields.1].enumerated() {
            o.addProperty(field, get: { _ in .int(values[index]) }, set: { _, v in
                guard case .int(let number) = try PSConvert.convert(v, to: .int32) else { return }
                values[index] = number
            })
            o.setMemberType(field, "Property", typeHint: "int")
        }
        o.addMethod("ToString") { _, _ in .string("\(values[0]),\(values[1])") }
        o.toStringHandler = { _ in "\(values[0]),\(values[1])" }
        return o
    }
}
