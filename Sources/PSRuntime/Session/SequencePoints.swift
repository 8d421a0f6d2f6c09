import PSLanguage

/// The places in one named block where PowerShell's debugger looks (its FunctionContext's sequence
/// points): statements, loop conditions, `{` and `}` of a function body, in the order PowerShell's
/// compiler adds them. A line breakpoint binds to the first point that contains its line (and
/// column); Set-PSDebug -Trace shows each point as it is reached. The compiler fills the table; the
/// session's `scriptDebugger` is told when the block starts and when a point is reached.
public final class SequencePoints {
    public let source: SourceText
    /// The script block's own extent (a line outside it cannot bind here).
    public let blockRange: SourceRange
    /// The extents of the script block's named blocks: a breakpoint before all of them binds to the first point.
    public let bodyRanges: [SourceRange]
    public private(set) var ranges: [SourceRange] = []
    /// Function definitions and `{ }` literals written directly in the script block: a line inside
    /// one belongs to that block, not this one (PowerShell's CheckBreakpointInScript).
    public let nested: NestedBlockRanges
    /// No statement at all (only function definitions): the whole block is the one point, where no
    /// breakpoint binds.
    public private(set) var wholeBlockOnly = false
    /// The debugger's binding of breakpoints to points, valid for `bindingGeneration`.
    public var bindingGeneration = -1
    public var bound: [Int: [AnyObject]] = [:]

    /// The same for every compilation of this named block of this file: a breakpoint binds to one
    /// block only, and stays bound to it when the file is compiled again.
    public let key: String

    init(source: SourceText, blockRange: SourceRange, ownRange: SourceRange, bodyRanges: [SourceRange], nested: NestedBlockRanges) {
        self.source = source
        self.blockRange = blockRange
        self.bodyRanges = bodyRanges
        self.nested = nested
        key = "\(source.fileName ?? ""):\(blockRange.start)-\(blockRange.end):\(ownRange.start)-\(ownRange.end):\(source.bytes.count)"
    }

    public var file: String? { source.fileName }

    /// The point for `range`; one extent is one point however often the compiler names it (AddSequencePoint).
    func add(_ range: SourceRange) -> Int {
        if let i = ranges.lastIndex(of: range) { return i }
        ranges.append(range)
        return ranges.count - 1
    }

    func markWholeBlock() {
        ranges = [blockRange]
        wholeBlockOnly = true
    }

    /// Start line and column (1-based) and end line and column of a point.
    public func lineColumns(_ range: SourceRange) -> (startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        let s = source.location(of: range.start), e = source.location(of: range.end)
        return (s.line, s.column, e.line, e.column)
    }

    /// PowerShell's ContainsLineAndColumn (column 0: anywhere on the line).
    public func contains(_ range: SourceRange, line: Int, column: Int) -> Bool {
        let p = lineColumns(range)
        if p.startLine == line {
            if column == 0 { return true }
            if column >= p.startColumn { return p.endLine != p.startLine || column < p.endColumn }
            return false
        }
        if p.startLine > line || line > p.endLine { return false }
        if p.endLine == line { return column < p.endColumn }
        return true
    }

    /// PowerShell's IsAfter: the extent starts after the line and column.
    public func isAfter(_ range: SourceRange, line: Int, column: Int) -> Bool {
        let p = lineColumns(range)
        return line < p.startLine || (line == p.startLine && column < p.startColumn)
    }
}

/// The nested blocks of one script block, shared by the tables of its named blocks.
public final class NestedBlockRanges {
    public private(set) var ranges: [SourceRange] = []
    func append(_ r: SourceRange) { ranges.append(r) }
}

/// What the compiled code tells the session's debugger (Set-PSBreakpoint's line breakpoints, Set-PSDebug).
public protocol ScriptDebugger: AnyObject {
    /// A named block starts (PowerShell's EnterScriptFunction, which checks the block's first point).
    func enterBlock(_ points: SequencePoints, name: String)
    /// A point that checks breakpoints is reached.
    func reached(_ points: SequencePoints, _ index: Int)
    /// A variable is about to be assigned (Set-PSDebug -Trace 2 shows it).
    func variableWriting(_ name: String, value: PSValue)
    /// A variable was assigned by code compiled from `file` (variable breakpoints fire after the value is set).
    func variableWritten(_ name: String, file: String?)
}
