/// The single-byte Windows code pages PowerShell's -Encoding and [Text.Encoding]::GetEncoding take by
/// number (PowerShell registers .NET's code-page provider): bytes 0x00-0x7F are ASCII, the upper half
/// maps through the table (0xFFFD where the code page defines no character); a character the code
/// page lacks is written as `?`, as .NET's encoder does.
enum CodePageTables {
    /// Cyrillic (Windows), code page 1251: 0x80...0xFF.
    static let windows1251: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
        0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
        0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
        0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
        0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
        0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
        0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
        0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
    ]

    /// Western European (Windows), code page 1252: 0x80...0xFF.
    static let windows1252: [UInt16] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
        0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
        0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
        0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
        0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
        0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
        0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
        0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
        0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
    ]

    static func encode(_ text: String, _ table: [UInt16]) -> [UInt8] {
        var back: [UInt32: UInt8] = [:]
        for (i, u) in table.enumerated() where u != 0xFFFD { back[UInt32(u)] = UInt8(0x80 + i) }
        return text.unicodeScalars.map { s in s.value < 0x80 ? UInt8(s.value) : (back[s.value] ?? 0x3F) }
    }

    static func decode(_ bytes: [UInt8], _ table: [UInt16]) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            scalars.append(b < 0x80 ? Unicode.Scalar(b) : (Unicode.Scalar(UInt32(table[Int(b) - 0x80])) ?? "\u{FFFD}"))
        }
        return String(scalars)
    }
}

/// UTF-7 (RFC 2152) as .NET's UTF7Encoding writes it without the optional direct characters: letters,
/// digits, `'(),-./:?`, space, tab, CR and LF stand for themselves, `+` is `+-`, everything else is
/// its UTF-16 units in modified base64 after a `+`, ended by `-`.
enum UTF7Codec {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static func isDirect(_ u: UInt16) -> Bool {
        guard u < 0x80 else { return false }
        let c = UInt8(u)
        return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || "'(),-./:? \t\r\n".utf8.contains(c)
    }

    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var bits: UInt32 = 0, count = 0, shifted = false
        func flush() {
            if count > 0 { out.append(alphabet[Int((bits << (6 - UInt32(count))) & 0x3F)]) }
            out.append(UInt8(ascii: "-"))
            bits = 0; count = 0; shifted = false
        }
        for u in text.utf16 {
            if isDirect(u) {
                if shifted { flush() }
                out.append(UInt8(u))
            } else if u == 0x2B && !shifted {
                out += [UInt8(ascii: "+"), UInt8(ascii: "-")]
            } else {
                if !shifted { out.append(UInt8(ascii: "+")); shifted = true }
                bits = (bits << 16) | UInt32(u); count += 16
                while count >= 6 { count -= 6; out.append(alphabet[Int((bits >> UInt32(count)) & 0x3F)]) }
                bits &= (1 << UInt32(count)) - 1
            }
        }
        if shifted { flush() }
        return out
    }

    static func decode(_ bytes: [UInt8]) -> String {
        var units: [UInt16] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: "+") else { units.append(UInt16(b)); i += 1; continue }
            i += 1
            if i < bytes.count && bytes[i] == UInt8(ascii: "-") { units.append(0x2B); i += 1; continue }
            var bits: UInt32 = 0, count = 0
            while i < bytes.count, let v = alphabet.firstIndex(of: bytes[i]) {
                bits = (bits << 6) | UInt32(v); count += 6
                if count >= 16 { count -= 16; units.append(UInt16((bits >> UInt32(count)) & 0xFFFF)); bits &= (1 << UInt32(count)) - 1 }
                i += 1
            }
            if i < bytes.count && bytes[i] == UInt8(ascii: "-") { i += 1 }
        }
        return String(decoding: units, as: UTF16.self)
    }
}
