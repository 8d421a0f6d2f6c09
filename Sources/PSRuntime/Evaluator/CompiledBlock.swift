import PSLanguage

typealias Exec = (Frame, OutputSink) throws -> Void
typealias Eval = (Frame) throws -> PSValue

/// The script text a block came from, for positions in errors and `$MyInvocation`.
final class SourceInfo {
    let text: SourceText
    var file: String? { text.fileName }
    /// The namespaces of the script's `using namespace` statements: a type name written anywhere in
    /// this text that is not found as written is looked up under each (PowerShell's
    /// TypeResolutionState for the script).
    var namespaces: [String] = []
    init(_ text: SourceText) { self.text = text }

    /// `name` as written, else under the `using namespace` prefixes.
    func resolveType(_ name: String, _ types: TypeRegistry) -> PSType? {
        if let found = types.resolve(name) { return found }
        for ns in namespaces { if let found = types.resolve(ns + "." + name) { return found } }
        return nil
    }

    /// Resolved to lines and columns only when shown (see ScriptExtent).
    func extent(_ r: SourceRange) -> ScriptExtent { ScriptExtent(source: text, range: r) }
}

/// A parameter of a script block or function after compilation.
struct CompiledParameter {
    var declaration: ParameterDeclaration
    var defaultValue: Eval?
    var slot: Int
    /// What only script parameters declare: `[AllowNull()]`-style permissions and `[ValidateScript()]`.
    var rules = ScriptParameterRules()
}

/// The parts of a script parameter's attributes the binder checks itself (cmdlet declarations carry
/// no such flags: the null/empty checks of mandatory parameters apply to functions and scripts).
struct ScriptParameterRules {
    var allowNull = false
    var allowEmptyString = false
    var allowEmptyCollection = false
    /// `[ValidateScript({...}, ErrorMessage = '...')]`, run with `$_` set to each element.
    var validateScripts: [(block: PSScriptBlock, errorMessage: String?)] = []
    /// `[PSTypeName('My.Type')]`: each argument (each element of a collection) must carry the type name.
    var psTypeName: String?
    /// `[Runspace()]`: a runspace's name, Id or InstanceId becomes the runspace.
    var transformsRunspace = false
}

/// A script block compiled to closures: named blocks, parameters and the variable slots its code uses.
final class CompiledBlock {
    let source: SourceInfo
    let text: String
    var slotNames: [String] = []
    var slotKeys: [String] = []
    var parameters: [CompiledParameter] = []
    var hasParamBlock = false
    /// A parameter attribute no constructor takes (its argument count): thrown when the block is invoked.
    var attributeError: PSRuntimeError?
    var isAdvanced = false
    var supportsShouldProcess = false
    var defaultParameterSet: String?
    var confirmImpact: ConfirmImpact = .medium
    /// `dynamicparam { }`: run while binding, it returns the parameters the command takes beyond
    /// its declared ones (see ScriptStage+DynamicParameters).
    var dynamicParam: Exec?
    var begin: Exec?
    var process: Exec?
    var end: Exec?
    var clean: Exec?
    /// `end { }` / `process { }` were written by name: a call stack frame names them (`f<End>`).
    var endIsNamed = false
    var processIsNamed = false
    var isFilter = false
    /// The code reads `$input` (so callers must fill it).
    var usesInput = false
    /// Slot of `$_` when the code uses it.
    var dollarUnderSlot: Int?
    var name: String = ""

    init(source: SourceInfo, text: String) {
        self.source = source
        self.text = text
    }

    /// Binding metadata, built on first call (parameter declarations plus common parameters when advanced).
    lazy var metadata: CommandMetadata = {
        let d = CmdletDeclaration(name, declarations: parameters.map(\.declaration),
                                  defaultParameterSet: defaultParameterSet,
                                  supportsShouldProcess: supportsShouldProcess, confirmImpact: confirmImpact)
        return CommandMetadata(d, isAdvanced: isAdvanced)
    }()

    func slot(named name: String) -> Int? {
        let k = name.lowercased()
        return slotKeys.firstIndex(of: k)
    }
}
