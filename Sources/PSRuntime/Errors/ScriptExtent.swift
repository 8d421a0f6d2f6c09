import PSLanguage
import Synchronization

/// Where in a script something happened (for error positions and `$MyInvocation`).
///
/// The compiler gives every command an extent, but few are ever shown: lines, columns and the line's
/// text are worked out from the source only when first asked for. Working them out is linear in the
/// line's length, so doing it for every command of a 100 KB one-line script made compiling it
/// quadratic (issue 17).
public struct ScriptExtent: Sendable, Equatable {
    struct Values: Sendable, Equatable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
        var text: String
        var lineText: String
        var lineTerminator: String
    }

    /// The values, computed on first use from the source (shared between copies until one is changed).
    private final class Storage: Sendable {
        private let state: Mutex<(values: Values?, source: SourceText?, range: SourceRange)>

        init(_ values: Values) { state = Mutex((values, nil, SourceRange(start: 0, end: 0))) }
        init(source: SourceText, range: SourceRange) { state = Mutex((nil, source, range)) }

        var values: Values {
            state.withLock { s in
                if let v = s.values { return v }
                let source = s.source!
                let start = source.location(of: s.range.start), end = source.location(of: s.range.end)
                let v = Values(startLine: start.line, startColumn: start.column, endLine: end.line,
                               endColumn: end.column, text: source.text(s.range), lineText: source.lineText(start.line),
                               lineTerminator: source.lineTerminator(start.line))
                s = (v, nil, s.range)
                return v
            }
        }
    }

    private var storage: Storage
    public var file: String?

    public init(file: String? = nil, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int, text: String, lineText: String) {
        self.file = file
        storage = Storage(Values(startLine: startLine, startColumn: startColumn, endLine: endLine,
                                 endColumn: endColumn, text: text, lineText: lineText, lineTerminator: ""))
    }

    /// The extent of `range` in `source`, resolved when first read.
    public init(source: SourceText, range: SourceRange) {
        file = source.fileName
        storage = Storage(source: source, range: range)
    }

    private mutating func update(_ change: (inout Values) -> Void) {
        var v = storage.values
        change(&v)
        storage = Storage(v)
    }

    public var startLine: Int {
        get { storage.values.startLine }
        set { update { $0.startLine = newValue } }
    }
    public var startColumn: Int {
        get { storage.values.startColumn }
        set { update { $0.startColumn = newValue } }
    }
    public var endLine: Int {
        get { storage.values.endLine }
        set { update { $0.endLine = newValue } }
    }
    public var endColumn: Int {
        get { storage.values.endColumn }
        set { update { $0.endColumn = newValue } }
    }
    /// The source text of the extent (`NonsenseString`).
    public var text: String {
        get { storage.values.text }
        set { update { $0.text = newValue } }
    }
    /// The full text of the first line (for the `Line |` block of error views).
    public var lineText: String {
        get { storage.values.lineText }
        set { update { $0.lineText = newValue } }
    }

    /// What ends that line in the source (`$MyInvocation.Line` keeps it, as PowerShell's does).
    public var lineTerminator: String {
        get { storage.values.lineTerminator }
        set { update { $0.lineTerminator = newValue } }
    }

    public static func == (a: ScriptExtent, b: ScriptExtent) -> Bool { a.file == b.file && a.storage.values == b.storage.values }
}
