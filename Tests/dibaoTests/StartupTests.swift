import Foundation
import Testing

/// What keeps `dibao` quick to start.
@Suite("Start-up")
struct StartupTests {
    /// ArgumentParser names a command without `commandName:` by `String(describing:)` of its
    /// type: a dynamic cast that scans every protocol conformance of the binary, for every
    /// command at every start (about 3 ms of the ~20 ms of `dibao run`).
    @Test("Every command of the command line gives its name (commandName:)")
    func commandsNameThemselves() throws {
        let folder = DibaoProcess.repository.appendingPathComponent("Sources/dibao").path
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let commands = text.components(separatedBy: ": ParsableCommand {").count - 1
            let named = text.components(separatedBy: "commandName: \"").count - 1
            #expect(named == commands, "\(file): \(commands) commands, \(named) named")
        }
    }

    /// The C libraries are opened on first use (dlopen), so a deterministic run maps none of
    /// them; a Monte Carlo run opens LAPACKE for its Cholesky factor. The dynamic loader lists
    /// every object it loads with LD_DEBUG=files.
    @Test("A deterministic run loads neither librsvg, libxlsxwriter, OpenBLAS nor LAPACKE; a Monte Carlo run opens LAPACKE")
    func librariesOpenedOnFirstUse() throws {
        let libraries = ["librsvg-2.so", "libcairo.so", "libxlsxwriter.so", "libopenblas.so", "liblapacke.so"]
        let deterministic = try DibaoProcess.run(
            ["run", "Benchmarks/montecarlo-bench.yaml", "--format", "json"], environment: ["LD_DEBUG": "files"])
        #expect(deterministic.status == 0, "\(deterministic.stderr.suffix(500))")
        for library in libraries {
            #expect(!deterministic.stderr.contains("file=\(library)"), "\(library) is loaded")
        }
        let drawn = try DibaoProcess.run(
            ["run", "Benchmarks/montecarlo-bench.yaml", "--draws", "10", "--seed", "1", "--format", "json"],
            environment: ["LD_DEBUG": "files"])
        #expect(drawn.status == 0, "\(drawn.stderr.suffix(500))")
        #expect(drawn.stderr.contains("file=liblapacke.so.3"))
        #expect(!drawn.stderr.contains("file=librsvg-2.so"))
    }
}
