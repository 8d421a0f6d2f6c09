import Foundation
import PSRuntime

/// Format-Hex: bytes of files, strings (in -Encoding) or primitive values (little-endian, as .NET's
/// BitConverter gives them), written as ByteCollections of at most 16 bytes. Piped values of one
/// primitive type are gathered into one group; a string, an array or a file starts its own.
final class FormatHexCommand: Cmdlet {
    static let byteCollectionType = "Microsoft.PowerShell.Commands.ByteCollection"

    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, sets: ["Path"], validate: [.notNullOrEmpty])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true, sets: ["LiteralPath"],
                                                 validate: [.notNullOrEmpty])
    static let inputObject = Parameter<PSValue>("InputObject", type: .psObject, mandatory: true, valueFromPipeline: true,
                                                sets: ["ByInputObject"])
    static let encoding = Parameter<String>("Encoding", sets: ["ByInputObject"], validate: [.notNullOrEmpty])
    static let count = Parameter<Int64>("Count", validate: [.range(min: 1, max: nil)])
    static let offset = Parameter<Int64>("Offset", validate: [.range(min: 0, max: nil)])
    static let declaration = CmdletDeclaration(
        "Format-Hex", parameters: [path, literalPath, inputObject, encoding, count, offset], defaultParameterSet: "Path",
        outputTypes: [byteCollectionType], synopsis: "Shows bytes in hexadecimal.",
        description: "Writes the bytes of files (-Path, -LiteralPath, or piped FileInfo objects), of strings in -Encoding (UTF-8 by default) or of numbers, booleans and enums (as .NET stores them, little-endian) as ByteCollection objects of 16 bytes each: the offset, the bytes in hexadecimal and their characters. -Offset skips bytes, -Count limits them.",
        // PowerShell's class lacks the usual Command suffix, and its error ids end in it.
        className: "Microsoft.PowerShell.Commands.FormatHex")

    static var views: [FormatView] {
        var table = FormatView(name: byteCollectionType, typeNames: [byteCollectionType], table: [
            TableColumn("Offset", width: 16, alignment: .right, value: .property("HexOffset")),
            TableColumn("Bytes\n00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F", width: 47, alignment: .left, value: .property("HexBytes")),
            TableColumn("Ascii", width: 16, alignment: .left, value: .property("Ascii")),
        ])
        table.groupBy = (label: "Label", value: .property("Label"))
        return [table]
    }

    private var buffer: [UInt8] = []
    /// The .NET type name of what `buffer` holds (`Int32`, or `Int32[]` for an array given whole).
    private var bufferType: (name: String, fullName: String)?
    private var grouping = true

    func process(_ context: CmdletContext) throws {
        if let input = context[Self.inputObject] {
            // Its parameter takes a [psobject]: a command's output arrives wrapped; the bytes are the value's.
            try processInput(input.withoutPlainWrapper, context)
            return
        }
        let literal = context[Self.literalPath] != nil
        var files: [String] = []
        for given in context[Self.literalPath] ?? context[Self.path] ?? [] {
            if literal { files.append(context.session.resolvePath(given)); continue }
            let hits = try FileSystemPaths.expand(given, session: context.session)
            if hits.isEmpty && !WildcardPattern.containsWildcard(given) {
                try context.writeError(ErrorRecord(message: "Cannot find path '\(context.session.resolvePath(given))' because it does not exist.",
                                                   errorId: context.qualifiedErrorId("FileNotFound"), category: .objectNotFound,
                                                   target: .string(given), exceptionType: "System.Management.Automation.ItemNotFoundException"))
            }
            files += hits
        }
        for file in files { try writeFile(file, context) }
    }

    func end(_ context: CmdletContext) throws { try flush(context) }

    private func processInput(_ input: PSValue, _ context: CmdletContext) throws {
        let value = input.unwrapped
        if case .object(let o) = value, o.typeNames.first == "System.IO.FileInfo",
           let full = PropertyAccess.value(value, "FullName") {
            try flush(context)
            try writeFile(PSConvert.toString(full), context)
            return
        }
        if case .string(let text) = value {
            try flush(context)
            let bytes = try encode(text, context)
            try write(window(bytes, context), label: Self.label("String", "System.String"), path: nil, offset: 0, context)
            return
        }
        if case .array(let array) = value {
            // An array given whole is a group of its own, labelled with the array's type.
            try flush(context)
            guard case .typed(let element) = array.kind, let size = Self.size(ofElement: element) else {
                return try unsupported(value, context)
            }
            bufferType = (PSType.shortName(of: value.typeFullName), value.typeFullName)
            grouping = false
            for item in array.elements { buffer += Self.bytes(of: item, size: size) ?? [] }
            return
        }
        guard let (bytes, typeName) = Self.primitiveBytes(value) else { return try unsupported(value, context) }
        if !grouping { try flush(context) }
        if let current = bufferType, current.fullName != typeName { try flush(context) }
        bufferType = (PSType.shortName(of: typeName), typeName)
        buffer += bytes
    }

    private func unsupported(_ value: PSValue, _ context: CmdletContext) throws {
        try context.writeError(ErrorRecord(
            message: "Cannot convert input of type '\(value.typeFullName)' to hexadecimal. To view the hexadecimal formatting of its string representation, pipe it to the Out-String cmdlet before piping it to Format-Hex.",
            errorId: context.qualifiedErrorId("FormatHexTypeNotSupported"), category: .invalidArgument,
            target: .type(.named(value.typeFullName)), exceptionType: "System.ArgumentException"))
    }

    private func flush(_ context: CmdletContext) throws {
        defer { buffer = []; bufferType = nil; grouping = true }
        guard !buffer.isEmpty, let type = bufferType else { return }
        try write(window(buffer, context), label: Self.label(type.name, type.fullName), path: nil, offset: 0, context)
    }

    /// -Offset and -Count applied to bytes gathered from input objects.
    private func window(_ bytes: [UInt8], _ context: CmdletContext) -> ArraySlice<UInt8> {
        let start = Int(min(Int64(bytes.count), context[Self.offset] ?? 0))
        let length = Int(min(Int64(bytes.count - start), context[Self.count] ?? Int64.max))
        return bytes[start..<(start + length)]
    }

    private func writeFile(_ path: String, _ context: CmdletContext) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            let message = FileManager.default.fileExists(atPath: path) ? "Access to the path '\(path)' is denied." : "Could not find file '\(path)'."
            try context.writeError(ErrorRecord(message: message, errorId: context.qualifiedErrorId("FormatHexIOError"), category: .writeError,
                                               target: .string(path), exceptionType: "System.IO.IOException"))
            return
        }
        let bytes = [UInt8](data)
        let start = Int(min(Int64(bytes.count), context[Self.offset] ?? 0))
        let length = Int(min(Int64(bytes.count - start), context[Self.count] ?? Int64.max))
        try write(bytes[start..<(start + length)], label: path, path: path, offset: UInt64(start), context)
    }

    private func write(_ bytes: ArraySlice<UInt8>, label: String, path: String?, offset: UInt64, _ context: CmdletContext) throws {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let end = min(index + 16, bytes.endIndex)
            let chunk = Array(bytes[index..<end])
            try context.writeObject(.object(Self.byteCollection(chunk, offset: offset + UInt64(index - bytes.startIndex), path: path, label: label)))
            index = end
        }
    }

    private func encode(_ text: String, _ context: CmdletContext) throws -> [UInt8] {
        switch (context[Self.encoding] ?? "utf8").lowercased() {
        case "utf8", "utf8nobom", "utf8bom", "default", "oem": return Array(text.utf8)
        case "ascii": return text.unicodeScalars.map { $0.value < 0x80 ? UInt8($0.value) : 0x3F }
        case "latin1": return text.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : 0x3F }
        case "unicode": return text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "bigendianunicode": return text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case "utf32": return text.unicodeScalars.flatMap { s in (0..<4).map { UInt8(truncatingIfNeeded: s.value >> (8 * $0)) } }
        case "bigendianutf32": return text.unicodeScalars.flatMap { s in (0..<4).reversed().map { UInt8(truncatingIfNeeded: s.value >> (8 * $0)) } }
        default:
            throw context.terminatingError(
                "Cannot process argument transformation on parameter 'Encoding'. '\(context[Self.encoding] ?? "")' is not a supported encoding name. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. (Parameter 'name')",
                errorId: "ParameterArgumentTransformationError", category: .invalidData,
                exceptionType: "System.Management.Automation.ParameterBindingArgumentTransformationException")
        }
    }

    /// `String (System.String) <1A2B3C4D>`: PowerShell tells groups apart by a random number.
    static func label(_ name: String, _ fullName: String) -> String {
        let id = UInt32.random(in: 0...UInt32(Int32.max))
        let hex = String(id, radix: 16, uppercase: true)
        return "\(name) (\(fullName)) <\(String(repeating: "0", count: max(0, 8 - hex.count)) + hex)>"
    }

    /// The size .NET's marshaller gives a primitive element (bool is 4 bytes, as a Win32 BOOL).
    static func size(ofElement type: PSType) -> Int? {
        switch type.fullName {
        case "System.Byte", "System.SByte": return 1
        case "System.Int16", "System.UInt16", "System.Char": return 2
        case "System.Int32", "System.UInt32", "System.Single", "System.Boolean": return 4
        case "System.Int64", "System.UInt64", "System.Double": return 8
        default:
            if case .enumType = type { return 4 }
            return nil
        }
    }

    static func bytes(of value: PSValue, size: Int) -> [UInt8]? {
        guard let (raw, _) = primitiveBytes(value) else { return nil }
        return Array((raw + [UInt8](repeating: 0, count: max(0, size - raw.count))).prefix(size))
    }

    private static func littleEndian<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
    }

    /// A primitive value's bytes and its .NET type name; nil for anything else.
    static func primitiveBytes(_ value: PSValue) -> ([UInt8], String)? {
        switch value {
        case .bool(let b): return ([b ? 1 : 0, 0, 0, 0], "System.Boolean")
        case .byte(let n): return ([n], "System.Byte")
        case .sbyte(let n): return ([UInt8(bitPattern: n)], "System.SByte")
        case .int16(let n): return (littleEndian(n), "System.Int16")
        case .uint16(let n): return (littleEndian(n), "System.UInt16")
        case .char(let c): return (littleEndian(c), "System.Char")
        case .int(let n): return (littleEndian(n), "System.Int32")
        case .uint32(let n): return (littleEndian(n), "System.UInt32")
        case .long(let n): return (littleEndian(n), "System.Int64")
        case .uint64(let n): return (littleEndian(n), "System.UInt64")
        case .single(let f): return (littleEndian(f.bitPattern), "System.Single")
        case .double(let d): return (littleEndian(d.bitPattern), "System.Double")
        // An enum is its underlying Int32 (the label names the underlying type, as PowerShell's does).
        case .enumValue(let e): return (littleEndian(Int32(truncatingIfNeeded: e.rawValue)), "System.Int32")
        default: return nil
        }
    }

    static func byteCollection(_ bytes: [UInt8], offset: UInt64, path: String?, label: String) -> PSObject {
        let o = PSObject(typeNames: [byteCollectionType, "System.Object"])
        func property(_ name: String, _ value: PSValue) {
            var m = PSMember(name: name, kind: .note(value))
            m.declaredMemberType = "Property"
            o.add(m)
        }
        let hexOffset = String(offset, radix: 16, uppercase: true)
        property("Offset64", .uint64(offset))
        property("Bytes", .array(PSArray(bytes.map { .byte($0) }, kind: .typed(.byte))))
        property("Path", path.map { .string($0) } ?? .null)
        property("HexOffset", .string(String(repeating: "0", count: max(0, 16 - hexOffset.count)) + hexOffset))
        property("Label", .string(label))
        property("HexBytes", .string(bytes.map { hex2($0) }.joined(separator: " ")))
        property("Ascii", .string(String(bytes.map(asciiCharacter))))
        let text = line(bytes, offset: offset, fromInput: path == nil)
        o.toStringHandler = { _ in text }
        return o
    }

    private static func hex2(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    /// A byte as Latin-1, a space for 0, U+FFFD for control characters (as .NET's char.IsControl).
    private static func asciiCharacter(_ b: UInt8) -> Character {
        if b == 0 { return " " }
        if b < 0x20 || (0x7F...0x9F).contains(b) { return "\u{FFFD}" }
        return Character(Unicode.Scalar(b))
    }

    /// ByteCollection.ToString: the offset, three spaces, the bytes padded to 16, a space, the characters;
    /// a full line of piped input ends with a line break.
    private static func line(_ bytes: [UInt8], offset: UInt64, fromInput: Bool) -> String {
        guard !bytes.isEmpty else { return "" }
        let hexOffset = String(offset, radix: 16, uppercase: true)
        var left = String(repeating: "0", count: max(0, 16 - hexOffset.count)) + hexOffset + "   "
        var right = ""
        for b in bytes {
            left += hex2(b) + " "
            right.append(asciiCharacter(b))
        }
        if bytes.count % 16 == 0 { return left + " " + right + (fromInput ? "\n" : "") }
        for _ in bytes.count..<16 { left += "   "; right += " " }
        return left + " " + right
    }
}
