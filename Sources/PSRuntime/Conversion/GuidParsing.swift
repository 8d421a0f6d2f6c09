import Foundation

/// The text forms `[guid]` and New-Guid -InputObject read besides the dashed one: 32 hex digits ("N"),
/// and .NET's "X" form `{0x01234567,0x89ab,0xcdef,{0x01,0x23,0x45,0x67,0x89,0xab,0xcd,0xef}}`.
public enum GuidParsing {
    public static func parse(_ text: String) -> UUID? {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "{}() "))
        if let uuid = UUID(uuidString: trimmed) { return uuid }
        if trimmed.count == 32, trimmed.allSatisfy(\.isHexDigit) { return dashed(trimmed) }
        return hexFields(text)
    }

    private static func dashed(_ hex: String) -> UUID? {
        var text = hex
        for offset in [8, 13, 18, 23] { text.insert("-", at: text.index(text.startIndex, offsetBy: offset)) }
        return UUID(uuidString: text)
    }

    /// Eleven `0x` numbers: the first three fields, then the last eight bytes one by one.
    private static func hexFields(_ text: String) -> UUID? {
        let numbers = text.components(separatedBy: CharacterSet(charactersIn: "{}, \t")).filter { !$0.isEmpty }
        let widths = [8, 4, 4] + Array(repeating: 2, count: 8)
        guard numbers.count == widths.count else { return nil }
        var hex = ""
        for (number, width) in zip(numbers, widths) {
            guard number.lowercased().hasPrefix("0x") else { return nil }
            let digits = number.dropFirst(2)
            guard !digits.isEmpty, digits.count <= width, digits.allSatisfy(\.isHexDigit) else { return nil }
            hex += String(repeating: "0", count: width - digits.count) + digits
        }
        return dashed(hex)
    }
}
