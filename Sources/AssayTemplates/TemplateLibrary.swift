/// Templates linked by name, checked, and ready to render; built once per build and
/// shared by every render.
///
/// Templates come in layers, highest priority first (a site's `templates/`, then the
/// theme below it): a name means the template of the highest layer that has it. The one
/// exception makes overriding a layout by inheritance work without new syntax: in a
/// template named `page`, `{{<page}}` names the `page` of the next layer down, so an
/// override can extend the layout it replaces, and never itself.
public struct TemplateLibrary: Sendable {
    struct Entry: Sendable {
        let name: String
        let layer: Int
        let path: String
        var nodes: [Template.Node]
    }

    /// Every template of every layer; includes point into it by position.
    let entries: [Entry]
    /// Name to the entry that name means.
    let index: [String: Int]

    /// Links `layers` (highest priority first, each name to its template) and checks
    /// them: every partial and parent exists, no template includes itself without end,
    /// every block a child replaces is one its parent has. Every problem is reported.
    public init(layers: [[String: Template]]) throws(TemplateErrors) {
        var entries: [Entry] = []
        var byName: [String: [Int]] = [:]
        for (layer, templates) in layers.enumerated() {
            for name in templates.keys.sorted() {
                let template = templates[name]!
                byName[name, default: []].append(entries.count)
                entries.append(Entry(name: name, layer: layer, path: template.path, nodes: template.nodes))
            }
        }
        var index: [String: Int] = [:]
        for (name, found) in byName { index[name] = found[0] }

        var errors: [TemplateError] = []
        let layerOf = entries.map(\.layer)
        var linked: [Entry] = []
        linked.reserveCapacity(entries.count)
        for entry in entries {
            func target(_ include: Template.Include, parent: Bool) -> Int {
                if parent, include.name == entry.name {
                    if let below = byName[entry.name]?.first(where: { layerOf[$0] > entry.layer }) { return below }
                    errors.append(TemplateError(
                        .missingTemplate, at: include.at,
                        "parent '\(entry.name)' not found below \(entry.path): a template can extend the '\(entry.name)' of a theme folder under it, never itself",
                        missingName: entry.name))
                    return -1
                }
                if let found = index[include.name] { return found }
                errors.append(TemplateError(.missingTemplate, at: include.at, "\(parent ? "parent" : "partial") '\(include.name)' not found", missingName: include.name))
                return -1
            }
            var done = entry
            done.nodes = Self.link(entry.nodes, target)
            linked.append(done)
        }
        errors += Self.unendingIncludes(linked)
        errors += Self.unknownBlocks(linked)
        guard errors.isEmpty else { throw TemplateErrors(errors: errors) }
        self.entries = linked
        self.index = index
    }

    /// Whether `name` is a template here.
    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The names templates are known by, sorted.
    public var names: [String] { index.keys.sorted() }

    /// Fills template `name` with `context`. `capacity` is reserved up front: a growing
    /// array doubles, and while it copies, the old and the new buffer are both alive; for
    /// the 40 MB claims register of a 10,000-page guide that was the build's peak memory.
    /// Reserving too much costs address space, not memory, since pages never written
    /// are never touched.
    public func render(_ name: String, _ context: TemplateValue, capacity: Int = 16 * 1024) throws(TemplateError) -> [UInt8] {
        try render(name, context, capacity: capacity, flushingAt: .max) { _ in }
    }

    /// Fills template `name` with `context`, handing the output to `flush` in pieces of
    /// about `flushingAt` bytes (cut only between two items of a list; `flush` must
    /// empty the buffer it is given) and returning the last piece.
    public func render(
        _ name: String, _ context: TemplateValue, capacity: Int, flushingAt: Int, flush: @escaping (inout [UInt8]) -> Void
    ) throws(TemplateError) -> [UInt8] {
        guard let i = index[name] else {
            throw TemplateError(.missingTemplate, at: Template.Location(path: name, line: 1, column: 1), "template '\(name)' not found", missingName: name)
        }
        var renderer = TemplateRenderer(entries: entries, stack: [context])
        renderer.out.reserveCapacity(capacity)
        if flushingAt < .max { (renderer.flush, renderer.flushAt) = (flush, flushingAt) }
        try renderer.render(entries[i].nodes, depth: 0)
        return renderer.out
    }

