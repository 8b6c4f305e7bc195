import Foundation
import PackagePlugin

/// Compiles the package's `templates/` (the default theme, its one source) into the target
/// it is applied to, as the Swift file `BuiltInTheme+Files.swift`. Every file under
/// `templates/` is an input of the command, so editing, adding or removing one rebuilds.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltInTheme+Files.swift")
        // The plugin runs at every build, so a file added or removed changes this list
        // (and so the command); an edited one changes its input's date.
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let file as URL in walker where (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(file)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding the built-in theme (\(inputs.count) files)",
                executable: try context.tool(named: "AssayThemeEmbedder").url,
                arguments: ["theme", templates.path, output.path],
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output])
        ]
    }
}
