// Turns objects into formatting records: chooses the view (registered by type name, or built from
// the object's properties), fixes the columns from the first object, emits a table row / list
// entry / wide item per object, group headers when -GroupBy's value changes, and sends scalars
// (and objects that do not fit the current view) out of band, as PowerShell's format-default does.

import PSRuntime

enum FormatShapeRequest { case auto, table, list, wide, custom }

struct FormatOptions {
    var properties: [PropertySpec]?
    var exclude: [WildcardPattern] = []
    var groupBy: PropertySpec?
    var autoSize: Bool?
    var wrap = false
    var hideTableHeaders = false
    var viewName: String?
    var force = false
    var wideColumns = 0
    /// -DisplayError: a cell whose value fails to compute shows `#ERR` instead of staying empty.
    var displayError = false
    /// Format-Custom -Depth: how many levels of nested objects are expanded.
    var customDepth = 5
}

/// Where a column's value comes from.
enum ColumnSource {
    case spec(PropertySpec)
    case view(FormatValue)
}

struct ColumnPlan {
    var label: String
    var width: Int
    var alignment: CellAlignment
    var source: ColumnSource
    var formatString: String?
    /// List entries only: the type names the entry is shown for (nil: every object), those it is
    /// not shown for, and a condition that must hold for the object.
    var onlyForTypes: [String]? = nil
    var exceptForTypes: [String]? = nil
    var condition: FormatValue? = nil
}

final class FormatGenerator {
    private enum Plan {
        case table([ColumnPlan], hideHeader: Bool, autosize: Bool)
        /// nil: each object shows its own properties.
        case list([ColumnPlan]?)
        case wide(ColumnPlan, columns: Int)
        /// Objects whose PowerShell view prints their text (DateTime, MatchInfo): one text per object.
        case text
        /// Format-Custom without a custom view: each object as a class block.
        case custom
        /// A format file's CustomControl view.
        case customView(FormatView)
    }

    private let shape: FormatShapeRequest
    private let options: FormatOptions
    private let session: ShellSession
    private let invoke: ScriptInvoker
    private let limit: Int
    private var plan: Plan?
    /// The type names of the registered view in use; nil for views built from properties.
    private var viewTypeNames: [String]?
    private var groupBy: (label: String, source: ColumnSource)?
    /// The view's own group header line, if it has one.
    private var groupHeader: ((String) -> String)?
    /// A format file's custom control that writes the group header from the group's first object.
    private var groupControl: (control: CustomControl, named: [String: CustomControl])?
    /// The view's rows wrap even without -Wrap.
    private var viewWrapsRows = false
    private var currentGroup: String?
    private var started = false
    /// The collections being expanded by `process` right now (to stop at one that contains itself).
    private var expanding: Set<ObjectIdentifier> = []

    init(shape: FormatShapeRequest, options: FormatOptions, session: ShellSession, invoke: @escaping ScriptInvoker) {
        self.shape = shape
        self.options = options
        self.session = session
        self.invoke = invoke
        self.limit = ValueText.enumerationLimit(session)
    }

    convenience init(shape: FormatShapeRequest, options: FormatOptions, context: CmdletContext) {
        self.init(shape: shape, options: options, session: context.session,
                  invoke: { [unowned context] block, item in try context.invokeStoppingAtError(block, dollarUnder: item) })
    }

    private var views: FormatViewTable { session.registry.formatViews }
    /// Whether a type (by its most specific name) has any registered view; asked once per type.
    private var hasViewCache: [String: Bool] = [:]

    private func hasView(_ value: PSValue) -> Bool {
        let names = value.typeNames
        let key = names.first ?? ""
        if let known = hasViewCache[key] { return known }
        let has = !views.views(for: names).isEmpty
        hasViewCache[key] = has
        return has
    }

    // MARK: - Entry points

