// Fitting table columns onto the screen, as PowerShell's ColumnWidthManager does: columns without a
// width (0) share out whatever room the fixed ones leave, one cell at a time from the left; if the
// table is still too wide, the rightmost visible column is shrunk, or hidden (-1) when it would drop
// below the minimum, until the table fits.

public enum ColumnWidths {
    public static let separatorWidth = 1
    public static let minimumColumnWidth = 1

    /// Returns widths where a value <= 0 means the column is hidden.
    public static func fit(_ requested: [Int], tableWidth: Int) -> [Int] {
        var widths = requested
        if assign(&widths, tableWidth: tableWidth) { return widths }
        trim(&widths, tableWidth: tableWidth)
        return widths
    }

    private static func assign(_ widths: inout [Int], tableWidth: Int) -> Bool {
        if widths.allSatisfy({ $0 > 0 }) {
            let total = widths.reduce(0, +) + separatorWidth * (widths.count - 1)
            return total <= tableWidth
        }
        let fixed = widths.map { $0 > 0 }
        for k in widths.indices where widths[k] == 0 { widths[k] = minimumColumnWidth }
        var available = tableWidth - currentWidth(widths)
        if available < 0 { return false }
        while available > 0 {
            for k in widths.indices where !fixed[k] {
                widths[k] += 1
                available -= 1
                if available == 0 { break }
            }
        }
        return true
    }

    private static func trim(_ widths: inout [Int], tableWidth: Int) {
        while true {
            let excess = currentWidth(widths) - tableWidth
            if excess <= 0 { return }
            let last = lastVisible(widths)
            if last < 0 { return }
            let shrunk = widths[last] - excess
            if shrunk < minimumColumnWidth {
                widths[last] = -1
            } else {
                widths[last] = shrunk
            }
        }
    }

    private static func currentWidth(_ widths: [Int]) -> Int {
        var sum = 0, visible = 0
        for w in widths where w > 0 { sum += w; visible += 1 }
        return sum + separatorWidth * (visible - 1)
    }

    private static func lastVisible(_ widths: [Int]) -> Int {
        for k in widths.indices where widths[k] < 0 { return k - 1 }
        return widths.count - 1
    }
}
