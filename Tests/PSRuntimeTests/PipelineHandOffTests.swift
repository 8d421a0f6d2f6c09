import XCTest
@testable import PSRuntime

/// Records which entry each pipeline object came through: the binder's (`process(_:)`) or the
/// direct one (`process(object:_:)`), and writes `entry:object`.
final class TestRecordObjectsCmdlet: PipelineObjectCmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let declaration = CmdletDeclaration("Trace-Object", parameters: [inputObject], synopsis: "Test cmdlet.")
    init() {}

    func process(_ context: CmdletContext) throws {
        guard let object = context.inputObject() else { return }
        try context.writeObject(.string("bound:" + PSConvert.toString(object)))
    }

    func process(object: PSValue, _ context: CmdletContext) throws {
        try context.writeObject(.string("direct:" + PSConvert.toString(object)))
    }
}

/// The same entries, but the pipeline parameter is typed: every object needs the binder's conversion.
final class TestTypedObjectsCmdlet: PipelineObjectCmdlet {
    static let count = Parameter<Int32>("Count", valueFromPipeline: true)
    static let declaration = CmdletDeclaration("Trace-Count", parameters: [count], synopsis: "Test cmdlet.")
    init() {}

    func process(_ context: CmdletContext) throws {
        try context.writeObject(.string("bound:\(context[Self.count].map(String.init) ?? "none")"))
    }

    func process(object: PSValue, _ context: CmdletContext) throws {
        try context.writeObject(.string("direct:" + PSConvert.toString(object)))
    }
}

final class PipelineHandOffTests: XCTestCase {
    private func run(_ script: String) -> (output: String, errors: String) {
        let r = runScript(script) { s in
            s.importModule(PSModule(name: "Test", cmdlets: [TestRecordObjectsCmdlet.self, TestTypedObjectsCmdlet.self]))
        }
        return (r.output, r.errors)
    }

    func testObjectsAfterTheFirstSkipTheBinderWhenTheyBindByAPlainStore() {
        XCTAssertEqual(run("1..3 | Trace-Object").output, "bound:1\ndirect:2\ndirect:3\n")
        XCTAssertEqual(run("'a', 2, $null | Trace-Object").output, "bound:a\ndirect:2\ndirect:\n")
    }

    func testTypedPipelineParametersAlwaysGoThroughTheBinder() {
        XCTAssertEqual(run("'1', 2, '3' | Trace-Count").output, "bound:1\nbound:2\nbound:3\n")
        XCTAssertTrue(run("1, 'x' | Trace-Count").errors.contains("Cannot convert"), run("1, 'x' | Trace-Count").errors)
    }

    func testACommandLineInputObjectIsProcessedOnceThroughTheBinder() {
        XCTAssertEqual(run("Trace-Object -InputObject 5").output, "bound:5\n")
    }
}
