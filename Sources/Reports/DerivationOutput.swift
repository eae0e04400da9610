import PolicyModel

/// `dibao explain`: a figure's derivation as a tree down to the scenario's inputs, each node with
/// its value, unit and rule (with its section of docs/model.md and clause), each input with
/// where it is written and its source or assumption.
public enum DerivationOutput {
    /// Where an input is written (`file:line:col`), from the front end.
    public typealias Locate = ([String]) -> String

    public static func text(_ derivation: Derivation, scenario: Scenario, locate: Locate, language l: Language = .zh) -> String {
        var lines: [String] = []
        var shown = Set<String>()
        var expanded = Set<String>()
        func walk(_ node: Derivation, _ prefix: String, _ childPrefix: String) {
            var text = prefix + line(node, scenario, locate, l, shown: &shown)
            // A figure already broken down higher up is not broken down again.
            var isInput = false
            if case .input = node.subject { isInput = true }
            if !isInput, !node.inputs.isEmpty,
                !expanded.insert("\(node.subject)@\(node.year.map(String.init) ?? "")").inserted
            {
                text += l.pick("（明细见上）", " (derived above)")
                lines.append(text)
                return
            }
            lines.append(text)
            for (index, input) in node.inputs.enumerated() {
                let last = index == node.inputs.count - 1
                walk(input, childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "))
            }
        }
        walk(derivation, "", "")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ derivation: Derivation, scenario: Scenario, locate: Locate) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(name(derivation.subject, .en)))]
        if let year = derivation.year { members.append(("year", .int(year))) }
        members += [
            ("value", .number(derivation.value)), ("unit", .string(unit(derivation, scenario))),
            ("rule", .string(rule(derivation.rule, .en))),
        ]
        if let section = section(derivation.rule) { members.append(("model", .string(section))) }
        if case .input(let keyPath) = derivation.subject {
            members.append(("written_at", .string(locate(keyPath))))
            let (reference, assumption) = provenance(keyPath, scenario)
            if let reference { members.append(("reference", .string(reference))) }
            if let assumption { members.append(("assumption", .string(assumption))) }
        }
        if !derivation.inputs.isEmpty {
            members.append(("inputs", .array(derivation.inputs.map { json($0, scenario: scenario, locate: locate) })))
        }
        return .object(members)
    }

    /// One node; a source or assumption already `shown` higher up is not repeated.
    static func line(_ node: Derivation, _ scenario: Scenario, _ locate: Locate, _ l: Language, shown: inout Set<String>) -> String {
        var isInput = false
        if case .input = node.subject { isInput = true }
        let year = isInput ? "" : node.year.map { l.pick(" \($0)年", " \($0)") } ?? ""
        var text = "\(name(node.subject, l))\(year): \(formatted(node, scenario))"
        if node.rule != .given { text += "  = " + rule(node.rule, l) }
        if let section = section(node.rule) { text += "  (\(section))" }
        if case .input(let keyPath) = node.subject {
            text += "  " + locate(keyPath)
            let (reference, assumption) = provenance(keyPath, scenario)
            if let reference, shown.insert(reference).inserted { text += l.pick("；来源：", "; source: ") + reference }
            if let assumption, shown.insert(assumption).inserted { text += l.pick("；假设：", "; assumption: ") + assumption }
        }
        return text
    }

    static func name(_ subject: Derivation.Subject, _ l: Language) -> String {
        switch subject {
        case .figure(let figure): YearColumn.column(figure).label(l)
        case .series(let series): l.pick(series.words)
        case .input(let keyPath): ScenarioProblem.dotted(keyPath)
        case .fundingPart(let level, let staff):
            staff
                ? l.pick("\(level.label.zh)承担工作经费(元)", "\(level.label.en) part of admin (元)")
                : l.pick("\(level.label.zh)承担低保金(元)", "\(level.label.en) part of benefit spending (元)")
        }
    }

    static func unit(_ node: Derivation, _ scenario: Scenario) -> String {
        switch node.subject {
        case .figure(let figure): return YearColumn.column(figure).unit
        case .fundingPart: return "yuan"
        case .series(let series):
            switch series.quantity {
            case .persons: return "persons"
            case .households: return "households"
            case .moneyPerPerson: return "yuan/person/year"
            }
        case .input(let keyPath):
            if keyPath.count == 4, keyPath[2] == "values", let series = SeriesName(rawValue: keyPath[1]) {
                return scenario.series[series]?.unit.rawValue ?? ""
            }
            if keyPath.last == "yuan_per_worker_year" || keyPath.dropLast().last == "transfer" { return "yuan" }
            if keyPath.contains("share") || keyPath.first == "budget" && keyPath.count == 3 && keyPath[1] == "funding_shares" {
                return "ratio"
            }
            return ""
        }
    }

    static func formatted(_ node: Derivation, _ scenario: Scenario) -> String {
        switch unit(node, scenario) {
        case "yuan": Formatting.grouped(node.value) + " 元"
        case "yuan/person/year": Formatting.grouped(node.value) + " 元/年"
        case "yuan/person/month": Formatting.grouped(node.value) + " 元/月"
        case "persons": Formatting.grouped(node.value, decimals: node.value == node.value.rounded() ? 0 : 1) + " 人"
        case "households": Formatting.grouped(node.value, decimals: node.value == node.value.rounded() ? 0 : 1) + " 户"
        case "ratio": Formatting.percent(node.value, decimals: 2)
        default: Formatting.plain(node.value)
        }
    }

    static func rule(_ rule: Derivation.Rule, _ l: Language) -> String {
        switch rule {
        case .given: l.pick("写明", "given")
        case .growth(let year): l.pick("\(year)年的值 × (1 + 增长率)^(年数)", "value in \(year) × (1 + growth)^(years)")
        case .proportional(let year): l.pick("\(year)年的值 × 基准序列当年值 ÷ 基准序列\(year)年值", "value in \(year) × base this year ÷ base in \(year)")
        case .microsimulation: l.pick("由家庭微观模拟得出", "from the household microsimulation")
        case .transitions: l.pick("由状态转移模型得出", "from the caseload transitions")
        case .perMonth: l.pick("每年值 ÷ 12", "per year ÷ 12")
        case .margin: l.pick("低保标准 ÷ 国家扶贫标准 − 1", "standard ÷ poverty line − 1")
        case .spending: l.pick("低保对象人数 × 补助水平(元/月) × 月数", "caseload × benefit per month × months")
        case .blendedSpending(let month):
            l.pick(
                "上年人数 × 上年补助水平 × \(month - 1)个月 + 当年人数 × 当年补助水平 × 其余月数（\(month)月起提标）",
                "last year's caseload × benefit × \(month - 1) months + this year's × the other months (raised from month \(month))")
        case .workers: l.pick("⌈低保对象人数 ÷ 每名工作人员服务对象数⌉", "⌈caseload ÷ recipients per worker⌉")
        case .admin: l.pick("工作人员 × 每人每年经费", "workers × cost per worker")
        case .total: l.pick("低保金支出 + 工作经费", "benefit spending + admin")
        case .share: l.pick("资金需求 × 分担比例", "need × share")
        case .transfer: l.pick("当年固定转移支付", "the year's fixed transfer")
        case .residual: l.pick("资金需求 − 其他各级承担（不低于0）", "need − the other levels (at least 0)")
        case .surplus: l.pick("各级转移支付及分担 − 资金需求（不低于0）", "transfers and shares − need (at least 0)")
        case .sum: l.pick("低保金部分 + 工作经费部分", "benefit part + admin part")
        }
    }

    /// The section of docs/model.md and the clause a rule implements.
    static func section(_ rule: Derivation.Rule) -> String? {
        switch rule {
        case .given: nil
        case .growth, .proportional: "docs/model.md §2, 饶县民字[2017]33号 一"
        case .perMonth, .margin: "docs/model.md §3, 一"
        case .microsimulation: "docs/model.md §6, 三"
        case .transitions: "docs/model.md §11, 二"
        case .spending, .blendedSpending, .workers, .admin, .total, .share, .transfer, .residual, .surplus, .sum: "docs/model.md §4, 七"
        }
    }

    /// The reference and assumption that cover an input: its series', or the budget's.
    static func provenance(_ keyPath: [String], _ scenario: Scenario) -> (String?, String?) {
        if keyPath.first == "series", keyPath.count > 1, let series = SeriesName(rawValue: keyPath[1]),
            let definition = scenario.series[series]
        {
            return (definition.reference, definition.assumption)
        }
        if keyPath.first == "budget", let budget = scenario.budget { return (budget.reference, budget.assumption) }
        return (nil, nil)
    }
}
