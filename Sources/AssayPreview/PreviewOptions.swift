import AssayKit
import Foundation

/// What `assay serve` is asked to do: which site, where to listen, how to watch.
public struct PreviewOptions: Sendable {
    /// The site's folder: the one holding `content/` and `templates/`.
    public var root: URL
    /// The built site that is served; a failed build leaves it as it was.
    public var output: URL
    public var drafts: Bool
    /// An IP address (`127.0.0.1`, `::1`, `0.0.0.0`) or `localhost`.
    public var host: String
    /// 0 picks a free port; `PreviewServer.start()` returns the one it got.
    public var port: UInt16
    /// inotify where it works, or polling.
    public var watch: WatchMode
    /// How often the watched files are looked at when polling.
    public var pollInterval: Duration
    /// A rebuild starts once the files have stopped changing for this long, so a burst
    /// (an editor saving several files, a `git checkout`) gives one rebuild. Nil: 30 ms
    /// with inotify, whose events come as the files are written, and 150 ms when
    /// polling, which sees a burst only at its polls.
    public var quietPeriod: Duration?
    public var limits: RequestLimits
    /// Stands in for `fs.inotify.max_user_watches` in tests, which cannot lower the
    /// kernel's own limit for one process.
    var inotifyWatchLimit: Int?

    public init(
        root: URL, output: URL? = nil, drafts: Bool = false,
        host: String = "127.0.0.1", port: UInt16 = 8000, watch: WatchMode = .automatic,
        pollInterval: Duration = .milliseconds(200), quietPeriod: Duration? = nil,
        limits: RequestLimits = RequestLimits()
    ) {
        let build = BuildOptions(root: root, output: output, drafts: drafts)
        self.root = build.root
        self.output = build.output
        self.drafts = drafts
        self.host = host
        self.port = port
        self.watch = watch
        self.pollInterval = pollInterval
        self.quietPeriod = quietPeriod
        self.limits = limits
    }

    var buildOptions: BuildOptions { BuildOptions(root: root, output: output, drafts: drafts) }

    /// Where a change rebuilds the site: pages, sources and `site.yml` under
    /// `content/`, the theme under `templates/`, and a `site.yml` beside them.
    var watchedPaths: [URL] {
        [root.appending(path: "content"), root.appending(path: "templates"), root.appending(path: "site.yml")]
    }

    /// Never watched: the output folder and the build's staging folder beside it, where
    /// a build writes and would otherwise start the next one.
    var unwatchedPaths: [URL] {
        [output, output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).assay-staging")]
    }
}
