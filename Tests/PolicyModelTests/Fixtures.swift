import PolicyModel

/// The plan's standards (饶县民字[2017]33号 一), written out so tests derive figures from them.
let planStandards: [Int: Double] = [2016: 3240, 2017: 3660, 2018: 4260, 2019: 4860, 2020: 5640]

func yearly(_ values: [Int: Double], growth: Double? = nil) -> SeriesDefinition {
    SeriesDefinition(unit: .yuanPerPersonYear, values: values, growth: growth)
}

func scenario(
    _ series: [SeriesName: SeriesDefinition], from: Int = 2016, to: Int = 2020, budget: BudgetRules? = nil,
    targets: [Target] = []
) -> Scenario {
    Scenario(name: "test", span: YearSpan(first: from, last: to), series: series, budget: budget, targets: targets)
}

/// The problem a throwing call reports, or nil when it does not throw.
func problem(_ body: () throws -> Void) -> ScenarioProblem? {
    do {
        try body()
        return nil
    } catch {
        return error as? ScenarioProblem
    }
}
