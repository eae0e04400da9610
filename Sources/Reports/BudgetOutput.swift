import PolicyModel
import Simulation

/// `dibao budget`: the appropriation at a confidence level, as a table (万元), JSON and CSV (元).
public enum BudgetOutput {
    static func level(_ figure: Figure) -> (key: String, zh: String, en: String) {
        if figure == .surplusYuan { return ("surplus", "转移支付结余", "surplus of transfers") }
        guard let level = FundingLevel(figure: figure) else { return ("total", "合计", "total") }
        return (level.rawValue, level.label.zh, level.label.en)
    }

    public static func table(_ budget: ConfidenceBudget, scenario: Scenario, language l: Language = .zh) -> String {
        let percent = Formatting.percent(budget.confidence, decimals: 0)
        let wan = { (value: Double?) in value.map { Formatting.wanYuan($0) } ?? "—" }
        var out = l.pick(
            "\(scenario.name)：\(budget.year)年资金需求（万元）", "\(scenario.name): budget for \(budget.year) (万元)")
        if !scenario.whatIfs.isEmpty { out += l.pick("（假设调整：", " (what-if: ") + scenario.whatIfs.joined(separator: " ") + l.pick("）", ")") }
        out += budget.draws.map { l.pick("，\($0) 次抽样，随机种子 \(budget.seed ?? 0)\n", ", \($0) draws, seed \(budget.seed ?? 0)\n") } ?? "\n"
        let rows = budget.lines.map { line in
            [
                l.pick(level(line.figure).zh, level(line.figure).en), wan(line.deterministic), wan(line.mean), wan(line.atConfidence),
                wan(line.standardError),
            ]
        }
        out += TextTable(
            header: [
                l.pick("资金来源", "level"), l.pick("测算值", "deterministic"), l.pick("均值", "mean"),
                l.pick("有\(percent)把握足够的金额", "enough with \(percent) confidence"), l.pick("抽样标准误", "MC standard error"),
            ], rows: rows
        ).rendered()
        if budget.draws == nil && scenario.uncertainty != nil {
            out += l.pick("（加上 --draws N 可得到均值和把握度金额）\n", "(add --draws N for the mean and the amount at the confidence level)\n")
        }
        if !budget.caps.isEmpty {
            out +=
                "\n"
                + TextTable(
                    header: [l.pick("上限", "cap"), l.pick("金额", "amount"), l.pick("足够的概率", "probability enough")],
                    rows: budget.caps.map { cap in
                        [
                            l.pick(level(cap.figure).zh, level(cap.figure).en), wan(cap.cap),
                            cap.probabilityEnough.map { Formatting.percent($0) } ?? "—",
                        ]
                    }
                ).rendered()
        }
        return out
    }

    public static func json(_ budget: ConfidenceBudget, scenario: Scenario) -> JSONValue {
        func line(_ line: ConfidenceBudget.Line) -> JSONValue {
            .object([
                ("level", .string(level(line.figure).key)), ("deterministic_yuan", .number(line.deterministic)),
                ("mean_yuan", .number(line.mean)), ("at_confidence_yuan", .number(line.atConfidence)),
                ("standard_error_yuan", .number(line.standardError)),
            ])
        }
        return .object([
            ("scenario", .string(scenario.name)), ("what_ifs", .array(scenario.whatIfs.map(JSONValue.string))),
            ("year", .int(budget.year)), ("confidence", .number(budget.confidence)),
            ("draws", budget.draws.map { .int($0) } ?? .null), ("seed", budget.seed.map { .int(Int($0)) } ?? .null),
            ("levels", .array(budget.levels.map(line))), ("total", line(budget.total)),
            ("surplus", budget.surplus.map(line) ?? .null),
            (
                "caps",
                .array(
                    budget.caps.map { cap in
                        .object([
                            ("level", .string(level(cap.figure).key)), ("cap_yuan", .number(cap.cap)),
                            ("probability_enough", .number(cap.probabilityEnough)),
                        ])
                    })
            ),
        ])
    }

    public static func csv(_ budget: ConfidenceBudget) -> CSVTable {
        CSVTable(
            header: ["level", "deterministic_yuan", "mean_yuan", "at_confidence_yuan", "standard_error_yuan"],
            rows: budget.lines.map { line in
                [level(line.figure).key] + [line.deterministic, line.mean, line.atConfidence, line.standardError].map(Formatting.plain)
            })
    }
}
