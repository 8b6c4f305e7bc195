import Foundation

/// The script `assay serve` adds to every HTML page it serves (never to a file in
/// `public/`): it listens to the event stream, reloads after a rebuild, and shows the
/// build errors over the page while the last build is failing.
enum LiveReloadScript {
    static let eventsPath = "/__assay/events"
    /// Marks the injected element, so tests and the overlay can find it.
    static let marker = "data-assay-live"

    /// The overlay lives in a shadow root, so the site's own CSS (its `pre`, `h2`, …)
    /// cannot restyle it; every message goes in with `textContent`, never as markup.
    static let source = """
        (function(s){var host=null;\
        function show(errors){if(host){host.remove();host=null;}\
        if(!errors||!errors.length)return;\
        host=document.createElement("div");host.id="assay-build-errors";host.setAttribute("role","alert");\
        host.style.cssText="position:fixed;left:0;right:0;top:0;z-index:2147483647";\
        var root=host.attachShadow?host.attachShadow({mode:"open"}):host;\
        var css=document.createElement("style");\
        css.textContent=".b{max-height:70vh;overflow:auto;box-sizing:border-box;padding:16px 20px;background:#2b0a0a;\
        color:#fff;border-bottom:4px solid #ff6b6b;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
        text-align:left}h2{margin:0 0 8px;font-size:16px;color:#ff9b9b}p{margin:0 0 6px;white-space:pre-wrap}.n{color:#ccc}";\
        root.appendChild(css);var box=document.createElement("div");box.className="b";root.appendChild(box);\
        function add(tag,text,cls){var e=document.createElement(tag);e.textContent=text;if(cls)e.className=cls;box.appendChild(e);}\
        add("h2","Build failed ("+errors.length+(errors.length==1?" error":" errors")+"): this is the last good version of the page.");\
        errors.forEach(function(d){add("p",d.text);});\
        add("p","Fix the file and save: the page reloads by itself.","n");\
        (document.body||document.documentElement).appendChild(host);}\
        if(document.readyState==="loading")document.addEventListener("DOMContentLoaded",function(){show(s.errors);});else show(s.errors);\
        if(!window.EventSource)return;\
        var es=new EventSource("\(eventsPath)?since="+encodeURIComponent(s.token));\
        es.addEventListener("reload",function(){es.close();location.reload();});\
        es.addEventListener("build-error",function(e){show(JSON.parse(e.data).errors);});\
        })
        """

    /// The element to add: the script, called with the current state.
    static func element(for state: LiveState) -> String {
        "<script \(marker)>\(source)(\(state.json));</script>"
    }

    /// The page with the script added before its last `</body>`, or at the end when it
    /// has none.
    static func inject(into page: Data, state: LiveState) -> Data {
        let tag = Data(element(for: state).utf8)
        var result = page
        if let end = lastBodyClose(in: page) {
            result.insert(contentsOf: tag, at: end)
        } else {
            result.append(tag)
        }
        return result
    }

    /// Where the last `</body` starts, in any letter case.
    private static func lastBodyClose(in page: Data) -> Data.Index? {
        let needle = Array("</body".utf8)
        return page.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            guard bytes.count >= needle.count else { return nil }
            var i = bytes.count - needle.count
            while i >= 0 {
                if bytes[i] == UInt8(ascii: "<") {
                    var match = true
                    for j in 1..<needle.count where bytes[i + j] | 0x20 != needle[j] | 0x20 {
                        match = false
                        break
                    }
                    if match { return i }
                }
                i -= 1
            }
            return nil
        }.map { page.startIndex + $0 }
    }
}
