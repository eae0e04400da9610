import PolicyModel
import ScenarioFiles
import Simulation

extension ScenarioRun {
    /// The Monte Carlo run of the scenario around its deterministic projection `base`, problems
    /// placed in the file. A scenario with a microsimulation reruns its households in every
    /// draw (on one thread per draw; the draws themselves run on `threads`).
    public func monteCarlo(
        _ base: Projection, draws: Int, seed: UInt64, keep: Set<Figure> = [], levels: [Double] = Summary.defaultLevels,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(ScenarioFileError) -> MonteCarloResult {
        let run = self
        var reproject: (@Sendable ([DrawnValues], Double?) throws(ScenarioProblem) -> Projection)?
        if scenario.microsimulation != nil {
            reproject = { @Sendable paths, takeUp throws(ScenarioProblem) in
                var scenario = run.scenario
                if let takeUp { scenario.microsimulation?.takeUp = takeUp }
                return try run.projection(of: scenario, replacing: paths, threads: 1)
            }
        }
        do {
            return try MonteCarlo.run(
                base, draws: draws, seed: seed, threads: threads, progress: progress, reproject: reproject, keep: keep, levels: levels)
        } catch {
            throw loaded.fileError(error)
        }
    }
}
