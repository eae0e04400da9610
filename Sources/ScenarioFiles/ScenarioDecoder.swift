import PolicyModel

/// Turns a merged scenario tree into the model's `Scenario`, checking keys and value types.
/// Figures are checked by the model itself (`Scenario.validate()`); this layer only says where.
struct ScenarioDecoder {
    static let topLevelKeys = ["name", "title", "description", "years", "extends", "series", "budget", "targets"]
    static let seriesKeys = ["unit", "values", "growth", "proportional_to", "reference", "assumption"]
    static let budgetKeys = ["months", "funding_shares", "staff", "reference", "assumption"]
    static let targetCommonKeys = ["kind", "expect", "reference", "note"]
    static let targetKeysByKind: [String: [String]] = [
        "margin_above_poverty_line": ["year", "at_least"],
        "standard_at_least": ["year", "yuan_per_year", "yuan_per_month"],
        "benefit_at_least": ["year", "yuan_per_month", "yuan_per_year"],
        "average_growth": ["series", "from", "to", "rate", "tolerance"],
        "standard_growth_above_rural_income": ["from", "to"],
        "county_budget_at_most": ["year", "yuan"],
        "total_budget_at_most": ["year", "yuan"],
    ]
    /// A growth rate quoted to a tenth of a percent (14.4%) is met within half of that.
    static let defaultGrowthTolerance = 0.0005

    let locations = LocationIndex()

