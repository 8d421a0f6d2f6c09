import Foundation

/// .NET's System.Decimal remembers its scale (how many digits follow the point: `1.50d` prints
/// `1.50`), which Foundation's Decimal normalises away; hvsh carries the scale beside the value.
public enum DecimalText {
    /// The largest magnitude System.Decimal holds (2^96 - 1); Foundation's Decimal goes on to 10^165.
    public static let maxMagnitude = Decimal(string: "79228162514264337593543950335")!

    /// The scale a decimal written as `text` has in .NET: digits after the point, less the
    /// exponent (`1.50` 2, `1.5e-3` 4, `15e1` 0); -1 when the text is not a plain number.
    public static func scale(of text: some StringProtocol) -> Int8 {
        var fraction = 0, seenPoint = false, exponent = 0, i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "." { seenPoint = true } else if c == "e" || c == "E" {
                guard let e = Int(text[text.index(after: i)...]) else { return -1 }
                exponent = e
                break
            } else if c.isNumber { if seenPoint { fraction += 1 } } else if c != "-" && c != "+" { return -1 }
            i = text.index(after: i)
        }
        return Int8(max(0, min(28, fraction - exponent)))
    }
}
