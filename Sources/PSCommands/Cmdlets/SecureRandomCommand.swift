import PSRuntime

/// Get-SecureRandom (PowerShell 7.4): Get-Random's numbers and picks from the kernel's
/// cryptographic generator (getrandom, through Swift's SystemRandomNumberGenerator), so it has no
/// -SetSeed. The parameters are Get-Random's own keys, so both bind and read alike.
final class GetSecureRandomCommand: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-SecureRandom",
        parameters: [GetRandomCommand.maximum, GetRandomCommand.minimum, GetRandomCommand.inputObject,
                     GetRandomCommand.count, GetRandomCommand.shuffle],
        synopsis: "Gets a cryptographically secure random number or picks random input objects.",
        description: "As Get-Random (a number in [Minimum, Maximum), -Count distinct input objects, or all input shuffled), drawn from the system's cryptographic generator; there is no -SetSeed.")
    private var picker = RandomPicker()

    func begin(_ context: CmdletContext) throws {
        try picker.begin(context, SecureRandomSource())
    }

    func process(_ context: CmdletContext) throws {
        picker.process(context, SecureRandomSource())
    }

    func end(_ context: CmdletContext) throws {
        try picker.end(context, SecureRandomSource())
    }
}

/// The kernel's generator; fresh bytes per draw, nothing to seed or share.
struct SecureRandomSource: RandomBytes {
    func fill(_ buffer: inout [UInt8]) {
        var generator = SystemRandomNumberGenerator()
        var i = 0
        while i < buffer.count {
            var word = generator.next()
            for _ in 0..<8 where i < buffer.count {
                buffer[i] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                i += 1
            }
        }
    }
}