    func decode(_ tree: YAMLTree, defaultName: String) throws(ScenarioFileError) -> Scenario {
        let top = try MappingReader(tree, at: [], allowed: Self.topLevelKeys, locations: locations)
        let yearsTree = try top.required("years", "span of years")
        let years = try MappingReader(yearsTree, at: ["years"], allowed: ["from", "to"], locations: locations)
        let span = YearSpan(
            first: try years.requiredYear("from", "first year"), last: try years.requiredYear("to", "last year"))

        var series: [SeriesName: SeriesDefinition] = [:]
        if let seriesTree = top.tree("series") {
            let allowed = SeriesName.allCases.map(\.rawValue)
            let reader = try MappingReader(seriesTree, at: ["series"], allowed: allowed, locations: locations)
            for entry in reader.entries {
                if case .null = entry.value.value { continue }
                let name = SeriesName(rawValue: entry.key)!
                series[name] = try decodeSeries(entry.value, name: name)
            }
        }
        let budget = try top.tree("budget").map { tree throws(ScenarioFileError) in try decodeBudget(tree) }
        var targets: [Target] = []
        if let targetsTree = top.tree("targets") {
            guard case .sequence(let items) = targetsTree.value else {
                throw ScenarioFileError(targetsTree.location, key: "targets", "expected a list of targets (lines starting with '-')")
            }
            for (index, item) in items.enumerated() {
                targets.append(try decodeTarget(item, keyPath: ["targets", "[\(index)]"]))
            }
        }
        let name = try top.string("name") ?? defaultName
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ScenarioFileError(top.location, key: "name", "the scenario name must not be empty")
        }
        return Scenario(
            name: name, title: try top.string("title"), description: try top.string("description"),
            span: span, series: series, budget: budget, targets: targets)
    }

    private func decodeSeries(_ tree: YAMLTree, name: SeriesName) throws(ScenarioFileError) -> SeriesDefinition {
        let key = ["series", name.rawValue]
        let reader = try MappingReader(tree, at: key, allowed: Self.seriesKeys, locations: locations)
        let unit: SeriesUnit
        if let text = try reader.string("unit") {
            guard let parsed = SeriesUnit(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
                let valid = SeriesUnit.allCases.map(\.rawValue)
                let hint =
                    closestKey(to: text, among: valid).map { "; did you mean '\($0)'?" } ?? "; use one of \(valid.joined(separator: ", "))"
                throw ScenarioFileError(
                    reader.tree("unit")!.location, key: dotted(key + ["unit"]), "unknown unit '\(text)'\(hint)")
            }
            unit = parsed
        } else if name.quantity == .persons {
            unit = .persons
        } else {
            throw ScenarioFileError(
                reader.location, key: dotted(key + ["unit"]),
                "missing unit: money must say yuan/person/year or yuan/person/month")
        }
        var values: [Int: Double] = [:]
        let valuesTree = try reader.required("values", "dated values")
        guard case .mapping(let entries) = valuesTree.value else {
            throw ScenarioFileError(valuesTree.location, key: dotted(key + ["values"]), "expected values by year, such as {2016: 3240}")
        }
        locations.record(key + ["values"], valuesTree.location)
        for entry in entries {
            guard let year = ScalarValue.parseYear(entry.key) else {
                throw ScenarioFileError(entry.keyLocation, key: dotted(key + ["values"]), "'\(entry.key)' is not a year such as 2018")
            }
            locations.record(key + ["values", entry.key], entry.keyLocation)
            if case .null = entry.value.value { continue }
            values[year] = try ScalarValue.number(entry.value, key + ["values", entry.key])
        }
        var proportionalTo: SeriesName?
        if let base = try reader.string("proportional_to") {
            guard let parsed = SeriesName(rawValue: base) else {
                let valid = SeriesName.allCases.map(\.rawValue)
                throw ScenarioFileError(
                    reader.tree("proportional_to")!.location, key: dotted(key + ["proportional_to"]),
                    "unknown series '\(base)'" + (closestKey(to: base, among: valid).map { "; did you mean '\($0)'?" } ?? ""))
            }
            proportionalTo = parsed
        }
        return SeriesDefinition(
            unit: unit, values: values, growth: try reader.number("growth"), proportionalTo: proportionalTo,
            reference: try reader.string("reference"), assumption: try reader.string("assumption"))
    }

    private func decodeBudget(_ tree: YAMLTree) throws(ScenarioFileError) -> BudgetRules {
        let reader = try MappingReader(tree, at: ["budget"], allowed: Self.budgetKeys, locations: locations)
        let sharesTree = try reader.required("funding_shares", "funding shares")
        let shares = try MappingReader(
            sharesTree, at: ["budget", "funding_shares"], allowed: ["central", "provincial", "county"], locations: locations)
        let staffing = try reader.tree("staff").map { staffTree throws(ScenarioFileError) in
            let staff = try MappingReader(
                staffTree, at: ["budget", "staff"], allowed: ["recipients_per_worker", "yuan_per_worker_year"],
                locations: locations)
            return StaffingRule(
                recipientsPerWorker: try staff.requiredNumber("recipients_per_worker", "caseload per worker"),
                costPerWorkerYear: Yuan(try staff.requiredNumber("yuan_per_worker_year", "cost of a worker per year")))
        }
        return BudgetRules(
            monthsPaid: try reader.number("months") ?? 12,
            fundingShares: FundingShares(
                central: try shares.requiredNumber("central", "central share"),
                provincial: try shares.requiredNumber("provincial", "provincial share"),
                county: try shares.requiredNumber("county", "county share")),
            staffing: staffing, reference: try reader.string("reference"), assumption: try reader.string("assumption"))
    }

    private func decodeTarget(_ tree: YAMLTree, keyPath: [String]) throws(ScenarioFileError) -> Target {
        guard case .mapping(let entries) = tree.value, let kindEntry = entries.first(where: { $0.key == "kind" }),
            case .scalar(let kind, _) = kindEntry.value.value
        else {
            throw ScenarioFileError(
                tree.location, key: dotted(keyPath),
                "a target needs a 'kind' (one of \(Self.targetKeysByKind.keys.sorted().joined(separator: ", ")))")
        }
        guard let kindKeys = Self.targetKeysByKind[kind] else {
            let valid = Self.targetKeysByKind.keys.sorted()
            let hint = closestKey(to: kind, among: valid).map { "did you mean '\($0)'?" } ?? "valid kinds: \(valid.joined(separator: ", "))"
            throw ScenarioFileError(kindEntry.value.location, key: dotted(keyPath + ["kind"]), "unknown target kind '\(kind)'; \(hint)")
        }
        let reader = try MappingReader(tree, at: keyPath, allowed: Self.targetCommonKeys + kindKeys, locations: locations)
        let requirement: Target.Requirement
        switch kind {
        case "margin_above_poverty_line":
            requirement = .marginAbovePovertyLine(
                year: try reader.requiredYear("year", "year"), atLeast: try reader.requiredNumber("at_least", "required margin"))
        case "standard_at_least":
            let year = try reader.requiredYear("year", "year")
            requirement =
                try reader.exactlyOne(of: "yuan_per_year", "yuan_per_month") == "yuan_per_year"
                ? .standardAtLeast(year: year, YuanPerPersonYear(try reader.requiredNumber("yuan_per_year", "amount")))
                : .standardAtLeast(year: year, YuanPerPersonMonth(try reader.requiredNumber("yuan_per_month", "amount")).perYear)
        case "benefit_at_least":
            let year = try reader.requiredYear("year", "year")
            requirement =
                try reader.exactlyOne(of: "yuan_per_month", "yuan_per_year") == "yuan_per_month"
                ? .benefitAtLeast(year: year, YuanPerPersonMonth(try reader.requiredNumber("yuan_per_month", "amount")))
                : .benefitAtLeast(year: year, YuanPerPersonYear(try reader.requiredNumber("yuan_per_year", "amount")).perMonth)
        case "average_growth":
            let seriesText = try reader.string("series") ?? SeriesName.standard.rawValue
            guard let series = SeriesName(rawValue: seriesText) else {
                throw ScenarioFileError(
                    reader.tree("series")!.location, key: dotted(keyPath + ["series"]), "unknown series '\(seriesText)'")
            }
            requirement = .averageGrowth(
                series: series, from: try reader.requiredYear("from", "first year"),
                to: try reader.requiredYear("to", "last year"), rate: try reader.requiredNumber("rate", "growth rate"),
                tolerance: try reader.number("tolerance") ?? Self.defaultGrowthTolerance)
        case "standard_growth_above_rural_income":
            requirement = .standardGrowthAboveRuralIncome(
                from: try reader.requiredYear("from", "first year"), to: try reader.requiredYear("to", "last year"))
        case "county_budget_at_most":
            requirement = .countyBudgetAtMost(
                year: try reader.requiredYear("year", "year"), Yuan(try reader.requiredNumber("yuan", "limit in 元")))
        default:
            requirement = .totalBudgetAtMost(
                year: try reader.requiredYear("year", "year"), Yuan(try reader.requiredNumber("yuan", "limit in 元")))
        }
        var expectation = Target.Expectation.pass
        if let text = try reader.string("expect") {
            guard let parsed = Target.Expectation(rawValue: text) else {
                throw ScenarioFileError(
                    reader.tree("expect")!.location, key: dotted(keyPath + ["expect"]), "expect must be 'pass' or 'fail', not '\(text)'")
            }
            expectation = parsed
        }
        return Target(requirement, expectation: expectation, reference: try reader.string("reference"), note: try reader.string("note"))
    }
}
