import Foundation
import XCTest

/// The modules' errors as a script sees them through the real `hvsh -File`: Hyper-V's failures
/// are qualified with the cmdlet's .NET class, the networking cmdlets' (CIM cmdlets on Windows)
/// with the command name, and carry a CimException.
final class ModuleErrorTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    private func run(_ text: String, sandbox: Bool = false) throws -> HvshProcess.Result {
        try HvshProcess.run((sandbox ? ["-Sandbox"] : []) + ["-NoProfile", "-File", home.write("main.ps1", text)],
                            home: home.path, environment: ["COLUMNS": "120"])
    }

    func testHyperVErrorsCarryTheCmdletClass() throws {
        let result = try run("""
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
        let result = try run("""
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
