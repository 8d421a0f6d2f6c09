// -Filter, -Include and -Exclude of the item cmdlets, with PowerShell's meaning: each is a wildcard on
// an item's leaf name; -Include keeps only names matching one of its patterns, -Exclude drops names
// matching any of its patterns, -Filter is the provider's own pattern (it narrows what is listed).

import Foundation
import PSRuntime

struct ItemFilters {
    var filter: WildcardPattern?
    var include: [WildcardPattern]
    var exclude: [WildcardPattern]

    init(filter: String?, include: [String]?, exclude: [String]?) {
        self.filter = filter.flatMap { $0.isEmpty ? nil : WildcardPattern($0) }
        self.include = (include ?? []).map { WildcardPattern($0) }
        self.exclude = (exclude ?? []).map { WildcardPattern($0) }
    }

    var isEmpty: Bool { filter == nil && include.isEmpty && exclude.isEmpty }
    var hasIncludeOrExclude: Bool { !include.isEmpty || !exclude.isEmpty }

    /// Include and Exclude only (the cmdlet layer's test).
    func includes(_ name: String) -> Bool {
        (include.isEmpty || include.contains { $0.matches(name) }) && !exclude.contains { $0.matches(name) }
    }

    func passesFilter(_ name: String) -> Bool { filter?.matches(name) ?? true }

    /// All three.
    func matches(_ name: String) -> Bool { passesFilter(name) && includes(name) }

    static func leaf(_ path: String) -> String { path == "/" ? "/" : (path as NSString).lastPathComponent }
}

extension FileItems {
    /// Resolved paths narrowed as PowerShell's globber narrows a wildcard expansion: items a path
    /// named with wildcards are kept only when their names pass the filters (a path without
    /// wildcards names its item whatever the filters say).
    static func paths(_ context: CmdletContext, path: Parameter<[String]>, literalPath: Parameter<[String]> = ItemParameters.literalPath,
                      filters: ItemFilters) throws -> [String] {
        guard !filters.isEmpty, context[literalPath] == nil else { return try paths(context, path: path, literalPath: literalPath) }
        var out: [String] = []
        for p in context[path] ?? ["."] {
            do {
                let hits = try FileSystemPaths.expand(p, session: context.session)
                if hits.isEmpty {
                    if WildcardPattern.containsWildcard(p) { continue }
                    try notFound(try context.session.locate(p).display, context: context)
                }
                out += WildcardPattern.containsWildcard(p) ? hits.filter { filters.matches(ItemFilters.leaf($0)) } : hits
            } catch let missing as DriveNotFound {
                try context.writeError(missing.record(for: context))
            }
        }
        return out
    }

    /// The names in a directory, subdirectories first (each sorted by name, ignoring case) as the
    /// provider lists them.
    static func children(of dir: String, hidden: Bool = true) -> (dirs: [String], files: [String]) {
        var dirs: [String] = [], files: [String] = []
        for n in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            if !hidden && n.hasPrefix(".") { continue }
            let full = dir == "/" ? "/" + n : dir + "/" + n
            let stat = UnixFileStat(path: full)
            if stat?.isDirectory == true && stat?.isSymbolicLink != true { dirs.append(n) } else { files.append(n) }
        }
        func byName(_ names: [String]) -> [String] {
            names.map { ($0.lowercased(), $0) }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
        }
        return (byName(dirs), byName(files))
    }
}
