/// Every problem the lexer and parser report, with PowerShell's error id and message text, in one
/// table (as swift-syntax keeps its diagnostic messages apart from the parser). Call sites name the
/// problem (`report(.missingEndCurlyBrace, at:)`); the wording lives only here, and tests and the
/// conformance corpus compare it with PowerShell's to the character.
public enum ParseMessage: Sendable, Hashable {
    // MARK: Lexer
    case incompleteLineContinuation
    case missingTerminatorMultiLineComment
    case badNumericConstant(String)
    case invalidVariableReferenceWithDrive
    /// A `#requires` line that is not `requires` followed by its parameters.
    case scriptRequiresInvalidFormat
    case requiresVersionInvalid
    case invalidVariableReference
    /// A string or here-string that runs to the end of the input; the argument is the missing terminator.
    case stringMissingTerminator(String)
    case unexpectedCharactersAfterHereStringHeader
    case tooManyDigitsInUnicodeEscapeSequence
    case missingUnicodeEscapeSequenceTerminator
    case invalidUnicodeEscapeSequence
    case unicodeEscapeSequenceValueOutOfRange
    case incompleteDollarVariableReference
    case emptyVariableReference
    case scriptTooComplicated

    // MARK: Pipelines and commands
    case backgroundOperatorInPipelineChain
    case emptyPipelineChainElement
    /// The token's text.
    case unexpectedToken(String)
    case emptyPipeElement
    case expressionsMustBeFirstInPipeline
    case invalidLeftHandSide
    /// The operator's text (`=`, `?`, `:`, `-and`, ...).
    case expectedValueExpression(operator: String)
    /// The invocation operator (`&` or `.`).
    case missingCommandAfterInvocationOperator(String)
    case parameterRequiresArgument(String)
    case missingArgument
    /// The splatted variable's name.
    case splattingNotPermittedInArgumentList(String)
    /// The token after which an expression was expected (`,` or `(`).
    case missingExpressionAfterToken(String)
    case redirectionNotSupported
    case redirectionStreamCanOnlyMergeToOutputStream
    case missingFileSpecification

    // MARK: Expressions
    case missingColonInTernaryExpression
    case missingExpressionAfterUnaryOperator(String)
    case unexpectedAttribute(String)
    /// The splatted variable's name.
    case splattingNotPermitted(String)
    case expectedExpressionAfterOpenParenthesis
    case missingEndParenthesisInExpression
    case missingEndParenthesisInSubexpression
    case missingEndCurlyBrace
    case missingKeyInHashLiteral
    case missingEqualsInHashLiteral
    case missingStatementInHashLiteral
    case missingPropertyName
    case missingArrayIndexExpression
    case missingEndSquareBracket
    case missingEndParenthesisInMethodCall

    // MARK: Statements
    case reservedKeywordNotAllowed(String)
    case usingMustBeAtStartOfScript
    case usingStatementNotSupported
    case missingNamespaceAlias
    case cannotLoadAssemblyFromUncPath(String)
    case cannotLoadAssemblyWithUriSchema(String)
    case errorLoadingAssembly(String)
    case arrayHasTooManyDimensions(Int)
    case unexpectedUnaryOperator(String)
    case invalidValueForUsingItemName(String)
    case invalidNamespaceValue
    /// `if` or `elseif`.
    case missingOpenParenthesisInIfStatement(String)
    case ifStatementMissingCondition(String)
    case missingStatementBlockAfterCondition(String)
    case missingStatementBlockAfterElse
    case missingOpenParenthesisAfterKeyword(String)
    /// The loop keyword (`while`, `until`).
    case missingLoopCondition(String)
    case missingEndParenthesisAfterStatement(String)
    /// The loop kind (`while`, `do`, `for`).
    case missingLoopStatement(String)
    case missingWhileOrUntilInDoWhile
    case invalidForeachFlag(String)
    case orderedAttributeOnlyOnHashLiteral(String)
    /// `foreach -parallel`, `switch -parallel`, `foreach -throttlelimit`: only workflows had them.
    case keywordParameterReservedForFutureUse(keyword: String, parameter: String)
    case throttleLimitRequiresParallelFlag
    case missingVariableNameAfterForeach
    case missingForeachExpression
    case missingInInForeach
    case missingEndParenthesisAfterForeach
    case missingForeachStatement

