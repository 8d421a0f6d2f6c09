import Foundation
import PSRuntime

extension CmdletContext {
    /// The session's HostNetwork, after recreating (once) what the kernel lost. What was recreated
    /// is reported on the verbose stream and what could not be on the warning stream.
    func hostNetwork() throws -> HostNetwork {
        let network = try service(HostNetwork.self)
        if let report = KernelReconcile.once(network) {
            for line in report.recreated { try writeVerbose("Recreated \(line).") }
            for line in report.failures { try writeWarning("Could not recreate \(line)") }
        }
        return network
    }

    /// A string property of the pipeline objects bound to `parameter` (`Name` of a VMSwitch or NetNat...).
    func propertyStrings(_ parameter: Parameter<[PSValue]>, property: String) -> [String] {
        (self[parameter] ?? []).compactMap { value in
            guard let object = value.asObject, let property = try? object.property(property) else { return nil }
            return PSConvert.toString(property)
        }
    }
}
