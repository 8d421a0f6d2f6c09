import Foundation
import PSRuntime

extension CmdletContext {
    /// The session's HostNetwork, after recreating (once) what the kernel lost. What was recreated
    /// is reported on the verbose stream and what could not be on the warning stream.
    func hostNetwork() throws -> HostNetwork {
        let network = try SessionNetworks.network(for: session)
        if let report = SessionNetworks.reconcileOnce(network) {
            for line in report.recreated { try writeVerbose("Recreated \(line).") }
            for line in report.failures { try writeWarning("Could not recreate \(line)") }
        }
        return network
    }

    /// Writes a networking error as a non-terminating error record.
    func report(_ error: HostNetworkingError) throws {
        try writeError(error.message, errorId: error.errorID,
                       category: ErrorCategory(rawValue: error.category.rawValue) ?? .notSpecified,
                       target: error.target.map { .string($0) } ?? .null,
                       exceptionType: "Microsoft.Management.Infrastructure.CimException")
    }

    /// Runs `body`, reporting a networking error as non-terminating and letting the pipeline go on.
    func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as HostNetworkingError {
            try report(error)
        }
    }

    /// A string property of the pipeline objects bound to `parameter` (`Name` of a VMSwitch or NetNat...).
    func propertyStrings(_ parameter: Parameter<[PSValue]>, property: String) -> [String] {
        (self[parameter] ?? []).compactMap { value in
            guard let object = value.asObject, let property = try? object.property(property) else { return nil }
            return PSConvert.toString(property)
        }
    }
}
