/// The simplest wildcard: `*` any run of characters, `?` one character, everything else literal and
/// compared exactly. It is .NET's file search pattern (`[IO.Directory]::GetFiles(path, '*.vhdx')`) and
/// what the CIM networking cmdlets' -Name filters accept (`[` is no class there); lower-case both
/// sides for a case-insensitive match. PowerShell's own wildcards (`-like`, `[a-z]`, backtick
/// escapes) are `WildcardPattern`.
public enum StarQuestionPattern {
    public static func matches(_ text: String, pattern: String) -> Bool {
        let t = Array(text), p = Array(pattern)
        var ti = 0, pi = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) { ti += 1; pi += 1 }
            else if pi < p.count && p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
