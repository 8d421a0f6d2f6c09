// How many terminal cells a piece of text occupies, PowerShell's way: East Asian wide and
// full-width characters take two cells, as does anything outside the Basic Multilingual Plane
// (PowerShell measures UTF-16 units, so a surrogate pair counts two); everything else one.

public enum DisplayCells {
    /// Cells taken by one Unicode scalar.
    @inline(__always)
    public static func width(_ s: Unicode.Scalar) -> Int {
        let c = s.value
        if c < 0x1100 { return 1 }
        if c > 0xFFFF { return 2 }
        if c <= 0x115F { return 2 }                       // Hangul Jamo initial consonants
        if c == 0x2329 || c == 0x232A { return 2 }
        if c >= 0x2E80 && c <= 0xA4CF && c != 0x303F { return 2 } // CJK ... Yi
        if c >= 0xAC00 && c <= 0xD7A3 { return 2 }        // Hangul syllables
        if c >= 0xF900 && c <= 0xFAFF { return 2 }        // CJK compatibility ideographs
        if c >= 0xFE10 && c <= 0xFE19 { return 2 }        // vertical forms
        if c >= 0xFE30 && c <= 0xFE6F { return 2 }        // CJK compatibility forms
        if c >= 0xFF00 && c <= 0xFF60 { return 2 }        // full-width forms
        if c >= 0xFFE0 && c <= 0xFFE6 { return 2 }
        return 1
    }

    /// Cells taken by a whole string; escape sequences (`ESC [ ... m`, `ESC ] ... BEL`) take none.
    /// ASCII-only strings without escapes (the common case) take a fast path.
    public static func width(_ text: String) -> Int {
        var ascii = true
        var count = 0
        for b in text.utf8 {
            if b >= 0x80 || b == 0x1B { ascii = false; break }
            count += 1
        }
        if ascii { return count }
        var cells = 0
        var scalars = text.unicodeScalars[...]
        while let s = scalars.first {
            if s == "\u{1B}" { scalars = scalars.dropFirst(escapeLength(scalars)); continue }
            cells += width(s)
            scalars = scalars.dropFirst()
        }
        return cells
    }

    /// The length in scalars of the escape sequence `text` starts with (CSI up to its final byte, OSC
    /// up to BEL or ESC \\); 1 for a lone ESC.
    static func escapeLength(_ text: Substring.UnicodeScalarView) -> Int {
        var i = text.index(after: text.startIndex)
        guard i < text.endIndex else { return 1 }
        var n = 2
        if text[i] == "[" {
            i = text.index(after: i)
            while i < text.endIndex {
                n += 1
                if (0x40...0x7E).contains(text[i].value) { return n }
                i = text.index(after: i)
            }
            return n
        }
        if text[i] == "]" {
            i = text.index(after: i)
            while i < text.endIndex {
                n += 1
                if text[i] == "\u{07}" { return n }
                if text[i] == "\u{1B}", text.index(after: i) < text.endIndex { return n + 1 }
                i = text.index(after: i)
            }
            return n
        }
        return 1
    }

    /// The longest prefix of `text` that fits in `cells` cells (escape sequences before its last
    /// character kept, as they take no room).
    public static func prefix(_ text: String, fitting cells: Int) -> String {
        var used = 0
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let s = scalars.first {
            if s == "\u{1B}" {
                let n = escapeLength(scalars)
                out.append(contentsOf: scalars.prefix(n))
                scalars = scalars.dropFirst(n)
                continue
            }
            let w = width(s)
            if used + w > cells { break }
            used += w
            out.append(s)
            scalars = scalars.dropFirst()
            if used == cells { break }
        }
        return String(out)
    }

    /// The longest suffix of `text` that fits in `cells` cells.
    public static func suffix(_ text: String, fitting cells: Int) -> String {
        var used = 0
        var taken: [Unicode.Scalar] = []
        for s in text.unicodeScalars.reversed() {
            let w = width(s)
            if used + w > cells { break }
            used += w
            taken.append(s)
            if used == cells { break }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: taken.reversed())
        return String(out)
    }

    /// `count` spaces.
    @inline(__always)
    public static func padding(_ count: Int) -> String {
        // Filled in one go: String(repeating:count:) appends the space count times, which was most of
        // the cost of the padded blank cells a wrapped table row is made of.
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { cells in
            cells.initialize(repeating: UInt8(ascii: " "))
            return count
        }
    }
}
