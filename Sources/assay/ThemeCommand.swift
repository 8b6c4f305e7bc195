import ArgumentParser
import AssayKit
import Foundation

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Show the theme built into assay and what the site's templates/ overrides; copy it out to edit; list the keys templates can use.",
        subcommands: [ListCommand.self, EjectCommand.self, ContextCommand.self],
        defaultSubcommand: ListCommand.self
    )

    struct ListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Every built-in template and asset, and which the site's templates/ overrides.",
            discussion: "Exit 0, or 1 when the site's templates do not load over the built-in theme."
        )

        @OptionGroup var site: SiteOptions

        func run() throws {
            let inventory = ThemeInventory.scan(root: site.rootURL)
            let width = inventory.entries.map(\.path.count).max() ?? 0
            for entry in inventory.entries {
                let padded = entry.path.padding(toLength: width, withPad: " ", startingAt: 0)
                print("\(padded)  \(Self.describe(entry.status))")
            }
            let overridden = inventory.entries.filter { if case .overridden = $0.status { true } else { false } }.count
            print("\(inventory.entries.count) files: \(overridden) overridden by templates/, \(inventory.entries.filter { $0.status == .builtIn }.count) built in")
            DiagnosticPrinter.print(inventory.diagnostics)
            if inventory.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        }

        static func describe(_ status: ThemeInventory.Status) -> String {
            switch status {
            case .builtIn: "built-in"
            case .overridden(differs: true): "overridden by templates/ (differs from the built-in)"
            case .overridden(differs: false): "overridden by templates/ (same as the built-in)"
            case .siteOnly(used: true): "templates/ only (not in the built-in theme; included by your templates)"
            case .siteOnly(used: false): "templates/ only (not in the built-in theme; unused)"
            }
        }
    }

    struct EjectCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eject",
            abstract: "Copy built-in theme files into templates/ to edit them (all of them when none is named).",
            discussion: """
                Names as `assay theme list` prints them; `page` and `templates/page.mustache` \
                work too. A file templates/ already has is skipped, never overwritten. A name \
                that is not in the theme is an error (exit 2) and nothing is written.
                """
        )

        @OptionGroup var site: SiteOptions

        @Argument(help: "Files to copy, e.g. page.mustache partials/footer.mustache assets/style.css.")
        var files: [String] = []

        func run() throws {
            let outcome: ThemeInventory.EjectOutcome
            do {
                outcome = try ThemeInventory.eject(files, root: site.rootURL)
            } catch let unknown as ThemeInventory.UnknownFile {
                // A usage error, like a mistyped option: exit 2, nothing written.
                FileHandle.standardError.write(Data("error: \(unknown.description)\n".utf8))
                throw ExitCode(2)
            }
            for path in outcome.written { print("created \(path)") }
            for path in outcome.skipped { print("skipped \(path): it exists and is kept as it is") }
        }
    }

    struct ContextCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "context",
            abstract: "Print every key a layout's templates can use, with its type and meaning, as Markdown.",
            discussion: """
                Without a layout: every layout and every object, the text of the Context \
                section of docs/theme.md. With one (page, home, section, claims, sources, \
                methodology, search, 404, partials/nav; `page.mustache` works too): that \
                layout's whole context and the objects in it. An unknown layout is an error \
                (exit 2). The same declarations drive `assay check`'s \
                unknown-template-variable rule.
                """
        )

        @Argument(help: "A layout, e.g. page or claims.")
        var layout: String?

        func run() throws {
            guard let layout else {
                print(TemplateContextSchema.markdown(), terminator: "")
                return
            }
            var name = layout
            if name.hasPrefix("templates/") { name.removeFirst("templates/".count) }
            if name.hasSuffix(".mustache") { name.removeLast(".mustache".count) }
            guard let found = TemplateContextSchema.layout(name) else {
                let names = TemplateContextSchema.layouts.map(\.name)
                let hint = TemplateContextSchema.closestLayout(to: name).map { " — did you mean '\($0)'?" } ?? ""
                FileHandle.standardError.write(Data("error: no layout '\(layout)' (layouts: \(names.joined(separator: ", ")))\(hint)\n".utf8))
                throw ExitCode(2)
            }
            print(TemplateContextSchema.markdown(layout: found), terminator: "")
        }
    }
}
