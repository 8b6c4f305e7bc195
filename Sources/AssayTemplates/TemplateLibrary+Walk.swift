/// A variable or section tag as a walk over the templates meets it: what a checker needs
/// to tell whether some context can fill it, and where to point when none can.
public struct TemplateTag: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `{{name}}`, `{{{name}}}` or `{{& name}}`.
        case variable
        /// `{{#name}}…{{/name}}`.
        case section
        /// `{{^name}}…{{/name}}`.
        case invertedSection
    }

    public let kind: Kind
    /// The dotted name split at its dots; empty for `.`, the current value.
    public let parts: [String]
    /// The template file the tag is written in, as the template was given its path.
    public let path: String
    /// 1-based line and byte column of the tag's opening delimiter.
    public let line: Int
    public let column: Int

    /// The name as written: `page.title`, `.`.
    public var name: String { parts.isEmpty ? "." : parts.joined(separator: ".") }
}

extension TemplateLibrary {
    /// Walks template `name` as rendering it would, but without data: into every
    /// section (both ways of an inverted one), through partials and parents, each block
    /// filled with what the child templates above it give. `visit` is called for each
    /// variable and section tag with the scope in force there (what the caller knows of
    /// the context stack); for a section it returns the scope inside it, and its result
    /// is ignored for a variable.
    ///
    /// A template is walked once per scope and set of replaced blocks: a partial that
    /// includes itself inside a section (a tree) ends as soon as its scope repeats, so
    /// `Scope` should forget what cannot change a lookup. The walk also stops at the
    /// render depth limit, as rendering would. Nothing here needs data, so a walk never
    /// fails; an unknown `name` walks nothing.
    public func walk<Scope: Hashable>(_ name: String, scope: Scope, _ visit: (TemplateTag, Scope) -> Scope) {
        guard let start = index[name] else { return }
        withoutActuallyEscaping(visit) { visit in
            var walker = TemplateWalker<Scope>(entries: entries, visit: visit)
            walker.expand(start, scope: scope, depth: 0)
        }
    }
}

/// The state of one `TemplateLibrary.walk`: the blocks replaced by the children above the
/// current place (as `TemplateRenderer` keeps them) and what was walked already.
private struct TemplateWalker<Scope: Hashable> {
    let entries: [TemplateLibrary.Entry]
    let visit: (TemplateTag, Scope) -> Scope
    var overrides: [String: Template.Block] = [:]
    var done: Set<Visit> = []

    struct Visit: Hashable {
        let entry: Int
        let scope: Scope
        /// The replaced blocks, by name and where each is written.
        let overrides: [String]
    }

    init(entries: [TemplateLibrary.Entry], visit: @escaping (TemplateTag, Scope) -> Scope) {
        self.entries = entries
        self.visit = visit
    }

    mutating func expand(_ entry: Int, scope: Scope, depth: Int) {
        guard entry >= 0, depth < TemplateLimits.renderDepth else { return }
        let key = Visit(entry: entry, scope: scope, overrides: overrides.map { "\($0.key)@\($0.value.at.path):\($0.value.at.line):\($0.value.at.column)" }.sorted())
        guard done.insert(key).inserted else { return }
        walk(entries[entry].nodes, path: entries[entry].path, scope: scope, depth: depth + 1)
    }

    mutating func walk(_ nodes: [Template.Node], path: String, scope: Scope, depth: Int) {
        guard depth < TemplateLimits.renderDepth else { return }
        for node in nodes {
            switch node {
            case .text:
                break
            case .variable(let name, _):
                _ = visit(TemplateTag(kind: .variable, parts: name.parts, path: path, line: name.line, column: name.column), scope)
            case .section(let name, let children, let inverted, let at):
                let tag = TemplateTag(kind: inverted ? .invertedSection : .section, parts: name.parts, path: path, line: at.line, column: at.column)
                let inner = visit(tag, scope)
                walk(children, path: path, scope: inner, depth: depth + 1)
            case .partial(let include):
                expand(include.target, scope: scope, depth: depth)
            case .parent(let include, let given):
                // As the renderer merges them: the outermost child's blocks win.
                let saved = overrides
                var merged = given
                for (name, block) in saved { merged[name] = block }
                overrides = merged
                expand(include.target, scope: scope, depth: depth)
                overrides = saved
            case .block(let block):
                if let replaced = overrides[block.name] {
                    walk(replaced.nodes, path: replaced.at.path, scope: scope, depth: depth + 1)
                } else {
                    walk(block.nodes, path: path, scope: scope, depth: depth + 1)
                }
            }
        }
    }
}
