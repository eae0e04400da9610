extension TargetKind {
    /// The whole budget (benefits and staff) is at most `yuan` in `year` (饶县民字[2017]33号 七).
    public static let totalBudgetAtMost = TargetKind(
        name: "total_budget_at_most", years: .single,
        parameters: [TargetParameter("yuan", .yuan, meaning: "limit in 元", isThreshold: true)],
        needs: [], needsBudget: true, measure: .yuan, comparison: .atMost, bounds: .totalBudgetYuan,
        label: Words(zh: "资金总需求上限", en: "total budget at most"),
        sentence: Words(zh: "资金总需求 {actual}，上限 {required}", en: "total budget {actual}; limit {required}"),
        evaluate: { target, context throws(ScenarioProblem) in
            let total = try context.budget(in: target.year).total.yuan
            let limit = target.number("yuan")
            return TargetResult(passed: isAtMost(total, limit), actual: total, required: limit)
        }
    )
}

extension Target.Requirement {
    /// The whole budget is at most `limit` in `year`.
    public static func totalBudgetAtMost(year: Int, _ limit: Yuan) -> Self {
        Self(.totalBudgetAtMost, years: .single(year), arguments: ["yuan": .number(limit.yuan)])
    }
}
