import Foundation

/// System.Text.Encoding's common encodings ([Text.Encoding]::UTF8, ASCII, Unicode, BigEndianUnicode,
/// UTF32, Latin1, Default, GetEncoding(name or code page), [Text.UTF8Encoding]::new($bom)): bytes in
/// and out as .NET makes them (ASCII writes `?` for what it cannot encode, UTF-16 and UTF-32 little
/// endian unless named big endian, the preambles), with the properties scripts read.
enum TextEncodings {
    struct Encoding: Sendable {
        let key: String
        let typeName: String
        let encodingName: String
        let webName: String
        let codePage: Int32
        let windowsCodePage: Int32
        let preamble: [UInt8]
        let isSingleByte: Bool
    }

    static let utf8 = Encoding(key: "utf8", typeName: "System.Text.UTF8Encoding+UTF8EncodingSealed", encodingName: "Unicode (UTF-8)", webName: "utf-8",
                               codePage: 65001, windowsCodePage: 1200, preamble: [0xEF, 0xBB, 0xBF], isSingleByte: false)
    static let utf8NoBOM = Encoding(key: "utf8nobom", typeName: "System.Text.UTF8Encoding", encodingName: "Unicode (UTF-8)", webName: "utf-8",
                                    codePage: 65001, windowsCodePage: 1200, preamble: [], isSingleByte: false)
    static let ascii = Encoding(key: "ascii", typeName: "System.Text.ASCIIEncoding+ASCIIEncodingSealed", encodingName: "US-ASCII", webName: "us-ascii",
                                codePage: 20127, windowsCodePage: 1252, preamble: [], isSingleByte: true)
    static let unicode = Encoding(key: "unicode", typeName: "System.Text.UnicodeEncoding", encodingName: "Unicode", webName: "utf-16",
                                  codePage: 1200, windowsCodePage: 1200, preamble: [0xFF, 0xFE], isSingleByte: false)
    static let bigEndianUnicode = Encoding(key: "bigendianunicode", typeName: "System.Text.UnicodeEncoding", encodingName: "Unicode (Big-Endian)",
                                           webName: "utf-16BE", codePage: 1201, windowsCodePage: 1200, preamble: [0xFE, 0xFF], isSingleByte: false)
    static let utf32 = Encoding(key: "utf32", typeName: "System.Text.UTF32Encoding", encodingName: "Unicode (UTF-32)", webName: "utf-32",
                                codePage: 12000, windowsCodePage: 1200, preamble: [0xFF, 0xFE, 0, 0], isSingleByte: false)
    static let latin1 = Encoding(key: "latin1", typeName: "System.Text.Latin1Encoding+Latin1EncodingSealed", encodingName: "Western European (ISO)",
                                 webName: "iso-8859-1", codePage: 28591, windowsCodePage: 1252, preamble: [], isSingleByte: true)

    static let bigEndianUTF32 = Encoding(key: "bigendianutf32", typeName: "System.Text.UTF32Encoding", encodingName: "Unicode (UTF-32 Big-Endian)", webName: "utf-32BE",
                                         codePage: 12001, windowsCodePage: 1200, preamble: [0, 0, 0xFE, 0xFF], isSingleByte: false)
    static let utf7 = Encoding(key: "utf7", typeName: "System.Text.UTF7Encoding", encodingName: "Unicode (UTF-7)", webName: "utf-7",
                               codePage: 65000, windowsCodePage: 1200, preamble: [], isSingleByte: false)
    static let windows1251 = Encoding(key: "windows-1251", typeName: "System.Text.SBCSCodePageEncoding", encodingName: "Cyrillic (Windows)", webName: "windows-1251",
                                      codePage: 1251, windowsCodePage: 1251, preamble: [], isSingleByte: true)
    static let ibm437 = Encoding(key: "ibm437", typeName: "System.Text.SBCSCodePageEncoding", encodingName: "OEM United States", webName: "ibm437",
                                 codePage: 437, windowsCodePage: 1252, preamble: [], isSingleByte: true)
    static let windows1252 = Encoding(key: "windows-1252", typeName: "System.Text.SBCSCodePageEncoding", encodingName: "Western European (Windows)", webName: "Windows-1252",
                                      codePage: 1252, windowsCodePage: 1252, preamble: [], isSingleByte: true)

