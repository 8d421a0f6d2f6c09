import Foundation
import PackagePlugin

/// Builds hvsh's guest images (firmware/*.c, with the system C compiler) into a Swift source of byte arrays
/// for the VMM target, so `swift build` alone produces them and no binary is committed.
@main
struct FirmwareBuilder: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let source = context.package.directoryURL.appending(path: "firmware")
        let work = context.pluginWorkDirectoryURL.appending(path: "images")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltInImageBytes.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: source, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where !url.hasDirectoryPath { inputs.append(url) }
        }
        return [.buildCommand(displayName: "Building hvsh guest firmware",
                              executable: URL(fileURLWithPath: "/bin/sh"),
                              arguments: [source.appending(path: "build.sh").path, source.path, work.path, output.path],
                              inputFiles: inputs,
                              outputFiles: [output])]
    }
}
