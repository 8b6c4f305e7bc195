/// The typed id of every diagnostic, from the Markdown transform to the command line's exit
/// status: the rules `assay build` and `assay check` apply (the keys of `site.yml`'s
/// `rules:`), and the three kinds of failure that are not about the site's text.
public enum Rule: String, CaseIterable, Sendable, Comparable {
    case yamlSyntax = "yaml-syntax"
    case config = "config"
    case invalidUTF8 = "invalid-utf8"
    case frontMatter = "front-matter"
    case missingTitle = "missing-title"
    case missingReviewDate = "missing-review-date"
    case unknownLevel = "unknown-level"
    case malformedClaim = "malformed-claim"
    case unclosedClaim = "unclosed-claim"
    case strayClaimEnd = "stray-claim-end"
    case nestedClaim = "nested-claim"
    case duplicateClaimID = "duplicate-claim-id"
    case unknownCiteKey = "unknown-cite-key"
    case uncitedClaim = "uncited-claim"
    case bibliography = "bibliography"
    case duplicateSource = "duplicate-source"
    case template = "template"
    case missingTemplate = "missing-template"
    case urlCollision = "url-collision"
    case brokenLink = "broken-link"
    case brokenAnchor = "broken-anchor"
    case reviewOverdue = "review-overdue"
    case unusedSource = "unused-source"
    case unreferencedPage = "unreferenced-page"
    case noBaseURL = "no-base-url"
    case symlinkOutsideSite = "symlink-outside-site"
    case unsafeURL = "unsafe-url"
    case invalidIdentifier = "invalid-identifier"
    case retractedSource = "retracted-source"
    case unknownTemplateVariable = "unknown-template-variable"
    /// A file in `templates/` that overrides nothing and that no template includes
    /// (`assay theme list`).
    case themeUnknownFile = "theme-unknown-file"
    /// A file or folder that cannot be read or written, or a command given a path it refuses.
    case io = "io"
    /// An output folder Assay refuses to build into, or a write that would leave it.
    case output = "output"
    /// A build stopped by SIGINT or SIGTERM before its output was exchanged.
    case interrupted = "interrupted"

    /// The rules a site can set in `site.yml`'s `rules:` map.
    public static let configurable: [Rule] = allCases.filter(\.isConfigurable)

    /// False for `io`, `output` and `interrupted`: they are about the machine, not the
    /// site, and decide the exit status (2, or 130) instead of a severity.
    public var isConfigurable: Bool {
        switch self {
        case .io, .output, .interrupted: false
        default: true
        }
    }

    public static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }

    /// Rules that are warnings unless `site.yml` or `--strict` says otherwise.
    public var defaultSeverity: Diagnostic.Severity {
        switch self {
        case .reviewOverdue, .unusedSource, .unreferencedPage, .noBaseURL, .unknownTemplateVariable, .themeUnknownFile: .warning
        default: .error
        }
    }

    /// Rules whose findings cannot be silenced: without them nothing can be built.
    public var isFatal: Bool {
        switch self {
        case .yamlSyntax, .config, .invalidUTF8, .frontMatter, .template, .missingTemplate, .urlCollision,
            .bibliography, .duplicateSource, .symlinkOutsideSite, .unsafeURL, .io, .output, .interrupted:
            true
        default: false
        }
    }
}
