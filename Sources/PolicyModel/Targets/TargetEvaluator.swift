/// What a target kind's check may read: the projection's resolved series and its budgets.
public struct TargetContext: Sendable {
    let series: SeriesResolver
    let budgets: [Int: YearBudget]
    /// The ledger's township records, by year.
    var townships: [Int: [(township: String, record: Actuals.Record)]] = [:]
    /// The target's position in the scenario, for messages.
    let index: Int

    /// The value of `name` in `year`, in the model's unit (元 per person per year, persons).
    public func value(of name: SeriesName, in year: Int) throws(ScenarioProblem) -> Double {
        try series.value(of: name, in: year)
    }

    /// The township records of `year`; a problem when the ledger has none.
    public func townships(in year: Int) throws(ScenarioProblem) -> [(township: String, record: Actuals.Record)] {
        guard let records = townships[year], !records.isEmpty else {
            throw ScenarioProblem(
                at: ["targets", "[\(index)]"], year: year,
                "this target needs the \(year) township records of the ledger (actuals.townships, or a CSV with 乡镇 rows)")
        }
        return records
    }

    /// The budget of `year`.
    public func budget(in year: Int) throws(ScenarioProblem) -> YearBudget {
        guard let budget = budgets[year] else {
            throw ScenarioProblem(at: ["targets", "[\(index)]"], year: year, "this target needs a budget section")
        }
        return budget
    }
}

extension TargetCheck {
    /// Checks `target` (at `index` in its scenario) with its kind's rule.
    static func evaluate(
        _ target: Target, index: Int, series: SeriesResolver, budgets: [Int: YearBudget],
        townships: [Int: [(township: String, record: Actuals.Record)]] = [:]
    ) throws(ScenarioProblem) -> TargetCheck {
        var context = TargetContext(series: series, budgets: budgets, index: index)
        context.townships = townships
        let result = try target.kind.evaluate(target, context)
        return TargetCheck(
            target: target, index: index, passed: result.passed, actual: result.actual, required: result.required,
            decidingYear: result.decidingYear, yearByYear: result.yearByYear)
    }
}