    func process(_ value: PSValue, emit: (FormatRecord) -> Void) throws {
        switch value {
        case .null:
            return
        case .hashtable(let h):
            // Formatting shows a dictionary's entries, one row each: a Hashtable's DictionaryEntry
            // (Name/Value view), a generic Dictionary's KeyValuePair (no view: a Key/Value table).
            if h.generic != nil {
                for (k, v) in h.pairs { try processObject(PropertyAccess.keyValuePair(key: k, value: v), emit: emit) }
                return
            }
            for (k, v) in h.pairs { try processObject(PropertyAccess.dictionaryEntry(key: k, value: v), emit: emit) }
        case .array(let a):
            // Nested collections are shown element by element; one that contains itself (an
            // ArrayList added to itself) is shown by its type name where it recurs.
            let id = ObjectIdentifier(a)
            if expanding.contains(id) {
                emit(.rawText(a.typeFullName))
                return
            }
            try StackGuard.ensureSufficientStack()
            expanding.insert(id)
            defer { expanding.remove(id) }
            for e in a.elements { try process(e, emit: emit) }
        default:
            try processObject(value, emit: emit)
        }
    }

    func finish(emit: (FormatRecord) -> Void) {
        guard started else { return }
        emit(.groupEnd)
        emit(.formatEnd)
        started = false
    }

    // MARK: - Per object

    private func processObject(_ value: PSValue, emit: (FormatRecord) -> Void) throws {
        if isTextShaped(value) {
            if !started {
                plan = .text
                // Only objects of this very type share the text document (not everything that is a System.Object).
                viewTypeNames = Array(value.typeNames.prefix(1))
                started = true
                emit(.formatStart(.complex, autosize: false))
                emit(.groupStart(label: nil))
            }
            emit(.rawText(scalarText(value)))
            return
        }
        if isOutOfBandScalar(value) {
            emit(.rawText(scalarText(value)))
            return
        }
        if !started {
            try startDocument(with: value, emit: emit)
        } else if let names = viewTypeNames, !applies(names, to: value) {
            emit(.outOfBandList(try outOfBandFields(value)))
            return
        }
        if let g = groupBy {
            let key = text(try evaluate(g.source, on: value), isTable: false)
            if currentGroup == nil {
                currentGroup = key
                emit(.groupStart(label: try groupLabel(key, value)))
            } else if currentGroup != key {
                currentGroup = key
                emit(.groupEnd)
                emit(.rawText(""))
                emit(.groupStart(label: try groupLabel(key, value)))
            }
        }
        try emitEntry(value, emit: emit)
    }

    /// The header of a group: the view's control run on the group's first object, the view's own
    /// header line, or `   Label: value`.
    private func groupLabel(_ key: String, _ first: PSValue) throws -> String {
        if let g = groupControl {
            var lines: [String] = []
            var writer = ComplexWriter(width: session.host.windowWidth)
            writer.write(try customRenderer(g.named).render(g.control, first)) { lines.append($0) }
            return lines.joined(separator: "\n")
        }
        return groupHeader?(key) ?? "   \(groupBy?.label ?? ""): \(key)"
    }

    private func customRenderer(_ named: [String: CustomControl]) -> CustomControlRenderer {
        CustomControlRenderer(namedControls: named, limit: limit,
                              evaluate: { [unowned self] fv, object in try self.evaluateOrThrow(.view(fv), on: object) })
    }

    private func isOutOfBandScalar(_ value: PSValue) -> Bool {
        if options.force && shape != .auto && options.properties != nil { return false }
        // Format-Wide lays strings and numbers out in columns too (`Get-ChildItem -Name | Format-Wide`).
        if shape == .wide && options.properties == nil && PropertyAccess.isScalar(value) { return false }
        if shape == .auto, options.properties == nil, case .object(let o) = value, let t = o.typeNames.first,
           BuiltinViews.outOfBandTextTypes.contains(t) { return true }
        if PropertyAccess.isScalar(value) { return !hasView(value) }
        // An object without properties prints as text, unless a view was asked for (which then must exist).
        if case .object(let o) = value, o.baseValue == nil, !o.members.contains(where: { $0.isProperty }), options.viewName == nil {
            return !hasView(value)
        }
        return false
    }

