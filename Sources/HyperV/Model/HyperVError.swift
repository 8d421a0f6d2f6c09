import CommandErrors

/// A failure in Hyper-V's shape: the message lines Hyper-V prints, the error id that becomes the
/// first half of FullyQualifiedErrorId (`InvalidState` → `InvalidState,Microsoft.HyperV.PowerShell.
/// Commands.SetVMProcessor`), the category, and the target shown in CategoryInfo.
public struct HyperVError: CommandError, Equatable, Sendable {
    /// PowerShell's categories (the shared error family's).
    public typealias Category = ErrorCategory

    public var message: String
    public var errorId: String
    public var category: Category
    /// The object the error is about, as CategoryInfo shows it (`vm_name` for a name that was
    /// not found); nil for `(:)`.
    public var target: String?
    /// Hyper-V raises VirtualizationException for nearly everything.
    public var exceptionType: String

    public init(_ message: String, errorId: String, category: Category, target: String? = nil,
                exceptionType: String = "Microsoft.HyperV.PowerShell.VirtualizationException") {
        self.message = message
        self.errorId = errorId
        self.category = category
        self.target = target
        self.exceptionType = exceptionType
    }

    public var description: String { message }

    // MARK: The errors Hyper-V's rules produce

    /// `Hyper-V was unable to find a virtual machine with name "X".`
    public static func vmNotFound(_ name: String) -> HyperVError {
        HyperVError("Hyper-V was unable to find a virtual machine with name \"\(name)\".",
                    errorId: "InvalidParameter", category: .invalidArgument, target: name)
    }

    public static func vmNotFound(id: String) -> HyperVError {
        HyperVError("Hyper-V was unable to find a virtual machine with id \"\(id)\".",
                    errorId: "InvalidParameter", category: .invalidArgument, target: id)
    }

    /// Hyper-V's four-line device error: what failed, why, then both again naming the VM.
    public static func deviceModification(device: String, vm: VMConfiguration, summary: String, reason: String,
                                          errorId: String) -> HyperVError {
        let message = """
        Failed to modify device '\(device)'.
        \(summary)
        '\(vm.name)' failed to modify device '\(device)'. (Virtual machine ID \(vm.idUpper))
        \(reason)
        """
        let category: Category = errorId == "InvalidParameter" ? .invalidArgument : .invalidOperation
        return HyperVError(message, errorId: errorId, category: category)
    }

    /// The operation needs another VM state (`InvalidState`).
    public static func invalidState(vm: VMConfiguration, operation: String, reason: String) -> HyperVError {
        HyperVError("""
        \(operation)
        '\(vm.name)' \(lowercasingFirst(operation)) (Virtual machine ID \(vm.idUpper))
        \(reason)
        """, errorId: "InvalidState", category: .invalidOperation)
    }

    static func lowercasingFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
