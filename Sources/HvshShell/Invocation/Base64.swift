/// Decoding for `-EncodedCommand`, whose value is Base64 of UTF-16LE text (what pwsh expects).
/// Kept here rather than pulling in Foundation at startup.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        var padding = 0
        for scalar in text.unicodeScalars {
            let v: UInt32
            switch scalar {
            case "A"..."Z": v = scalar.value - 65
            case "a"..."z": v = scalar.value - 97 + 26
            case "0"..."9": v = scalar.value - 48 + 52
            case "+", "-": v = 62
            case "/", "_": v = 63
            case "=": padding += 1; continue
            case " ", "\n", "\r", "\t": continue
            default: return nil
            }
            if padding > 0 { return nil }   // data after padding
            buffer = (buffer << 6) | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return padding <= 2 ? bytes : nil
    }

    static func decodeUTF16LE(_ text: String) -> String? {
        guard let bytes = decode(text), bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i < bytes.count {
            units.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
