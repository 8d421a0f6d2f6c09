// Turns formatting records into screen lines, as Out-Default/Out-String/Out-File do:
// - a document starts with an empty line and (except a list, whose entries each end with one)
//   ends with an empty line;
// - a group header line is followed by an empty line;
// - tables whose view gives no widths, and any -AutoSize output, are sized from the data: the
//   records of a group are held back until the group ends (or, without -AutoSize, until 300 ms
//   have passed, as PowerShell does), and each column gets the width of its widest label or value;
// - wide output places as many items per line as fit.

import PSRuntime
#if canImport(Glibc)
import Glibc
#endif

public struct FormatOutputter {
    /// Width that tables and wide output fit into.
    public let screenWidth: Int
    /// Width that list values wrap at (Out-String without -Width never wraps lists).
    public let listWidth: Int
    private let emit: (String) -> Void

    private var shape: FormatShapeInfo?
    private var autosize = false
    private var table: TableWriter?
    private var tableColumns: [TableColumnHeader] = []
    /// -RepeatHeader's screen height (nil: the header is written once), the header's lines and the
    /// rows written since it last was.
    private var repeatEvery: Int?
    private var headerLines: [String] = []
    private var rowsSinceHeader = 0

    /// The console's rows, or no limit without a console (PowerShell's DefaultConsoleHeight).
    static func screenRows() -> Int {
        let rows = ConsoleWindow.height
        return rows > 0 ? rows : Int.max
    }
    private var wideBuffer: [String] = []
    private var wideItemsPerRow = 2
    private var inGroup = false

    // Group caching for sizing from the data.
    private var cachingEnabled = false
    private var caching = false
    private var cacheDeadline: UInt64 = 0
    private var cache: [FormatRecord] = []
    private var widthHint: [Int]?
    private var wideHint: Int?

    /// How long a view without widths waits for more objects before it fixes its column widths.
    static let sizingWindowNanoseconds: UInt64 = 300_000_000

    public init(screenWidth: Int, listWidth: Int? = nil, emit: @escaping (String) -> Void) {
        self.screenWidth = screenWidth
        self.listWidth = listWidth ?? screenWidth
        self.emit = emit
    }

    public mutating func process(_ record: FormatRecord) {
        if caching {
            cache.append(record)
            switch record {
            case .groupEnd, .formatEnd:
                flushCache()
            default:
                if !autosize && monotonicNanoseconds() > cacheDeadline { flushCache() }
            }
            return
        }
        handle(record)
    }

    /// Called at the end of the pipeline: plays back anything still held for sizing.
    public mutating func finish() {
        if caching { flushCache() }
    }

    private mutating func flushCache() {
        caching = false
        computeHint(from: cache)
        let held = cache
        cache = []
        for r in held { handle(r) }
    }

    private mutating func computeHint(from records: [FormatRecord]) {
        guard let shape else { return }
        switch shape {
        case .table(let columns, _, _):
            var widths = columns.map { DisplayCells.width($0.label) }
            for r in records {
                guard case .tableRow(let cells, _) = r else { continue }
                for k in widths.indices where k < cells.count {
                    let w = DisplayCells.width(cells[k].text)
                    if w > widths[k] { widths[k] = w }
                }
            }
            widthHint = widths
        case .wide(let columns):
            if columns != 0 { return }
            var longest = 0
            for r in records {
                if case .wideEntry(let s) = r { longest = max(longest, DisplayCells.width(s)) }
            }
            wideHint = longest
        case .list, .complex:
            break
        }
    }

