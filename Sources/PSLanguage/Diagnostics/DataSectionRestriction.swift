/// What a data section may not hold (PowerShell's restricted language), each with PowerShell's error
/// id and wording. `ParseMessage.dataSection` carries one.
public enum DataSectionRestriction: Sendable, Hashable {
    case assignment
    case arrayReference
    case attribute
    case commandNotAllowed(String)
    case dataSection
    case doWhile
    case dotSourcing
    case flowControl
    case forEach
    case forWhile
    case functionDeclaration
    case methodCall
    case `operator`(String)
    case propertyReference
    case redirection
    case scriptBlock
    case `switch`
    case trap
    case `try`
    case type(String)
    /// A variable outside the allowed ones; the text lists them (nil: the data section's defaults).
    case variable(String?)
    /// `begin`/`process`/`clean` blocks or a `param` block in a block checked as restricted language.
    case scriptBlockBlocks

    public var idAndText: (String, String) {
        let tail = "not allowed in restricted language mode or a Data section."
        switch self {
        case .assignment: return ("AssignmentStatementNotSupportedInDataSection", "Assignment statements are \(tail)")
        case .arrayReference: return ("ArrayReferenceNotSupportedInDataSection", "Array references are \(tail)")
        case .attribute: return ("AttributeNotSupportedInDataSection", "Attributes are \(tail)")
        case .commandNotAllowed(let name):
            return ("CmdletNotInAllowedListForDataSection", "The command '\(name)' is \(tail)")
        case .dataSection:
            return ("DataSectionStatementNotSupportedInDataSection",
                    "The data statement is not allowed in restricted language mode or another Data section.")
        case .doWhile: return ("DoWhileStatementNotSupportedInDataSection", "The Do and While statements are \(tail)")
        case .dotSourcing: return ("DotSourcingNotSupportedInDataSection", "Dot sourcing is \(tail)")
        case .flowControl:
            return ("FlowControlStatementNotSupportedInDataSection",
                    "Flow control statements such as Break, Continue, Return, Exit, and Throw are \(tail)")
        case .forEach: return ("ForeachStatementNotSupportedInDataSection", "Foreach statements are \(tail)")
        case .forWhile: return ("ForWhileStatementNotSupportedInDataSection", "For and While statements are \(tail)")
        case .functionDeclaration: return ("FunctionDeclarationNotSupportedInDataSection", "Function declarations are \(tail)")
        case .methodCall: return ("MethodCallNotSupportedInDataSection", "Method calls are \(tail)")
        case .operator(let text): return ("OperatorNotSupportedInDataSection", "The '\(text)' operator is \(tail)")
        case .propertyReference: return ("PropertyReferenceNotSupportedInDataSection", "Property references are \(tail)")
        case .redirection: return ("RedirectionNotSupportedInDataSection", "Redirection is \(tail)")
        case .scriptBlock: return ("ScriptBlockNotSupportedInDataSection", "Script block literals are \(tail)")
        case .switch: return ("SwitchStatementNotSupportedInDataSection", "The switch statement is \(tail)")
        case .trap: return ("TrapStatementNotSupportedInDataSection", "The Trap statement is \(tail)")
        case .try: return ("TryStatementNotSupportedInDataSection", "The Try statement is \(tail)")
        case .type(let name): return ("TypeNotAllowedInDataSection", "The type \(name) is \(tail)")
        case .variable(let allowed):
            return ("VariableReferenceNotSupportedInDataSection",
                    "A variable that cannot be referenced in restricted language mode or a Data section is being referenced. Variables that can be referenced include the following: \(allowed ?? "$PSCulture, $PSUICulture, $true, $false, $null").")
        case .scriptBlockBlocks:
            return ("InvalidScriptBlockInDataSection",
                    "A Begin statement block, Process statement block, or parameter statement is not allowed in a Data section.")
        }
    }
}