    // MARK: switch, try, trap
    case missingFilenameOption
    case invalidSwitchFlag(String)
    case missingSwitchValueExpression
    case missingEndParenthesisInSwitchStatement
    case pipelineValueRequired
    case missingCurlyBraceInSwitchStatement
    case missingSwitchConditionExpression
    case missingSwitchStatementClause
    case multipleSwitchDefaultClauses
    case missingTryStatementBlock
    case missingFinallyStatementBlock
    case missingCatchHandlerBlock
    case missingCatchOrFinally
    case missingTrapStatement
    case missingTypeLiteralToken
    case missingStatementBlockForDataSection
    /// The parameter's name.
    case invalidParameterForDataSection(String)
    case missingValueForSupportedCommand
    /// Something a data section's restricted language does not allow.
    case dataSection(DataSectionRestriction)

    // MARK: Functions, script blocks, attributes
    /// `function`, `filter`, ...
    case missingNameAfterKeyword(String)
    case missingEndParenthesisInFunctionParameterList
    case missingFunctionBody
    case onlyOneParameterListAllowed
    /// The token found where a named block was expected.
    case missingNamedBlocks(String)
    case duplicateScriptCommandClause(String)
    case missingNamedStatementBlock(String)
    case invalidFunctionParameter
    case referenceNeedsToBeByItselfInTypeSequence
    case referenceNeedsToBeLastTypeInTypeConversion
    case referenceNeedsToBeByItselfInTypeConstraint
    /// `[datetime]$_ = 1`: an automatic variable constrained to another type than its own.
    case assignmentToAutomaticWithType(String, String)
    /// The parameter's name.
    case duplicateFormalParameter(String)
    case controlLeavingFinally
    case missingTypename
    case missingExpressionInNamedArgument
    case endSquareBracketExpectedAtEndOfAttribute
    case endSquareBracketExpectedAtEndOfType

    // MARK: Type definitions (enum, class)
    /// `enum` or `class`.
    case missingTypeBody(String)
    case memberAlreadyDefined(String)
    case typeNameExpected
    /// The type written after `enum Name :`.
    case invalidUnderlyingType(String)
    case missingPropertyTerminator
    /// `static` or `hidden`.
    case duplicateQualifier(String)
    case tooManyTypes
    case incompleteMemberDefinition
    case missingMethodParameterList
    case missingBaseCtorCall
    /// The attribute, and the declarations it is valid on.
    case attributeNotAllowedOnDeclaration(String, String)
    case constructorCantHaveReturnType
    case multipleTypeConstraintsOnMethodParam
    case paramBlockNotAllowedInMethod
    case namedBlockNotAllowedInMethod
    case methodHasCodePathNotReturn
    case labelNotFound(String)
    case nonVoidMethodMissingReturnValue
    case voidMethodHasReturn
    /// `[C]::` and the property.
    case missingTypeInStaticPropertyAssignment(String, String)
    /// `$this.` and the property.
    case missingThis(String, String)
    case nonStaticMemberAccessInStaticMember(String)

    /// PowerShell's error id (`ParseError.ErrorId`).
    public var id: String { entry.id }
    /// The message PowerShell prints.
    public var text: String { entry.text }

    private static let foreachForm = "\nThe correct form is: foreach ($a in $b) {...}"

