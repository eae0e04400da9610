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

    /// Every command's configuration is built at every start (ArgumentParser reads all of them to
    /// find the one asked for); a key path literal there is instantiated by the runtime each time
    /// (about 0.3 ms for one `map(\.rawValue)`).
    @Test("No command configuration builds a key path")
    func configurationsBuildNoKeyPaths() throws {
        let folder = DibaoProcess.repository.appendingPathComponent("Sources/dibao").path
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for part in text.components(separatedBy: "static let configuration = CommandConfiguration(").dropFirst() {
                // The configuration's text: up to the next declaration.
                let configuration = part.components(separatedBy: "\n\n").first ?? part
                #expect(!configuration.contains("(\\."), "\(file): a key path in the command's configuration")
            }
        }
    }

    /// Foundation's `String(format:)` sets up its format parser and locale at its first call
    /// (about half a millisecond of every run) and boxes its arguments at each; numbers are
    /// written by `CFormat` (one plain `snprintf` call).
    @Test("No source calls String(format:)")
    func noStringFormat() throws {
        let sources = DibaoProcess.repository.appendingPathComponent("Sources").path
        let files = try #require(FileManager.default.subpaths(atPath: sources)).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        for file in files {
            let code = try String(contentsOfFile: sources + "/" + file, encoding: .utf8).split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            #expect(!code.contains { $0.contains("String(format:") }, "\(file) calls String(format:)")
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