    /// `[Text.Encoding]::X` by property name (Default is UTF-8 without a preamble on .NET Core).
    static func named(_ lower: String) -> Encoding? {
        switch lower {
        case "utf8": return utf8
        case "default": return utf8NoBOM
        case "ascii": return ascii
        case "unicode": return unicode
        case "bigendianunicode": return bigEndianUnicode
        case "utf32": return utf32
        case "latin1": return latin1
        default: return nil
        }
    }

    /// GetEncoding's names and code pages.
    static func lookup(_ v: PSValue) -> Encoding? {
        if let n = PSConvert.toNumber(v), case .int(let page) = n {
            return [utf8, ascii, unicode, bigEndianUnicode, utf32, bigEndianUTF32, latin1, utf7, windows1251, windows1252, ibm437]
                .first { $0.codePage == page }
        }
        switch PSConvert.toString(v).lowercased() {
        case "utf-8", "utf8": return utf8
        case "us-ascii", "ascii": return ascii
        case "utf-16", "unicode", "utf-16le": return unicode
        case "utf-16be", "unicodefffe": return bigEndianUnicode
        case "utf-32", "utf-32le": return utf32
        case "utf-32be": return bigEndianUTF32
        case "utf-7", "utf7": return utf7
        case "iso-8859-1", "latin1": return latin1
        case "windows-1251", "cp1251": return windows1251
        case "windows-1252", "cp1252": return windows1252
        case "ibm437", "cp437", "ibm-437": return ibm437
        default: return nil
        }
    }

