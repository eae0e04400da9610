import Foundation
import Testing

/// The module graph runs one way: core → numerics → files → run layer → analyses → reports →
/// workbench → command line. A module imports only modules of earlier layers; only the numerics import
/// BLAS/LAPACK; the core imports no Foundation (no files, clock or environment).
@Suite("Module graph")
struct ModuleGraphTests {
    /// Each module's layer; a module may import only modules of a lower layer.
    static let layers: [String: Int] = [
        "MicrosimKernels": 0, "LazyLibraries": 0, "CBLAS": 0, "CLAPACKE": 0, "CXLSXWriter": 0, "CRSVG": 0,
        "PolicyModel": 1, "LinearAlgebra": 1, "Workbooks": 1, "Documents": 1, "Rasterizer": 1,
        "ScenarioFiles": 2, "Simulation": 2,
        "RunLayer": 3,
        "Analyses": 4,
        "Reports": 5,
        "Workbench": 6,
        "dibao": 7,
    ]

    /// The modules `module`'s sources import, from their `import` lines.
    func imports(of module: String) throws -> Set<String> {
        let folder = DibaoProcess.repository.appendingPathComponent("Sources/\(module)").path
        var found: Set<String> = []
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        for file in files {
            for line in try String(contentsOfFile: folder + "/" + file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ").filter { $0 != "@testable" }
                if words.count == 2, words[0] == "import" || words[0].hasPrefix("@") && words[1] == "import" {
                    found.insert(String(words[1]))
                }
            }
        }
        return found
    }

    @Test("Every module imports only modules of earlier layers")
    func oneWay() throws {
        let modules = try FileManager.default.contentsOfDirectory(atPath: DibaoProcess.repository.appendingPathComponent("Sources").path)
        #expect(Set(modules) == Set(Self.layers.keys), "a new module needs its layer here")
        for module in modules {
            for imported in try imports(of: module) where Self.layers[imported] != nil {
                #expect(Self.layers[imported]! < Self.layers[module]!, "\(module) imports \(imported)")
            }
        }
    }

    @Test(
        "Only LinearAlgebra imports BLAS and LAPACK, only its wrappers open a C library; the core imports no Foundation; the file formats run no model"
    )
    func boundaries() throws {
        for module in Self.layers.keys where module != "LinearAlgebra" {
            #expect(try imports(of: module).isDisjoint(with: ["CBLAS", "CLAPACKE"]), "\(module)")
        }
        for module in Self.layers.keys where module != "Workbooks" {
            #expect(try !imports(of: module).contains("CXLSXWriter"), "\(module)")
        }
        for module in Self.layers.keys where module != "Rasterizer" {
            #expect(try !imports(of: module).contains("CRSVG"), "\(module)")
        }
        // The C libraries are opened on first use, by their wrappers only.
        for module in Self.layers.keys where !["LinearAlgebra", "Workbooks", "Rasterizer"].contains(module) {
            #expect(try !imports(of: module).contains("LazyLibraries"), "\(module)")
        }
        #expect(try !imports(of: "PolicyModel").contains("Foundation"))
        #expect(try !imports(of: "ScenarioFiles").contains("LinearAlgebra"))
        #expect(try imports(of: "Simulation").isDisjoint(with: ["Foundation", "ScenarioFiles"]))
        // Only the workbench serves HTTP: no other module imports the server.
        for module in Self.layers.keys where module != "Workbench" {
            #expect(try !imports(of: module).contains("Hummingbird"), "\(module)")
        }
    }
}
