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

    /// What the cmdlets that make one named thing (New-VMSwitch, New-NetNat, Add-NetNatStaticMapping)
    /// share: ShouldProcess on `target`, then `make` on the session's network, its failure reported
    /// and the object it returns written.
    func createConfirmed(_ target: String, _ make: (HostNetwork) throws -> PSObject) throws {
        let network = try hostNetwork()
        guard try shouldProcess(target: target) else { return }
        try reporting { try writeObject(.object(make(network))) }
    }

    /// A string property of the pipeline objects bound to `parameter` (`Name` of a VMSwitch or NetNat...).
    func propertyStrings(_ parameter: Parameter<[PSValue]>, property: String) -> [String] {
        (self[parameter] ?? []).compactMap { value in
            guard let object = value.asObject, let property = try? object.property(property) else { return nil }
            return PSConvert.toString(property)
        }
    }
}
