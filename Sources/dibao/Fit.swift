import ArgumentParser
import PolicyModel
import Reports
import ScenarioFiles
import Simulation

/// `dibao fit HISTORY.csv`: trend growth, its standard error and residual spread by least squares.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit each column's trend growth to a history of past years and write a scenario fragment.",
        discussion: ExitStatus.tableWithoutTargets)

    @Argument(help: "A CSV with a year column and one column per figure (empty cells are gaps).")
    var history: String

    @Option(help: "Also write the scenario fragment to this file.")
    var out: String?

    @OptionGroup var language: LanguageOption

    func run() throws {
        let calibration: Calibration
        do {
            calibration = try Calibration(history: try HistoryCSV.load(history))
        } catch let problem as PolicyModel.ScenarioProblem {
            throw ScenarioFileError(SourceLocation(file: history), key: problem.dottedKey, problem.message)
        }
        print(CalibrationOutput.table(calibration, language: language.lang))
        let fragment = CalibrationOutput.fragment(calibration, source: history)
        print(fragment, terminator: "")
        if let out { try OutputFile.write(fragment, to: out) }
    }
}
