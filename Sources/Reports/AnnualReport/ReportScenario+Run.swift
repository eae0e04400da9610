import PolicyModel
import RunLayer
import ScenarioFiles
import Simulation

extension ReportScenario {
    /// The report's entry for one run: projected (by township when it has households), drawn
    /// `draws` times (seed `seed`) when it has an uncertainty section, its probability targets
    /// judged by the draws, and its budget at `confidence` for the year `ConfidenceBudget.year`
    /// picks from `reportYear`. What `dibao report` and the workbench's downloads both build.
    public init(run: ScenarioRun, draws: Int, seed: UInt64, reportYear: Int, confidence: Double) throws(ScenarioFileError) {
        var projection = try run.project(byTownship: run.scenario.microsimulation != nil)
        let uncertainty =
            run.scenario.uncertainty == nil
            ? nil : try run.monteCarlo(projection, draws: draws, seed: seed, keep: ConfidenceBudget.keptFigures)
        var budget: ConfidenceBudget?
        if let uncertainty {
            projection = projection.judged(byProbabilities: uncertainty.targetProbabilities)
            budget = ConfidenceBudget.year(of: projection, reportYear: reportYear).map {
                ConfidenceBudget(projection: projection, year: $0, confidence: confidence, monteCarlo: uncertainty)
            }
        }
        self.init(projection: projection, files: run.loaded.files, uncertainty: uncertainty, confidenceBudget: budget)
    }
}
