// ErrorCategory and CommandError come from the error family below the runtime; re-exported so every
// user of the runtime (and each module's cmdlets) names them without a second import.
@_exported import CommandErrors

extension CmdletContext {
    /// The one place a module's `CommandError` becomes an ErrorRecord: the error id is qualified with
    /// the class the module names (`InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMProcessor`).
    public func errorRecord(_ error: any CommandError) -> ErrorRecord {
        ErrorRecord(message: error.message, errorId: error.errorId + "," + commandErrorSource, category: error.category,
                    target: error.target.map { .string($0) } ?? .null, exceptionType: error.exceptionType)
    }

    /// Writes a module's failure as a non-terminating error record (or several, for a `CommandErrorList`).
    /// Anything that is neither is thrown on.
    public func writeFailure(_ error: any Error) throws {
        switch error {
        case let error as any CommandError:
            try writeError(errorRecord(error))
        case let list as any CommandErrorList:
            for error in list.commandErrors { try writeError(errorRecord(error)) }
        default:
            throw error
        }
    }

    /// Runs `body`, writing a `CommandError` it throws as a non-terminating error: the cmdlet goes on
    /// with its next item, as Hyper-V's and the networking cmdlets do.
    public func reporting(_ body: () throws -> Void) throws {
        do { try body() } catch { try writeFailure(error) }
    }
}
