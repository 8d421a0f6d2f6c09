// Format-Table, Format-List, Format-Wide: objects in, formatting records out (rendered by Out-*).

import PSRuntime

/// What the three Format-* cmdlets share: parsing -Property/-GroupBy and driving the generator.
class FormatCommandBase {
    var generator: FormatGenerator?
    class var shape: FormatShapeRequest { .table }

    func options(_ context: CmdletContext) throws -> FormatOptions {
        var o = FormatOptions()
        if let props = context.values("Property") {
            o.properties = try props.map { try PropertySpec.parse($0, context: .format, errorIdSource: context.errorIdSource) }
        }
        if let ex = context.strings("ExcludeProperty") {
            o.exclude = ex.map { WildcardPattern($0) }
            if o.properties == nil { o.properties = [PropertySpec(source: .name("*"))] }
        }
        if let g = context["GroupBy"] {
            o.groupBy = try PropertySpec.parse(g, context: .format, errorIdSource: context.errorIdSource)
        }
        if context.isBound("AutoSize") { o.autoSize = context.switchPresent("AutoSize") }
        o.wrap = context.switchPresent("Wrap")
        o.hideTableHeaders = context.switchPresent("HideTableHeaders")
        o.viewName = context.string("View")
        o.force = context.switchPresent("Force")
        o.wideColumns = context.int("Column") ?? 0
        return o
    }

    func begin(_ context: CmdletContext) throws {
        if context.isBound("View") && context.isBound("Property") {
            throw context.terminatingError("Cannot specify both the View and Property parameters.",
                                           errorId: "FormatCannotSpecifyViewAndProperty", category: .invalidArgument,
                                           exceptionType: "System.Management.Automation.PSArgumentException")
        }
        generator = FormatGenerator(shape: Self.shape, options: try options(context), context: context)
    }

    func process(_ context: CmdletContext) throws {
        guard let v = context["InputObject"], let g = generator else { return }
        var records: [FormatRecord] = []
        do {
            try g.process(v) { records.append($0) }
        } catch let e as PSRuntimeError where e.record.fullyQualifiedErrorId == "FormatViewNotFound" {
            // PowerShell stops the pipeline over an unknown view: the record names this command, and
            // its reason is the PipelineStoppedException that carries it.
            e.record.fullyQualifiedErrorId = context.qualifiedErrorId("FormatViewNotFound")
            e.record.categoryReason = "PipelineStoppedException"
            e.record.commandName = context.commandName
            e.record.categoryActivity = context.commandName
            throw e
        }
        for r in records { try context.writeObject(FormatRecordObjects.wrap(r)) }
    }

    func end(_ context: CmdletContext) throws {
        var records: [FormatRecord] = []
        generator?.finish { records.append($0) }
        for r in records { try context.writeObject(FormatRecordObjects.wrap(r)) }
    }

    static var commonParameters: [ParameterDeclaration] {
        [
            ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
            ParameterDeclaration("Property", .array(.object), position: 0),
            ParameterDeclaration("ExcludeProperty", .array(.string)),
            ParameterDeclaration("GroupBy", .object),
            ParameterDeclaration("View", .string),
            ParameterDeclaration("ShowError", .switchParameter),
            ParameterDeclaration("DisplayError", .switchParameter),
            ParameterDeclaration("Force", .switchParameter),
            ParameterDeclaration("Expand", .string, validate: [.set(["CoreOnly", "EnumOnly", "Both"])]),
        ]
    }
}

final class FormatTableCommand: FormatCommandBase, Cmdlet {
    static let declaration = CmdletDeclaration("Format-Table", parameters: commonParameters + [
        ParameterDeclaration("AutoSize", .switchParameter),
        ParameterDeclaration("RepeatHeader", .switchParameter),
        ParameterDeclaration("HideTableHeaders", .switchParameter),
        ParameterDeclaration("Wrap", .switchParameter),
    ], synopsis: "Formats the output as a table.",
       description: "Shows each object as a row. Columns come from the type's table view, or from -Property (names with wildcards, script blocks, or @{Name=...; Expression=...; Width=...; Alignment=...} hashtables). -AutoSize sizes every column to its widest value; -Wrap shows long and multi-line values on several lines instead of cutting them with an ellipsis.")
    override class var shape: FormatShapeRequest { .table }
    required override init() {}
}

final class FormatListCommand: FormatCommandBase, Cmdlet {
    static let declaration = CmdletDeclaration("Format-List", parameters: commonParameters, synopsis: "Formats the output as a list of properties.",
       description: "Shows each property on its own line as 'Name : Value', one object after another. Use -Property * to see every property.")
    override class var shape: FormatShapeRequest { .list }
    required override init() {}
}

final class FormatWideCommand: FormatCommandBase, Cmdlet {
    static let declaration = CmdletDeclaration("Format-Wide", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("Property", .object, position: 0),
        ParameterDeclaration("GroupBy", .object),
        ParameterDeclaration("View", .string),
        ParameterDeclaration("AutoSize", .switchParameter),
        ParameterDeclaration("Column", .int32, validate: [.range(min: 1, max: nil)]),
        ParameterDeclaration("Force", .switchParameter),
        ParameterDeclaration("ExcludeProperty", .array(.string)),
    ], synopsis: "Formats objects as a wide table showing one property.",
       description: "Shows one property of each object (Name by default) in as many columns as fit on the screen, or in -Column columns.")
    override class var shape: FormatShapeRequest { .wide }
    required override init() {}

    override func options(_ context: CmdletContext) throws -> FormatOptions {
        var o = try super.options(context)
        if let p = o.properties, p.count > 1 { o.properties = [p[0]] }
        return o
    }
}
