import PSLanguage

/// The tree `[Parser]::ParseInput` returns, as objects shaped like PowerShell's Ast classes: each node
/// has PowerShell's type name (CommandAst, PipelineAst, ...), its Extent and Parent, the child
/// properties scripts read (EndBlock.Statements, PipelineElements, CommandElements, Expression, Left,
/// Right, ...), and Find/FindAll with a predicate script block. Nodes hvsh's AST has no counterpart
/// for are left out; a node's Parent is held weakly so the tree frees itself.
final class AstObjectBuilder {
    let source: SourceText
    unowned let session: ShellSession
    /// Whether the parse reported errors: no ScriptBlockAst of the tree then makes a script block.
    let hasErrors: Bool
    private static let ns = ParserObjects.namespace

    init(source: SourceText, session: ShellSession, hasErrors: Bool = false) {
        self.source = source
        self.session = session
        self.hasErrors = hasErrors
    }

    /// ScriptBlockAst.GetScriptBlock(): PSInvalidOperationException when the parse had errors.
    static func refuseScriptBlock(_ args: [PSValue]) -> PSRuntimeError {
        DotNetErrors.methodInvocation("GetScriptBlock", argumentCount: args.count, PSRuntimeError.message(
            "Cannot generate a PowerShell object for a ScriptBlockAst that contains errors.",
            errorId: "PSInvalidOperationException", category: .invalidOperation,
            exceptionType: "System.Management.Automation.PSInvalidOperationException"))
    }

    /// A built node and every node under it in pre-order, with how many script blocks down each is
    /// (FindAll without searchNestedScriptBlocks looks only at depth 0).
    struct Built {
        let object: PSObject
        let below: [(PSObject, Int)]
    }

    enum Child {
        case node(Built?)
        case nodes([Built])
        case value(PSValue)
        /// A script block's body: a level deeper for FindAll.
        case nested(Built)
        /// Nodes under this one that no property of its own holds (an ErrorStatementAst's flag
        /// arguments, reached through its Flags dictionary): searched and parented, not a note.
        case hidden([Built])
    }

    func make(_ type: String, _ bases: [String], _ range: SourceRange, _ children: [(String, Child)]) -> Built {
        let o = PSObject(typeNames: [Self.ns + type] + bases.map { Self.ns + $0 } + [Self.ns + "Ast", "System.Object"])
        let extent = ParserObjects.extent(source, range)
        o.addNote("Extent", .object(extent))
        var below: [(PSObject, Int)] = []
        func adopt(_ b: Built, deeper: Int) {
            b.object.addProperty("Parent", get: { [weak o] _ in o.map { .object($0) } ?? .null })
            below.append((b.object, deeper))
            below += b.below.map { ($0.0, $0.1 + deeper) }
        }
        for (name, child) in children {
            switch child {
            case .node(let b):
                o.addNote(name, b.map { .object($0.object) } ?? .null)
                if let b { adopt(b, deeper: 0) }
            case .nodes(let bs):
                o.addNote(name, .array(PSArray(bs.map { .object($0.object) })))
                for b in bs { adopt(b, deeper: 0) }
            case .value(let v):
                o.addNote(name, v)
            case .nested(let b):
                o.addNote(name, .object(b.object))
                adopt(b, deeper: 1)
            case .hidden(let bs):
                for b in bs { adopt(b, deeper: 0) }
            }
        }
        let text = extent.toStringHandler?(extent) ?? ""
        addSearch(o, below: below)
        // What is not a constant expression (expression() replaces this for those that are).
        o.addMethod("SafeGetValue") { _, args in
            guard args.isEmpty || args.count == 1 else { throw Self.safeGetValueCount(args.count) }
            throw DotNetErrors.methodInvocation("SafeGetValue", argumentCount: args.count, PSRuntimeError.message(
                "Cannot generate a PowerShell object for a ScriptBlock evaluating dynamic expressions. Dynamic expression: \(text).",
                errorId: "InvalidOperationException", category: .invalidOperation,
                exceptionType: "System.InvalidOperationException"))
        }
        o.addMethod("ToString") { _, _ in .string(text) }
        o.toStringHandler = { _ in text }
        return Built(object: o, below: below)
    }

    /// SafeGetValue() and SafeGetValue(bool skipHashtableSizeCheck) are its only overloads.
    static func safeGetValueCount(_ count: Int) -> PSRuntimeError {
        DotNetErrors.methodInvocation("SafeGetValue", argumentCount: count, PSRuntimeError.message(
            "Cannot find an overload for \"SafeGetValue\" and the argument count: \"\(count)\".",
            errorId: "MethodCountCouldNotFindBest", category: .invalidOperation))
    }

    /// Find(predicate, searchNested) and FindAll(predicate, searchNested): the node itself and those
    /// under it, in document order, for which the predicate (called with the node) is true.
    private func addSearch(_ o: PSObject, below: [(PSObject, Int)]) {
        unowned let session = self.session
        func matches(_ me: PSObject, _ args: [PSValue], name: String, first: Bool) throws -> [PSValue] {
            guard args.count == 2 else {
                throw DotNetErrors.methodInvocation(name, argumentCount: args.count, PSRuntimeError.message(
                    "Cannot find an overload for \"\(name)\" and the argument count: \"\(args.count)\".",
                    errorId: "MethodCountCouldNotFindBest", category: .invalidOperation))
            }
            guard case .scriptBlock(let predicate) = args[0] else {
                throw PSRuntimeError.message("Cannot convert the \"\(args[0])\" value to type \"System.Func`2[System.Management.Automation.Language.Ast,System.Boolean]\".",
                                             errorId: "MethodArgumentConversionInvalidCastArgument", category: .invalidArgument)
            }
            let nested = PSConvert.toBool(args[1])
            var found: [PSValue] = []
            for (node, depth) in [(me, 0)] + below where nested || depth == 0 {
                let value = PSValue.object(node)
                if PSConvert.toBool(try session.invokeCollectValue(predicate, dollarUnder: nil, arguments: [value])) {
                    found.append(value)
                    if first { break }
                }
            }
            return found
        }
        o.addMethod("FindAll") { me, args in .array(PSArray(try matches(me, args, name: "FindAll", first: false))) }
        o.addMethod("Find") { me, args in try matches(me, args, name: "Find", first: true).first ?? .null }
    }
}
