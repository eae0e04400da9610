import PolicyModel
import RunLayer

/// Solving for targets (docs/model.md §10): over a range of one input, where does every target of
/// the scenario pass (expectations aside)? The range is scanned on a grid of `gridPoints`, then
/// each boundary of the passing region is bisected to `accuracy`. The passing region is
/// reported from its lowest to its highest value, with the target that fails just outside each
/// end (the binding one); when no grid point passes, the targets that never pass.
/// Every value is projected through the run layer, so households and transition states are
/// part of every evaluation.
public struct TargetSolver: Sendable {
    public var run: ScenarioRun
    public var input: VariedInput
    public var range: ClosedRange<Double>
    public var gridPoints = 400
    public var accuracy = 1e-7
    /// Target kinds left out (`--skip`); the others keep their positions in the scenario.
    public var skipped: Set<String>

    public init(run: ScenarioRun, input: VariedInput, range: ClosedRange<Double>, skipping kinds: [String] = []) {
        self.run = run
        self.input = input
        self.range = range
        skipped = Set(kinds)
    }

    /// The positions of the targets the solver considers.
    public var considered: [Int] { scenario.targets.indices.filter { !skipped.contains(scenario.targets[$0].kind.name) } }

    /// The scenario whose input is varied.
    public var scenario: Scenario { run.scenario }

    public struct Result: Sendable {
        /// The smallest and largest value for which every target passes, if any.
        public var lowest: Double?
        public var highest: Double?
        /// Targets (by index) that fail just below `lowest` and just above `highest`.
        public var bindingBelow: [Int]
        public var bindingAbove: [Int]
        /// When nothing passes: targets that fail everywhere in the range.
        public var neverPassing: [Int]
        /// Whether the passing values form more than one interval (only the first is bounded).
        public var isSplit: Bool
        /// Grid values at which the scenario cannot be projected (a share over 100%, a month of
        /// 6.5): how many, and the first with its problem. Such values count as failing.
        public var invalidCount = 0
        public var firstInvalid: (value: Double, problem: String)?
    }

    /// Which targets fail at `value` (all of them when the scenario cannot be projected there).
    public func failures(at value: Double) -> [Int] { attempt(value).failures }

    /// The targets failing at `value`, or the problem that keeps the scenario from being projected.
    func attempt(_ value: Double) -> (failures: [Int], problem: String?) {
        do {
            let projection = try run.projection(of: VariedInput.scenario([(input, value)], run: run))
            return (projection.checks.filter { !$0.passed && !skipped.contains($0.target.kind.name) }.map(\.index), nil)
        } catch {
            return (considered, error.message)
        }
    }

    public func solve() -> Result {
        let step = (range.upperBound - range.lowerBound) / Double(gridPoints)
        let grid = (0...gridPoints).map { range.lowerBound + Double($0) * step }
        let attempts = grid.map(attempt)
        let failing = attempts.map(\.failures)
        let passing = zip(failing, attempts).map { $0.isEmpty && $1.problem == nil }
        let invalid = zip(grid, attempts).compactMap { value, attempt in attempt.problem.map { (value, $0) } }
        guard let first = passing.firstIndex(of: true) else {
            let valid = zip(failing, attempts).filter { $1.problem == nil }.map(\.0)
            let never = valid.isEmpty ? [] : considered.filter { target in valid.allSatisfy { $0.contains(target) } }
            var result = Result(lowest: nil, highest: nil, bindingBelow: [], bindingAbove: [], neverPassing: never, isSplit: false)
            result.invalidCount = invalid.count
            result.firstInvalid = invalid.first
            return result
        }
        let last = passing[first...].firstIndex(of: false).map { $0 - 1 } ?? grid.count - 1
        let isSplit = passing[(last + 1)...].contains(true)
        var result = Result(
            lowest: grid[first], highest: grid[last], bindingBelow: [], bindingAbove: [], neverPassing: [], isSplit: isSplit)
        result.invalidCount = invalid.count
        result.firstInvalid = invalid.first
        if first > 0 {
            let lowest = boundary(failing: grid[first - 1], passing: grid[first])
            result.lowest = lowest
            result.bindingBelow = failures(at: lowest - 2 * accuracy)
        }
        if last < grid.count - 1 {
            let highest = boundary(failing: grid[last + 1], passing: grid[last])
            result.highest = highest
            result.bindingAbove = failures(at: highest + 2 * accuracy)
        }
        return result
    }

    /// Bisects between a failing and a passing value to the last passing value within `accuracy`.
    private func boundary(failing: Double, passing: Double) -> Double {
        var (bad, good) = (failing, passing)
        while abs(good - bad) > accuracy {
            let middle = (bad + good) / 2
            if failures(at: middle).isEmpty { good = middle } else { bad = middle }
        }
        return good
    }
}
