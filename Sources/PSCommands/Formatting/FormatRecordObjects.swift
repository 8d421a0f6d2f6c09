// Format-Table/List/Wide write formatting records down the pipeline, as PowerShell's format
// commands write FormatStartData/FormatEntryData objects; Out-* recognise and render them.

import PSRuntime

final class FormatRecordBox {
    let record: FormatRecord
    init(_ record: FormatRecord) { self.record = record }
}

enum FormatRecordObjects {
    static let prefix = "Microsoft.PowerShell.Commands.Internal.Format."

    // Built once: Format-Table writes one of these per row, so nothing per object is rebuilt.
    static let startNames = [prefix + "FormatStartData", "System.Object"]
    static let groupStartNames = [prefix + "GroupStartData", "System.Object"]
    static let groupEndNames = [prefix + "GroupEndData", "System.Object"]
    static let endNames = [prefix + "FormatEndData", "System.Object"]
    static let entryNames = [prefix + "FormatEntryData", "System.Object"]

    /// The object's string form is its first type name, as for any non-custom PSObject.
    static func wrap(_ r: FormatRecord) -> PSValue {
        let names: [String]
        switch r {
        case .formatStart: names = startNames
        case .groupStart: names = groupStartNames
        case .groupEnd: names = groupEndNames
        case .formatEnd: names = endNames
        default: names = entryNames
        }
        return .object(PSObject(typeNames: names, baseObject: FormatRecordBox(r)))
    }

    static func record(_ v: PSValue) -> FormatRecord? {
        if case .object(let o) = v, let box = o.baseObject as? FormatRecordBox { return box.record }
        return nil
    }
}

/// One formatting pass from objects to lines: records pass through, other objects go through the
/// implicit formatter first. Out-Default, Out-String, Out-File and Out-Host share it.
final class LineFormatter {
    private var outputter: FormatOutputter
    private var generator: FormatGenerator?
    private let session: ShellSession
    private let invoke: ScriptInvoker

    init(session: ShellSession, invoke: @escaping ScriptInvoker, screenWidth: Int, listWidth: Int, emit: @escaping (String) -> Void) {
        self.session = session
        self.invoke = invoke
        self.outputter = FormatOutputter(screenWidth: screenWidth, listWidth: listWidth, emit: emit)
    }

    func add(_ value: PSValue) throws {
        if let r = FormatRecordObjects.record(value) {
            // A formatted document arrives: close any implicit one first.
            if let g = generator { g.finish { outputter.process($0) }; generator = nil }
            outputter.process(r)
            return
        }
        if generator == nil { generator = FormatGenerator(shape: .auto, options: FormatOptions(), session: session, invoke: invoke) }
        try generator!.process(value) { outputter.process($0) }
    }

    /// Ends any open document (e.g. before an error is shown in the middle of output).
    func flushOpenDocument() {
        if let g = generator { g.finish { outputter.process($0) }; generator = nil }
        outputter.finish()
    }

    func finish() {
        flushOpenDocument()
    }

    convenience init(context: CmdletContext, screenWidth: Int, listWidth: Int, emit: @escaping (String) -> Void) {
        self.init(session: context.session, invoke: context.scriptInvoker, screenWidth: screenWidth, listWidth: listWidth, emit: emit)
    }
}
