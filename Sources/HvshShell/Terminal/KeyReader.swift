#if canImport(Glibc)
import Glibc
#endif
import PSRuntime

/// `$Host.UI.RawUI.ReadKey()` on the terminal: one key with the terminal out of line mode for the
/// duration (signals stay on, so Ctrl-C still interrupts), decoded into .NET's ConsoleKey numbers.
enum KeyReader {
    /// Reads one key from fd 0, which must be a terminal. nil when a signal interrupted the wait.
    static func read(echo: Bool) -> KeyPress? {
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &raw)
        defer { tcsetattr(0, TCSANOW, &saved) }
        guard let first = readByte() else { return nil }
        var bytes = [first]
        if first == 0x1B {
            // An escape sequence arrives at once; a lone Escape key does not continue within 50 ms.
            while let next = readByte(timeoutMilliseconds: bytes.count == 1 ? 50 : 5) {
                bytes.append(next)
                if bytes.count >= 3, let last = bytes.last, (0x40...0x7E).contains(last), bytes[1] == UInt8(ascii: "[") || bytes[1] == UInt8(ascii: "O") { break }
                if bytes.count == 8 { break }
            }
        } else if first >= 0xC0 {
            let count = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : 1
            for _ in 0..<count { if let b = readByte() { bytes.append(b) } }
        }
        let key = decode(bytes)
        if echo, key.character >= 0x20, key.character != 0x7F {
            var out = Array(String(utf16CodeUnits: [key.character], count: 1).utf8)
            _ = Glibc.write(1, &out, out.count)
        }
        return key
    }

    private static func readByte(timeoutMilliseconds: Int32? = nil) -> UInt8? {
        if let timeout = timeoutMilliseconds {
            var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, timeout) > 0 else { return nil }
        }
        var b: UInt8 = 0
        return Glibc.read(0, &b, 1) == 1 ? b : nil
    }

    /// Bytes of one key → (ConsoleKey, character), with a US keyboard's layout for punctuation.
    static func decode(_ bytes: [UInt8]) -> KeyPress {
        guard let first = bytes.first else { return KeyPress(virtualKeyCode: 0, character: 0) }
        if first == 0x1B {
            guard bytes.count > 1 else { return KeyPress(virtualKeyCode: 27, character: 0x1B) }
            let tail = String(decoding: bytes.dropFirst(), as: UTF8.self)
            let keys: [String: Int] = ["[A": 38, "[B": 40, "[C": 39, "[D": 37, "[H": 36, "[F": 35, "OH": 36, "OF": 35,
                                       "[1~": 36, "[4~": 35, "[2~": 45, "[3~": 46, "[5~": 33, "[6~": 34,
                                       "OP": 112, "OQ": 113, "OR": 114, "OS": 115, "[15~": 116, "[17~": 117,
                                       "[18~": 118, "[19~": 119, "[20~": 120, "[21~": 121, "[23~": 122, "[24~": 123]
            return KeyPress(virtualKeyCode: keys[tail] ?? 0, character: 0)
        }
        if first >= 0x80 {
            let units = Array(String(decoding: bytes, as: UTF8.self).utf16)
            return KeyPress(virtualKeyCode: 0, character: units.first ?? 0)
        }
        let c = UInt16(first)
        switch first {
        case 0x0D, 0x0A: return KeyPress(virtualKeyCode: 13, character: 0x0D)
        case 0x09: return KeyPress(virtualKeyCode: 9, character: 0x09)
        case 0x7F, 0x08: return KeyPress(virtualKeyCode: 8, character: 0x08)
        case 0x20: return KeyPress(virtualKeyCode: 32, character: c)
        case 0x01...0x1A: return KeyPress(virtualKeyCode: 64 + Int(first), character: c)  // Ctrl+letter
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return KeyPress(virtualKeyCode: Int(first) - 32, character: c)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return KeyPress(virtualKeyCode: Int(first), character: c)
        default:
            let shiftedDigits: [Character: Int] = [")": 48, "!": 49, "@": 50, "#": 51, "$": 52, "%": 53, "^": 54, "&": 55, "*": 56, "(": 57]
            let oem: [Character: Int] = [";": 186, ":": 186, "=": 187, "+": 187, ",": 188, "<": 188, "-": 189, "_": 189,
                                         ".": 190, ">": 190, "/": 191, "?": 191, "`": 192, "~": 192, "[": 219, "{": 219,
                                         "\\": 220, "|": 220, "]": 221, "}": 221, "'": 222, "\"": 222]
            let ch = Character(Unicode.Scalar(first))
            return KeyPress(virtualKeyCode: shiftedDigits[ch] ?? oem[ch] ?? 0, character: c)
        }
    }
}
