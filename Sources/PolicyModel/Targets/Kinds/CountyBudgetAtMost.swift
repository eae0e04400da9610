extension TargetKind {
    /// The county's own share of the budget is at most `yuan` in `year`
    /// (饶县民字[2017]33号 七: 落实县本级应承担资金).
    public static let countyBudgetAtMost = TargetKind(
        name: "county_budget_at_most", years: .single,
        parameters: [TargetParameter("yuan", .yuan, meaning: "limit in 元", isThreshold: true)],
        needs: [], needsBudget: true, measure: .yuan, comparison: .atMost, bounds: .countyYuan,
        label: Words(zh: "县级资金上限", en: "county budget at most"),
        sentence: Words(zh: "县级承担 {actual}，上限 {required}", en: "county's own share {actual}; limit {required}"),
        evaluate: { target, context throws(ScenarioProblem) in
            let county = try context.budget(in: target.year).county.yuan
            let limit = target.number("yuan")
            return TargetResult(passed: isAtMost(county, limit), actual: county, required: limit)
        }
    )
}

extension Target.Requirement {
    /// The county's own share is at most `limit` in `year`.
    public static func countyBudgetAtMost(year: Int, _ limit: Yuan) -> Self {
        Self(.countyBudgetAtMost, years: .single(year), arguments: ["yuan": .number(limit.yuan)])
    }
}
