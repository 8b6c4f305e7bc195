import AssaySupport
import Foundation

/// `assay new`: a page with its front matter filled in.
public enum PageScaffold {
    @discardableResult
    public static func newPage(at url: URL, root: URL, reviewed: String?) throws(BuildFailure) -> String {
        let path = url.path.hasPrefix(root.path + "/") ? String(url.path.dropFirst(root.path.count + 1)) : url.path
        guard url.pathExtension == "md" else {
            throw BuildFailure([Diagnostic(.io, "a page's name must end in .md", path: path)])
        }
        guard path.hasPrefix("content/") else {
            throw BuildFailure([Diagnostic(.io, "pages live under content/", path: path)])
        }
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw BuildFailure([Diagnostic(.io, "\(path) already exists; not overwriting it", path: path)])
        }
        let date = reviewed ?? Self.today()
        guard SimpleDate(iso: date) != nil else {
            throw BuildFailure([Diagnostic(.io, "review date '\(date)' must be YYYY-MM-DD", path: path)])
        }
        let title = Page.fallbackTitle(for: path)
        // The examples are code spans: written live, `[@key]` would be an unknown cite
        // key and the new page would fail its first check.
        let text = """
            ---
            title: "\(title)"
            summary: ""
            reviewed: \(date)
            ---

            Write the page here. Label each claim with its evidence level, e.g.
            `[Users report relief]{.anecdotal}`, and cite sources as `[@key]`.

            """
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw BuildFailure([Diagnostic(.io, "cannot write \(path): \(error.localizedDescription)", path: path)])
        }
        return text
    }

    static func today() -> String {
        let seconds = Int(Date().timeIntervalSince1970)
        // Civil-from-days (Howard Hinnant), UTC: no calendar or time zone involved.
        let z = seconds / 86_400 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return SimpleDate(year: y, month: m, day: d).description
    }
}
