/// System.Collections.ObjectModel.ObservableCollection[T]: hvsh keeps it as a List[T] (a PSArray of
/// kind `.genericList`) marked `isObservable`, so it has a list's members and enumerates as one, and
/// Register-ObjectEvent finds its CollectionChanged and PropertyChanged events.
public enum ObservableCollections {
    static let prefix = "System.Collections.ObjectModel.ObservableCollection`1[["

    /// The runtime's name for ObservableCollection[T].
    public static func typeName(_ element: PSType) -> String { prefix + element.fullName + "]]" }

    /// `New-Object ...ObservableCollection[T]` / `::new()`, optionally filled from a collection.
    static func construct(_ lowercasedName: String, _ args: [PSValue], types: TypeRegistry) throws -> PSValue? {
        guard lowercasedName.hasPrefix(prefix.lowercased()), lowercasedName.hasSuffix("]]") else { return nil }
        let inner = String(lowercasedName.dropFirst(prefix.count).dropLast(2))
        guard let element = types.resolve(inner) else { return nil }
        guard args.count <= 1 else { throw Members.argCount("new", args.count) }
        var items: [PSValue] = []
        if let source = args.first {
            for item in source.arrayElements ?? [source] { items.append(try PSConvert.convert(item, to: element, types: types)) }
        }
        let list = PSArray(items, kind: .genericList(element))
        list.isObservable = true
        return .array(list)
    }
}
