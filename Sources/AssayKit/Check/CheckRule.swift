/// Every rule `assay build` and `assay check` apply, with its default severity.
public enum CheckRule: String, CaseIterable, Sendable {
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

    public static let allIDs: Set<String> = Set(allCases.map(\.rawValue))

    /// Rules that are warnings unless `site.yml` or `--strict` says otherwise.
    public var defaultSeverity: Diagnostic.Severity {
        switch self {
        case .reviewOverdue, .unusedSource, .unreferencedPage, .noBaseURL, .unknownTemplateVariable: .warning
        default: .error
        }
    }

    /// Rules whose findings cannot be silenced: without them nothing can be built.
    public var isFatal: Bool {
        switch self {
        case .yamlSyntax, .config, .invalidUTF8, .frontMatter, .template, .missingTemplate, .urlCollision,
            .bibliography, .duplicateSource, .symlinkOutsideSite, .unsafeURL:
            true
        default: false
        }
    }
}
