import AssaySupport
import AssayMarkdown
import AssayTemplates

/// Rule `unknown-template-variable`: a variable or section name in a template that no
/// context can ever fill, which would otherwise render as nothing, silently.
///
/// Each layout of `TemplateContextSchema` is walked as rendering it would walk
/// (`TemplateLibrary.walk`: into sections, partials, parents and the blocks the children
/// give), with the context stack it would have as far as the schema knows it; each name
/// is resolved as the engine resolves it. A tag is reported when it fails at every place
/// any layout reaches it: a partial's tag is checked against every layout including it,
/// and reported only when none of them can fill it (the union of their contexts, so
/// `{{#page.summary}}` in a head partial shared with the claims page is fine). Templates
/// no layout reaches are not checked. Run once per build, before any page renders.
enum TemplateContextCheck {
    static func diagnostics(_ library: TemplateLibrary) -> [Diagnostic] {
        var found: [Place: Finding] = [:]
        for layout in TemplateContextSchema.layouts where library.contains(layout.name) {
            let objects = Objects(layout)
            library.walk(layout.name, scope: [layout.context.name]) { tag, scope in
                let outcome = objects.resolve(tag.parts, in: scope)
                let place = Place(path: tag.path, line: tag.line, column: tag.column)
                var finding = found[place] ?? Finding(tag: tag)
                switch outcome {
                case .found, .unknowable:
                    finding.resolved = true
                case .missing(let part, let owner, let candidates):
                    finding.misses.append(Miss(layout: layout.name, part: part, owner: owner, candidates: candidates))
                }
                found[place] = finding
                return tag.kind == .invertedSection ? scope : objects.scope(inside: outcome, from: scope)
            }
        }
        return found.values.filter { !$0.resolved }.map(\.diagnostic).sorted()
    }

    /// A tag's place in its file: one finding however many walks reach it.
    struct Place: Hashable {
        let path: String
        let line: Int
        let column: Int
    }

    /// What the walks found for one tag.
    struct Finding {
        let tag: TemplateTag
        var resolved = false
        var misses: [Miss] = []

        var diagnostic: Diagnostic {
            let what = switch tag.kind {
            case .variable: "variable"
            case .section: "section"
            case .invertedSection: "inverted section"
            }
            let layouts = Array(Set(misses.map(\.layout))).sorted()
            let names = layouts.map { "'\($0)'" }.joined(separator: ", ")
            let first = misses[0]
            var message: String
            if misses.allSatisfy({ $0.part == first.part && $0.owner == first.owner }), let owner = first.owner {
                message = "\(what) '\(tag.name)': '\(owner)' has no key '\(tag.parts[first.part])' in the context of \(layouts.count == 1 ? "layout" : "layouts") \(names)"
            } else {
                message = "\(what) '\(tag.name)' is in no context of \(layouts.count == 1 ? "layout" : "layouts") \(names)"
            }
            // The closest name at the part that failed, in any of the contexts.
            var suggestions: [String] = []
            for miss in misses {
                let written = tag.parts[miss.part]
                guard let close = Suggestion.closest(to: written, in: miss.candidates) else { continue }
                var parts = tag.parts
                parts[miss.part] = close
                suggestions.append(parts.joined(separator: "."))
            }
            if first.part == 0, first.owner == nil {
                // A key of another layout, as a layout's own template may carry it over.
                let elsewhere = TemplateContextSchema.layouts.filter { !layouts.contains($0.name) && $0.context[tag.parts[0]] != nil }.map { "'\($0.name)'" }
                if !elsewhere.isEmpty { message += " (only \(elsewhere.count == 1 ? "layout" : "layouts") \(elsewhere.joined(separator: ", ")) \(elsewhere.count == 1 ? "has" : "have") '\(tag.parts[0])')" }
            }
            if let best = Suggestion.closest(to: tag.name, in: suggestions) ?? suggestions.first {
                message += " — did you mean '\(best)'?"
            } else {
                message += ": `assay theme context \(layouts.count == 1 ? layouts[0] : "LAYOUT")` lists every key"
            }
            return Diagnostic(.unknownTemplateVariable, message, path: tag.path, line: tag.line, column: tag.column, severity: .warning)
        }
    }

    /// A name that failed in one walk: at which part, in which object (nil: the first
    /// part, looked up in the whole stack), and the names there were.
    struct Miss {
        let layout: String
        let part: Int
        let owner: String?
        let candidates: [String]
    }

    /// The context stack as the check knows it: the objects on it by name, innermost
    /// last. Strings and numbers a section pushes are left out (no name resolves in them,
    /// so the lookup goes on below, as it does in the engine), and so is an object
    /// already lower down (the upper one answers first), so a recursive partial's scope
    /// repeats and its walk ends. `*` is a section the check cannot see into.
    typealias Scope = [String]
    static let unknowable = "*"

    enum Outcome {
        case found(ContextType)
        /// `.`, or inside a section that was itself unknown: anything may be there.
        case unknowable
        case missing(part: Int, owner: String?, candidates: [String])
    }

    /// A layout's objects by name (each name is one object within a layout).
    struct Objects {
        let byName: [String: ContextObject]

        init(_ layout: ContextLayout) {
            var byName: [String: ContextObject] = [:]
            for object in ContextType.object(layout.context).objects where byName[object.name] == nil {
                byName[object.name] = object
            }
            self.byName = byName
        }

        /// The engine's lookup: the first part from the top of the stack down, the rest
        /// inside what it found. A key that may be absent lets the lookup go on below,
        /// as a missing key does when rendering.
        func resolve(_ parts: [String], in scope: Scope) -> Outcome {
            guard let first = parts.first else { return .unknowable }
            var deeper: Outcome?
            for name in scope.reversed() {
                guard name != TemplateContextCheck.unknowable else { return .unknowable }
                guard let key = byName[name]?[first] else { continue }
                let outcome = descend(key.type, parts, from: 1)
                if case .missing = outcome, key.only != nil {
                    deeper = deeper ?? outcome
                    continue
                }
                return outcome
            }
            if let deeper { return deeper }
            var candidates: [String] = []
            for name in scope { candidates += byName[name]?.keys.map(\.name) ?? [] }
            return .missing(part: 0, owner: nil, candidates: candidates)
        }

        func descend(_ type: ContextType, _ parts: [String], from start: Int) -> Outcome {
            var current = type
            var owner = parts[start - 1]
            for i in start..<parts.count {
                let part = parts[i]
                switch current {
                case .object(let object):
                    guard let key = object[part] else { return .missing(part: i, owner: owner, candidates: object.keys.map(\.name)) }
                    current = key.type
                case .list(let item):
                    guard let n = Int(part), n >= 0 else { return .missing(part: i, owner: owner, candidates: []) }
                    current = item
                case .text, .html, .number, .boolean:
                    return .missing(part: i, owner: owner, candidates: [])
                }
                owner = part
            }
            return .found(current)
        }

        /// The stack inside a section: a list's items or an object pushed, nothing for a
        /// boolean or a string; anything goes inside a section that is not there (it is
        /// reported itself, once).
        func scope(inside outcome: Outcome, from scope: Scope) -> Scope {
            let pushed: String?
            switch outcome {
            case .found(.object(let object)), .found(.list(.object(let object))): pushed = object.name
            case .found: pushed = nil
            case .unknowable: pushed = nil
            case .missing: pushed = TemplateContextCheck.unknowable
            }
            guard let pushed else { return scope }
            return scope.filter { $0 != pushed } + [pushed]
        }
    }
}