    static func encode(_ e: Encoding, _ text: String) -> [UInt8] {
        switch e.key {
        case "ascii": return text.unicodeScalars.map { $0.value < 128 ? UInt8($0.value) : 0x3F }
        case "latin1": return text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : 0x3F }
        case "unicode": return text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "bigendianunicode": return text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case "utf32": return text.unicodeScalars.flatMap { s in (0..<4).map { UInt8((s.value >> (8 * UInt32($0))) & 0xFF) } }
        case "bigendianutf32": return text.unicodeScalars.flatMap { s in (0..<4).reversed().map { UInt8((s.value >> (8 * UInt32($0))) & 0xFF) } }
        case "utf7": return UTF7Codec.encode(text)
        case "windows-1251": return CodePageTables.encode(text, CodePageTables.windows1251)
        case "windows-1252": return CodePageTables.encode(text, CodePageTables.windows1252)
        case "ibm437": return CodePageTables.encode(text, CodePageTables.ibm437)
        default: return Array(text.utf8)
        }
    }

    static func decode(_ e: Encoding, _ bytes: [UInt8]) -> String {
        switch e.key {
        case "ascii": return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0 < 128 ? $0 : 0x3F) }))
        case "latin1": return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case "unicode", "bigendianunicode":
            var units: [UInt16] = []
            var i = 0
            while i + 1 < bytes.count {
                units.append(e.key == "unicode" ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            var text = String(decoding: units, as: UTF16.self)
            if bytes.count % 2 == 1 { text += "\u{FFFD}" }
            return text
        case "utf7": return UTF7Codec.decode(bytes)
        case "windows-1251": return CodePageTables.decode(bytes, CodePageTables.windows1251)
        case "windows-1252": return CodePageTables.decode(bytes, CodePageTables.windows1252)
        case "ibm437": return CodePageTables.decode(bytes, CodePageTables.ibm437)
        case "utf32", "bigendianutf32":
            var scalars = String.UnicodeScalarView()
            var i = 0
            let big = e.key == "bigendianutf32"
            while i + 3 < bytes.count {
                let v = big ? UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
                    : UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
                scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                i += 4
            }
            return String(scalars)
        default: return String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func byteArray(_ bytes: [UInt8]) -> PSValue { .array(PSArray(bytes.map { .byte($0) }, kind: .typed(.byte))) }

    private static func bytes(_ v: PSValue, _ method: String, _ count: Int) throws -> [UInt8] {
        if v.isNull { throw DotNetErrors.methodInvocation(method, argumentCount: count, DotNetErrors.argumentNull(parameter: "bytes")) }
        return try (v.arrayElements ?? [v]).map { UInt8(truncatingIfNeeded: try PSConvert.toInt($0)) }
    }

    /// The text argument of GetBytes/GetByteCount: a string, or a char[].
    private static func text(_ v: PSValue) -> String {
        if case .array(let a) = v.unwrapped { return a.elements.map { PSConvert.toString($0) }.joined() }
        return PSConvert.toString(v)
    }

    private static func range(_ method: String, _ args: [PSValue], _ length: Int) throws -> Range<Int> {
        let start = try PSConvert.toInt(args[1]), count = try PSConvert.toInt(args[2])
        guard start >= 0, count >= 0, start + count <= length else {
            throw DotNetErrors.methodInvocation(method, argumentCount: args.count, DotNetErrors.argumentOutOfRange(
                "Index and count must refer to a location within the buffer. (Parameter 'bytes')", parameter: "bytes"))
        }
        return start..<(start + count)
    }

    static func object(_ e: Encoding) -> PSObject {
        let o = PSObject(typeNames: [e.typeName.components(separatedBy: "+")[0], "System.Text.Encoding", "System.Object"], baseObject: nil)
        if e.typeName.contains("+") { o.typeNames.insert(e.typeName, at: 0) }
        let props: [(String, PSValue)] = [
            ("Preamble", byteArray(e.preamble)), ("BodyName", .string(e.webName)), ("EncodingName", .string(e.encodingName)),
            ("HeaderName", .string(e.webName)), ("WebName", .string(e.webName)), ("WindowsCodePage", .int(e.windowsCodePage)),
            ("IsBrowserDisplay", .bool(e.key.hasPrefix("utf8") || e.key == "latin1")),
            ("IsBrowserSave", .bool(e.key.hasPrefix("utf8") || e.key == "unicode" || e.key == "latin1")),
            ("IsMailNewsDisplay", .bool(e.key.hasPrefix("utf8") || e.key == "ascii" || e.key == "latin1")),
            ("IsMailNewsSave", .bool(e.key.hasPrefix("utf8") || e.key == "ascii" || e.key == "latin1")),
            ("IsSingleByte", .bool(e.isSingleByte)), ("IsReadOnly", .true), ("CodePage", .int(e.codePage)),
        ]
        for (name, value) in props {
            o.addProperty(name) { _ in value }
            o.setMemberType(name, "Property")
        }
        o.addMethod("GetBytes") { _, args in
            switch args.count {
            case 1:
                if args[0].isNull { throw DotNetErrors.methodInvocation("GetBytes", argumentCount: 1, DotNetErrors.argumentNull(parameter: "s")) }
                return byteArray(encode(e, text(args[0])))
            case 3:
                let units = Array(text(args[0]).utf16)
                let r = try range("GetBytes", args, units.count)
                return byteArray(encode(e, String(decoding: units[r], as: UTF16.self)))
            default: throw Members.argCount("GetBytes", args.count)
            }
        }
        o.addMethod("GetString") { _, args in
            guard args.count == 1 || args.count == 3 else { throw Members.argCount("GetString", args.count) }
            var all = try bytes(args[0], "GetString", args.count)
            if args.count == 3 { all = Array(all[try range("GetString", args, all.count)]) }
            return .string(decode(e, all))
        }
        o.addMethod("GetChars") { _, args in
            guard args.count == 1 else { throw Members.argCount("GetChars", args.count) }
            let units = Array(decode(e, try bytes(args[0], "GetChars", 1)).utf16)
            return .array(PSArray(units.map { .char($0) }, kind: .typed(.char)))
        }
        o.addMethod("GetByteCount") { _, args in
            guard args.count == 1 else { throw Members.argCount("GetByteCount", args.count) }
            return .int(Int32(encode(e, text(args[0])).count))
        }
        o.addMethod("GetCharCount") { _, args in
            guard args.count == 1 else { throw Members.argCount("GetCharCount", args.count) }
            return .int(Int32(decode(e, try bytes(args[0], "GetCharCount", 1)).utf16.count))
        }
        o.addMethod("GetPreamble") { _, _ in byteArray(e.preamble) }
        o.addMethod("GetMaxByteCount") { _, args in
            guard args.count == 1 else { throw Members.argCount("GetMaxByteCount", args.count) }
            let n = try PSConvert.toInt(args[0]) + 1
            let perChar = e.isSingleByte ? 1 : (e.key.hasPrefix("utf8") ? 3 : (e.key == "utf32" ? 4 : 2))
            return .int(Int32(n * perChar))
        }
        o.addMethod("ToString") { _, _ in .string(e.typeName) }
        return o
    }
}

extension StaticTypes {
    nonisolated(unsafe) static let encodingTypes: [StaticType] = [
        StaticType(
            keys: ["text.encoding"],
            properties: ["UTF8", "ASCII", "Unicode", "BigEndianUnicode", "UTF32", "Latin1", "Default"].map { name in
                StaticType.property("System.Text.Encoding", name) { _ in .object(TextEncodings.object(TextEncodings.named(name.lowercased())!)) }
            },
            methods: [
                StaticType.method("GetEncoding", "static System.Text.Encoding GetEncoding(int codepage)", "static System.Text.Encoding GetEncoding(string name)") { call in
                    guard call.args.count >= 1 else { throw call.wrongCount() }
                    guard let e = TextEncodings.lookup(call.args[0]) else {
                        let name = PSConvert.toString(call.args[0])
                        let message = PSConvert.toNumber(call.args[0]).map { _ in "No data is available for encoding \(name). For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. (Parameter 'codepage')" }
                            ?? "'\(name)' is not a supported encoding name. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. (Parameter 'name')"
                        throw DotNetErrors.methodInvocation(call.name, argumentCount: call.args.count, DotNetErrors.argument(message))
                    }
                    return .object(TextEncodings.object(e))
                },
                StaticType.method("Convert", "static byte[] Convert(System.Text.Encoding srcEncoding, System.Text.Encoding dstEncoding, byte[] bytes)") { call in
                    guard call.args.count == 3 else { throw call.wrongCount() }
                    guard let source = TextEncodings.of(call.args[0]), let target = TextEncodings.of(call.args[1]) else { throw call.wrongCount() }
                    let input = try (call.args[2].arrayElements ?? []).map { UInt8(truncatingIfNeeded: try PSConvert.toInt($0)) }
                    return .array(PSArray(TextEncodings.encode(target, TextEncodings.decode(source, input)).map { .byte($0) }, kind: .typed(.byte)))
                },
            ]),
    ]
}

extension TextEncodings {
    /// The encoding an Encoding object stands for (by its WebName and preamble).
    static func of(_ v: PSValue) -> Encoding? {
        guard case .object(let o) = v.unwrapped, o.typeNames.contains("System.Text.Encoding"),
              let webValue = (try? o.property("WebName")) ?? nil else { return nil }
        let web = PSConvert.toString(webValue)
        let bom = ((try? o.property("Preamble")) ?? nil)?.arrayElements?.isEmpty == false
        if web == "utf-8" { return bom ? utf8 : utf8NoBOM }
        return [ascii, unicode, bigEndianUnicode, utf32, latin1].first { $0.webName == web }
    }
}
