import PolicyModel
import ScenarioFiles
import Simulation

extension ScenarioRun {
    /// The Monte Carlo plan of the scenario around `base`, households rerun in every draw when
    /// it has a microsimulation: what a shard draws and a merge summarizes.
    public func drawPlan(_ base: Projection) throws(ScenarioFileError) -> DrawPlan {
        do {
            return try DrawPlan(base, reproject: reprojection)
        } catch {
            throw loaded.fileError(error)
        }
    }

    /// Shard `shard` of a run of `draws` draws: exactly the draws the single run makes at those
    /// positions.
    public func monteCarloPart(
        _ base: Projection, draws: Int, seed: UInt64, shard: Shard, progress: (@Sendable (Int) -> Void)? = nil
    ) throws(ScenarioFileError) -> (plan: DrawPlan, part: MonteCarloPart) {
        let plan = try drawPlan(base)
        do {
            return (plan, try plan.draw(shard.draws(of: draws), seed: seed, threads: threads, progress: progress))
        } catch {
            throw loaded.fileError(error)
        }
    }

    /// How a draw projects the scenario again when a microsimulation reads the drawn series.
    var reprojection: (@Sendable ([DrawnValues], Double?) throws(ScenarioProblem) -> Projection)? {
        guard scenario.microsimulation != nil else { return nil }
        let run = self
        return { @Sendable paths, takeUp throws(ScenarioProblem) in
            var scenario = run.scenario
            if let takeUp { scenario.microsimulation?.takeUp = takeUp }
            return try run.projection(of: scenario, replacing: paths, threads: 1)
        }
    }
}

/// Shard K of M (1 ≤ K ≤ M): the draws ⌊(K − 1)N/M⌋ ..< ⌊KN/M⌋ of a run of N draws.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/M`, as written on the command line.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(index: k, count: m)
    }

    public func draws(of total: Int) -> Range<Int> {
        let lower = Int((Int64(index - 1) * Int64(total)) / Int64(count))
        let upper = Int((Int64(index) * Int64(total)) / Int64(count))
        return lower..<upper
    }

    public var description: String { "\(index)/\(count)" }
}