    /// DateTime and MatchInfo print as text inside their own document (blank lines around),
    /// as PowerShell's custom views for them do.
    private func isTextShaped(_ value: PSValue) -> Bool {
        guard options.properties == nil, shape == .auto else { return false }
        if started, case .text? = plan {} else if started { return false }
        if case .dateTime = value { return !hasView(value) }
        if case .object(let o) = value, case .dateTime? = o.baseValue { return !hasView(value) }
        if case .object(let o) = value {
            if let t = o.typeNames.first, BuiltinViews.stringShapedTypes.contains(t) { return true }
            if o.baseObject is ErrorRecord { return true }
        }
        return false
    }

    private func scalarText(_ value: PSValue) -> String {
        if case .dateTime(let d) = value { return DateFormatting.format(DateParts(d), DateFormatting.longDisplayPattern) }
        if case .object(let o) = value, case .dateTime(let d)? = o.baseValue {
            // Get-Date -DisplayHint: the note picks the long date, the long time, or both.
            let hint = o.member("DisplayHint").flatMap { m -> String? in if case .note(let v) = m.kind { return PSConvert.toString(v) }; return nil }
            let pattern = hint == "Date" ? "dddd, MMMM d, yyyy" : hint == "Time" ? "h:mm:ss tt" : DateFormatting.longDisplayPattern
            return DateFormatting.format(DateParts(d), pattern)
        }
        if case .object(let o) = value, let t = o.typeNames.first, t == GetErrorCommand.extendedRecordType || t == GetErrorCommand.extendedExceptionType {
            return GetErrorCommand.render(o)
        }
        if case .object(let o) = value, let r = o.baseObject as? ErrorRecord { return session.renderError(r) }
        if case .object(let o) = value, let match = o.baseObject as? MatchInfoText {
            // MatchInfo's view: `$_.ToEmphasizedString((Get-Location).Path)`; the emphasis reaches the
            // output only when it is decorated ($PSStyle.OutputRendering Ansi).
            return match.text(directory: session.currentLocation.display, emphasize: PSStyleSettings.shared.decorates)
        }
        return PSConvert.toString(value)
    }

    /// Whether an object's type matches the registered view in use; asked once per type.
    private var appliesCache: [String: Bool] = [:]

    private func applies(_ viewTypes: [String], to value: PSValue) -> Bool {
        let typeNames = value.typeNames
        let key = typeNames.first ?? ""
        if let known = appliesCache[key] { return known }
        let names = Set(typeNames.map { $0.lowercased() })
        let result = viewTypes.contains { names.contains($0.lowercased()) }
        appliesCache[key] = result
        return result
    }

    // MARK: - Choosing the view

    private func startDocument(with value: PSValue, emit: (FormatRecord) -> Void) throws {
        let typeNames = value.typeNames
        var chosen: FormatView?
        if options.properties == nil {
            let all = views.views(for: typeNames)
            if let name = options.viewName {
                chosen = all.first { $0.name.caseInsensitiveCompare(name) == .orderedSame && matches($0.kind, shape) }
                if chosen == nil {
                    throw PSRuntimeError.message(
                        "The view \"\(name)\" is not defined for the type \"\(typeNames.first ?? "")\".",
                        errorId: "FormatViewNotFound", category: .invalidArgument)
                }
            } else {
                switch shape {
                case .auto: chosen = all.first
                case .table: chosen = all.first { $0.kind == .table }
                case .list: chosen = all.first { $0.kind == .list }
                case .wide: chosen = all.first { $0.kind == .wide }
                case .custom: chosen = all.first { $0.kind == .custom }
                }
            }
        }
        if let v = chosen {
            plan = planFromView(v)
            viewTypeNames = v.typeNames
            if options.groupBy == nil, let g = v.groupBy {
                groupBy = (g.label, .view(g.value))
                groupHeader = v.groupHeader
                groupControl = v.groupByControl.map { ($0, v.namedControls) }
            }
            viewWrapsRows = v.wrapRows
        } else {
            plan = try planFromProperties(value)
            viewTypeNames = nil
        }
        if let g = options.groupBy { groupBy = (g.displayName, .spec(g)); groupHeader = nil; groupControl = nil }
        started = true
        switch plan! {
        case .table(let cols, let hide, let auto):
            emit(.formatStart(.table(columns: cols.map { TableColumnHeader(label: $0.label, width: $0.width, alignment: $0.alignment) },
                                     hideHeader: hide), autosize: auto))
        case .list:
            emit(.formatStart(.list, autosize: false))
        case .wide(_, let columns):
            emit(.formatStart(.wide(columns: columns), autosize: options.autoSize ?? false))
        case .text, .custom, .customView:
            emit(.formatStart(.complex, autosize: false))
        }
        if groupBy == nil { emit(.groupStart(label: nil)) }
    }