    /// The nodes with every include pointing at its template.
    static func link(_ nodes: [Template.Node], _ target: (Template.Include, Bool) -> Int) -> [Template.Node] {
        nodes.map { node in
            switch node {
            case .text, .variable:
                return node
            case .section(let name, let children, let inverted, let at):
                return .section(name, link(children, target), inverted: inverted, at: at)
            case .partial(var include):
                include.target = target(include, false)
                return .partial(include)
            case .parent(var include, var overrides):
                include.target = target(include, true)
                for (name, block) in overrides { overrides[name]!.nodes = link(block.nodes, target) }
                return .parent(include, overrides: overrides)
            case .block(var block):
                block.nodes = link(block.nodes, target)
                return .block(block)
            }
        }
    }
}

extension TemplateLibrary {
    /// Includes that always render: not inside a section, nor in a block (a child may
    /// replace it, as in the spec's inheritance recursion case).
    static func unconditionalIncludes(_ nodes: [Template.Node], into found: inout [Template.Include]) {
        for node in nodes {
            switch node {
            case .partial(let include): found.append(include)
            case .parent(let include, _): found.append(include)
            case .text, .variable, .section, .block: break
            }
        }
    }

    /// A template that includes itself, directly or through others, outside any section
    /// can only end when the render gives up: refused at load time, at the include that
    /// closes the loop. (Inside a section the data decides, as in the spec's recursion
    /// case; the render depth limit covers that.)
    static func unendingIncludes(_ entries: [Entry]) -> [TemplateError] {
        let edges: [[Template.Include]] = entries.map { entry in
            var found: [Template.Include] = []
            unconditionalIncludes(entry.nodes, into: &found)
            return found.filter { $0.target >= 0 }
        }
        var state = [UInt8](repeating: 0, count: entries.count)  // 0 new, 1 on the path, 2 done
        var path: [Int] = []
        var errors: [TemplateError] = []
        func visit(_ i: Int) {
            state[i] = 1
            path.append(i)
            for include in edges[i] {
                switch state[include.target] {
                case 0:
                    visit(include.target)
                case 1:
                    let loop = path[path.lastIndex(of: include.target)!...].map { entries[$0].name } + [entries[include.target].name]
                    errors.append(TemplateError(
                        .recursion, at: include.at,
                        "'\(include.name)' includes itself without end (\(loop.joined(separator: " → "))): no section around the include stops it"))
                default:
                    break
                }
            }
            path.removeLast()
            state[i] = 2
        }
        for i in entries.indices where state[i] == 0 { visit(i) }
        return errors
    }

    /// Every block a child gives inside `{{<parent}}` must be one the parent (or what it
    /// includes) has: a misspelt block name would otherwise change nothing, silently.
    static func unknownBlocks(_ entries: [Entry]) -> [TemplateError] {
        var memo: [Int: Set<String>] = [:]
        var visiting: Set<Int> = []
        func blocks(of i: Int) -> Set<String> {
            if let known = memo[i] { return known }
            guard visiting.insert(i).inserted else { return [] }
            var names: Set<String> = []
            func walk(_ nodes: [Template.Node]) {
                for node in nodes {
                    switch node {
                    case .text, .variable: break
                    case .section(_, let children, _, _): walk(children)
                    case .partial(let include): if include.target >= 0 { names.formUnion(blocks(of: include.target)) }
                    case .parent(let include, let overrides):
                        if include.target >= 0 { names.formUnion(blocks(of: include.target)) }
                        for block in overrides.values { walk(block.nodes) }
                    case .block(let block):
                        names.insert(block.name)
                        walk(block.nodes)
                    }
                }
            }
            walk(entries[i].nodes)
            visiting.remove(i)
            memo[i] = names
            return names
        }
        var errors: [TemplateError] = []
        func check(_ nodes: [Template.Node]) {
            for node in nodes {
                switch node {
                case .text, .variable, .partial: break
                case .section(_, let children, _, _): check(children)
                case .block(let block): check(block.nodes)
                case .parent(let include, let overrides):
                    guard include.target >= 0 else { continue }
                    let known = blocks(of: include.target)
                    for name in overrides.keys.sorted() {
                        let block = overrides[name]!
                        check(block.nodes)
                        guard !known.contains(name) else { continue }
                        let list = known.isEmpty ? "it has no blocks" : "its blocks: \(known.sorted().joined(separator: ", "))"
                        errors.append(TemplateError(
                            .inheritance, at: block.at,
                            "'\(include.name)' has no block '\(name)' (\(list)), so this one would never render"))
                    }
                }
            }
        }
        for entry in entries { check(entry.nodes) }
        return errors
    }
}
