#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Checks targets against a scenario's resolved series and budgets.
struct TargetEvaluator {
    let series: SeriesResolver
    let budgets: [Int: YearBudget]

    /// Growth of `name` from year t − 1 to t.
    private func annualGrowth(of name: SeriesName, in year: Int) throws(ScenarioProblem) -> Double {
        try series.value(of: name, in: year) / series.value(of: name, in: year - 1) - 1
    }

    private func budget(in year: Int, index: Int) throws(ScenarioProblem) -> YearBudget {
        guard let budget = budgets[year] else {
            throw ScenarioProblem(at: ["targets", "[\(index)]"], year: year, "this target needs a budget section")
        }
        return budget
    }

    func check(_ target: Target, index: Int) throws(ScenarioProblem) -> TargetCheck {
        var result = TargetCheck(
            target: target, index: index, passed: false, actual: .nan, required: .nan,
            decidingYear: nil, yearByYear: [])
        switch target.requirement {
        case .marginAbovePovertyLine(let year, let atLeast):
            let margin =
                try series.value(of: .standard, in: year) / series.value(of: .povertyLine, in: year) - 1
            (result.actual, result.required) = (margin, atLeast)
            result.passed = isAtLeast(margin, atLeast)
        case .standardAtLeast(let year, let floor):
            let standard = try series.value(of: .standard, in: year)
            (result.actual, result.required) = (standard, floor.yuan)
            result.passed = isAtLeast(standard, floor.yuan)
        case .benefitAtLeast(let year, let floor):
            let benefit = YuanPerPersonYear(try series.value(of: .benefit, in: year)).perMonth
            (result.actual, result.required) = (benefit.yuan, floor.yuan)
            result.passed = isAtLeast(benefit.yuan, floor.yuan)
        case .averageGrowth(let name, let from, let to, let rate, let tolerance):
            let ratio = try series.value(of: name, in: to) / series.value(of: name, in: from)
            let compound = pow(ratio, 1 / Double(to - from)) - 1
            (result.actual, result.required) = (compound, rate)
            result.passed = abs(compound - rate) <= tolerance + relativeTolerance * max(abs(compound), abs(rate))
        case .standardGrowthAboveRuralIncome(let from, let to):
            for year in from...to {
                let standardGrowth = try annualGrowth(of: .standard, in: year)
                let incomeGrowth = try annualGrowth(of: .ruralIncome, in: year)
                result.yearByYear.append(
                    .init(
                        year: year, actual: standardGrowth, required: incomeGrowth,
                        passed: isGreater(standardGrowth, than: incomeGrowth)))
            }
            let deciding =
                result.yearByYear.first(where: { !$0.passed })
                ?? result.yearByYear.min(by: { $0.actual - $0.required < $1.actual - $1.required })!
            (result.actual, result.required, result.decidingYear) = (deciding.actual, deciding.required, deciding.year)
            result.passed = result.yearByYear.allSatisfy(\.passed)
        case .countyBudgetAtMost(let year, let limit):
            let county = try budget(in: year, index: index).county
            (result.actual, result.required) = (county.yuan, limit.yuan)
            result.passed = isAtMost(county.yuan, limit.yuan)
        case .totalBudgetAtMost(let year, let limit):
            let total = try budget(in: year, index: index).total
            (result.actual, result.required) = (total.yuan, limit.yuan)
            result.passed = isAtMost(total.yuan, limit.yuan)
        }
        return result
    }
}
