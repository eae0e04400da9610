import ArgumentParser
import Foundation
import ScenarioFiles

/// `dibao`: projects dibao commitments and checks them against their targets.
@main
struct Dibao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dibao",
        abstract: "Performance-target and funding simulator for rural dibao (农村低保) commitments.",
        discussion: "Exit status: 0 all targets as expected, 1 a target failed unexpectedly, 2 invalid input.",
        subcommands: [Run.self, Check.self, Report.self, Population.self, Roster.self, Fit.self, Solve.self, SweepCommand.self])

    /// Runs the command line; every error a user can cause exits 2 with a one-line message.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ScenarioFileError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(2)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
