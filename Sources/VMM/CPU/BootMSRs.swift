/// Model-specific registers the boot vCPU starts with, and the set a snapshot saves.
enum BootMSRs {
    static let sysenterCS: UInt32 = 0x174
    static let sysenterESP: UInt32 = 0x175
    static let sysenterEIP: UInt32 = 0x176
    static let star: UInt32 = 0xC000_0081
    static let lstar: UInt32 = 0xC000_0082
    static let cstar: UInt32 = 0xC000_0083
    static let syscallMask: UInt32 = 0xC000_0084
    static let kernelGSBase: UInt32 = 0xC000_0102
    static let tscAux: UInt32 = 0xC000_0103
    static let tsc: UInt32 = 0x10
    static let miscEnable: UInt32 = 0x1A0
    static let pat: UInt32 = 0x277
    static let mtrrDefaultType: UInt32 = 0x2FF
    static let kvmSystemTime: UInt32 = 0x4B56_4D01
    static let kvmWallClock: UInt32 = 0x4B56_4D00

    /// Zeroed syscall MSRs, fast strings on, write-back memory by default (MTRRs enabled).
    static let initial: [(index: UInt32, value: UInt64)] = [
        (sysenterCS, 0), (sysenterESP, 0), (sysenterEIP, 0),
        (star, 0), (lstar, 0), (cstar, 0), (syscallMask, 0), (kernelGSBase, 0),
        (tsc, 0), (miscEnable, 1), (mtrrDefaultType, (1 << 11) | 6),
    ]

    /// What a snapshot records for each vCPU (those KVM refuses on a host are skipped).
    static let saved: [UInt32] = [sysenterCS, sysenterESP, sysenterEIP, star, lstar, cstar, syscallMask, kernelGSBase,
                                  tscAux, tsc, miscEnable, pat, mtrrDefaultType, kvmSystemTime, kvmWallClock]
}
