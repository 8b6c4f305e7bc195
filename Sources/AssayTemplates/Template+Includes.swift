extension Template {
    /// The names this template includes as partials or extends as parents, in order,
    /// for tools that report on a theme (`assay theme list`) without linking it.
    public var includedNames: [String] {
        var names: [String] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .partial(let include): names.append(include.name)
                case .parent(let include, let overrides):
                    names.append(include.name)
                    for name in overrides.keys.sorted() { walk(overrides[name]!.nodes) }
                case .section(_, let children, _, _): walk(children)
                case .block(let block): walk(block.nodes)
                case .text, .variable: break
                }
            }
        }
        walk(nodes)
        return names
    }
}
