import PSLanguage

/// `[System.Management.Automation.Language.Parser]::ParseInput(text, [ref]$tokens, [ref]$errors)`:
/// what PowerShell's own tests check parse errors with. The errors are ParseError objects (ErrorId,
/// Message, IncompleteInput, Extent with its positions, offsets in UTF-16 units as .NET counts);
/// the result is the script's tree as PowerShell's Ast classes (ParserAstObjects.swift) with
/// GetScriptBlock(); the tokens are PowerShell's Token objects (Kind, Text, Extent).
extension StaticTypes {
    nonisolated(unsafe) static let parserTypes: [StaticType] = [
        StaticType(keys: ["management.automation.language.parser"], methods: [
            StaticType.method("ParseInput",
                              "static System.Management.Automation.Language.ScriptBlockAst ParseInput(string input, [ref] System.Management.Automation.Language.Token[] tokens, [ref] System.Management.Automation.Language.ParseError[] errors)",
                              "static System.Management.Automation.Language.ScriptBlockAst ParseInput(string input, string fileName, [ref] System.Management.Automation.Language.Token[] tokens, [ref] System.Management.Automation.Language.ParseError[] errors)") { call in
                guard call.args.count == 3 || call.args.count == 4 else { throw call.wrongCount() }
                let text = call.string(0)
                let fileName: String? = call.args.count == 4 ? call.string(1) : nil
                let parsed = Parser.parse(SourceText(text, fileName: fileName.flatMap { $0.isEmpty ? nil : $0 }), recordTokens: true)
                // Unknown types a class names are parse errors too (checked once the syntax is right).
                let all = parsed.errors.isEmpty ? ClassTypeCheck.errors(in: parsed.scriptBlock, source: parsed.source, session: call.session) : parsed.errors
                let errors = all.map { ParserObjects.parseError($0, source: parsed.source) }
                let tokens = (parsed.tokens ?? []).map { ParserObjects.token($0, source: parsed.source) }
                try PSReference.assign(call.args[call.args.count - 2], .array(PSArray(tokens)))
                try PSReference.assign(call.args[call.args.count - 1], .array(PSArray(errors)))
                return .object(ParserObjects.scriptBlockAst(text, parsed: parsed, session: call.session))
            },
        ]),
    ]
}

enum ParserObjects {
    static let namespace = "System.Management.Automation.Language."

    static func parseError(_ e: ParseError, source: SourceText) -> PSValue {
        let o = PSObject(typeNames: [namespace + "ParseError", "System.Object"])
        let extent = self.extent(source, e.range)
        o.addNote("Extent", .object(extent))
        o.addNote("ErrorId", .string(e.id))
        o.addNote("Message", .string(e.message))
        o.addNote("IncompleteInput", .bool(e.isIncomplete))
        let record = ParseErrors.record(e, source: source)
        let text = ErrorRendering.positionMessage(record.position) + "\n" + e.message
        o.toStringHandler = { _ in text }
        return .object(o)
    }

    /// A Token: its Kind (PowerShell's TokenKind name), Text and Extent.
    static func token(_ t: LexicalToken, source: SourceText) -> PSValue {
        let o = PSObject(typeNames: [namespace + "Token", "System.Object"])
        let extent = self.extent(source, t.range)
        let text = source.text(t.range)
        o.addNote("Text", .string(text))
        o.addNote("TokenFlags", .string("None"))
        o.addNote("Kind", ParserEnums.kind(t.kind))
        o.addNote("HasError", .bool(false))
        o.addNote("Extent", .object(extent))
        o.toStringHandler = { _ in text }
        return .object(o)
    }

