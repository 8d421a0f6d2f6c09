import XCTest
@testable import PSRuntime

/// A module's state, reached by its cmdlets through the session (see SessionServices).
private final class CounterService {
    var calls = 0
}

private struct LabError: CommandError {
    var message: String
    var errorId = "LabBroken"
    var category = ErrorCategory.resourceUnavailable
    var target: String? = "lab1"
    var exceptionType = "Contoso.LabException"
}

private struct LabErrors: CommandErrorList {
    var commandErrors: [any CommandError]
}

private final class UseCounterCommand: Cmdlet {
    static let fail = Parameter<String>("Fail", validate: [.set(["None", "One", "Two", "Other"])])
    static let declaration = CmdletDeclaration("Use-Counter", parameters: [fail], synopsis: "Counts its calls.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let counter = try context.service(CounterService.self)
        counter.calls += 1
        try context.reporting {
            switch context[Self.fail] {
            case "One": throw LabError(message: "The lab is broken.")
            case "Two": throw LabErrors(commandErrors: [LabError(message: "first"), LabError(message: "second", target: nil)])
            case "Other": throw CancellationError()
            default: break
            }
        }
        try context.writeObject(.int(Int32(counter.calls)))
    }
}

private func labModule() -> PSModule {
    PSModule(name: "Lab", cmdlets: [UseCounterCommand.self],
             onImport: { session in session.services.provide(CounterService.self) { CounterService() } },
             commandClassName: { "Contoso.Lab.Commands." + $0.replacingOccurrences(of: "-", with: "") })
}

final class SessionServicesTests: XCTestCase {
    func testAServiceIsMadeOncePerSessionAndNeverShared() throws {
        let first = ShellSession(host: BufferHost())
        first.importModule(labModule())
        let second = ShellSession(host: BufferHost())
        second.importModule(labModule())
        XCTAssertEqual(try first.invoke("Use-Counter; Use-Counter; Use-Counter").map { PSConvert.toString($0) }, ["1", "2", "3"])
        XCTAssertEqual(try second.invoke("Use-Counter").map { PSConvert.toString($0) }, ["1"])
        XCTAssertFalse(try first.services.service(CounterService.self) === second.services.service(CounterService.self))
    }

    func testACmdletWhoseModuleProvidesNoServiceGetsAnErrorRecord() throws {
        let host = BufferHost()
        let session = ShellSession(host: host)
        session.registry.register(UseCounterCommand.self, module: "Lab")
        let code = session.runScript("""
            try { Use-Counter } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.Exception.GetType().FullName }
            """)
        XCTAssertEqual(code, 0)
        XCTAssertEqual(host.output, "ServiceNotProvided,Use-Counter\nNotInstalled\nSystem.InvalidOperationException\n")
    }

    /// One mapping: message, id qualified with the module's class name, category, target, exception type;
    /// the pipeline goes on after each (non-terminating).
    func testReportingWritesCommandErrorsAsNonTerminatingRecords() throws {
        let host = BufferHost()
        let session = ShellSession(host: host)
        session.importModule(labModule())
        _ = session.runScript("""
            Use-Counter -Fail One
            $e = $Error[0]
            $e.Exception.Message; $e.FullyQualifiedErrorId; "$($e.CategoryInfo.Category)"; $e.TargetObject; $e.Exception.GetType().FullName
            Use-Counter -Fail Two
            $Error[1].Exception.Message + '|' + $Error[0].Exception.Message + '|' + ($null -eq $Error[0].TargetObject)
            """)
        XCTAssertEqual(host.output, """
            1
            The lab is broken.
            LabBroken,Contoso.Lab.Commands.UseCounter
            ResourceUnavailable
            lab1
            Contoso.LabException
            2
            first|second|True

            """)
    }

    func testReportingLetsOtherErrorsThrough() throws {
        let host = BufferHost()
        let session = ShellSession(host: host)
        session.importModule(labModule())
        XCTAssertThrowsError(try session.invoke("Use-Counter -Fail Other")) { error in
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
    }
}