    private func matches(_ kind: FormatView.Kind, _ shape: FormatShapeRequest) -> Bool {
        switch shape {
        case .auto: return true
        case .table: return kind == .table
        case .list: return kind == .list
        case .wide: return kind == .wide
        case .custom: return kind == .custom
        }
    }

    private static func alignment(_ a: FormatAlignment) -> CellAlignment {
        switch a {
        case .undefined: return .undefined
        case .left: return .left
        case .center: return .center
        case .right: return .right
        }
    }

    private func planFromView(_ v: FormatView) -> Plan {
        switch v.kind {
        case .table:
            let cols = v.tableColumns.map {
                ColumnPlan(label: $0.label, width: $0.width ?? 0, alignment: FormatGenerator.alignment($0.alignment),
                           source: .view($0.value), formatString: $0.formatString)
            }
            return .table(cols, hideHeader: options.hideTableHeaders || v.hideTableHeaders, autosize: options.autoSize ?? v.autoSize ?? false)
        case .list:
            return .list(v.listItems.map {
                ColumnPlan(label: $0.label, width: 0, alignment: .left, source: .view($0.value), formatString: $0.formatString,
                           onlyForTypes: $0.onlyForTypes, exceptForTypes: $0.exceptForTypes, condition: $0.condition)
            })
        case .wide:
            let source: ColumnSource = v.wideValue.map { .view($0) } ?? .spec(PropertySpec(source: .name("Name")))
            return .wide(ColumnPlan(label: "", width: 0, alignment: .left, source: source),
                         columns: options.wideColumns != 0 ? options.wideColumns : v.wideColumns ?? 0)
        case .custom:
            return .customView(v)
        }
    }

    /// The properties shown for an object without a view: -Property (wildcards expanded), else
    /// its default display set, else all its properties.
    private func propertySpecs(for value: PSValue) -> [PropertySpec] {
        if let specs = options.properties {
            return specs.flatMap { $0.expand(for: value, exclude: options.exclude) }
        }
        return defaultPropertySpecs(for: value)
    }

    /// An object's default display set, else all its properties, less -ExcludeProperty's.
    private func defaultPropertySpecs(for value: PSValue) -> [PropertySpec] {
        var names: [String]
        if let d = defaultDisplayProperties(value) { names = d } else {
            names = PropertyAccess.propertyNames(value)
            // Properties the session's type data gives the object's types come first, as PowerShell
            // lists extended members before the object's own (about_Classes_Properties' Budget).
            if !session.typeData.isEmpty {
                let extended = session.typeData.members(typeNames: value.typeNames).filter {
                    if case .scriptMethod = $0.kind { return false }
                    return true
                }.map(\.name)
                if !extended.isEmpty {
                    let taken = Set(extended.map { $0.lowercased() })
                    names = extended + names.filter { !taken.contains($0.lowercased()) }
                }
            }
        }
        names = names.filter { n in !options.exclude.contains { $0.matches(n) } }
        return names.map { PropertySpec(source: .name($0)) }
    }

