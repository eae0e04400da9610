extension TargetKind {
    /// In `year`, no township's coverage (recipients / rural population, from the ledger) is
    /// above `at_most`: the county's check that dibao goes to those who need it, township by
    /// township (饶县民字[2017]33号 二: 村要建立台账, 乡镇要登记造册). Judged on the highest coverage.
    public static let townshipCoverageAtMost = TargetKind(
        name: "township_coverage_at_most", years: .single,
        parameters: [TargetParameter("at_most", .rate, meaning: "highest coverage allowed", isThreshold: true)],
        needs: [], measure: .ratio, comparison: .atMost, bounds: nil,
        label: Words(zh: "乡镇覆盖率上限", en: "township coverage at most"),
        sentence: Words(zh: "覆盖率最高的乡镇为 {actual}，上限 {required}", en: "the highest township coverage is {actual}; limit {required}"),
        evaluate: { target, context throws(ScenarioProblem) in
            let records = try context.townships(in: target.year)
            let coverages = records.compactMap { _, record -> Double? in
                guard let persons = record.persons, let population = record.population, population > 0 else { return nil }
                return persons / population
            }
            guard let highest = coverages.max() else {
                throw ScenarioProblem(
                    at: ["actuals", "townships", String(target.year)], year: target.year,
                    "the \(target.year) township records give no persons and rural population (农村人口) to compute a coverage from")
            }
            let limit = target.number("at_most")
            return TargetResult(passed: isAtMost(highest, limit), actual: highest, required: limit)
        }
    )
}

extension Target.Requirement {
    /// No township's coverage is above `limit` in `year`.
    public static func townshipCoverageAtMost(year: Int, _ limit: Double) -> Self {
        Self(.townshipCoverageAtMost, years: .single(year), arguments: ["at_most": .number(limit)])
    }
}
