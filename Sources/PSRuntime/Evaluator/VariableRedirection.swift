import Foundation

/// `cmd > variable:name` and `>> variable:name`: the redirected objects themselves (not their text)
/// become the variable's value, one object as itself, several as an array, as PowerShell's variable
/// provider stores what is written to it.
final class VariableRedirection {
    private let name: String
    private let scope: Scope
    private var items: [PSValue] = []

    /// The variable a redirection target names (`variable:a`, `Variable:\a`), or nil for a file.
    static func variableName(_ target: String) -> String? {
        guard target.count > 9, target.prefix(9).lowercased() == "variable:" else { return nil }
        var name = target.dropFirst(9)
        while name.first == "/" || name.first == "\\" { name = name.dropFirst() }
        return name.isEmpty ? nil : String(name)
    }

    init(name: String, append: Bool, scope: Scope) {
        self.name = name
        self.scope = scope
        if append, let existing = scope.lookup(name)?.value {
            if case .array(let array) = existing { items = array.elements } else if !existing.isNull { items = [existing] }
        }
        // `>` starts the variable over even when nothing is written.
        store()
    }

    func add(_ value: PSValue) {
        items.append(value)
        store()
    }

    private func store() {
        scope.set(name, items.count == 1 ? items[0] : items.isEmpty ? .null : .array(PSArray(items)))
    }
}
