// PowerShell 7's views for files and directories on Unix (its FileSystem format data): the
// `childrenWithUnixStat` table, the `children` list and wide views, all grouped under a
// `    Directory: /path` line per parent directory.

import PSRuntime

enum FileSystemViews {
    static let typeNames = ["System.IO.DirectoryInfo", "System.IO.FileInfo"]
    static let fileOnly = ["System.IO.FileInfo"]

    /// `Directory:` header of each group; the label is only used when a view has no header of its own.
    private static func grouped(_ view: FormatView) -> FormatView {
        var v = view
        v.groupBy = (label: "Directory", value: .computed(FileItems.parentDirectory))
        v.groupHeader = { "    Directory: " + $0 }
        return v
    }

    static var all: [FormatView] {
        var table = grouped(FormatView(name: "childrenWithUnixStat", typeNames: typeNames, table: [
            TableColumn("UnixMode", width: 10, alignment: .left),
            TableColumn("User", width: 10, alignment: .right),
            TableColumn("Group", width: 10, alignment: .left),
            // `'{0:d} {0:HH}:{0:mm}' -f $_.LastWriteTime`, as wide as the longest such date (12/31/9999 23:59).
            TableColumn("LastWriteTime", width: 16, alignment: .right, value: .computed { v in
                guard case .dateTime(let d)? = PropertyAccess.value(v, "LastWriteTime")?.unwrapped else { return .null }
                return .string(DateFormatting.format(DateParts(d), "M/d/yyyy HH:mm"))
            }),
            TableColumn("Size", width: 12, alignment: .right),
            TableColumn("Name", alignment: .left, value: .computed(FileItems.nameString)),
        ]))
        table.wrapRows = true
        // The two tables -View picks by name: Windows' Mode/LastWriteTime/Length/Name layout, with the
        // hard-link flag in Mode or without it.
        func modeTable(_ name: String, mode: String) -> FormatView {
            var t = grouped(FormatView(name: name, typeNames: typeNames, table: [
                TableColumn("Mode", width: 7, alignment: .left, value: .property(mode)),
                TableColumn("LastWriteTime", width: 26, alignment: .right, value: .computed { v in
                    guard let d = PropertyAccess.value(v, "LastWriteTime"), !d.isNull else { return .null }
                    return .string((try? PSFormat.format("{0,10:d} {0,8:t}", [d])) ?? "")
                }),
                TableColumn("Length", width: 14, alignment: .right, value: .computed { v in
                    PropertyAccess.value(v, "Length").map { .string(PSConvert.toString($0)) } ?? .string("")
                }),
                TableColumn("Name", alignment: .left, value: .computed(FileItems.nameString)),
            ]))
            t.wrapRows = true
            return t
        }
        let list = grouped(FormatView(name: "children", typeNames: typeNames, list: [
            ListItem("Name"),
            ListItem("Length", onlyForTypes: fileOnly),
            ListItem("CreationTime"),
            ListItem("LastWriteTime"),
            ListItem("LastAccessTime"),
            ListItem("Mode"),
            ListItem("LinkType"),
            ListItem("Target"),
            ListItem("VersionInfo", onlyForTypes: fileOnly),
        ]))
        let wide = grouped(FormatView(name: "children", typeNames: typeNames, wide: .computed { v in
            let name = PSConvert.toString(PropertyAccess.value(v, "Name") ?? .null)
            return .string(v.typeNames.first == "System.IO.DirectoryInfo" ? "[\(name)]" : name)
        }))
        return [table, modeTable("children", mode: "ModeWithoutHardLink"), modeTable("childrenWithHardlink", mode: "Mode"), list, wide]
    }
}
