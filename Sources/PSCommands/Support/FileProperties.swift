// The settable properties of FileInfo and DirectoryInfo on Unix, as .NET changes them: IsReadOnly and
// the ReadOnly attribute clear every write bit (and setting them back gives the owner write), times
// are the file's access and modification times, other attributes cannot be stored on Linux.

import Foundation
import LinuxSystem
import PSRuntime

enum FileProperties {
    /// Sets one property; returns the value stored (for -PassThru), or nil after reporting an error.
    static func set(_ name: String, _ value: PSValue, at path: String, context: CmdletContext) throws -> PSValue? {
        func fail(_ message: String, _ errorId: String, _ category: ErrorCategory = .invalidArgument,
                  _ type: String = "System.Management.Automation.SetValueInvocationException") throws -> PSValue? {
            try context.writeError(ErrorRecord(message: message, errorId: context.qualifiedErrorId(errorId), category: category,
                                               target: .string(name), exceptionType: type))
            return nil
        }
        guard let item = FileItems.item(path)?.asObject else { return nil }
        guard let member = item.members.first(where: { $0.name.lowercased() == name.lowercased() && $0.isProperty }) else {
            return try fail("The property \(name) does not exist or was not found.", "SetPropertyError", .readError, "System.IO.IOException")
        }
        let isDirectory = UnixFileStat(path: path, followingLinks: true)?.isDirectory ?? false
        switch member.name {
        case "IsReadOnly":
            let readOnly = PSConvert.toBool(value)
            return try setReadOnly(readOnly, path, context) ? .bool(readOnly) : nil
        case "Attributes":
            let text = PSConvert.toString(value)
            let flags = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let known = ["readonly", "hidden", "normal", "archive", "system", "directory"]
            if let bad = flags.first(where: { !known.contains($0) }) {
                return try fail("Cannot convert value \"\(bad)\" to type \"System.IO.FileAttributes\". Error: \"Unable to match the identifier name \(bad) to a valid enumerator name. Specify one of the following enumerator names and try again:\nReadOnly, Hidden, System, Directory, Archive, Device, Normal, Temporary, SparseFile, ReparsePoint, Compressed, Offline, NotContentIndexed, Encrypted, IntegrityStream, NoScrubData\"",
                                "SetPropertyError")
            }
            if flags.contains("directory") && !isDirectory {
                return try fail("Invalid File or Directory attributes value. (Parameter 'value')", "SetPropertyError", .invalidArgument, "System.ArgumentException")
            }
            return try setReadOnly(flags.contains("readonly"), path, context) ? .string(text) : nil
        case "LastWriteTime", "LastWriteTimeUtc", "LastAccessTime", "LastAccessTimeUtc", "CreationTime", "CreationTimeUtc":
            let converted: PSValue
            do { converted = try PSConvert.convert(value, to: .dateTime) } catch {
                return try fail("Exception setting \"\(member.name)\": \"\(PSConvert.toString(value)) is not a valid date.\"", "SetPropertyError")
            }
            guard case .dateTime(let when) = converted else { return nil }
            let utc = member.name.hasSuffix("Utc") || when.kind == .utc
            var seconds = Double(when.ticks - PSDateTime.unixEpochTicks) / 10_000_000
            if !utc {
                let guess = Date(timeIntervalSince1970: seconds)
                seconds -= Double(TimeZone.current.secondsFromGMT(for: guess))
            }
            // Linux keeps no creation time: .NET changes the modification time for it, and so does hvsh.
            do { try FileSystem.setTime(path, accessed: member.name.hasPrefix("LastAccess"), secondsSinceEpoch: seconds) } catch {
                return try fail("Access to the path '\(path)' is denied.", "SetPropertyUnauthorizedAccessError", .permissionDenied, "System.UnauthorizedAccessException")
            }
            return converted
        default:
            return try fail("'\(member.name)' is a ReadOnly property.", "SetPropertyError")
        }
    }

    /// .NET's ReadOnly on Unix: set clears all write bits; cleared on a read-only file gives the owner write.
    private static func setReadOnly(_ readOnly: Bool, _ path: String, _ context: CmdletContext) throws -> Bool {
        guard let stat = UnixFileStat(path: path, followingLinks: true) else { return false }
        var mode = stat.mode & 0o7777
        if readOnly { mode &= ~0o222 } else if stat.isReadOnlyForCurrentUser { mode |= 0o200 }
        do { try FileSystem.setPermissions(path, mode_t(mode)) } catch {
            try context.writeError(ErrorRecord(message: "Access to the path '\(path)' is denied.",
                                               errorId: context.qualifiedErrorId("SetPropertyUnauthorizedAccessError"),
                                               category: .permissionDenied, target: .string(path), exceptionType: "System.UnauthorizedAccessException"))
            return false
        }
        return true
    }
}
