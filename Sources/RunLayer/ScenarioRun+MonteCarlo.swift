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
        do {
            return try MonteCarlo.run(
                base, draws: draws, seed: seed, threads: threads, progress: progress, reproject: reprojection, keep: keep, levels: levels)
        } catch {
            throw loaded.fileError(error)
        }
    }
}
