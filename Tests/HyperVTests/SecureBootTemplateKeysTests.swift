import Foundation
import XCTest
@testable import HyperV

/// The variable-store rewrite behind the Secure Boot templates, on a store built here in OVMF's layout (a firmware
/// volume, an authenticated variable store, variables with 60-byte headers): db keeps only the template's
/// authority, every other live variable survives byte for byte, deleted copies and the dropped authority leave
/// no trace, and the result reads back. (The stores made from Debian's real OVMF file are read back by
/// RealGuestTests, which boot OVMF on them.)
final class SecureBootTemplateKeysTests: XCTestCase {
    let windows = SecureBootTemplateKeys.windowsProductionPCA, uefiCA = SecureBootTemplateKeys.uefiCertificateAuthority
    let globalVariable = FakeOVMFStore.globalVariable
    func signatureList(_ subject: String) -> [UInt8] { FakeOVMFStore.signatureList(subject) }
    func variable(_ name: String, _ vendor: [UInt8], _ data: [UInt8], state: UInt8 = 0x3F) -> [UInt8] {
        FakeOVMFStore.variable(name, vendor, data, state: state)
    }
    func store(_ variables: [[UInt8]]) -> Data { FakeOVMFStore.store(variables) }
    func le32(_ value: Int) -> [UInt8] { FakeOVMFStore.le32(value) }

    func testEachTemplateKeepsOnlyItsAuthorityInDbAndEverythingElseAsItWas() throws {
        let db = SecureBootTemplateKeys.imageSecurityDatabase
        let original = store([
            variable("db", db, signatureList("stale copy"), state: 0x3C),
            variable("KEK", globalVariable, signatureList("Microsoft Corporation KEK CA 2011")),
            variable("BootOrder", globalVariable, [0, 0], state: 0x3E),
            variable("db", db, signatureList("old copy"), state: 0x3C),
            variable("db", db, signatureList(windows) + signatureList(uefiCA)),
            variable("BootOrder", globalVariable, [1, 0]),
        ])
        for (template, kept, dropped) in [("MicrosoftWindows", windows, uefiCA), ("MicrosoftUEFICertificateAuthority", uefiCA, windows),
                                          ("OpenSourceShieldedVM", uefiCA, windows)] {
            let made = try SecureBootTemplateKeys.store(for: template, from: original)
            XCTAssertEqual(made.count, original.count, template)
            XCTAssertNotNil(made.range(of: Data(kept.utf8)), "\(template) lost \(kept)")
            XCTAssertNil(made.range(of: Data(dropped.utf8)), "\(template) still holds \(dropped)")
            XCTAssertNil(made.range(of: Data("old copy".utf8)), "\(template) kept a deleted copy of db")
            XCTAssertNil(made.range(of: Data("stale copy".utf8)), "\(template) kept a deleted copy of db")
            XCTAssertEqual(made.suffix(65536 - 72 - 60000), original.suffix(65536 - 72 - 60000), "the area after the store changed")
            XCTAssertEqual(made.prefix(72 + 28), original.prefix(72 + 28), "the volume and store headers changed")
            let image = try UEFIVariableStoreImage(made)
            XCTAssertEqual(image.variables.map(\.name), ["KEK", "db", "BootOrder"], "one live copy of each, in order")
            XCTAssertEqual(image.variable("db", vendor: db)?.data, signatureList(kept))
            XCTAssertEqual(image.variable("BootOrder", vendor: globalVariable)?.data, [1, 0], "the replaced BootOrder's new copy")
            XCTAssertEqual(image.variable("KEK", vendor: globalVariable)?.data, signatureList("Microsoft Corporation KEK CA 2011"))
        }
    }

    func testAStoreWithoutTheAuthorityOrNotAStoreAtAllIsRefusedByName() {
        let db = SecureBootTemplateKeys.imageSecurityDatabase
        let onlyWindows = store([variable("db", db, signatureList(windows))])
        XCTAssertThrowsError(try SecureBootTemplateKeys.store(for: "MicrosoftUEFICertificateAuthority", from: onlyWindows)) {
            XCTAssertEqual("\($0)", "its db lacks \(self.uefiCA)")
        }
        XCTAssertThrowsError(try SecureBootTemplateKeys.store(for: "MicrosoftWindows", from: store([]))) {
            XCTAssertEqual("\($0)", "the store enrols no signature database (db)")
        }
        XCTAssertThrowsError(try SecureBootTemplateKeys.store(for: "MicrosoftWindows", from: Data(count: 4096))) {
            XCTAssertEqual("\($0)", "not a UEFI firmware volume (no _FVH signature)")
        }
        var truncated = Array(onlyWindows)
        truncated.replaceSubrange((72 + 28 + 40)..<(72 + 28 + 44), with: le32(1 << 20))
        XCTAssertThrowsError(try UEFIVariableStoreImage(Data(truncated))) {
            XCTAssertEqual("\($0)", "a variable runs past the end of the store")
        }
        XCTAssertNil(SecureBootTemplateKeys.authorities(of: "MicrosoftWindowsX"))
    }
}
