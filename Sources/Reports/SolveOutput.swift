import Analyses
import PolicyModel

/// `dibao solve` and `dibao sweep` as text and CSV.
public enum SolveOutput {
    static func describe(_ indices: [Int], _ scenario: Scenario) -> String {
        indices.map { index in
            let target = scenario.targets[index]
            let years: String
            switch target.years {
            case .single(let year): years = String(year)
            case .span(let from, let to): years = "\(from)–\(to)"
            }
            return "[\(index)] \(target.kind.name) \(years)"
        }.joined(separator: ", ")
    }

    static func number(_ value: Double) -> String { String(format: "%.7g", value) }

    public static func text(_ result: TargetSolver.Result, solver: TargetSolver) -> String {
        let scenario = solver.scenario
        var out = "\(scenario.name): \(solver.input) over \(number(solver.range.lowerBound))..\(number(solver.range.upperBound))\n"
        guard let lowest = result.lowest, let highest = result.highest else {
            out += "no value in the range meets every target\n"
            if result.neverPassing.isEmpty {
                out += "each target passes somewhere, but never all at once: the targets conflict over this range\n"
            } else {
                out += "never met anywhere in the range: \(describe(result.neverPassing, scenario))\n"
            }
            return out
        }
        out += "every target is met from \(number(lowest)) to \(number(highest))"
        out += result.isSplit ? " (and again further up the range)\n" : "\n"
        out +=
            "  smallest: \(number(lowest))"
            + (result.bindingBelow.isEmpty
                ? " (the lower end of the range)\n" : "; below it fails \(describe(result.bindingBelow, scenario))\n")
        out +=
            "  largest:  \(number(highest))"
            + (result.bindingAbove.isEmpty
                ? " (the upper end of the range)\n" : "; above it fails \(describe(result.bindingAbove, scenario))\n")
        return out
    }

    /// The key figures of a sweep run: the last year's standard, margin, benefit, total and county budget.
    static let sweepFigures: [Figure] = [
        .standardYuanPerYear, .marginAbovePovertyLine, .benefitYuanPerMonth, .totalBudgetYuan, .countyYuan,
    ]

    /// One row per run: the inputs, ✓/✗ per target, and the last year's key figures.
    public static func sweepTable(_ sweep: Sweep, scenario: Scenario) -> CSVTable {
        let lastYear = scenario.span.last
        var header = sweep.axes.map { $0.input.description }
        header += scenario.targets.indices.map { describe([$0], scenario) }
        header += sweepFigures.map { "\($0.rawValue) \(lastYear)" }
        header.append("all_met")
        var table = CSVTable(header: header)
        for run in sweep.runs {
            var row = run.values.map(number)
            if let projection = run.projection {
                row += projection.checks.map { $0.passed ? "✓" : "✗" }
                let figures = projection.figures(for: lastYear)
                row += sweepFigures.map { figure in figures.flatMap(figure.value).map { Formatting.plain($0) } ?? "" }
                row.append(projection.checks.allSatisfy(\.passed) ? "yes" : "no")
            } else {
                row += scenario.targets.map { _ in "" } + sweepFigures.map { _ in "" } + ["invalid: \(run.problem ?? "")"]
            }
            table.rows.append(row)
        }
        return table
    }
}
