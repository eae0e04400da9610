import PolicyModel
import ScenarioFiles
import Simulation

/// A run's projection with every target judged: what `dibao run` and `dibao serve` show.
public struct JudgedRun: Sendable {
    /// The projection, `probability_at_least` targets judged by the draws when there were any.
    public var projection: Projection
    /// The Monte Carlo run, only when draws were asked for (not when drawn only to judge).
    public var monteCarlo: MonteCarloResult?
    /// The draws made by default to judge `probability_at_least` targets, when none were asked for.
    public var defaultDraws: Int?
}

extension ScenarioRun {
    /// Draws that judge `probability_at_least` targets when no draw count is given, so that no
    /// such target is ever judged without drawing (the report's default too).
    public static let defaultProbabilityDraws = 10_000

    /// The projection with its targets judged by Monte Carlo: `draws` times when given;
    /// otherwise `defaultProbabilityDraws` times (seed `seed`) when the scenario has a
    /// `probability_at_least` target and an uncertainty section.
    public func judged(
        _ projection: Projection, draws: Int?, seed: UInt64, levels: [Double] = Summary.defaultLevels, keep: Set<Figure> = [],
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(ScenarioFileError) -> JudgedRun {
        let needed = projection.scenario.targets.contains { $0.probabilityAtLeast != nil }
        guard scenario.uncertainty != nil, let count = draws ?? (needed ? Self.defaultProbabilityDraws : nil) else {
            return JudgedRun(projection: projection)
        }
        let result = try monteCarlo(projection, draws: count, seed: seed, keep: keep, levels: levels, progress: progress)
        return JudgedRun(
            projection: projection.judged(byProbabilities: result.targetProbabilities), monteCarlo: draws == nil ? nil : result,
            defaultDraws: draws == nil ? count : nil)
    }
}
