import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ShellSession {
    /// The existing file system items a path names, each wildcard component (`*.txt`, `[ab]?`) matched
    /// against its folder's entries in name order; a path without wildcards (or `literal`) names at most
    /// itself. A dangling symbolic link exists here, as it does for PowerShell's provider.
    public func expandWildcardPath(_ path: String, literal: Bool = false) throws(DriveNotFound) -> [ProviderPath] {
        let located = try locate(path)
        let fm = FileManager.default
        if literal || !located.components.contains(where: { WildcardPattern.containsWildcard($0) }) {
            return Self.exists(located.real) ? [located] : []
        }
        var results: [[String]] = [[]]
        for comp in located.components {
            var next: [[String]] = []
            for base in results {
                let dir = located.drive.realPath(base)
                if WildcardPattern.containsWildcard(comp) {
                    let pat = WildcardPattern(comp)
                    let names = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
                    for n in names.sorted() where pat.matches(n) { next.append(base + [n]) }
                } else if fm.fileExists(atPath: located.drive.realPath(base + [comp])) {
                    next.append(base + [comp])
                }
            }
            results = next
        }
        return results.map { ProviderPath(drive: located.drive, components: $0) }
    }

    private static func exists(_ real: String) -> Bool {
        var st = stat()
        return lstat(real, &st) == 0
    }
}
