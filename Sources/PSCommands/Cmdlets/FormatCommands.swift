// Format-Table, Format-List, Format-Wide: objects in, formatting records out (rendered by Out-*).

import PSRuntime

/// The parameters of the Format-* cmdlets. Format-List declares no -AutoSize, -Wrap,
/// -HideTableHeaders or -Column: reading those keys there finds them unbound.
enum FormatParameters {
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let property = Parameter<[PSValue]>("Property", position: 0)
    static let excludeProperty = Parameter<[String]>("ExcludeProperty")
    static let groupBy = Parameter<PSValue>("GroupBy")
    static let view = Parameter<String>("View")
    static let showError = Parameter<SwitchParameter>("ShowError")
    static let displayError = Parameter<SwitchParameter>("DisplayError")
    static let force = Parameter<SwitchParameter>("Force")
    static let expand = Parameter<String>("Expand", validate: [.set(["CoreOnly", "EnumOnly", "Both"])])
    static let autoSize = Parameter<SwitchParameter>("AutoSize")
    static let repeatHeader = Parameter<SwitchParameter>("RepeatHeader")
    static let hideTableHeaders = Parameter<SwitchParameter>("HideTableHeaders")
    static let wrap = Parameter<SwitchParameter>("Wrap")
    static let column = Parameter<Int>("Column", validate: [.range(min: 1, max: nil)])
    static let depth = Parameter<Int>("Depth", validate: [.range(min: 1, max: nil)])
    /// Format-Wide shows one property, so its -Property is a single object (read as a list like the others').
    static let wideProperty = Parameter<[PSValue]>("Property", type: .object, position: 0)

    static let common: [any ParameterKey] = [inputObject, property, excludeProperty, groupBy, view, showError, displayError, force, expand]
}

/// What the three Format-* cmdlets share: parsing -Property/-GroupBy and driving the generator.
class FormatCommandBase {
    typealias P = FormatParameters
    var generator: FormatGenerator?
    class var shape: FormatShapeRequest { .table }
    class var propertyKey: Parameter<[PSValue]> { P.property }
    /// Which calculated-property keys -Property takes.
    class var propertyContext: PropertySpec.Context { .format }

    func options(_ context: CmdletContext) throws -> FormatOptions {
        var o = FormatOptions()
        if let props = context[Self.propertyKey] {
            o.properties = try props.map { try PropertySpec.parse($0, context: Self.propertyContext, errorIdSource: context.errorIdSource) }
        }
        if let ex = context[P.excludeProperty] {
            o.exclude = ex.map { WildcardPattern($0) }
            if o.properties == nil { o.properties = [PropertySpec(source: .name("*"))] }
        }
        if let g = context[P.groupBy] {
            o.groupBy = try PropertySpec.parse(g, context: .format, errorIdSource: context.errorIdSource)
        }
        if context.isBound(P.autoSize) { o.autoSize = context[P.autoSize] }
        o.wrap = context[P.wrap]
        o.hideTableHeaders = context[P.hideTableHeaders]
        o.repeatHeader = context.isBound(P.repeatHeader) && context[P.repeatHeader]
        o.viewName = context[P.view]
        o.force = context[P.force]
        o.displayError = context[P.displayError]
        o.wideColumns = context[P.column] ?? 0
        return o
    }

    func begin(_ context: CmdletContext) throws {
        if context.isBound(P.view) && context.isBound(Self.propertyKey) {
            throw context.terminatingError("Cannot specify both the View and Property parameters.",
                                           errorId: "FormatCannotSpecifyViewAndProperty", category: .invalidArgument,
                                           exceptionType: "System.Management.Automation.PSArgumentException")
        }
        generator = FormatGenerator(shape: Self.shape, options: try options(context), context: context)
    }

    func process(_ context: CmdletContext) throws {
        guard let v = context[P.inputObject], let g = generator else { return }
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
}

final class FormatTableCommand: FormatCommandBase, Cmdlet {
    static let declaration = CmdletDeclaration("Format-Table", parameters: FormatParameters.common + [
        FormatParameters.autoSize, FormatParameters.repeatHeader, FormatParameters.hideTableHeaders, FormatParameters.wrap,
    ], synopsis: "Formats the output as a table.",
       description: "Shows each object as a row. Columns come from the type's table view, or from -Property (names with wildcards, script blocks, or @{Name=...; Expression=...; Width=...; Alignment=...} hashtables). -AutoSize sizes every column to its widest value; -Wrap shows long and multi-line values on several lines instead of cutting them with an ellipsis.")
    override class var shape: FormatShapeRequest { .table }
    required override init() {}
}

final class FormatListCommand: FormatCommandBase, Cmdlet {
    static let declaration = CmdletDeclaration("Format-List", parameters: FormatParameters.common, synopsis: "Formats the output as a list of properties.",
       description: "Shows each property on its own line as 'Name : Value', one object after another. Use -Property * to see every property.")
    override class var shape: FormatShapeRequest { .list }
    required override init() {}
}

final class FormatWideCommand: FormatCommandBase, Cmdlet {
    static let declaration = CmdletDeclaration("Format-Wide", parameters: [
        P.inputObject, P.wideProperty, P.groupBy, P.view, P.autoSize, P.column, P.showError, P.displayError, P.force, P.expand,
        P.excludeProperty,
    ], synopsis: "Formats objects as a wide table showing one property.",
       description: "Shows one property of each object (Name by default) in as many columns as fit on the screen, or in -Column columns.")
    override class var shape: FormatShapeRequest { .wide }
    override class var propertyKey: Parameter<[PSValue]> { P.wideProperty }
    required override init() {}

    override func options(_ context: CmdletContext) throws -> FormatOptions {
        var o = try super.options(context)
        if let p = o.properties, p.count > 1 { o.properties = [p[0]] }
        return o
    }
}

final class FormatCustomCommand: FormatCommandBase, Cmdlet {
    static let declaration = CmdletDeclaration("Format-Custom", parameters: FormatParameters.common + [FormatParameters.depth],
       synopsis: "Formats the output with a custom view.",
       description: "Shows each object as a class block: its type name, then one 'name = value' line per property between braces. Properties holding objects or collections are expanded beneath them, -Depth levels deep (5 by default); deeper values show as their string. -Property chooses the properties (names with wildcards, script blocks, or @{Expression=...; Depth=...} hashtables).")
    override class var shape: FormatShapeRequest { .custom }
    override class var propertyContext: PropertySpec.Context { .custom }
    required override init() {}

    override func options(_ context: CmdletContext) throws -> FormatOptions {
        var o = try super.options(context)
        if let d = context[P.depth] { o.customDepth = d }
        return o
    }
}
