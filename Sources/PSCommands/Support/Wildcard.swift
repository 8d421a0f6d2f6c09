// PowerShell wildcard patterns (`*`, `?`, `[abc]`, `[a-z]`, backtick escapes), case-insensitive
// unless asked otherwise. Used for -Property/-Name filters of the formatting and utility cmdlets.

public struct WildcardPattern: Sendable {
    enum Element: Sendable { case literal(Character), any, anyRun, set([ClosedRange<Character>], negated: Bool) }
    private let elements: [Element]
    public let ignoreCase: Bool
    public let pattern: String

    public init(_ pattern: String, ignoreCase: Bool = true) {
        self.pattern = pattern
        self.ignoreCase = ignoreCase
        var els: [Element] = []
        let chars = Array(ignoreCase ? pattern.lowercased() : pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "`":
                if i + 1 < chars.count { els.append(.literal(chars[i + 1])); i += 2 } else { els.append(.literal(c)); i += 1 }
            case "*":
                if case .anyRun? = els.last {} else { els.append(.anyRun) }
                i += 1
            case "?":
                els.append(.any); i += 1
            case "[":
                var j = i + 1
                var ranges: [ClosedRange<Character>] = []
                var negated = false
                if j < chars.count && chars[j] == "!" { negated = true; j += 1 }
                var closed = false
                while j < chars.count {
                    if chars[j] == "]" && !ranges.isEmpty || chars[j] == "]" && j > i + 1 + (negated ? 1 : 0) { closed = true; break }
                    var lo = chars[j]
                    if lo == "`" && j + 1 < chars.count { j += 1; lo = chars[j] }
                    if j + 2 < chars.count && chars[j + 1] == "-" && chars[j + 2] != "]" {
                        let hi = chars[j + 2]
                        ranges.append(lo <= hi ? lo...hi : hi...lo)
                        j += 3
                    } else {
                        ranges.append(lo...lo)
                        j += 1
                    }
                }
                if closed {
                    els.append(.set(ranges, negated: negated))
                    i = j + 1
                } else {
                    els.append(.literal("[")); i += 1
                }
            default:
                els.append(.literal(c)); i += 1
            }
        }
        elements = els
    }

    public static func containsWildcard(_ s: String) -> Bool {
        s.contains("*") || s.contains("?") || s.contains("[")
    }

    public func matches(_ text: String) -> Bool {
        let t = Array(ignoreCase ? text.lowercased() : text)
        // Iterative matcher with backtracking to the last `*`.
        var ti = 0, pi = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < elements.count {
                switch elements[pi] {
                case .anyRun:
                    starP = pi; starT = ti; pi += 1
                    continue
                case .any:
                    ti += 1; pi += 1
                    continue
                case .literal(let c):
                    if c == t[ti] { ti += 1; pi += 1; continue }
                case .set(let ranges, let negated):
                    let hit = ranges.contains { $0.contains(t[ti]) }
                    if hit != negated { ti += 1; pi += 1; continue }
                }
            }
            if starP >= 0 {
                pi = starP + 1
                starT += 1
                ti = starT
                continue
            }
            return false
        }
        while pi < elements.count, case .anyRun = elements[pi] { pi += 1 }
        return pi == elements.count
    }
}
