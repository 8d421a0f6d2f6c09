import Foundation
import PSRuntime

/// Confirmation for the networking cmdlets that delete things, as Windows asks it:
/// - Remove-NetNat, Remove-NetNatStaticMapping and Remove-NetIPAddress are CIM cmdlets with
///   ConfirmImpact High, so ShouldProcess asks by default (`-Confirm:$false` skips it), naming the
///   CIM instance as the target and "Delete" as the operation;
/// - Remove-VMSwitch (ConfirmImpact Medium) also asks ShouldContinue unless `-Force`.
/// A session that cannot ask (`-NonInteractive`, or a script whose standard input is at its end)
/// gets an error that says how to go on, instead of the runtime's silent "no": an unattended script
/// must not seem to have removed something it did not.
extension CmdletContext {
    /// ShouldProcess for a removal, or an error when it would have to ask and cannot.
    /// `what` names the object in that error ("the NAT \"NAT-net\"").
    func confirmRemoval(target: String, describing what: String, action: String = "Delete",
                        impact: ConfirmImpact) throws -> Bool {
        guard shouldProcessWouldAsk(impact: impact) else { return try shouldProcess(target: target, action: action) }
        let message = "Are you sure you want to perform this action?\nPerforming the operation \"\(action)\" on target \"\(target)\"."
        guard let answer = ask(caption: "Confirm", message: message) else {
            try writeFailure(cannotAsk(about: what, target: target, skipWith: "-Confirm:$false"))
            return false
        }
        return answer
    }

    /// ShouldContinue unless `forced` (`-Force`) or `-Confirm:$false`; an error when it cannot ask.
    func shouldContinueUnlessForced(_ forced: Bool, query: String, caption: String, target: String,
                                    describing what: String) throws -> Bool {
        if forced { return true }
        if let confirm = self[CommonNetworkingParameters.confirm], !confirm { return true }
        guard let answer = ask(caption: caption, message: query) else {
            try writeFailure(cannotAsk(about: what, target: target, skipWith: "-Force"))
            return false
        }
        return answer
    }

    /// The host's confirmation prompt, telling "no" apart from "nobody can answer" (nil): a
    /// non-interactive host, or standard input at its end (a script run with `< /dev/null`).
    private func ask(caption: String, message: String) -> Bool? {
        guard host.isInteractive else { return nil }
        host.write("\n\(caption)\n\(message)\n", stream: .output)
        let prompt = "[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): "
        while let line = host.readLine(prompt: prompt) {
            switch line.trimmingCharacters(in: .whitespaces).lowercased() {
            case "", "y", "a": return true
            case "n", "l", "s": return false
            default: continue
            }
        }
        return nil
    }

    /// What the runtime's ShouldProcess decides: `-WhatIf` never asks; `-Confirm` (or
    /// `-Confirm:$false`) decides when given; otherwise an impact at or above `$ConfirmPreference`
    /// (High when unset) asks.
    func shouldProcessWouldAsk(impact: ConfirmImpact) -> Bool {
        if let whatIf = self[CommonNetworkingParameters.whatIf] ?? session.variable("WhatIfPreference").map(PSConvert.toBool),
           whatIf { return false }
        if let confirm = self[CommonNetworkingParameters.confirm] { return confirm }
        let preference: ConfirmImpact
        switch session.variable("ConfirmPreference").map({ PSConvert.toString($0).lowercased() }) {
        case "none": return false
        case "low": preference = .low
        case "medium": preference = .medium
        default: preference = .high
        }
        return impact >= preference
    }

    private func cannotAsk(about what: String, target: String, skipWith option: String) -> HostNetworkingError {
        HostNetworkingError("Removing \(what) needs confirmation, and this session cannot ask for it (it is non-interactive or its standard input has ended). Add \(option) to remove it without asking.",
                            category: .invalidOperation, errorId: "ConfirmationNotPossible", target: target)
    }
}
