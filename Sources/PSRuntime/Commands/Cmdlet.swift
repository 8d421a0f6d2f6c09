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