    /// The object's own default display set, else the one Update-TypeData gave one of its types.
    private func defaultDisplayProperties(_ value: PSValue) -> [String]? {
        if case .object(let o) = value, let d = o.defaultDisplayProperties { return d }
        guard !session.typeData.isEmpty,
              let set = session.typeData.standardMember("DefaultDisplayPropertySet", typeNames: value.typeNames) else { return nil }
        return set.arrayElements?.map { PSConvert.toString($0) } ?? [PSConvert.toString(set)]
    }

    private func planFromProperties(_ value: PSValue) throws -> Plan {
        let specs = propertySpecs(for: value)
        var effective = shape
        if effective == .auto { effective = specs.count > 4 ? .list : .table }
        switch effective {
        case .custom:
            return .custom
        case .list:
            // A list has no alignment: the first object's values are computed once, for its entry
            // (a calculated property ran twice for the first object, and each property of every
            // object Format-List * showed was computed one extra time).
            return .list(options.properties == nil ? nil : specs.map { listColumn($0) })
        case .wide:
            if options.properties == nil && PropertyAccess.isScalar(value) {
                return .wide(ColumnPlan(label: "", width: 0, alignment: .left, source: .view(.computed { $0 })), columns: options.wideColumns)
            }
            var spec = specs.first ?? PropertySpec(source: .name("Name"))
            if options.properties == nil, PropertyAccess.value(value, "Name") != nil { spec = PropertySpec(source: .name("Name")) }
            return .wide(ColumnPlan(label: "", width: 0, alignment: .left, source: .spec(spec)), columns: options.wideColumns)
        default:
            return .table(try columns(specs, value), hideHeader: options.hideTableHeaders, autosize: options.autoSize ?? false)
        }
    }

    private func columns(_ specs: [PropertySpec], _ first: PSValue) throws -> [ColumnPlan] {
        try specs.map { spec in
            var align = spec.alignment ?? .undefined
            if spec.alignment == nil {
                let v = try? spec.evaluate(first, invoke: invoke)
                align = FormatGenerator.defaultAlignment(v ?? nil)
            }
            return ColumnPlan(label: spec.displayName, width: spec.width ?? 0, alignment: align,
                              source: .spec(spec), formatString: spec.formatString)
        }
    }

    private func listColumn(_ spec: PropertySpec) -> ColumnPlan {
        ColumnPlan(label: spec.displayName, width: spec.width ?? 0, alignment: spec.alignment ?? .undefined,
                   source: .spec(spec), formatString: spec.formatString)
    }

    /// Right for numbers, booleans, chars and enums (PowerShell's DefaultScalarTypes minus String).
    static func defaultAlignment(_ v: PSValue?) -> CellAlignment {
        guard let v else { return .left }
        switch v.unwrapped {
        case .int, .long, .double, .byte, .sbyte, .int16, .uint16, .uint32, .uint64, .single, .decimal,
             .bool, .switchValue, .char, .enumValue:
            return .right
        default:
            return .left
        }
    }

    // MARK: - Entries

    /// A failing property or script column leaves its cell empty, as in PowerShell (the error is
    /// only shown with -ShowError there, `#ERR` with -DisplayError); stopping the pipeline still propagates.
    private func evaluate(_ source: ColumnSource, on value: PSValue) throws -> PSValue? {
        do {
            return try evaluateOrThrow(source, on: value)
        } catch let e as PSPipelineStop {
            throw e
        } catch let e as PSRuntimeError where e.record.fullyQualifiedErrorId.hasPrefix("PipelineStopped") {
            throw e
        } catch {
            return options.displayError ? .string("#ERR") : nil
        }
    }

