import Foundation
@testable import HyperV

/// OVMF's variable-store layout built in a test (a firmware volume, an authenticated variable store, variables
/// with 60-byte headers), with signature lists whose "certificates" carry only a subject.
enum FakeOVMFStore {
    static let globalVariable: [UInt8] = [0x61, 0xDF, 0xE4, 0x8B, 0xCA, 0x93, 0xD2, 0x11, 0xAA, 0x0D, 0x00, 0xE0, 0x98, 0x03, 0x2B, 0x8C]

    /// An X.509 signature list whose "certificate" carries `subject` (all the rewrite looks at).
    static func signatureList(_ subject: String) -> [UInt8] {
        let certificate = Array("0\u{1}fake DER CN=\(subject) end".utf8)
        let entry = [UInt8](repeating: 0x77, count: 16) + certificate
        let type: [UInt8] = [0xA1, 0x59, 0xC0, 0xA5, 0xE4, 0x94, 0xA7, 0x4A, 0x87, 0xB5, 0xAB, 0x15, 0x5C, 0x2B, 0xF0, 0x72]
        var list: [UInt8] = type
        list += le32(28 + entry.count)
        list += le32(0)
        list += le32(entry.count)
        return list + entry
    }

    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    static func variable(_ name: String, _ vendor: [UInt8], _ data: [UInt8], state: UInt8 = 0x3F) -> [UInt8] {
        let nameBytes: [UInt8] = name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0, 0]
        var header: [UInt8] = [0xAA, 0x55, state, 0]
        header += le32(0x27)
        header += [UInt8](repeating: 0, count: 8 + 16 + 4)
        header += le32(nameBytes.count)
        header += le32(data.count)
        header += vendor
        var bytes: [UInt8] = header + nameBytes + data
        while bytes.count % 4 != 0 { bytes.append(0xFF) }
        return bytes
    }

    /// A 64 KiB volume: header (72 bytes), store header, the variables, free space, and a trailing area that
    /// stands for the fault-tolerant-write blocks.
    static func store(_ variables: [[UInt8]]) -> Data {
        var bytes = [UInt8](repeating: 0, count: 72)
        bytes.replaceSubrange(32..<40, with: le32(65536) + le32(0))
        bytes.replaceSubrange(40..<44, with: Array("_FVH".utf8))
        bytes.replaceSubrange(48..<50, with: [72, 0])
        let storeSize = 60000
        bytes += [UInt8](repeating: 0xAB, count: 16) + le32(storeSize) + [0x5A, 0xFE, 0, 0] + le32(0)
        for variable in variables { bytes += variable }
        bytes += [UInt8](repeating: 0xFF, count: 72 + storeSize - bytes.count)
        bytes += [UInt8](repeating: 0x5C, count: 65536 - bytes.count)
        return Data(bytes)
    }

    /// A store like Debian's OVMF_VARS_4M.ms.fd: Microsoft's KEK, both 2011 authorities in db, and a `Marker`
    /// variable holding `marker`.
    static func microsoftKeys(marker: String) -> Data {
        store([variable("KEK", globalVariable, signatureList("Microsoft Corporation KEK CA 2011")),
               variable("db", SecureBootTemplateKeys.imageSecurityDatabase,
                        signatureList(SecureBootTemplateKeys.windowsProductionPCA) + signatureList(SecureBootTemplateKeys.uefiCertificateAuthority)),
               variable("Marker", globalVariable, Array(marker.utf8))])
    }
}
