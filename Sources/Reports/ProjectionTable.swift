import PolicyModel

/// `dibao run --format table`: the projection as terminal tables (levels, then budget), then
/// the checks.
public enum ProjectionTable {
    public static func rendered(_ projection: Projection, language: Language = .en) -> String {
        let scenario = projection.scenario
        var out = scenario.name + (scenario.title.map { " — \($0)" } ?? "") + "\n"
        if !scenario.whatIfs.isEmpty {
            out += language.pick("假设调整（非原方案）：", "what-if (not the scenario as written): ") + scenario.whatIfs.joined(separator: " ") + "\n"
        }
        out += "\n"
        let columns = YearColumn.present(in: projection)
        let levels = columns.filter { !$0.isBudget }
        let budget = columns.filter(\.isBudget)
        for group in [levels, budget] where !group.isEmpty {
            out += table(projection, group, language).rendered() + "\n"
        }
        if let microsimulation = projection.microsimulation {
            let households = Formatting.grouped(Double(microsimulation.households), decimals: 0)
            out += language.pick("家庭微观模拟（样本 \(households) 户）\n", "microsimulation (\(households) households)\n")
            out += MicrosimulationOutput.table(microsimulation, language: language).rendered() + "\n"
        }
        if let states = projection.caseloadStates {
            out += language.pick("按状态的人数（状态转移模型）", "persons by state (transitions model)") + "\n"
            var rows = states.years.map { year in [String(year.year)] + year.counts.map { Formatting.persons($0) } }
            if let shares = states.longRunShares {
                rows.append([language.pick("长期比例", "long run")] + shares.map { Formatting.percent($0) })
            }
            out += TextTable(header: [language.pick("年份", "year")] + states.states, rows: rows).rendered() + "\n"
        }
        out += CheckListing.lines(for: projection, language: language).joined(separator: "\n")
        return out + "\n"
    }

    static func table(_ projection: Projection, _ columns: [YearColumn], _ language: Language) -> TextTable {
        TextTable(
            header: [language.pick("年份", "year")] + columns.map { $0.label(language) },
            rows: projection.years.map { figures in [String(figures.year)] + columns.map { $0.formatted(figures) } })
    }
}
