import PolicyModel

/// The sentences of the official report, built from the same figures as its tables: each number
/// in a sentence is also in a numbered table. Projections are 测算 / 预计, never 实际.
extension AnnualReport {
    /// The primary scenario (the first) and its figures in the report year.
    var primary: (entry: ReportScenario, figures: YearFigures)? {
        guard let entry = scenarios.first, let figures = entry.projection.figures(for: year) else { return nil }
        return (entry, figures)
    }

    /// 一、基本情况: the standard, its rise, the margin, the caseload and the benefit of the report year.
    /// `indicators` and `planAndActual` name the tables the sentences point to (`表1`), when the
    /// document has them.
    func overviewSentences(indicators: String?, planAndActual: String?) -> [String] {
        let l = language
        var out: [String] = []
        let recordedYears = scenarios.first?.scenario.actuals?.recordedYears ?? []
        if !recordedYears.isEmpty {
            out.append(
                l.pick(
                    "\(recordedYears.map { "\($0)年" }.joined(separator: "、"))为台账实际数，其余年份为按方案测算的预计数"
                        + (planAndActual.map { "（计划与实际对比见\($0)）" } ?? "") + "。",
                    "\(recordedYears.map(String.init).joined(separator: ", ")) are recorded figures; other years are projections"
                        + (planAndActual.map { " (plan and actual in \($0))" } ?? "") + "."
                ))
        }
        let projectedNote = recordedYears.isEmpty ? l.pick("以下数字均为按方案测算的预计数。", " All figures are projections.") : ""
        if scenarios.count > 1 {
            out.append(
                l.pick(
                    "本报告以“\(scenarios[0].displayName(language))”为主方案，并与其他\(scenarios.count - 1)个方案比较（见附件）。",
                    "The report takes “\(scenarios[0].displayName(language))” as its main scenario and compares \(scenarios.count - 1) others (annex)."
                )
                    + projectedNote)
        } else if let first = scenarios.first {
            out.append(
                l.pick("本报告按“\(first.displayName(language))”测算。", "The report projects “\(first.displayName(language))”.") + projectedNote)
        }
        guard let (entry, figures) = primary else { return out }
        var parts: [String] = []
        if let standard = figures.standard {
            var text = l.pick(
                "\(year)年农村低保标准为\(Formatting.grouped(standard.yuan))元/人·年（\(Formatting.grouped(standard.perMonth.yuan))元/人·月）",
                "In \(year) the standard is \(Formatting.grouped(standard.yuan)) 元 per person per year (\(Formatting.grouped(standard.perMonth.yuan)) 元 a month)"
            )
            if let previous = entry.projection.figures(for: year - 1)?.standard, previous.yuan > 0 {
                let rise = standard.yuan / previous.yuan - 1
                text += l.pick("，比上年提高\(Formatting.percent(rise))", ", \(Formatting.percent(rise)) above the year before")
            }
            if let margin = figures.marginAbovePovertyLine {
                text += l.pick(
                    "，高于同期国家扶贫标准\(Formatting.percent(margin))", ", \(Formatting.percent(margin)) above the national poverty line")
            }
            parts.append(text)
        }
        if let caseload = figures.caseload {
            var text = l.pick(
                "低保对象预计\(Formatting.persons(caseload))人", "the caseload is projected at \(Formatting.persons(caseload)) persons")
            if let households = figures.households {
                text += l.pick("、\(Formatting.persons(households))户", " in \(Formatting.persons(households)) households")
            }
            parts.append(text)
        }
        if let benefit = figures.benefit {
            parts.append(
                l.pick(
                    "人均补助水平预计\(Formatting.grouped(benefit.yuan))元/月", "the average benefit \(Formatting.grouped(benefit.yuan)) 元 a month"))
        }
        if !parts.isEmpty {
            out.append(
                parts.joined(separator: l.pick("；", "; ")) + (indicators.map { l.pick("（见\($0)）", " (\($0))") } ?? "") + l.pick("。", "."))
        }
        return out
    }

