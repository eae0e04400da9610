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
    /// them, nor a Monte Carlo run of a few correlated series (its Cholesky factor is computed
    /// without LAPACK); a transitions model opens OpenBLAS. The dynamic loader lists every object
    /// it loads with LD_DEBUG=files.
    @Test(
        "A deterministic run and a Monte Carlo run load neither librsvg, libxlsxwriter, OpenBLAS nor LAPACKE; a transitions model opens OpenBLAS"
    )
    func librariesOpenedOnFirstUse() throws {
        let libraries = ["librsvg-2.so", "libcairo.so", "libxlsxwriter.so", "libopenblas.so", "liblapacke.so"]
        for arguments in [
            ["run", "Benchmarks/montecarlo-bench.yaml", "--format", "json"],
            ["run", "Benchmarks/montecarlo-bench.yaml", "--draws", "10", "--seed", "1", "--format", "json"],
        ] {
            let run = try DibaoProcess.run(arguments, environment: ["LD_DEBUG": "files"])
            #expect(run.status == 0, "\(run.stderr.suffix(500))")
            for library in libraries {
                #expect(!run.stderr.contains("file=\(library)"), "\(arguments): \(library) is loaded")
            }
        }
        let transitions = try DibaoProcess.run(
            ["run", "scenarios/caseload-transitions.yaml", "--format", "json"], environment: ["LD_DEBUG": "files"])
        #expect(transitions.status == 0, "\(transitions.stderr.suffix(500))")
        #expect(transitions.stderr.contains("file=libopenblas.so.0"))
        #expect(!transitions.stderr.contains("file=librsvg-2.so"))
    }
}