    private mutating func handle(_ record: FormatRecord) {
        switch record {
        case .formatStart(let s, let auto):
            shape = s
            autosize = auto
            widthHint = nil
            wideHint = nil
            emit("")
            cachingEnabled = false
            switch s {
            case .table(let columns, _, _):
                cachingEnabled = auto || (columns.first?.width ?? 1) == 0
            case .wide:
                cachingEnabled = auto
            case .list, .complex:
                break
            }
            if cachingEnabled { startCaching() }
        case .groupStart(let label):
            inGroup = true
            if let label {
                emit(label)
                emit("")
            }
            startGroup()
        case .tableRow(let cells, let wrap):
            guard let writer = table else { return }
            var values = [String](repeating: "", count: tableColumns.count)
            var aligns = [CellAlignment](repeating: .left, count: tableColumns.count)
            for k in 0..<tableColumns.count where k < cells.count {
                values[k] = cells[k].text
                aligns[k] = cells[k].alignment
            }
            // -RepeatHeader: once a screenful (less the pager's two lines) is written, an empty line
            // and the header again (PowerShell's TableOutputContext counts each row as one line).
            if let rows = repeatEvery, rowsSinceHeader >= rows - 2 {
                emit("")
                for line in headerLines { emit(line) }
                rowsSinceHeader = headerLines.count
            }
            for line in writer.row(values, alignments: aligns, wrap: wrap) { emit(line) }
            rowsSinceHeader += 1
        case .listEntry(let fields):
            let writer = ListWriter(labels: fields.map(\.label), screenWidth: listWidth)
            for line in writer.lines(values: fields.map(\.value), labelStyle: listLabelStyle) { emit(line) }
            emit("")
        case .complexEntry(let items):
            var writer = ComplexWriter(width: screenWidth)
            writer.write(items, emit: emit)
        case .wideEntry(let text):
            wideBuffer.append(text)
            if wideBuffer.count >= wideItemsPerRow { flushWide() }
        case .groupEnd:
            flushWide()
            inGroup = false
            table = nil
            // The next group is sized afresh.
            if cachingEnabled { startCaching() }
        case .formatEnd:
            if caching { caching = false; cache.removeAll() }
            if case .list? = shape {} else { emit("") }
            shape = nil
        case .rawText(let text):
            for line in LineBreaking.splitLinesKeepingReturns(text) { emit(line) }
        case .outOfBandList(let fields):
            emit("")
            let writer = ListWriter(labels: fields.map(\.label), screenWidth: listWidth)
            for line in writer.lines(values: fields.map(\.value), labelStyle: listLabelStyle) { emit(line) }
            emit("")
        }
    }

    /// `$PSStyle.Formatting.FormatAccent` when output is decorated (OutputRendering Ansi).
    private var listLabelStyle: String? {
        PSStyleSettings.shared.decorates ? PSStyleSettings.shared.style("FormatAccent") : nil
    }

    private mutating func startCaching() {
        caching = true
        cache = []
        cacheDeadline = monotonicNanoseconds() + FormatOutputter.sizingWindowNanoseconds
    }

    private mutating func startGroup() {
        guard let shape else { return }
        switch shape {
        case .table(let columns, let hideHeader, let repeatHeader):
            tableColumns = columns
            repeatEvery = repeatHeader ? FormatOutputter.screenRows() : nil
            let hint = widthHint
            widthHint = nil
            let widths = columns.indices.map { k in hint.flatMap { k < $0.count ? $0[k] : nil } ?? columns[k].width }
            var writer = TableWriter(screenWidth: screenWidth, widths: widths,
                                     alignments: columns.map(\.alignment), hideHeader: hideHeader)
            if PSStyleSettings.shared.decorates { writer.headerStyle = PSStyleSettings.shared.style("TableHeader") }
            let header = writer.header(columns.map(\.label))
            for line in header { emit(line) }
            headerLines = header
            rowsSinceHeader = header.count
            table = writer
        case .wide(let columns):
            var perRow = 2
            if let hint = wideHint, hint > 0 {
                perRow = TableWriter.wideItemsPerRow(itemWidth: hint, screenWidth: screenWidth)
            } else if columns > 0 {
                // Every column needs a cell and a separator: more than fit the screen cannot be drawn
                // (and -Column 2147483647 must not ask for a row of two billion cells).
                perRow = min(columns, max(1, (screenWidth + 1) / 2))
            }
            wideHint = nil
            wideItemsPerRow = perRow
            wideBuffer = []
            table = TableWriter(screenWidth: screenWidth, widths: [Int](repeating: 0, count: perRow),
                                alignments: [CellAlignment](repeating: .left, count: perRow), hideHeader: true)
        case .list, .complex:
            break
        }
    }

    private mutating func flushWide() {
        guard !wideBuffer.isEmpty, let writer = table else { return }
        var values = wideBuffer
        while values.count < wideItemsPerRow { values.append("") }
        for line in writer.row(values, wrap: false) { emit(line) }
        wideBuffer = []
    }
}

func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}
