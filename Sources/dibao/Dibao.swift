import ArgumentParser
import Foundation
import ScenarioFiles

/// `dibao`: projects dibao commitments and checks them against their targets. Every command
/// gives its `commandName`: without it ArgumentParser derives the name from the type's at every
/// start, a scan of the binary's protocol conformances per command (Tests/dibaoTests/StartupTests).
@main
struct Dibao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dibao",
        abstract: "Performance-target and funding simulator for rural dibao (农村低保) commitments.",
        discussion: ExitStatus.table,
        subcommands: [
            Run.self, Check.self, Report.self, Population.self, Roster.self, Fit.self, Solve.self, SweepCommand.self, Explain.self,
            Budget.self, Init.self, Merge.self, Serve.self,
        ])

    /// Runs the command line; every error a user can cause exits 2 with one line per problem.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let errors as ScenarioFileErrors {
            printErrors(errors)
            Foundation.exit(ExitStatus.badInput)
        } catch let error as ScenarioFileError {
            printErrors(ScenarioFileErrors(error))
            Foundation.exit(ExitStatus.badInput)
        } catch let error as UsageError {
            FileHandle.standardError.write(
                Data("error: \(error)\n(see dibao \(CommandLine.arguments.dropFirst().first ?? "") --help)\n".utf8))
            Foundation.exit(ExitStatus.badInput)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.badInput)
            }
            exit(withError: error)
        }
    }
}
