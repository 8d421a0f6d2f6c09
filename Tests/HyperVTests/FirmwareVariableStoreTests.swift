import Foundation
import XCTest
import Inventory
import VMM
@testable import HyperV

/// A Generation 2 VM on the QEMU engine keeps its own UEFI NVRAM beside its configuration, made from OVMF's
/// template with Microsoft's keys while Secure Boot is on (each of Hyper-V's templates) and from the empty one when
/// it is off; what the guest wrote to it survives the next start; Remove-VM takes it away.
final class FirmwareVariableStoreTests: XCTestCase {
    func testEachVMKeepsItsOwnStoreOfTheVariantItsSecureBootSettingsNeed() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        // OVMF's files as the ovmf package lays them out, each with bytes that say which it is.
        let ovmf = shell.root + "/ovmf"
        try FileManager.default.createDirectory(atPath: ovmf, withIntermediateDirectories: true)
        for name in ["OVMF_CODE_4M.fd", "OVMF_CODE_4M.secboot.fd", "OVMF_VARS_4M.fd"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: "\(ovmf)/\(name)", contents: Data(name.utf8)))
        }
        // The store with Microsoft's keys is a real store: each template's is cut from it.
        XCTAssertTrue(FileManager.default.createFile(atPath: "\(ovmf)/OVMF_VARS_4M.ms.fd", contents: FakeOVMFStore.microsoftKeys(marker: "OVMF_VARS_4M.ms.fd")))
        // Nothing runs it: the launch request is only built. (The scratch folder may be mounted noexec.)
        let installation = QEMUInstallation(emulator: "/bin/true", seaBIOS: "/nonexistent", ovmfDirectory: ovmf)
        let iso = shell.root + "/setup.iso"
        var image = [UInt8](repeating: 0, count: 18 * 2048)
        image.replaceSubrange((17 * 2048)..<(17 * 2048 + 30), with: [0] + Array("CD001".utf8) + [1] + Array("EL TORITO SPECIFICATION".utf8))
        XCTAssertTrue(FileManager.default.createFile(atPath: iso, contents: Data(image)))
        func run(_ script: String) {
            let result = shell.run(script)
            XCTAssertEqual(result.other, "", script)
        }
        run("""
            New-VM -Name Win -Generation 2 -NoVHD | Out-Null
            Add-VMDvdDrive -VMName Win -Path '\(iso)'
            """)
        let host = HyperVHost(inventory: try Inventory(root: shell.root), info: ServiceFixture.testHost)
        let runtime = VMMRuntime(root: shell.root, qemuInstallation: installation)
        func firmware() throws -> (code: String, variables: String, secureBoot: Bool) {
            let vm = try XCTUnwrap(try host.resolveVMs(named: ["Win"]).vms.first)
            guard case .uefi(let code, let variables, let secureBoot)? = try runtime.launchRequest(for: vm).qemu?.firmware else {
                XCTFail("not a UEFI VM on QEMU")
                return ("", "", false)
            }
            return (code, variables, secureBoot)
        }
        func contents(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        let vm = try XCTUnwrap(try host.resolveVMs(named: ["Win"]).vms.first)
        let id = vm.idUpper
        // Beside the configuration: the VM's Path (Hyper-V's C:\ProgramData\Microsoft\Windows\Hyper-V), folder
        // Virtual Machines, where Hyper-V keeps the VM's .vmcx and its guest state (.vmgs).
        let folder = vm.path + "/Virtual Machines"
        XCTAssertTrue(vm.path.hasSuffix("/Hyper-V"), vm.path)

        // Hyper-V's default: Secure Boot with the MicrosoftWindows template, OVMF's Secure Boot build (SMM) and keys.
        var current = try firmware()
        XCTAssertEqual(current.code, ovmf + "/OVMF_CODE_4M.secboot.fd")
        XCTAssertTrue(current.secureBoot)
        XCTAssertEqual(current.variables, "\(folder)/\(id)-SecureBoot-MicrosoftWindows.fd")
        XCTAssertTrue(contents(current.variables).contains("OVMF_VARS_4M.ms.fd"))
        XCTAssertTrue(contents(current.variables).contains(SecureBootTemplateKeys.windowsProductionPCA))
        XCTAssertFalse(contents(current.variables).contains(SecureBootTemplateKeys.uefiCertificateAuthority), "MicrosoftWindows trusts Windows' authority only")
        // What the guest writes (boot entries) is there at the next start, not replaced by the template.
        try Data("guest's boot entries".utf8).write(to: URL(fileURLWithPath: current.variables))
        XCTAssertEqual(contents(try firmware().variables), "guest's boot entries")

        // Another template: a fresh store of that kind, the old one gone.
        run("Set-VMFirmware -VMName Win -SecureBootTemplate MicrosoftUEFICertificateAuthority")
        current = try firmware()
        XCTAssertEqual(current.variables, "\(folder)/\(id)-SecureBoot-MicrosoftUEFICertificateAuthority.fd")
        XCTAssertTrue(contents(current.variables).contains("OVMF_VARS_4M.ms.fd"))
        XCTAssertTrue(contents(current.variables).contains(SecureBootTemplateKeys.uefiCertificateAuthority))
        XCTAssertFalse(contents(current.variables).contains(SecureBootTemplateKeys.windowsProductionPCA), "the UEFI CA template trusts the third-party authority only")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(folder)/\(id)-SecureBoot-MicrosoftWindows.fd"))

        // Secure Boot off: the plain build and a store without keys.
        run("Set-VMFirmware -VMName Win -EnableSecureBoot Off")
        current = try firmware()
        XCTAssertEqual(current.code, ovmf + "/OVMF_CODE_4M.fd")
        XCTAssertFalse(current.secureBoot)
        XCTAssertEqual(current.variables, "\(folder)/\(id)-NoSecureBoot.fd")
        XCTAssertEqual(contents(current.variables), "OVMF_VARS_4M.fd")

        // Remove-VM: the store goes with the configuration.
        run("Remove-VM -Name Win -Force")
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(id) }
        XCTAssertEqual(left, [])
    }
}
