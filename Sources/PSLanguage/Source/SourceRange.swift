/// A half-open range of UTF-8 byte offsets into the script text the parser was given
/// (after BOM removal the offsets still count from the first byte of the original input).
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// Offset of the first byte of the node.
    public var start: Int
    /// Offset one past the last byte of the node.
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// An empty range at `offset`, for nodes the parser synthesised during recovery.
    public static func empty(at offset: Int) -> SourceRange { SourceRange(start: offset, end: offset) }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }

    public var length: Int { end - start }
    public var description: String { "\(start)..<\(end)" }
}

/// A 1-based line and column (column counted in Unicode scalars, as PowerShell counts characters).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}
