// Lays out a custom entry (Format-Custom) as PowerShell's ComplexWriter does: text collects on the
// current line until a line break writes it, word-wrapped to the width left between the frames'
// indentations. A break with nothing collected writes an empty line (padded to the indentation),
// and every entry ends with one more break, which is the blank line after each object.

struct ComplexWriter {
    let width: Int
    private var buffer = ""
    private var frames: [(left: Int, right: Int, firstLine: Int)] = []

    init(width: Int) { self.width = width }

    mutating func write(_ items: [ComplexItem], emit: (String) -> Void) {
        frames.removeAll()
        render(items, depth: 0, emit: emit)
        flush(emit)
    }

    /// PowerShell stops descending into frames after 50 levels.
    private static let maxDepth = 50

    private mutating func render(_ items: [ComplexItem], depth: Int, emit: (String) -> Void) {
        for item in items {
            switch item {
            case .text(let s):
                buffer += s
            case .newLine:
                flush(emit)
            case .frame(let left, let right, let firstLine, let inner):
                guard depth < ComplexWriter.maxDepth else { continue }
                frames.append((left, right, firstLine))
                render(inner, depth: depth + 1, emit: emit)
                frames.removeLast()
            }
        }
    }

    private mutating func flush(_ emit: (String) -> Void) {
        let left = frames.reduce(0) { $0 + $1.left }
        let right = frames.reduce(0) { $0 + $1.right }
        var firstLine = frames.last?.firstLine ?? 0
        let useful = width - left - right
        if useful <= 0 { buffer = "" }
        if abs(firstLine) >= useful { firstLine = 0 }
        var firstWidth = useful, followingWidth = useful
        if firstLine >= 0 { firstWidth -= firstLine } else { followingWidth += firstLine }
        let lines = LineBreaking.wrap(buffer, firstWidth: max(firstWidth, 1), followingWidth: max(followingWidth, 1))
        let firstPad = left + max(firstLine, 0)
        let followingPad = left - min(firstLine, 0)
        for (k, line) in lines.enumerated() {
            emit(String(repeating: " ", count: k == 0 ? firstPad : followingPad) + line)
        }
        buffer = ""
    }
}
