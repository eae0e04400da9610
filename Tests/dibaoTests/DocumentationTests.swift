import Foundation
import Testing

/// The repository carries what its documents cite, and `docs/model.md` reads in order.
@Suite("Documentation")
struct DocumentationTests {
    func text(_ path: String) throws -> String {
        try String(contentsOfFile: DibaoProcess.repository.appendingPathComponent(path).path, encoding: .utf8)
    }

    @Test("docs/model.md's links name files in docs/, and nothing outside the repository")
    func citations() throws {
        let model = try text("docs/model.md")
        #expect(!model.contains("../") && !model.contains("DOMAIN.md"))
        var rest = model[...]
        var links = 0
        while let open = rest.range(of: "](") {
            let close = rest[open.upperBound...].firstIndex(of: ")")!
            let target = String(rest[open.upperBound..<close])
            if !target.hasPrefix("http") {
                links += 1
                let path = DibaoProcess.repository.appendingPathComponent("docs/" + target).path
                #expect(FileManager.default.fileExists(atPath: path), "\(target)")
            }
            rest = rest[close...]
        }
        #expect(links >= 2)
    }

    @Test("docs/model.md's sections are numbered in order")
    func sectionOrder() throws {
        let numbers = try text("docs/model.md").split(separator: "\n").filter { $0.hasPrefix("## ") }.compactMap {
            Int($0.dropFirst(3).prefix { $0.isNumber })
        }
        #expect(numbers == Array(1...numbers.count))
    }
}
