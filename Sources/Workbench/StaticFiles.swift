import Foundation

/// The page: static HTML, CSS and JavaScript shipped in the module's resources (no CDN, no
/// fonts or scripts from the network). Only the files listed here are served.
enum StaticFiles {
    /// Every file of the page, with its content type.
    static let types: [String: String] = [
        "index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8",
        "favicon.svg": "image/svg+xml",
    ]

    /// The files read once, at first use.
    nonisolated(unsafe) private static var cache: [String: [UInt8]] = [:]
    private static let lock = NSLock()

    static func response(for name: String) throws(WorkbenchError) -> WorkbenchResponse {
        guard let type = types[name] else { throw WorkbenchError(status: 404, "no such page: /static/\(name)") }
        lock.lock()
        defer { lock.unlock() }
        if cache[name] == nil {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Static"),
                let data = try? Data(contentsOf: url)
            else {
                throw WorkbenchError(status: 404, "the page's file \(name) is missing from this build of dibao")
            }
            cache[name] = Array(data)
        }
        return WorkbenchResponse(
            contentType: type, headers: [("Cache-Control", "no-cache"), ("X-Content-Type-Options", "nosniff")], body: cache[name] ?? [])
    }
}
