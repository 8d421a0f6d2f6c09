/// A compiled command. Conforming classes are instantiated once per pipeline position, so they can
/// keep state from `begin` through `process` calls to `end` (Measure-Object's running sum).
///
///     final class GetGreetingCommand: Cmdlet {
///         static let name = Parameter<String>("Name", position: 0, mandatory: true, valueFromPipeline: true)
///         static let declaration = CmdletDeclaration("Get-Greeting", parameters: [name], synopsis: "Says hello.")
///         init() {}
///         func process(_ context: CmdletContext) throws {
///             try context.writeObject(.string("Hello, \(context[Self.name] ?? "")"))
///         }
///     }
public protocol Cmdlet: AnyObject {
    static var declaration: CmdletDeclaration { get }
    init()
    /// Called once before any input; parameters from the command line are bound.
    func begin(_ context: CmdletContext) throws
    /// Called once per pipeline input object (once with no input when the command starts a pipeline).
    func process(_ context: CmdletContext) throws
    /// Called once after the last input.
    func end(_ context: CmdletContext) throws
}

extension Cmdlet {
    public func begin(_ context: CmdletContext) throws {}
    public func process(_ context: CmdletContext) throws {}
    public func end(_ context: CmdletContext) throws {}
}

/// A cmdlet whose per-object work needs nothing but the object, for commands that sit in the middle
/// of long pipelines (ForEach-Object, Where-Object, Measure-Object). When every pipeline object binds
/// to one untyped ValueFromPipeline parameter by a plain store (InputObject), the stage hands each
/// object after the first straight to `process(object:_:)`, borrowed: no binder, no bound-parameter
/// update, no copy into `context.currentInput`. The first object, and every object of a pipeline
/// whose binding needs the full rules, still comes through `process(_:)`, which must do the same work.
public protocol PipelineObjectCmdlet: Cmdlet {
    /// Processes one pipeline object; `context.currentInput` and the pipeline parameter are not
    /// updated for it, so read the object from the argument only.
    func process(object: PSValue, _ context: CmdletContext) throws
}
