import Foundation

/// `[Environment]::GetFolderPath` on Unix, as .NET answers it: the home folder, the XDG folders
/// (`$XDG_CONFIG_HOME`, `$XDG_DATA_HOME`, or their defaults under home), a few fixed system folders,
/// and an empty string for a folder Unix has no counterpart for or that does not exist.
enum SpecialFolders {
    static func path(_ folder: Int64, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = DriveInfoObjects.homeFolder
        func xdg(_ variable: String, _ fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return home + "/" + fallback
        }
        let path: String
        switch folder {
        case 5, 40: path = home                                         // MyDocuments/Personal, UserProfile
        case 26: path = xdg("XDG_CONFIG_HOME", ".config")               // ApplicationData
        case 28: path = xdg("XDG_DATA_HOME", ".local/share")            // LocalApplicationData
        case 35: path = "/usr/share"                                     // CommonApplicationData
        case 45: path = "/usr/share/templates"                           // CommonTemplates
        case 0, 16: path = home + "/Desktop"
        case 21: path = home + "/Templates"
        case 13: path = home + "/Music"
        case 14: path = home + "/Videos"
        case 39: path = home + "/Pictures"
        case 20: path = home + "/.fonts"
        default: return ""
        }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? path : ""
    }
}
