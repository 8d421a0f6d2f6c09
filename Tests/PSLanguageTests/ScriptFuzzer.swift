/// Deterministic generator of random and mutated PowerShell scripts for the parser's property test.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

struct ScriptFuzzer {
    var rng: SplitMix64
    let corpus: [[UInt8]]

    /// Fragments that stress the lexer's modes, nesting and special characters.
    static let vocabulary: [String] = [
        "{", "}", "(", ")", "[", "]", "@(", "@{", "$(", "${", "}", "\"", "'", "@\"\n", "\n\"@", "@'\n", "\n'@",
        "|", "||", "&&", "&", ";", ",", ".", "..", "::", "?.", "?[", "?", ":", "??", "??=", "=", "+=", "++", "--",
        "`", "`\n", "\n", "\r\n", " ", "\t", "#", "<#", "#>", "-eq", "-not", "-f", "-split", "-join", "-Name",
        "-Name:", "--%", "--", "2>&1", "*>", ">", ">>", "<", "$x", "$_", "$env:PATH", "@splat", "$", "@",
        "if", "else", "elseif", "foreach", "for", "while", "do", "until", "switch", "default", "try", "catch",
        "finally", "trap", "function", "filter", "param", "begin", "process", "end", "return", "break",
        "continue", "throw", "exit", "in", "class", "using", "Get-VM", "New-VMSwitch", "vm_name", "C:\\VMs\\a.vhdx",
        "192.168.2.0/24", "1", "0x10", "256GB", "1.5e3", "1.30Dmb", "0b101", "12n", "[int]", "[string[]]",
        "[ordered]", "[Parameter(Mandatory)]", "[CmdletBinding()]", "“", "”", "‘", "’", "„", "–", "—", "―",
        "\u{00A0}", "\u{3000}", "\u{FEFF}", "`u{1F600}", "`u{", "\"$(", "\"${x}\"", ":label", "#requires -Version 7",
    ]

    init(seed: UInt64, corpus: [String]) {
        rng = SplitMix64(state: seed)
        self.corpus = corpus.map { Array($0.utf8) }
    }

    /// The next input: a mutated corpus script, a token soup, or random bytes.
    mutating func nextInput() -> [UInt8] {
        let r = rng.below(100)
        if r < 60, !corpus.isEmpty { return mutate(corpus[rng.below(corpus.count)]) }
        if r < 92 { return tokenSoup() }
        return randomBytes()
    }

    mutating func tokenSoup() -> [UInt8] {
        var out: [UInt8] = []
        let n = 1 + rng.below(40)
        for _ in 0..<n {
            out += Array(Self.vocabulary[rng.below(Self.vocabulary.count)].utf8)
            if rng.chance(40) { out.append(0x20) }
        }
        return out
    }

    mutating func randomBytes() -> [UInt8] {
        let n = rng.below(64)
        return (0..<n).map { _ in
            // mostly printable ASCII, some UTF-8 lead/continuation bytes and control characters
            let k = rng.below(10)
            if k < 7 { return UInt8(0x20 + rng.below(95)) }
            if k < 9 { return UInt8(0x80 + rng.below(128)) }
            return UInt8(rng.below(32))
        }
    }

    mutating func mutate(_ base: [UInt8]) -> [UInt8] {
        var s = base
        let rounds = 1 + rng.below(4)
        for _ in 0..<rounds {
            let at = rng.below(s.count + 1)
            switch rng.below(7) {
            case 0, 1: // insert a vocabulary fragment
                s.insert(contentsOf: Array(Self.vocabulary[rng.below(Self.vocabulary.count)].utf8), at: at)
            case 2: // delete a range
                if !s.isEmpty {
                    let len = min(s.count - min(at, s.count - 1), 1 + rng.below(8))
                    s.removeSubrange(min(at, s.count - 1)..<(min(at, s.count - 1) + len))
                }
            case 3: // truncate
                s = Array(s[0..<at])
            case 4: // duplicate a slice
                if !s.isEmpty {
                    let a = rng.below(s.count), b = min(s.count, a + 1 + rng.below(16))
                    s.insert(contentsOf: s[a..<b], at: at)
                }
            case 5: // replace one byte
                if !s.isEmpty { s[min(at, s.count - 1)] = UInt8(rng.below(256)) }
            default: // splice in another corpus script
                if !corpus.isEmpty { s.insert(contentsOf: corpus[rng.below(corpus.count)], at: at) }
            }
        }
        return s
    }
}
