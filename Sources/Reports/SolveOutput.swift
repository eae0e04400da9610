import Analyses
import PolicyModel
import ScenarioFiles

/// `dibao solve` and `dibao sweep` as text and CSV.
public enum SolveOutput {
    /// Targets by index: `[2] margin_above_poverty_line 2018`, or in Chinese `[2] 标准高于扶贫标准 2018年`.
    static func describe(_ indices: [Int], _ scenario: Scenario, _ l: Language = .en) -> String {
        indices.map { index in
            let target = scenario.targets[index]
            let years: String
            switch target.years {
            case .single(let year): years = l.pick("\(year)年", String(year))
            case .span(let from, let to): years = l.pick("\(from)–\(to)年", "\(from)–\(to)")
            }
            return "[\(index)] \(l == .zh ? CheckDescription.label(of: target, l) : target.kind.name) \(years)"
        }.joined(separator: l.pick("、", ", "))
    }

    static func number(_ value: Double) -> String { CFormat.printf("%.7g", value) }

    public static func text(_ result: TargetSolver.Result, solver: TargetSolver, language l: Language = .zh) -> String {
        let scenario = solver.scenario
        let range = "\(number(solver.range.lowerBound))..\(number(solver.range.upperBound))"
        var out = l.pick("\(scenario.name)：\(solver.input) 在 \(range) 范围内\n", "\(scenario.name): \(solver.input) over \(range)\n")
        if let invalid = result.firstInvalid {
            out += l.pick(
                "注意：范围内 \(result.invalidCount) 个取值无法测算（按未达标计），例如 \(number(invalid.value))：\(invalid.problem)\n",
                "note: \(result.invalidCount) values in the range cannot be projected (counted as failing), e.g. \(number(invalid.value)): \(invalid.problem)\n"
            )
        }
        let drawn = solver.considered.filter { scenario.targets[$0].probabilityAtLeast != nil }
        if !drawn.isEmpty {
            out += l.pick(
                "注意：\(describe(drawn, scenario, l)) 有达标概率要求；solve 不抽样，按确定性测算判断（用 check --draws 检验概率）\n",
                "note: \(describe(drawn, scenario, l)) carry probability_at_least; solve does not draw and judges them on the deterministic projection (check --draws tests the probability)\n"
            )
        }
        guard let lowest = result.lowest, let highest = result.highest else {
            out += l.pick("范围内没有一个值能使全部目标达标\n", "no value in the range meets every target\n")
            if result.invalidCount == solver.gridPoints + 1 {
                return out
            }
            if result.neverPassing.isEmpty {
                out += l.pick(
                    "每项目标都在某处达标，但从不同时达标：这些目标在此范围内相互冲突\n",
                    "each target passes somewhere, but never all at once: the targets conflict over this range\n")
            } else {
                let never = describe(result.neverPassing, scenario, l)
                out += l.pick("在整个范围内都未达标：\(never)\n", "never met anywhere in the range: \(never)\n")
                let expectedFailures = Set(
                    result.neverPassing.map { scenario.targets[$0] }.filter { $0.expectation == .fail }.map(\.kind.name))
                if !expectedFailures.isEmpty {
                    let skip = expectedFailures.sorted().map { "--skip \($0)" }.joined(separator: " ")
                    out += l.pick(
                        "其中有预期未达标的目标；若要排除它们，请加上 \(skip)\n",
                        "some of them are expected to fail; to leave them out add \(skip)\n")
                }
            }
            return out
        }
        out += l.pick(
            "全部目标达标的区间：\(number(lowest)) 至 \(number(highest))", "every target is met from \(number(lowest)) to \(number(highest))")
        out += result.isSplit ? l.pick("（范围更高处另有达标区间）\n", " (and again further up the range)\n") : "\n"
        let below = describe(result.bindingBelow, scenario, l)
        let above = describe(result.bindingAbove, scenario, l)
        out +=
            l.pick("  最小值：", "  smallest: ") + number(lowest)
            + (result.bindingBelow.isEmpty
                ? l.pick("（范围下限）\n", " (the lower end of the range)\n")
                : l.pick("；低于此值时未达标：\(below)\n", "; below it fails \(below)\n"))
        out +=
            l.pick("  最大值：", "  largest:  ") + number(highest)
            + (result.bindingAbove.isEmpty
                ? l.pick("（范围上限）\n", " (the upper end of the range)\n")
                : l.pick("；高于此值时未达标：\(above)\n", "; above it fails \(above)\n"))
        return out
    }

    /// The key figures of a sweep run: the last year's standard, margin, benefit, total and county budget.
    static let sweepFigures: [Figure] = [
        .standardYuanPerYear, .marginAbovePovertyLine, .benefitYuanPerMonth, .totalBudgetYuan, .countyYuan,
    ]

    /// One row per run: the inputs, ✓/✗ per target, and the key figures of `year` (the last
    /// year by default) that the scenario has. For people (`forPeople`), figures are labelled in
    /// the language and formatted; otherwise (CSV) keyed and unrounded.
    public static func sweepTable(
        _ sweep: Sweep, scenario: Scenario, year: Int? = nil, forPeople: Bool = false, language l: Language = .zh
    ) -> CSVTable {
        let lastYear = year ?? scenario.span.last
        let sweepFigures = Self.sweepFigures.filter { figure in
            sweep.runs.contains { run in run.projection?.figures(for: lastYear).flatMap(figure.value) != nil }
        }
        var header = sweep.axes.map { $0.input.description }
        header += sweep.considered.map { describe([$0], scenario, l) }
        header += sweepFigures.map {
            forPeople ? YearColumn.column($0).label(l) + l.pick(" \(lastYear)年", " \(lastYear)") : "\($0.rawValue) \(lastYear)"
        }
        header.append(l.pick("全部达标", "all_met"))
        var table = CSVTable(header: header)
        for run in sweep.runs {
            var row = run.values.map(number)
            if let projection = run.projection {
                let checks = sweep.considered.map { projection.checks[$0] }
                row += checks.map { $0.passed ? "✓" : "✗" }
                let figures = projection.figures(for: lastYear)
                row += sweepFigures.map { figure in
                    figures.flatMap(figure.value).map {
                        forPeople ? (YearColumn.column(figure).formatted($0) ?? "—") : Formatting.plain($0)
                    }
                        ?? ""
                }
                row.append(checks.allSatisfy(\.passed) ? l.pick("是", "yes") : l.pick("否", "no"))
            } else {
                row +=
                    sweep.considered.map { _ in "" } + sweepFigures.map { _ in "" } + [l.pick("无法测算：", "invalid: ") + (run.problem ?? "")]
            }
            table.rows.append(row)
        }
        return table
    }
}