    /// An IScriptExtent: the text between two byte offsets and where it starts and ends.
    static func extent(_ source: SourceText, _ range: SourceRange) -> PSObject {
        let o = PSObject(typeNames: [namespace + "InternalScriptExtent", "System.Object"])
        let start = source.location(of: range.start), end = source.location(of: range.end)
        let startOffset = utf16Offset(source, range.start), endOffset = utf16Offset(source, range.end)
        o.addNote("File", source.fileName.map { .string($0) } ?? .null)
        o.addNote("StartScriptPosition", .object(position(source, start, startOffset)))
        o.addNote("EndScriptPosition", .object(position(source, end, endOffset)))
        o.addNote("StartLineNumber", .int(Int32(start.line)))
        o.addNote("StartColumnNumber", .int(Int32(start.column)))
        o.addNote("EndLineNumber", .int(Int32(end.line)))
        o.addNote("EndColumnNumber", .int(Int32(end.column)))
        let text = source.text(range)
        o.addNote("Text", .string(text))
        o.addNote("StartOffset", .int(Int32(startOffset)))
        o.addNote("EndOffset", .int(Int32(endOffset)))
        o.toStringHandler = { _ in text }
        return o
    }

    private static func position(_ source: SourceText, _ location: SourceLocation, _ offset: Int) -> PSObject {
        let o = PSObject(typeNames: [namespace + "InternalScriptPosition", "System.Object"])
        o.addNote("File", source.fileName.map { .string($0) } ?? .null)
        o.addNote("LineNumber", .int(Int32(location.line)))
        o.addNote("ColumnNumber", .int(Int32(location.column)))
        o.addNote("Line", .string(source.lineText(location.line)))
        o.addNote("Offset", .int(Int32(offset)))
        return o
    }

    /// .NET counts offsets in UTF-16 code units; the source counts bytes of UTF-8.
    private static func utf16Offset(_ source: SourceText, _ byteOffset: Int) -> Int {
        let end = min(max(byteOffset, 0), source.bytes.count)
        return String(decoding: source.bytes[..<end], as: UTF8.self).utf16.count
    }

    /// The Ast classes ParseInput's tree is made of (AstObjectBuilder), so `-is [...CommandAst]` resolves.
    static let astTypeNames: [String] = [
        "StatementAst", "ExpressionAst", "CommandBaseAst", "CommandElementAst", "PipelineBaseAst", "ChainableAst",
        "LabeledStatementAst", "LoopStatementAst", "NamedBlockAst", "ParamBlockAst", "ParameterAst", "StatementBlockAst",
        "PipelineAst", "PipelineChainAst", "CommandAst", "CommandExpressionAst", "CommandParameterAst",
        "AssignmentStatementAst", "IfStatementAst", "SwitchStatementAst", "ForEachStatementAst", "ForStatementAst",
        "WhileStatementAst", "DoWhileStatementAst", "DoUntilStatementAst", "BreakStatementAst", "ContinueStatementAst",
        "ReturnStatementAst", "ExitStatementAst", "ThrowStatementAst", "TryStatementAst", "CatchClauseAst",
        "TrapStatementAst", "FunctionDefinitionAst", "ErrorStatementAst", "ConstantExpressionAst",
        "StringConstantExpressionAst", "ExpandableStringExpressionAst", "VariableExpressionAst", "BinaryExpressionAst",
        "UnaryExpressionAst", "AttributedExpressionAst", "ConvertExpressionAst", "TypeExpressionAst", "MemberExpressionAst",
        "InvokeMemberExpressionAst", "IndexExpressionAst", "ArrayLiteralAst", "ArrayExpressionAst", "SubExpressionAst",
        "ParenExpressionAst", "HashtableAst", "ScriptBlockExpressionAst", "TernaryExpressionAst", "ErrorExpressionAst",
        "TypeConstraintAst", "AttributeBaseAst", "Token",
    ].map { namespace + $0 }

    static func scriptBlockAst(_ text: String, parsed: ParseResult, session: ShellSession) -> PSObject {
        let o = AstObjectBuilder(source: parsed.source, session: session, hasErrors: parsed.hasErrors)
            .scriptBlock(parsed.scriptBlock).object
        o.addNote("Parent", .null)
        unowned let session = session
        let hasErrors = parsed.hasErrors
        o.addMethod("GetScriptBlock") { _, args in
            guard !hasErrors else { throw AstObjectBuilder.refuseScriptBlock(args) }
            return .scriptBlock(try session.makeScriptBlock(text))
        }
        o.addMethod("ToString") { _, _ in .string(text) }
        o.toStringHandler = { _ in text }
        return o
    }
}
