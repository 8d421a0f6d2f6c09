/// Why a text is not JSON, worded as Json.NET words it (the reader behind PowerShell's
/// ConvertFrom-Json), with the byte offset where reading stopped.
public struct JSONReadError: Error, CustomStringConvertible, Sendable {
    /// Where an error is inside the document: an array element or an object member.
    enum PathStep: Sendable { case index(Int), key(String) }

    /// Nesting deeper than allowed: the message names the path, which is filled in on the way out.
    struct DepthExceeded: Sendable {
        var maxDepth: Int
        var path: [PathStep]
        var line: Int
        var position: Int
    }

    private let text: String
    public let offset: Int
    var depthExceeded: DepthExceeded?

    init(message: String, offset: Int, depthExceeded: DepthExceeded? = nil) {
        self.text = message
        self.offset = offset
        self.depthExceeded = depthExceeded
    }

    public var message: String {
        guard let depth = depthExceeded else { return text }
        let path = depth.path.enumerated().map { index, step in
            switch step {
            case .index(let number): "[\(number)]"
            case .key(let key): index == 0 ? key : "." + key
            }
        }.joined()
        return "The reader's MaxDepth of \(depth.maxDepth) has been exceeded. Path '\(path)', line \(depth.line), position \(depth.position)."
    }

    public var description: String { message }

    /// The error as seen from the container that holds the failing value at `step`.
    func within(_ step: PathStep) -> JSONReadError {
        guard var depth = depthExceeded else { return self }
        depth.path.insert(step, at: 0)
        var copy = self
        copy.depthExceeded = depth
        return copy
    }
}