    /// 二、目标完成情况: how many targets of the main scenario are expected to be met.
    var targetsSentence: String {
        let l = language
        guard let entry = scenarios.first else { return "" }
        let checks = entry.projection.checks
        let recorded = checks.filter(\.isRecorded)
        let projected = checks.filter { !$0.isRecorded }
        let known = checks.count { $0.outcome == .failedAsExpected }
        var parts: [String] = []
        if !recorded.isEmpty {
            let met = recorded.count(where: \.passed)
            parts.append(
                l.pick("按实际数已达标\(met)项、未达标\(recorded.count - met)项", "\(met) met and \(recorded.count - met) not met on recorded figures"))
        }
        if !projected.isEmpty {
            let met = projected.count(where: \.passed)
            parts.append(l.pick("预计达标\(met)项、未达标\(projected.count - met)项", "\(met) expected to be met and \(projected.count - met) not"))
        }
        var text = l.pick(
            "“\(entry.displayName(language))”共\(checks.count)项目标，" + parts.joined(separator: "；"),
            "“\(entry.displayName(language))” has \(checks.count) targets: " + parts.joined(separator: "; "))
        if known > 0 { text += l.pick("（其中\(known)项为方案本身已知的差距）", " (\(known) of them known shortfalls of the plan)") }
        return text + l.pick("。逐项情况见下表。", ". Each is listed below.")
    }

    /// 三、资金保障: the year's need and who pays it, in 万元; the budget at a confidence level.
    var fundingSentences: [String] {
        let l = language
        guard let (entry, figures) = primary, let budget = figures.budget else {
            return [l.pick("主方案未测算资金需求。", "The main scenario has no budget.")]
        }
        var out: [String] = []
        let parts = FundingLevel.allCases.compactMap { level -> String? in
            budget.paid[level].map {
                l.pick("\(level.label.zh)\(Formatting.wanYuan($0.yuan))万元", "\(level.label.en) \(Formatting.wanYuan($0.yuan)) 万元")
            }
        }
        var text = l.pick(
            "\(year)年资金需求预计\(Formatting.wanYuan(budget.total.yuan))万元，其中",
            "In \(year) the need is projected at \(Formatting.wanYuan(budget.total.yuan)) 万元: ")
        text += parts.joined(separator: l.pick("、", ", "))
        if budget.total.yuan > 0 {
            text += l.pick(
                "；县级承担\(Formatting.percent(budget.county.yuan / budget.total.yuan))",
                "; the county pays \(Formatting.percent(budget.county.yuan / budget.total.yuan))")
        }
        if let surplus = budget.surplus, surplus.yuan > 0 {
            text += l.pick(
                "；转移支付超出需求\(Formatting.wanYuan(surplus.yuan))万元", "; transfers exceed the need by \(Formatting.wanYuan(surplus.yuan)) 万元")
        }
        out.append(text + l.pick("。", "."))
        if let confidence = entry.confidenceBudget, let county = confidence.levels.first(where: { $0.figure == .countyYuan }),
            let amount = county.atConfidence
        {
            let percent = Formatting.percent(confidence.confidence, decimals: 0)
            out.append(
                l.pick(
                    "考虑低保对象人数等的不确定性（\(confidence.draws ?? 0)次抽样），\(confidence.year)年县级资金有\(percent)把握足够的金额为\(Formatting.wanYuan(amount))万元。",
                    "Allowing for uncertainty (\(confidence.draws ?? 0) draws), \(Formatting.wanYuan(amount)) 万元 of county money is enough in \(confidence.year) with \(percent) confidence."
                ))
        }
        return out
    }

    /// 四、存在的问题: one sentence per target of the main scenario not expected to be met.
    var problemSentences: [String] {
        let l = language
        guard let entry = scenarios.first else { return [] }
        return entry.projection.checks.filter { !$0.passed }.map { check in
            let description = CheckDescription(check, language: l)
            var text =
                description.title + (check.isRecorded ? l.pick("未达标：", " was not met: ") : l.pick("预计未达标：", " is not expected to be met: "))
                + description.message
            if let note = entry.say(check.target.note, l) {
                text += l.pick("（", " (") + note + l.pick("）", ")")
            }
            return text + l.pick("。", ".")
        }
    }
}
