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
    private var items: [PSValue] = []

    func process(_ context: CmdletContext) throws {
        if let v = context[GetRandomCommand.inputObject] { items += v }
    }

    func end(_ context: CmdletContext) throws {
        try GetRandomCommand.draw(items, from: SecureRandomSource(), context)
    }
}

/// The kernel's generator; a fresh value per draw, nothing to seed or share.
struct SecureRandomSource: RandomBits {
    func next() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }
}
