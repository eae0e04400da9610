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

    /// At most this many runs, and results of at most this many bytes (estimated before the
    /// work starts by `estimatedBytes`).
    public static let maximumRuns = 1_000_000
    public static let maximumBytes = 2 << 30

    /// What a grid's projections take in memory: about 600 bytes per year and 200 per target
    /// of each run, plus 1 KiB.
    public static func estimatedBytes(runs: Int, scenario: Scenario) -> Int {
        runs * (1024 + scenario.span.count * 600 + scenario.targets.count * 200)
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
            do {
                let varied = try VariedInput.scenario(zip(axes.map(\.input), values).map { ($0, $1) }, run: scenarioRun)
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
