/// A parsed Mustache template: variables (`{{x}}` escaped, `{{{x}}}` and `{{& x}}` raw),
/// sections, inverted sections, partials, parents and blocks (inheritance), comments and
/// set-delimiter tags, with the spec's standalone-line and indentation rules. Written for
/// Assay instead of taken from a package: values are typed (no `Any` casts), output is
/// built as bytes, and a missing partial is an error when the templates load, not an
/// empty string when a page renders.
///
/// A template on its own only parses; `TemplateLibrary` links templates by name, checks
/// them, and renders.
public struct Template: Sendable {
    indirect enum Node: Sendable {
        /// Template text; `startsLine` says whether its first byte begins a source line,
        /// which is what block dedenting needs to know.
        case text([UInt8], startsLine: Bool)
        case variable(Name, escaped: Bool)
        case section(Name, [Node], inverted: Bool, at: Location)
        case partial(Include)
        /// `{{<name}}…{{/name}}`: another template with some of its blocks replaced.
        case parent(Include, overrides: [String: Block])
        /// `{{$name}}default{{/name}}`: a place a child template may fill.
        case block(Block)
    }

    /// A dotted name, split once at parse time; `.` is the current value. `line` and
    /// `column` are where its tag is, for checks that walk the templates (two integers,
    /// not a `Location`, so rendering copies no path string for each variable).
    struct Name: Sendable {
        let parts: [String]
        var line = 0
        var column = 0
        var isImplicit: Bool { parts.isEmpty }
    }

    /// Where a tag is: the template's path as given to `init`, 1-based line and byte column.
    struct Location: Sendable {
        let path: String
        let line: Int
        let column: Int
    }

    /// A partial or parent tag. `indent` is the whitespace before a standalone tag, put
    /// before every line of what it includes; `target` is filled in by the library.
    struct Include: Sendable {
        let name: String
        var indent: [UInt8]
        let at: Location
        var target = -1
    }

    /// A block: its default (or, inside a parent tag, replacing) content, dedented by
    /// `indent` at parse time and re-indented by the indent of the place it renders at.
    struct Block: Sendable {
        let name: String
        var nodes: [Node]
        var indent: [UInt8]
        let at: Location
    }

    let nodes: [Node]
    /// How errors name this template's file.
    let path: String
}

/// A located template problem: where it is (the template's path, 1-based line and byte
/// column) and what kind, so the caller can give each kind its own rule.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The source cannot be read as Mustache (unclosed tags or sections, limits).
        case syntax
        /// A partial or parent names a template that does not exist.
        case missingTemplate
        /// A template includes itself without end, at load time or while rendering.
        case recursion
        /// A block the parent does not have, or text that would never render.
        case inheritance
    }

    public var kind: Kind
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    /// For `.missingTemplate`: the name that was not found, so a caller can suggest one.
    public var missingName: String?

    public var description: String { "\(path):\(line):\(column): \(message)" }

    init(_ kind: Kind, at location: Template.Location, _ message: String, missingName: String? = nil) {
        self.kind = kind
        path = location.path
        line = location.line
        column = location.column
        self.message = message
        self.missingName = missingName
    }
}

/// Every problem a set of templates has, found in one pass so an editor sees them all.
public struct TemplateErrors: Error, Sendable {
    public var errors: [TemplateError]
}

/// The engine's limits: each keeps a bad template from hanging the build or overflowing
/// the stack of a render thread (512 KB on Linux).
enum TemplateLimits {
    /// Sections, parents and blocks open at once in one template.
    static let nesting = 100
    /// Sections, partials, parents and blocks inside one another while rendering.
    static let renderDepth = 100
}