    private var entry: (id: String, text: String) {
        switch self {
        case .incompleteLineContinuation:
            return ("IncompleteLineContinuation", "Missing the next line after the line continuation character '`'.")
        case .missingTerminatorMultiLineComment:
            return ("MissingTerminatorMultiLineComment", "The terminator '#>' is missing from the multiline comment.")
        case .badNumericConstant(let text): return ("BadNumericConstant", "The numeric constant \(text) is not valid.")
        case .scriptRequiresInvalidFormat:
            return ("ScriptRequiresInvalidFormat", """
                Cannot process the #requires statement because it is not in the correct format.
                The #requires statement must be in one of the following formats:
                 "#requires -shellid <shellID>"
                 "#requires -version <major.minor>"
                 "#requires -psedition <edition>"
                 "#requires -pssnapin <psSnapInName> [-version <major.minor>]"
                 "#requires -modules <ModuleSpecification>"
                 "#requires -runasadministrator"
                """)
        case .requiresVersionInvalid:
            return ("RequiresVersionInvalid",
                    "The argument for the Version parameter is not valid. Specify a valid PowerShell version, in the format major.minor version.")
        case .invalidVariableReferenceWithDrive:
            return ("InvalidVariableReferenceWithDrive",
                    "Variable reference is not valid. ':' was not followed by a valid variable name character. Consider using ${} to delimit the name.")
        case .invalidVariableReference:
            return ("InvalidVariableReference",
                    "Variable reference is not valid. '$' was not followed by a valid variable name character. Consider using ${} to delimit the name.")
        case .stringMissingTerminator(let terminator):
            return ("TerminatorExpectedAtEndOfString", "The string is missing the terminator: \(terminator).")
        case .unexpectedCharactersAfterHereStringHeader:
            return ("UnexpectedCharactersAfterHereStringHeader",
                    "No characters are allowed after a here-string header but before the end of the line.")
        case .tooManyDigitsInUnicodeEscapeSequence:
            return ("TooManyDigitsInUnicodeEscapeSequence",
                    "The Unicode escape sequence contains more than the maximum of six hex digits between braces.")
        case .missingUnicodeEscapeSequenceTerminator:
            return ("MissingUnicodeEscapeSequenceTerminator", "The Unicode escape sequence is missing the closing '}'.")
        case .invalidUnicodeEscapeSequence:
            return ("InvalidUnicodeEscapeSequence",
                    "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one to six hex digits and a closing '}'.")
        case .unicodeEscapeSequenceValueOutOfRange:
            return ("InvalidUnicodeEscapeSequenceValue",
                    "The Unicode escape sequence value is out of range. The maximum value is 0x10FFFF.")
        case .incompleteDollarVariableReference:
            return ("IncompleteDollarVariableReference", "${variable} reference starting is missing the closing '}'.")
        case .emptyVariableReference:
            return ("EmptyVariableReference", "An empty ${} variable reference was found. A name is required inside the braces.")
        case .scriptTooComplicated:
            return ("ScriptTooComplicated", "Processing was stopped because the script is too complex.")

        case .backgroundOperatorInPipelineChain:
            return ("BackgroundOperatorInPipelineChain", "Background operators can only be used at the end of a pipeline chain.")
        case .emptyPipelineChainElement:
            return ("EmptyPipelineChainElement", "A pipeline chain operator must be followed by a pipeline.")
        case .unexpectedToken(let token): return ("UnexpectedToken", "Unexpected token '\(token)' in expression or statement.")
        case .emptyPipeElement: return ("EmptyPipeElement", "An empty pipe element is not allowed.")
        case .expressionsMustBeFirstInPipeline:
            return ("ExpressionsMustBeFirstInPipeline", "Expressions are only allowed as the first element of a pipeline.")
        case .invalidLeftHandSide:
            return ("InvalidLeftHandSide",
                    "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.")
        case .expectedValueExpression(let op):
            return ("ExpectedValueExpression", "You must provide a value expression following the '\(op)' operator.")
        case .missingCommandAfterInvocationOperator(let op):
            return ("MissingExpression", "Missing expression after '\(op)' in pipeline element.")
        case .parameterRequiresArgument(let name): return ("ParameterRequiresArgument", "Parameter -\(name) requires an argument.")
        case .missingArgument: return ("MissingArgument", "Missing argument in parameter list.")
        case .splattingNotPermittedInArgumentList(let name):
            return ("SplattingNotPermittedInArgumentList",
                    "Splatted variables like '@\(name)' cannot be part of a comma-separated list of arguments.")
        case .missingExpressionAfterToken(let token): return ("MissingExpressionAfterToken", "Missing expression after '\(token)'.")
        case .redirectionNotSupported: return ("RedirectionNotSupported", "The '<' operator is reserved for future use.")
        case .redirectionStreamCanOnlyMergeToOutputStream:
            return ("RedirectionStreamCanOnlyMergeToOutputStream",
                    "Redirection only allows another stream to be merged with the output stream. Please correct the redirection operation to merge into the output stream then try running your script again.")
        case .missingFileSpecification:
            return ("MissingFileSpecification", "Missing file specification after redirection operator.")

        case .missingColonInTernaryExpression: return ("MissingColonInTernaryExpression", "Missing ':' in the ternary expression.")
        case .missingExpressionAfterUnaryOperator(let op):
            return ("MissingExpressionAfterOperator", "Missing expression after unary operator '\(op)'.")
        case .unexpectedAttribute(let name): return ("UnexpectedAttribute", "Unexpected attribute '\(name)'.")
        case .splattingNotPermitted(let name):
            return ("SplattingNotPermitted",
                    "The splatting operator '@' cannot be used to reference variables in an expression. '@\(name)' can be used only as an argument to a command. To reference variables in an expression use '$\(name)'.")
        case .expectedExpressionAfterOpenParenthesis: return ("ExpectedExpression", "An expression was expected after '('.")
        case .missingEndParenthesisInExpression: return ("MissingEndParenthesisInExpression", "Missing closing ')' in expression.")
        case .missingEndParenthesisInSubexpression:
            return ("MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression.")
        case .missingEndCurlyBrace: return ("MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition.")
        case .missingKeyInHashLiteral: return ("MissingKeyInHashLiteral", "Missing key before '=' in hash literal.")
        case .missingEqualsInHashLiteral: return ("MissingEqualsInHashLiteral", "Missing '=' operator after key in hash literal.")
        case .missingStatementInHashLiteral: return ("MissingStatementInHashLiteral", "Missing statement after '=' in hash literal.")
        case .missingPropertyName: return ("MissingPropertyName", "Missing property name after reference operator.")
        case .missingArrayIndexExpression: return ("MissingArrayIndexExpression", "Array index expression is missing or not valid.")
        case .missingEndSquareBracket: return ("MissingEndSquareBracket", "Missing ']' after array index expression.")
        case .missingEndParenthesisInMethodCall: return ("MissingEndParenthesisInMethodCall", "Missing ')' in method call.")

        case .missingTypeBody(let k): return ("MissingTypeBody", "Missing '\(k)' body in '\(k)' declaration.")
        case .memberAlreadyDefined(let n): return ("MemberAlreadyDefined", "The member '\(n)' is already defined.")
        case .typeNameExpected: return ("TypeNameExpected", "Type name expected.")
        case .invalidUnderlyingType(let n):
            return ("InvalidUnderlyingType", "'\(n)' is not a valid underlying type for enums. Expected a builtin integral type (one of byte, sbyte, short, ushort, int, uint, long or ulong)")
        case .missingPropertyTerminator: return ("MissingPropertyTerminator", "Missing ';' or end-of-line in property definition.")
        case .duplicateQualifier(let q): return ("DuplicateQualifier", "Duplicate '\(q)' qualifier")
        case .tooManyTypes: return ("TooManyTypes", "Only one type may be specified on class members.")
        case .incompleteMemberDefinition: return ("IncompleteMemberDefinition", "Missing a property name or method definition.")
        case .missingMethodParameterList: return ("MissingMethodParameterList", "Missing '(' in class method parameter list.")
        case .missingBaseCtorCall: return ("MissingBaseCtorCall", "Missing 'base' after ':' in a base class constructor call.")
        case .attributeNotAllowedOnDeclaration(let a, let valid):
            return ("AttributeNotAllowedOnDeclaration", "Attribute '\(a)' is not valid on this declaration. It is valid on '\(valid)' declarations only.")
        case .constructorCantHaveReturnType: return ("ConstructorCantHaveReturnType", "A constructor cannot specify a return type.")
        case .multipleTypeConstraintsOnMethodParam:
            return ("MultipleTypeConstraintsOnMethodParam", "Multiple type constraints are not allowed on a method parameter.")
        case .paramBlockNotAllowedInMethod: return ("ParamBlockNotAllowedInMethod", "A param block is not allowed in a class method.")
        case .namedBlockNotAllowedInMethod: return ("NamedBlockNotAllowedInMethod", "A named block is not allowed in a class method.")
        case .methodHasCodePathNotReturn: return ("MethodHasCodePathNotReturn", "Not all code path returns value within method.")
        case .labelNotFound(let l): return ("LabelNotFound", "Label '\(l)' not found inside the method.")
        case .nonVoidMethodMissingReturnValue: return ("NonVoidMethodMissingReturnValue", "Invalid return statement within non-void method.")
        case .voidMethodHasReturn: return ("VoidMethodHasReturn", "Invalid return statement within void method.")
        case .missingTypeInStaticPropertyAssignment(let prefix, let name):
            return ("MissingTypeInStaticPropertyAssignment", "Cannot assign property, use '\(prefix)\(name)'.")
        case .missingThis(let prefix, let name): return ("MissingThis", "Cannot assign property, use '\(prefix)\(name)'.")
        case .nonStaticMemberAccessInStaticMember(let m):
            return ("NonStaticMemberAccessInStaticMember", "Cannot access the non-static member '\(m)' in a static method or initializer of a static property.")
        case .reservedKeywordNotAllowed(let keyword):
            return ("ReservedKeywordNotAllowed", "The '\(keyword)' keyword is not supported in this version of the language.")
        case .usingMustBeAtStartOfScript:
            return ("UsingMustBeAtStartOfScript", "A 'using' statement must appear before any other statements in a script.")
        case .missingOpenParenthesisInIfStatement(let keyword):
            return ("MissingOpenParenthesisInIfStatement", "Missing '(' after '\(keyword)' in if statement.")
        case .ifStatementMissingCondition(let keyword):
            return ("IfStatementMissingCondition", "Missing condition in if statement after '\(keyword) ('.")
        case .missingStatementBlockAfterCondition(let keyword):
            return ("MissingStatementBlock", "Missing statement block after \(keyword) ( condition ).")
        case .missingStatementBlockAfterElse:
            return ("MissingStatementBlockAfterElse", "Missing statement block after 'else' keyword.")
        case .missingOpenParenthesisAfterKeyword(let keyword):
            return ("MissingOpenParenthesisAfterKeyword", "Missing opening '(' after keyword '\(keyword)'.")
        case .missingLoopCondition(let keyword):
            return ("MissingExpressionAfterKeyword", "Missing expression after '\(keyword)' in loop.")
        case .missingEndParenthesisAfterStatement(let keyword):
            return ("MissingEndParenthesisAfterStatement", "Missing closing ')' after expression in '\(keyword)' statement.")
        case .missingLoopStatement(let loop): return ("MissingLoopStatement", "Missing statement body in \(loop) loop.")
        case .missingWhileOrUntilInDoWhile: return ("MissingWhileOrUntilInDoWhile", "Missing while or until keyword in do loop.")
        case .invalidForeachFlag(let name): return ("InvalidForeachFlag", "The parameter -\(name) is not valid for the foreach statement.")
        case .keywordParameterReservedForFutureUse(let keyword, let parameter):
            return ("KeywordParameterReservedForFutureUse", "The \(keyword) '-\(parameter)' parameter is reserved for future use.")
        case .orderedAttributeOnlyOnHashLiteral(let name):
            return ("OrderedAttributeOnlyOnHashLiteralNode", "The \(name) attribute can be specified only on a hash literal node.")
        case .throttleLimitRequiresParallelFlag:
            return ("ThrottleLimitRequiresParallelFlag", "The ThrottleLimit parameter is only supported on foreach statements that use the Parallel parameter.")
        case .missingVariableNameAfterForeach:
            return ("MissingVariableNameAfterForeach", "Missing variable name after foreach." + Self.foreachForm)
        case .missingForeachExpression: return ("MissingForeachExpression", "Missing expression in foreach loop." + Self.foreachForm)
        case .missingInInForeach: return ("MissingInInForeach", "Missing 'in' after variable in foreach loop." + Self.foreachForm)
        case .missingEndParenthesisAfterForeach:
            return ("MissingEndParenthesisAfterForeach", "Missing closing ')' after expression part of foreach loop." + Self.foreachForm)
        case .missingForeachStatement:
            return ("MissingForeachStatement", "Missing statement body in foreach loop." + Self.foreachForm)

        case .missingFilenameOption:
            return ("MissingFilenameOption", "Cannot process the 'switch' statement because of a missing file name argument to the -file option.")
        case .invalidSwitchFlag(let name): return ("InvalidSwitchFlag", "The parameter -\(name) is not valid for the switch statement.")
        case .missingSwitchValueExpression:
            return ("MissingSwitchValueExpression", "Missing expression after '(' in switch statement.")
        case .missingEndParenthesisInSwitchStatement:
            return ("MissingEndParenthesisInSwitchStatement", "Missing ')' after expression in switch statement.")
        case .pipelineValueRequired:
            return ("PipelineValueRequired", "A switch statement must have one of the following:  '-file file_name' or '( expression )'.")
        case .missingCurlyBraceInSwitchStatement: return ("MissingCurlyBraceInSwitchStatement", "Missing '{' in switch statement.")
        case .missingSwitchConditionExpression:
            return ("MissingSwitchConditionExpression", "Missing condition in switch statement clause.")
        case .missingSwitchStatementClause:
            return ("MissingSwitchStatementClause", "Missing statement block in switch statement clause.")
        case .multipleSwitchDefaultClauses:
            return ("MultipleSwitchDefaultClauses", "A switch statement can have only one default clause.")
        case .missingTryStatementBlock: return ("MissingTryStatementBlock", "The Try statement is missing its statement block.")
        case .missingFinallyStatementBlock:
            return ("MissingFinallyStatementBlock", "The Finally block is missing its statement block.")
        case .missingCatchHandlerBlock: return ("MissingCatchHandlerBlock", "The Catch block is missing its statement block.")
        case .missingCatchOrFinally: return ("MissingCatchOrFinally", "The Try statement is missing its Catch or Finally block.")
        case .missingTrapStatement:
            return ("MissingTrapStatement", "The 'trap' statement was incomplete. A trap statement requires a body.")
        case .missingStatementBlockForDataSection:
            return ("MissingStatementBlockForDataSection", "The Data section is missing its statement block.")
        case .dataSection(let restriction): return restriction.idAndText

        case .missingNameAfterKeyword(let keyword): return ("MissingNameAfterKeyword", "Missing name after \(keyword) keyword.")
        case .missingEndParenthesisInFunctionParameterList:
            return ("MissingEndParenthesisInFunctionParameterList", "Missing ')' in function parameter list.")
        case .missingFunctionBody: return ("MissingFunctionBody", "Missing function body in function declaration.")
        case .onlyOneParameterListAllowed:
            return ("OnlyOneParameterListAllowed", "The param statement cannot be used if arguments were specified in the function declaration.")
        case .missingNamedBlocks(let token):
            return ("MissingNamedBlocks", "unexpected token '\(token)', expected 'begin', 'process', 'end', or 'dynamicparam'.")
        case .duplicateScriptCommandClause(let block):
            return ("DuplicateScriptCommandClause", "Script command clause '\(block)' has already been defined.")
        case .duplicateFormalParameter(let name):
            return ("DuplicateFormalParameter", "Duplicate parameter $\(name) in parameter list.")
        case .controlLeavingFinally: return ("ControlLeavingFinally", "Flow of control cannot leave a Finally block.")
        case .invalidParameterForDataSection(let name):
            return ("InvalidParameterForDataSectionStatement",
                    "The \"\(name)\" parameter of the Data section is not valid. The valid Data section parameter is SupportedCommand.")
        case .missingValueForSupportedCommand:
            return ("MissingValueForSupportedCommandInDataSectionStatement",
                    "The SupportedCommand parameter of the Data section is missing a value. Supply a cmdlet or function name to the parameter.")
        case .referenceNeedsToBeByItselfInTypeSequence:
            return ("ReferenceNeedsToBeByItselfInTypeSequence", "Cannot have two occurrences of [ref] in a type sequence.")
        case .referenceNeedsToBeLastTypeInTypeConversion:
            return ("ReferenceNeedsToBeLastTypeInTypeConversion", "[ref] can only be the final type in type conversion sequence.")
        case .referenceNeedsToBeByItselfInTypeConstraint:
            return ("ReferenceNeedsToBeByItselfInTypeConstraint", "Cannot use [ref] with other types in a type constraint.")
        case .assignmentToAutomaticWithType(let name, let type):
            return ("AssignmentStatementToAutomaticNotSupported", "Cannot assign automatic variable '\(name)' with type '\(type)'")
        case .missingTypeLiteralToken: return ("MissingTypeLiteralToken", "Missing type literal.")
        case .missingNamespaceAlias: return ("MissingNamespaceAlias", "Missing namespace alias")
        case .cannotLoadAssemblyFromUncPath(let name):
            return ("CannotLoadAssemblyFromUncPath", "Cannot use assembly with an UNC path: '\(name)'.")
        case .cannotLoadAssemblyWithUriSchema(let scheme):
            return ("CannotLoadAssemblyWithUriSchema", "Cannot use assembly with uri schema '\(scheme)'.")
        case .errorLoadingAssembly(let name): return ("ErrorLoadingAssembly", "Cannot load assembly '\(name)'.")
        case .arrayHasTooManyDimensions(let rank):
            return ("ArrayHasTooManyDimensions",
                    "The array has too many dimensions: \(rank). The number of dimensions for an array must be less than or equal to 32.")
        case .unexpectedUnaryOperator(let op): return ("UnexpectedUnaryOperator", "Internal error - unexpected unary operator \(op).")
        case .invalidValueForUsingItemName(let text):
            return ("InvalidValueForUsingItemName", "'\(text)' is not a valid value for using name.")
        case .usingStatementNotSupported:
            return ("UsingStatementNotSupported", "This syntax of the 'using' statement is not supported.")
        case .invalidNamespaceValue:
            return ("InvalidNamespaceValue", "The specified namespace in the 'using' statement contains invalid characters.")
        case .missingNamedStatementBlock(let block):
            return ("MissingNamedStatementBlock", "Missing statement block after '\(block)'.")
        case .invalidFunctionParameter:
            return ("InvalidFunctionParameter",
                    "Parameter declarations are a comma-separated list of variable names with optional initializer expressions.")
        case .missingTypename: return ("MissingTypename", "Missing type name after '['.")
        case .missingExpressionInNamedArgument:
            return ("MissingExpressionInNamedArgument", "Missing statement after '=' in named argument.")
        case .endSquareBracketExpectedAtEndOfAttribute:
            return ("EndSquareBracketExpectedAtEndOfAttribute", "Missing ] at end of attribute or type literal.")
        case .endSquareBracketExpectedAtEndOfType:
            return ("EndSquareBracketExpectedAtEndOfType", "Missing ] at end of type token.")
        }
    }
}
