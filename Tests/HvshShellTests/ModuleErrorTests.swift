import Foundation
import XCTest

/// The modules' errors as a script sees them through the real `hvsh -File`: Hyper-V's failures
/// are qualified with the cmdlet's .NET class, the networking cmdlets' (CIM cmdlets on Windows)
/// with the command name, and carry a CimException.
final class ModuleErrorTests: HvshScriptTestCase {
    override var scriptColumns: Int? { 120 }

    func testHyperVErrorsCarryTheCmdletClass() throws {
        let result = try runScript("""
            Get-VM -Name nope -ErrorAction SilentlyContinue
            $Error[0].FullyQualifiedErrorId
            $Error[0].Exception.GetType().FullName
            Get-VHD -Path ./missing.vhdx -ErrorAction SilentlyContinue
            $Error[0].FullyQualifiedErrorId.Split(',')[1]
            """)
        XCTAssertEqual(result.stdout, """
            InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM
            Microsoft.HyperV.PowerShell.VirtualizationException
            Microsoft.Vhd.PowerShell.Cmdlets.GetVHD

            """, result.stderr)
    }

    func testNetworkingErrorsAreCimErrorsOfTheCommand() throws {
        let result = try runScript("""
            Get-NetNat -Name nope -ErrorAction SilentlyContinue
            $Error[0].FullyQualifiedErrorId
            "$($Error[0].CategoryInfo.Category)"
            $Error[0].Exception.GetType().FullName
            """, sandbox: true)
        if result.stderr.contains("namespace") { throw XCTSkip("this machine does not allow new network namespaces: \(result.stderr)") }
        XCTAssertEqual(result.stdout, """
            CmdletizationQuery_NotFound_Name,Get-NetNat
            ObjectNotFound
            Microsoft.Management.Infrastructure.CimException

            """, result.stderr)
    }
}
