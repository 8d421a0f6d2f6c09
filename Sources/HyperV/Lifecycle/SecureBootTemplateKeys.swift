import Foundation

/// Hyper-V's Secure Boot templates as the signature database (db) of an OVMF variable store. Debian's
/// `OVMF_VARS_4M.ms.fd` enrols Microsoft's KEK and both of Microsoft's 2011 signing authorities in db; each
/// template keeps only what Hyper-V's template trusts:
/// - `MicrosoftWindows`: the Microsoft Windows Production PCA 2011 (Windows' own boot manager, nothing else);
/// - `MicrosoftUEFICertificateAuthority`: the Microsoft Corporation UEFI CA 2011, the third-party authority that
///   signs shim and so the Linux distributions' loaders;
/// - `OpenSourceShieldedVM`: Hyper-V's template for shielded Linux VMs, whose loaders are also signed through the
///   UEFI CA 2011, so its db is that authority alone (the shielding itself, a guarded fabric and its key
///   protector, has no counterpart here).
/// KEK, PK and dbx stay as the package made them.
enum SecureBootTemplateKeys {
    static let windowsProductionPCA = "Microsoft Windows Production PCA 2011"
    static let uefiCertificateAuthority = "Microsoft Corporation UEFI CA 2011"
    /// EFI_IMAGE_SECURITY_DATABASE_GUID (d719b2cb-3d3a-4596-a3bc-dad00e67656f) as stored, little-endian fields first.
    static let imageSecurityDatabase: [UInt8] = [0xCB, 0xB2, 0x19, 0xD7, 0x3A, 0x3D, 0x96, 0x45,
                                                 0xA3, 0xBC, 0xDA, 0xD0, 0x0E, 0x67, 0x65, 0x6F]

    /// The signing authorities template `name` trusts, or nil for a name Hyper-V does not have.
    static func authorities(of name: String) -> [String]? {
        switch name {
        case "MicrosoftWindows": [windowsProductionPCA]
        case "MicrosoftUEFICertificateAuthority", "OpenSourceShieldedVM": [uefiCertificateAuthority]
        default: nil
        }
    }

    /// `store` (the package's store with both authorities) with db cut down to template `name`'s authorities.
    static func store(for name: String, from store: Data) throws -> Data {
        guard let trusted = authorities(of: name) else { throw UEFIVariableStoreImage.Malformed(description: "no Secure Boot template \(name)") }
        var image = try UEFIVariableStoreImage(store)
        guard let db = image.variable("db", vendor: imageSecurityDatabase) else {
            throw UEFIVariableStoreImage.Malformed(description: "the store enrols no signature database (db)")
        }
        let lists = EFISignatureLists.split(db.data)
        let kept = lists.filter { list in trusted.contains { EFISignatureLists.contains(list, $0) } }
        let found = trusted.filter { authority in kept.contains { EFISignatureLists.contains($0, authority) } }
        guard found.count == trusted.count else {
            throw UEFIVariableStoreImage.Malformed(description: "its db lacks \(trusted.filter { !found.contains($0) }.joined(separator: ", "))")
        }
        try image.setData(of: "db", vendor: imageSecurityDatabase, to: kept.flatMap { $0 })
        return try image.rewritten()
    }
}
