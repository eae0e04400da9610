import PolicyModel
import RunLayer
import ScenarioFiles

/// A scenario input that `solve` and `sweep` vary: a series' growth rate
/// (`series.standard.growth`) or one year's value (`series.benefit.values.2018`, in the series'
/// own unit), set directly in the model; or any other number of the scenario file
/// (`budget.funding.city.share`, `microsimulation.take_up`, `targets[3].wan_yuan`), set in the
/// file's merged tree and read again as the file would be.
public struct VariedInput: Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case growth
        case value(year: Int)
        /// A number of the scenario file at this key path, in the unit it is written in.
        case key([String])
    }
    /// The series varied, for `growth` and `value`.
    public var series: SeriesName
    public var kind: Kind
    /// The value written in the file, for `key`.
    var written: Double?

    public var description: String {
        switch kind {
        case .growth: "series.\(series.rawValue).growth"
        case .value(let year): "series.\(series.rawValue).values.\(year)"
        case .key(let keyPath): ScenarioProblem.dotted(keyPath)
        }
    }

    /// Reads a series input such as `series.standard.growth`; nil with a reason when it is not one.
    public static func parse(_ key: String, in scenario: Scenario) -> Result<VariedInput, ScenarioProblem> {
        let parts = key.split(separator: ".").map(String.init)
        let problem = { (message: String) in Result<VariedInput, ScenarioProblem>.failure(ScenarioProblem(at: parts, message)) }
        guard parts.count >= 3, parts[0] == "series", let series = SeriesName(rawValue: parts[1]) else {
            return problem("vary a series input: series.<name>.growth or series.<name>.values.<year>, not '\(key)'")
        }
        guard let definition = scenario.series[series] else { return problem("the scenario does not define series '\(series.rawValue)'") }
        switch (parts.count, parts[2]) {
        case (3, "growth"):
            guard definition.proportionalTo == nil else {
                return problem("series '\(series.rawValue)' is proportional to another; vary one of its values instead")
            }
            guard scenario.span.contains(where: { definition.values[$0] == nil }) else {
                return problem(
                    "series '\(series.rawValue)' has a value for every year \(scenario.span.first)–\(scenario.span.last), so its growth changes nothing; vary one of its values instead"
                )
            }
            return .success(VariedInput(series: series, kind: .growth))
        case (4, "values"):
            guard let year = Int(parts[3]), scenario.span.contains(year) || definition.values[year] != nil else {
                return problem(
                    "'\(parts[3])' is not a year of the scenario (\(scenario.span.first)–\(scenario.span.last)) or of the series")
            }
            return .success(VariedInput(series: series, kind: .value(year: year)))
        default:
            return problem("vary series.<name>.growth or series.<name>.values.<year>, not '\(key)'")
        }
    }

    /// Reads any numeric key path of the run's scenario file: a series input as above, or any
    /// other number the file holds or may hold (`budget.funding.city.share`,
    /// `microsimulation.take_up`, `targets[1].at_least`). A key the file cannot hold is refused
    /// with the file's own message (and its suggestion); a key holding text is refused.
    public static func parse(_ key: String, in run: ScenarioRun) -> Result<VariedInput, ScenarioProblem> {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 3, parts[0] == "series", ["growth", "values"].contains(parts[2]) { return parse(key, in: run.scenario) }
        guard case .success(let override) = ScenarioOverride.parse(key + "=0") else {
            return .failure(
                ScenarioProblem(at: [key], "'\(key)' is not a key path such as budget.funding.city.share or targets[2].at_least"))
        }
        let parsed = override.keyPath
        do throws(ScenarioProblem) {
            let written = try run.loaded.number(at: parsed)
            // The key must be one the file can hold as a number: set it to what it holds (or 0)
            // and read the file again.
            _ = try run.loaded.variant(setting: [(parsed, written ?? 0)])
            var input = VariedInput(series: .standard, kind: .key(parsed))
            input.written = written
            return .success(input)
        } catch {
            return .failure(error)
        }
    }

    /// The scenario with this input set to `value` (series inputs only; see `scenario(_:run:)`).
    public func applied(to scenario: Scenario, _ value: Double) -> Scenario {
        var scenario = scenario
        switch kind {
        case .growth: scenario.series[series]!.growth = value
        case .value(let year): scenario.series[series]!.values[year] = value
        case .key: break
        }
        return scenario
    }

    /// The run's scenario with each input set to its value: key paths through the file's
    /// merged tree first, then series inputs in the model.
    public static func scenario(_ values: [(input: VariedInput, value: Double)], run: ScenarioRun) throws(ScenarioProblem) -> Scenario {
        let keyed = values.compactMap { item -> (keyPath: [String], value: Double)? in
            if case .key(let keyPath) = item.input.kind { return (keyPath, item.value) }
            return nil
        }
        var scenario = keyed.isEmpty ? run.scenario : try run.loaded.variant(setting: keyed)
        for (input, value) in values { scenario = input.applied(to: scenario, value) }
        return scenario
    }

    /// The input's value in `scenario`, if it has one (for a key path, the value written in the file).
    public func current(in scenario: Scenario) -> Double? {
        switch kind {
        case .growth: scenario.series[series]?.growth
        case .value(let year): scenario.series[series]?.values[year]
        case .key: written
        }
    }
}
