import PolicyModel
import RunLayer

/// A grid of runs over one or two inputs (docs/model.md §10): every combination, with each
/// target's outcome and the projection (nil where the scenario cannot be projected).
public struct Sweep: Sendable {
    public struct Axis: Sendable {
        public var input: VariedInput
        public var values: [Double]

        public init(input: VariedInput, from: Double, to: Double, step: Double) {
            self.input = input
            let count = Int(((to - from) / step + 1e-9).rounded(.down))
            values = (0...max(0, count)).map { from + Double($0) * step }
        }
    }

    public struct Run: Sendable {
        public var values: [Double]
        public var projection: Projection?
        public var problem: String?
    }

    public var axes: [Axis]
    public var runs: [Run]
    /// The positions of the targets the sweep reports (those not of a skipped kind).
    public var considered: [Int]

    /// Projects every point of the grid through the run layer (households and transition
    /// states included).
    public init(run scenarioRun: ScenarioRun, axes: [Axis], skipping kinds: [String] = []) {
        self.axes = axes
        let targets = scenarioRun.scenario.targets
        considered = targets.indices.filter { !kinds.contains(targets[$0].kind.name) }
        var runs: [Run] = []
        func run(_ values: [Double]) {
            var varied = scenarioRun.scenario
            for (axis, value) in zip(axes, values) { varied = axis.input.applied(to: varied, value) }
            do {
                runs.append(Run(values: values, projection: try scenarioRun.projection(of: varied), problem: nil))
            } catch {
                runs.append(Run(values: values, projection: nil, problem: error.message))
            }
        }
        if axes.count == 1 {
            for value in axes[0].values { run([value]) }
        } else {
            for first in axes[0].values {
                for second in axes[1].values { run([first, second]) }
            }
        }
        self.runs = runs
    }
}