    private func evaluateOrThrow(_ source: ColumnSource, on value: PSValue) throws -> PSValue? {
        switch source {
        case .spec(let s):
            if let v = try s.evaluate(value, invoke: invoke) { return v }
            if case .name(let n) = s.source, !session.typeData.isEmpty { return try session.typeDataProperty(value, n) }
            return nil
        case .view(let fv):
            switch fv {
            case .property(let n): return PropertyAccess.value(value, n)
            case .computed(let f): return try f(value)
            case .scriptBlock(let b):
                let out = try invoke(b, value)
                return out.isEmpty ? .null : (out.count == 1 ? out[0] : .list(out))
            }
        }
    }

    private func text(_ v: PSValue?, isTable: Bool, formatString: String? = nil) -> String {
        guard let v else { return "" }
        if let f = formatString, !f.isEmpty { return DotNetFormat.apply(f, to: v) }
        return ValueText.cell(v, limit: limit, isTable: isTable)
    }

    private func emitEntry(_ value: PSValue, emit: (FormatRecord) -> Void) throws {
        switch plan! {
        case .table(let cols, _, _):
            var cells: [TableCell] = []
            cells.reserveCapacity(cols.count)
            for c in cols {
                let v = try evaluate(c.source, on: value)
                cells.append(TableCell(text(v, isTable: true, formatString: c.formatString)))
            }
            emit(.tableRow(cells, wrap: options.wrap || viewWrapsRows))
        case .list(let items):
            var fields: [ListField] = []
            if let items {
                let typeNames = items.contains { $0.onlyForTypes != nil || $0.exceptForTypes != nil }
                    ? Set(value.typeNames.map { $0.lowercased() }) : []
                for c in items {
                    if let only = c.onlyForTypes, !only.contains(where: { typeNames.contains($0.lowercased()) }) { continue }
                    if let except = c.exceptForTypes, except.contains(where: { typeNames.contains($0.lowercased()) }) { continue }
                    if let cond = c.condition, !PSConvert.toBool(try evaluate(.view(cond), on: value) ?? .null) { continue }
                    // A list leaves out properties the object does not have (a table shows an empty cell).
                    if case .spec(let s) = c.source, case .name(let n) = s.source, PropertyAccess.value(value, n) == nil { continue }
                    fields.append(ListField(label: c.label, value: text(try evaluate(c.source, on: value), isTable: false, formatString: c.formatString)))
                }
            } else {
                for spec in propertySpecs(for: value) {
                    fields.append(ListField(label: spec.displayName, value: text(try evaluateOrThrow(.spec(spec), on: value), isTable: false)))
                }
            }
            emit(.listEntry(fields))
        case .text:
            emit(.rawText(scalarText(value)))
        case .custom:
            let builder = CustomViewBuilder(
                maxDepth: options.customDepth, limit: limit, displayError: options.displayError,
                defaultProperties: { [unowned self] in self.defaultPropertySpecs(for: $0) },
                evaluate: { [unowned self] spec, object in try spec.evaluate(object, invoke: self.invoke) })
            let top = options.properties.map { _ in propertySpecs(for: value) }
            emit(.complexEntry(try builder.entry(value, properties: top)))
        case .customView(let v):
            guard let control = v.customControl else { return }
            emit(.complexEntry(try customRenderer(v.namedControls).render(control, value)))
        case .wide(let c, _):
            emit(.wideEntry(text(try evaluate(c.source, on: value), isTable: false, formatString: c.formatString)))
        }
    }

    /// An object that does not fit the current view: a list of its own view or properties.
    private func outOfBandFields(_ value: PSValue) throws -> [ListField] {
        if let lv = views.views(for: value.typeNames).first(where: { $0.kind == .list }) {
            let typeNames = Set(value.typeNames.map { $0.lowercased() })
            let items = lv.listItems.filter { i in i.onlyForTypes.map { $0.contains { typeNames.contains($0.lowercased()) } } ?? true }
            return try items.map { ListField(label: $0.label, value: text(try evaluate(.view($0.value), on: value), isTable: false)) }
        }
        var names = PropertyAccess.propertyNames(value)
        if let d = defaultDisplayProperties(value) { names = d }
        return names.map { ListField(label: $0, value: text(PropertyAccess.value(value, $0), isTable: false)) }
    }
}
