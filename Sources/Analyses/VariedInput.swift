import PolicyModel

/// A scenario input that `solve` and `sweep` vary: a series' growth rate
/// (`series.standard.growth`) or one year's value (`series.benefit.values.2018`, in the
/// series' own unit).
public struct VariedInput: Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case growth
        case value(year: Int)
    }
    public var series: SeriesName
    public var kind: Kind

    public var description: String {
        switch kind {
        case .growth: "series.\(series.rawValue).growth"
        case .value(let year): "series.\(series.rawValue).values.\(year)"
        }
    }

    /// Reads a key such as `series.standard.growth`; nil with a reason when it is not one.
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

    /// The scenario with this input set to `value`.
    public func applied(to scenario: Scenario, _ value: Double) -> Scenario {
        var scenario = scenario
        switch kind {
        case .growth: scenario.series[series]!.growth = value
        case .value(let year): scenario.series[series]!.values[year] = value
        }
        return scenario
    }

    /// The input's value in `scenario`, if it has one.
    public func current(in scenario: Scenario) -> Double? {
        switch kind {
        case .growth: scenario.series[series]?.growth
        case .value(let year): scenario.series[series]?.values[year]
        }
    }
}
