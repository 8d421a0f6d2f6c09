#if canImport(Glibc)
import Glibc
#endif
import CEdit

/// What a completer offers for the word before the cursor.
public struct CompletionResult: Equatable, Sendable {
    /// How many Unicode scalars before the cursor the completion replaces.
    public var replaceLength: Int
    /// Replacement texts, in the order Tab cycles through them.
    public var candidates: [String]
    /// What the listing shows for each candidate (the name without a path or quotes); same count.
    public var listItems: [String]

    public init(replaceLength: Int, candidates: [String], listItems: [String]? = nil) {
        self.replaceLength = replaceLength
        self.candidates = candidates
        self.listItems = listItems ?? candidates
    }

    public static let none = CompletionResult(replaceLength: 0, candidates: [])
}

/// Tab's memory between presses. The first Tab puts in the first candidate and, when there are
/// several, lists them all below the line; further Tabs (Shift-Tab backwards) cycle through them,
/// as long as the line still ends with what the previous Tab put in.
struct TabCompletionState {
    var candidates: [String] = []
    var index = 0
    /// The candidate inserted last, in Unicode scalars, to replace on the next press.
    var insertedLength = 0
    /// The line before the cursor right after the last insertion; any other edit ends the cycle.
    var lineAfterInsertion: String?

    mutating func reset() {
        candidates = []
        index = 0
        insertedLength = 0
        lineAfterInsertion = nil
    }
}

extension LineEditor {
    /// The Tab and Shift-Tab key handler. Returns a libedit `CC_*` code.
    func completeWord(forward: Bool) -> UInt8 {
        let (text, cursor) = currentLine()
        let beforeCursor = String(String.UnicodeScalarView(text.unicodeScalars.prefix(cursor)))

        if let previous = tab.lineAfterInsertion, previous == beforeCursor, tab.candidates.count > 1 {
            let count = tab.candidates.count
            tab.index = (tab.index + (forward ? 1 : count - 1)) % count
            insert(tab.candidates[tab.index], replacing: tab.insertedLength)
            return UInt8(CC_REFRESH)
        }

        tab.reset()
        guard let completer else { return UInt8(CC_ERROR) }
        let result = completer(beforeCursor, cursor)
        guard !result.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        tab.candidates = result.candidates
        tab.index = forward ? 0 : result.candidates.count - 1
        insert(result.candidates[tab.index], replacing: result.replaceLength)
        if result.candidates.count > 1 {
            writeToTerminal("\n" + Self.columns(result.listItems, width: Terminal.width()))
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(CC_REFRESH)
    }

    private func insert(_ candidate: String, replacing length: Int) {
        replaceBeforeCursor(length: length, with: candidate)
        tab.insertedLength = candidate.unicodeScalars.count
        let (text, cursor) = currentLine()
        tab.lineAfterInsertion = String(String.UnicodeScalarView(text.unicodeScalars.prefix(cursor)))
    }

    /// Lays items out in columns across the terminal, filled column by column like `ls`.
    static func columns(_ items: [String], width: Int) -> String {
        let widest = items.map(\.count).max() ?? 0
        let columnWidth = widest + 2
        let perRow = max(1, width / max(1, columnWidth))
        let rows = (items.count + perRow - 1) / perRow
        var out = ""
        for row in 0..<rows {
            var line = ""
            for column in 0..<perRow {
                let i = column * rows + row
                guard i < items.count else { break }
                let item = items[i]
                let isLast = column == perRow - 1 || (column + 1) * rows + row >= items.count
                line += isLast ? item : item + String(repeating: " ", count: columnWidth - item.count)
            }
            out += line + "\n"
        }
        return out
    }
}
