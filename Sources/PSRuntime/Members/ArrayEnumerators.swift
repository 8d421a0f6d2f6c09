/// An array's IEnumerator (`@(1,2).GetEnumerator()`, a `PSArray` of kind `.enumerator`): `Current`
/// before the first `MoveNext()` or past the end is .NET's InvalidOperationException.
enum ArrayEnumerators {
    static func current(_ enumerator: PSArray) throws -> PSValue {
        let position = enumerator.enumeratorPosition
        guard position >= 0 else { throw failure("Enumeration has not started. Call MoveNext.") }
        guard position < enumerator.count else { throw failure("Enumeration already finished.") }
        return enumerator.elements[position]
    }

    private static func failure(_ message: String) -> PSRuntimeError {
        PSRuntimeError.message(message, errorId: "InvalidOperationException", category: .notSpecified,
                               exceptionType: "System.InvalidOperationException")
    }
}
