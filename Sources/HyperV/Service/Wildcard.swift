/// PowerShell's wildcard patterns (`*`, `?`, `[abc]`, `[a-z]`, backtick escapes), matched
/// case-insensitively as Get-VM -Name does.
public struct WildcardPattern: Sendable {
    enum Element: Sendable {
        case literal(Character)
        case any
        case one
        case set([ClosedRange<Character>])
    }

    let elements: [Element]
    public let hasWildcards: Bool

    public init(_ pattern: String) {
        var elements: [Element] = []
        var wild = false
        var characters = Array(pattern.lowercased())[...]
        while let c = characters.popFirst() {
            switch c {
            case "`":
                if let next = characters.popFirst() { elements.append(.literal(next)) }
            case "*": elements.append(.any); wild = true
            case "?": elements.append(.one); wild = true
            case "[":
                guard let close = characters.firstIndex(of: "]") else { elements.append(.literal("[")); continue }
                let body = Array(characters[characters.startIndex..<close])
                characters = characters[(close + 1)...]
                var ranges: [ClosedRange<Character>] = []
                var i = 0
                while i < body.count {
                    if i + 2 < body.count, body[i + 1] == "-", body[i] <= body[i + 2] {
                        ranges.append(body[i]...body[i + 2]); i += 3
                    } else {
                        ranges.append(body[i]...body[i]); i += 1
                    }
                }
                elements.append(.set(ranges)); wild = true
            default: elements.append(.literal(c))
            }
        }
        self.elements = elements
        self.hasWildcards = wild
    }

    public func matches(_ text: String) -> Bool {
        let subject = Array(text.lowercased())
        // Iterative matcher with backtracking to the last `*`.
        var p = 0, s = 0
        var star: Int? = nil, starS = 0
        while s < subject.count {
            if p < elements.count {
                switch elements[p] {
                case .any:
                    star = p; starS = s; p += 1; continue
                case .one:
                    p += 1; s += 1; continue
                case .literal(let c) where c == subject[s]:
                    p += 1; s += 1; continue
                case .set(let ranges) where ranges.contains(where: { $0.contains(subject[s]) }):
                    p += 1; s += 1; continue
                default: break
                }
            }
            guard let starIndex = star else { return false }
            p = starIndex + 1; starS += 1; s = starS
        }
        while p < elements.count, case .any = elements[p] { p += 1 }
        return p == elements.count
    }
}
