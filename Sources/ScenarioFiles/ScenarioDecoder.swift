import Foundation
import PolicyModel

/// Turns a merged scenario tree into the model's `Scenario`, checking keys and value types.
/// Figures are checked by the model itself (`Scenario.validate()`); this layer only says where.
struct ScenarioDecoder {
    static let topLevelKeys = [
        "name", "title", "description", "county", "sign_off", "years", "extends", "series", "budget", "targets", "microsimulation",
        "uncertainty", "actuals",
        "caseload_transitions",
    ]
    static let microsimulationKeys = [
        "population", "income_unit", "income_base_year", "income_growth", "payment", "take_up", "take_up_seed", "gradual_exit",
        "drives", "reference", "assumption",
    ]
    static let seriesKeys = ["unit", "values", "growth", "proportional_to", "reference", "assumption"]
    static let budgetKeys = ["months", "effective_month", "funding", "funding_shares", "staff", "reference", "assumption"]
    static let targetCommonKeys = ["kind", "expect", "reference", "note", "probability_at_least"]

    let record = DecodingRecord()

    /// The scenario, and the population file its microsimulation names (resolved against the
    /// folder of the file that names it); nil when the tree has problems, which are then all in
    /// `record.problems` (each section, each series and each target is decoded on its own, so
    /// that one run reports every mistake of a file).
    func decode(_ tree: YAMLTree, defaultName: String) -> (Scenario, populationPath: String?)? {
        guard
            let top = record.attempt({ () throws(ScenarioFileError) in
                try MappingReader(tree, at: [], allowed: Self.topLevelKeys, record: record)
            })
        else { return nil }
        let span = record.attempt { () throws(ScenarioFileError) in
            let years = try MappingReader(
                try top.required("years", "span of years"), at: ["years"], allowed: ["from", "to"], record: record)
            return YearSpan(first: try years.requiredYear("from", "first year"), last: try years.requiredYear("to", "last year"))
        }
        var series: [SeriesName: SeriesDefinition] = [:]
        if let seriesTree = top.tree("series"),
            let reader = record.attempt({ () throws(ScenarioFileError) in
                try MappingReader(seriesTree, at: ["series"], allowed: SeriesName.allCases.map(\.rawValue), record: record)
            })
        {
            for entry in reader.entries {
                if case .null = entry.value.value { continue }
                let name = SeriesName(rawValue: entry.key)!
                series[name] = record.attempt { () throws(ScenarioFileError) in try decodeSeries(entry.value, name: name) }
            }
        }
        let budget = top.tree("budget").flatMap { tree in record.attempt { () throws(ScenarioFileError) in try decodeBudget(tree) } }
        var targets: [Target] = []
        if let targetsTree = top.tree("targets") {
            if case .sequence(let items) = targetsTree.value {
                for (index, item) in items.enumerated() {
                    if let target = record.attempt({ () throws(ScenarioFileError) in
                        try decodeTarget(item, keyPath: ["targets", "[\(index)]"])
                    }) {
                        targets.append(target)
                    }
                }
            } else {
                record.note(ScenarioFileError(targetsTree.location, key: "targets", "expected a list of targets (lines starting with '-')"))
            }
        }
        let name = record.attempt { () throws(ScenarioFileError) in
            let given = try top.string("name")
            let name = given ?? defaultName
            if let problem = Self.nameProblem(name) {
                throw ScenarioFileError(
                    top.tree("name")?.location ?? top.location, key: "name",
                    given == nil
                        ? "the file name '\(name)' cannot name the scenario: \(problem); add a line such as 'name: my-plan'" : problem)
            }
            return name
        }
        let title = record.attempt { () throws(ScenarioFileError) in try top.prose("title") } ?? nil
        let description = record.attempt { () throws(ScenarioFileError) in try top.prose("description") } ?? nil
        let county = record.attempt { () throws(ScenarioFileError) in try top.prose("county") } ?? nil
        let signOff = top.tree("sign_off").flatMap { tree in
            record.attempt { () throws(ScenarioFileError) in
                let reader = try MappingReader(tree, at: ["sign_off"], allowed: ["to", "unit", "date"], record: record)
                return (unit: try reader.prose("unit"), date: try reader.prose("date"), to: try reader.prose("to"))
            }
        }
        let microsimulation = top.tree("microsimulation").flatMap { tree in
            record.attempt { () throws(ScenarioFileError) in try decodeMicrosimulation(tree) }
        }
        let uncertainty = top.tree("uncertainty").flatMap { tree in
            record.attempt { () throws(ScenarioFileError) in try decodeUncertainty(tree) }
        }
        let actuals = top.tree("actuals").flatMap { tree in
            record.attempt { () throws(ScenarioFileError) in try decodeActuals(tree) }
        }
        let transitions = top.tree("caseload_transitions").flatMap { tree in
            record.attempt { () throws(ScenarioFileError) in try decodeTransitions(tree) }
        }
        guard record.problems.isEmpty, let span, let name else { return nil }
        var scenario = Scenario(
            name: name, title: title, description: description, span: span, series: series, budget: budget, targets: targets,
            microsimulation: microsimulation?.0)
        scenario.uncertainty = uncertainty
        scenario.caseloadTransitions = transitions
        scenario.county = county
        scenario.actuals = actuals
        scenario.english = record.english
        scenario.signOffUnit = signOff?.unit
        scenario.signOffDate = signOff?.date
        scenario.addressee = signOff?.to
        return (scenario, microsimulation?.1)
    }

    /// Scenario names become file names and HTML ids: letters (any script), digits, `-`, `_` and
    /// `.`, not starting with `.`, at most 80 characters. Why a name is not one, or nil.
    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "the scenario name must not be empty" }
        if name.count > 80 { return "the scenario name is \(name.count) characters long; at most 80" }
        if name.hasPrefix(".") { return "the scenario name must not start with '.'" }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar.properties.numericType != nil
                || "-_.".unicodeScalars.contains(scalar)
        }
        return allowed
            ? nil : "the scenario name may hold letters, digits, '-', '_' and '.', not '\(name)' (it names files and report sections)"
    }

    /// A matrix written as a list of rows of numbers.
    private func decodeMatrix(_ tree: YAMLTree, at key: [String]) throws(ScenarioFileError) -> [[Double]] {
        guard case .sequence(let rows) = tree.value else {
            throw ScenarioFileError(tree.location, key: dotted(key), "expected a list of rows, such as [[0.9, 0.1], [0.2, 0.8]]")
        }
        var matrix: [[Double]] = []
        for (index, row) in rows.enumerated() {
            guard case .sequence(let cells) = row.value else {
                throw ScenarioFileError(row.location, key: dotted(key + ["[\(index)]"]), "expected a row of numbers")
            }
            var values: [Double] = []
            for cell in cells { values.append(try ScalarValue.number(cell, key + ["[\(index)]"])) }
            matrix.append(values)
        }
        return matrix
    }

    private func decodeTransitions(_ tree: YAMLTree) throws(ScenarioFileError) -> CaseloadTransitions {
        let key = ["caseload_transitions"]
        let reader = try MappingReader(
            tree, at: key, allowed: ["states", "initial", "recipients", "matrix", "matrices", "reference", "assumption"],
            record: record)
        func names(_ name: String) throws(ScenarioFileError) -> [String] {
            let list = try reader.required(name, name)
            guard case .sequence(let items) = list.value else {
                throw ScenarioFileError(list.location, key: dotted(key + [name]), "expected a list of state names")
            }
            var result: [String] = []
            for item in items { result.append(try ScalarValue.string(item, key + [name])) }
            return result
        }
        let states = try names("states")
        for (index, state) in states.enumerated() where states[..<index].contains(state) {
            throw ScenarioFileError(
                reader.tree("states")!.location, key: dotted(key + ["states"]), "the state '\(state)' is listed twice")
        }
        let initialTree = try reader.required("initial", "initial counts by state")
        let initial = try MappingReader(initialTree, at: key + ["initial"], allowed: states, record: record)
        var counts: [String: Double] = [:]
        for entry in initial.entries { counts[entry.key] = try ScalarValue.number(entry.value, key + ["initial", entry.key]) }
        var byYear: [Int: [[Double]]] = [:]
        if let matricesTree = reader.tree("matrices") {
            guard case .mapping(let entries) = matricesTree.value else {
                throw ScenarioFileError(
                    matricesTree.location, key: dotted(key + ["matrices"]), "expected matrices by year, such as {2019: [[...], ...]}")
            }
            for entry in entries {
                guard let year = ScalarValue.parseYear(entry.key) else {
                    throw ScenarioFileError(entry.keyLocation, key: dotted(key + ["matrices"]), "'\(entry.key)' is not a year")
                }
                record.record(key + ["matrices", entry.key], entry.keyLocation)
                byYear[year] = try decodeMatrix(entry.value, at: key + ["matrices", entry.key])
            }
        }
        return CaseloadTransitions(
            states: states, initial: counts, recipients: try names("recipients"),
            matrix: try decodeMatrix(try reader.required("matrix", "annual transition matrix"), at: key + ["matrix"]),
            matricesByYear: byYear,
            reference: try reader.prose("reference"), assumption: try reader.prose("assumption"))
    }

    private func decodeUncertainty(_ tree: YAMLTree) throws(ScenarioFileError) -> UncertaintySpec {
        let key = ["uncertainty"]
        let reader = try MappingReader(
            tree, at: key, allowed: ["growth_sd", "take_up_sd", "correlation", "reference", "assumption"], record: record)
        let takeUpSD = try reader.rate("take_up_sd")
        let sdTree =
            takeUpSD == nil ? try reader.required("growth_sd", "standard deviations of the growth rates") : reader.tree("growth_sd")
        let valid = SeriesName.allCases.map(\.rawValue)
        var growthSD: [(SeriesName, Double)] = []
        if let sdTree {
            let sds = try MappingReader(sdTree, at: key + ["growth_sd"], allowed: valid, record: record)
            for entry in sds.entries {
                growthSD.append((SeriesName(rawValue: entry.key)!, try ScalarValue.rate(entry.value, key + ["growth_sd", entry.key])))
            }
        }
        var correlation: [[Double]]?
        if let matrixTree = reader.tree("correlation") { correlation = try decodeMatrix(matrixTree, at: key + ["correlation"]) }
        return UncertaintySpec(
            growthSD: growthSD, correlation: correlation, takeUpSD: takeUpSD, reference: try reader.prose("reference"),
            assumption: try reader.prose("assumption"))
    }

    private func decodeMicrosimulation(_ tree: YAMLTree) throws(ScenarioFileError) -> (MicrosimulationRules, String) {
        let key = ["microsimulation"]
        let reader = try MappingReader(tree, at: key, allowed: Self.microsimulationKeys, record: record)
        let populationTree = try reader.required("population", "population file")
        let relative = try ScalarValue.string(populationTree, key + ["population"])
        let folder = (populationTree.location.file as NSString).deletingLastPathComponent
        let path =
            relative.hasPrefix("/") ? relative : ((folder as NSString).appendingPathComponent(relative) as NSString).standardizingPath

        var unit = SeriesUnit.yuanPerPersonYear
        if let text = try reader.string("income_unit") {
            guard let parsed = SeriesUnit(named: text), parsed.quantity == .moneyPerPerson else {
                throw ScenarioFileError(
                    reader.tree("income_unit")!.location, key: dotted(key + ["income_unit"]),
                    "income_unit must be yuan/person/year or yuan/person/month, not '\(text)'")
            }
            unit = parsed
        }
        let growthTree = try reader.required("income_growth", "income growth (a rate, or a series such as rural_income)")
        let growth: MicrosimulationRules.IncomeGrowth
        if case .scalar(let text, _) = growthTree.value, let series = SeriesName(rawValue: text) {
            growth = .series(series)
        } else {
            growth = .rate(try ScalarValue.rate(growthTree, key + ["income_growth"]))
        }
        let paymentTree = try reader.required("payment", "payment rule")
        let payment = try MappingReader(
            paymentTree, at: key + ["payment"], allowed: ["rule", "floor_share_of_standard", "shares"], record: record)
        let rule: MicrosimulationRules.PaymentRule
        switch try payment.string("rule") ?? "gap" {
        case "gap": rule = .gap(floorShare: try payment.rate("floor_share_of_standard") ?? 0)
        case "tiers":
            let sharesTree = try payment.required("shares", "share of the standard per category")
            guard case .mapping(let entries) = sharesTree.value, !entries.isEmpty else {
                throw ScenarioFileError(
                    sharesTree.location, key: dotted(key + ["payment", "shares"]), "expected shares by category, such as {A: 1.0, B: 0.5}")
            }
            var shares: [String: Double] = [:]
            for entry in entries { shares[entry.key] = try ScalarValue.rate(entry.value, key + ["payment", "shares", entry.key]) }
            rule = .tiers(shares: shares)
        case let other:
            throw ScenarioFileError(
                payment.tree("rule")!.location, key: dotted(key + ["payment", "rule"]),
                "the payment rule must be 'gap' or 'tiers', not '\(other)'")
        }
        var exit: MicrosimulationRules.GradualExit?
        if let exitTree = reader.tree("gradual_exit") {
            let exitReader = try MappingReader(
                exitTree, at: key + ["gradual_exit"], allowed: ["months", "up_to_share_of_standard"], record: record)
            exit = .init(
                months: try exitReader.requiredNumber("months", "months of gradual exit"),
                upToShareOfStandard: try exitReader.requiredNumber("up_to_share_of_standard", "multiple of the standard"))
        }
        var drives: Set<SeriesName> = []
        if let drivesTree = reader.tree("drives") {
            guard case .sequence(let items) = drivesTree.value else {
                throw ScenarioFileError(drivesTree.location, key: dotted(key + ["drives"]), "expected a list such as [caseload, benefit]")
            }
            for item in items {
                let name = try ScalarValue.string(item, key + ["drives"])
                guard let series = SeriesName(rawValue: name), MicrosimulationRules.drivable.contains(series) else {
                    throw ScenarioFileError(
                        item.location, key: dotted(key + ["drives"]),
                        "the microsimulation can drive \(MicrosimulationRules.drivable.map(\.rawValue).joined(separator: ", ")), not '\(name)'"
                    )
                }
                drives.insert(series)
            }
        }
        var seed: UInt64 = 0
        if let seedValue = try reader.number("take_up_seed") {
            guard seedValue >= 0, seedValue == seedValue.rounded(), seedValue < 9.0e15 else {
                throw ScenarioFileError(
                    reader.tree("take_up_seed")!.location, key: dotted(key + ["take_up_seed"]), "the seed must be a whole number ≥ 0")
            }
            seed = UInt64(seedValue)
        }
        let rules = MicrosimulationRules(
            incomeUnit: unit, incomeBaseYear: try reader.requiredYear("income_base_year", "base year of the incomes"),
            incomeGrowth: growth, payment: rule, takeUp: try reader.rate("take_up") ?? 1, takeUpSeed: seed, gradualExit: exit,
            drives: drives, source: relative, reference: try reader.prose("reference"), assumption: try reader.prose("assumption"))
        return (rules, path)
    }

    private func decodeSeries(_ tree: YAMLTree, name: SeriesName) throws(ScenarioFileError) -> SeriesDefinition {
        let key = ["series", name.rawValue]
        let reader = try MappingReader(tree, at: key, allowed: Self.seriesKeys, record: record)
        let unit: SeriesUnit
        if let text = try reader.string("unit") {
            guard let parsed = SeriesUnit(named: text) else {
                let valid = SeriesUnit.allCases.map(\.rawValue)
                let hint =
                    closestKey(to: text, among: valid).map { "; did you mean '\($0)'?" }
                    ?? "; use one of 元/人·年, 元/人·月, 人, 户 (or \(valid.joined(separator: ", ")))"
                throw ScenarioFileError(
                    reader.tree("unit")!.location, key: dotted(key + ["unit"]), "unknown unit '\(text)'\(hint)")
            }
            unit = parsed
        } else if name.quantity == .persons {
            unit = .persons
        } else if name.quantity == .households {
            unit = .households
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
        record.record(key + ["values"], valuesTree.location)
        for entry in entries {
            guard let year = ScalarValue.parseYear(entry.key) else {
                throw ScenarioFileError(entry.keyLocation, key: dotted(key + ["values"]), "'\(entry.key)' is not a year such as 2018")
            }
            record.record(key + ["values", entry.key], entry.keyLocation)
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
            unit: unit, values: values, growth: try reader.rate("growth"), proportionalTo: proportionalTo,
            reference: try reader.prose("reference"), assumption: try reader.prose("assumption"))
    }

    private func decodeBudget(_ tree: YAMLTree) throws(ScenarioFileError) -> BudgetRules {
        let reader = try MappingReader(tree, at: ["budget"], allowed: Self.budgetKeys, record: record)
        let funding: FundingRule
        switch (reader.tree("funding"), reader.tree("funding_shares")) {
        case (let fundingTree?, nil):
            funding = try decodeFunding(fundingTree, at: ["budget", "funding"])
        case (nil, let sharesTree?):
            let shares = try MappingReader(
                sharesTree, at: ["budget", "funding_shares"], allowed: ["central", "provincial", "county"], record: record)
            funding = .shares(
                central: try shares.requiredRate("central", "central share"),
                provincial: try shares.requiredRate("provincial", "provincial share"),
                county: try shares.requiredRate("county", "county share"))
        case (nil, nil):
            throw ScenarioFileError(
                reader.location, key: "budget.funding",
                "missing 'funding': say who pays, such as {central: {share: 60%}, provincial: {share: 25%}, county: residual}")
        case (_?, _?):
            throw ScenarioFileError(
                reader.location, key: "budget", "give either 'funding' or the older 'funding_shares', not both")
        }
        let staffing = try reader.tree("staff").map { staffTree throws(ScenarioFileError) in
            let staff = try MappingReader(
                staffTree, at: ["budget", "staff"],
                allowed: ["recipients_per_worker", "yuan_per_worker_year", "wan_yuan_per_worker_year", "funding"], record: record)
            var cost = try ScalarValue.yuan(staff, "yuan_per_worker_year")
            if cost == nil { cost = try staff.requiredNumber("yuan_per_worker_year", "cost of a worker per year") }
            return StaffingRule(
                recipientsPerWorker: try staff.requiredNumber("recipients_per_worker", "caseload per worker"),
                costPerWorkerYear: Yuan(cost!),
                funding: try staff.tree("funding").map { tree throws(ScenarioFileError) in
                    try decodeFunding(tree, at: ["budget", "staff", "funding"])
                })
        }
        return BudgetRules(
            monthsPaid: try reader.number("months") ?? 12,
            effectiveMonth: try reader.tree("effective_month").map { tree throws(ScenarioFileError) in
                try yearly(tree, at: ["budget", "effective_month"]) { tree, keyPath throws(ScenarioFileError) in
                    try ScalarValue.number(tree, keyPath)
                }
            },
            funding: funding, staffing: staffing, reference: try reader.prose("reference"), assumption: try reader.prose("assumption"))
    }

    /// The ledger (实际数): `years: {2019: {households, persons, standard_yuan_per_year,
    /// benefit_yuan_per_month, wan_yuan|yuan: {central: …, county: …}}}` and optionally
    /// `townships: {2019: {罗桥街道: {…}}}`, with a `reference`.
    private func decodeActuals(_ tree: YAMLTree) throws(ScenarioFileError) -> Actuals {
        let reader = try MappingReader(tree, at: ["actuals"], allowed: ["years", "townships", "reference"], record: record)
        func recordAt(_ tree: YAMLTree, _ keyPath: [String]) throws(ScenarioFileError) -> Actuals.Record {
            let figures = try MappingReader(
                tree, at: keyPath,
                allowed: ["households", "persons", "standard_yuan_per_year", "benefit_yuan_per_month", "population", "yuan", "wan_yuan"],
                record: record)
            var paid: [FundingLevel: Yuan] = [:]
            for (unit, scale) in [("yuan", 1.0), ("wan_yuan", 10_000.0)] {
                guard let levels = figures.tree(unit) else { continue }
                let amounts = try MappingReader(
                    levels, at: keyPath + [unit], allowed: FundingLevel.allCases.map(\.rawValue), record: record)
                for entry in amounts.entries {
                    let text = ScalarValue.halfWidth(
                        try ScalarValue.string(entry.value, keyPath + [unit, entry.key]).trimmingCharacters(in: .whitespaces))
                    guard let value = ScalarValue.decimal(text, timesTenTo: scale == 1 ? 0 : 4) else {
                        throw ScenarioFileError(
                            entry.value.location, key: dotted(keyPath + [unit, entry.key]), "expected an amount, not '\(text)'")
                    }
                    paid[FundingLevel(rawValue: entry.key)!] = Yuan(value)
                }
            }
            return Actuals.Record(
                households: try figures.number("households"), persons: try figures.number("persons"),
                standard: try figures.number("standard_yuan_per_year").map(YuanPerPersonYear.init),
                benefit: try figures.number("benefit_yuan_per_month").map(YuanPerPersonMonth.init), paid: paid,
                population: try figures.number("population"))
        }
        var years: [Int: Actuals.Record] = [:]
        if let yearsTree = reader.tree("years") {
            guard case .mapping(let entries) = yearsTree.value else {
                throw ScenarioFileError(
                    yearsTree.location, key: "actuals.years", "expected records by year, such as {2019: {persons: 19300}}")
            }
            for entry in entries {
                guard let year = ScalarValue.parseYear(entry.key) else {
                    throw ScenarioFileError(entry.keyLocation, key: "actuals.years", "'\(entry.key)' is not a year such as 2019")
                }
                record.record(["actuals", String(year)], entry.keyLocation)
                years[year] = try recordAt(entry.value, ["actuals", "years", entry.key])
            }
        }
        var townships: [Int: [(township: String, record: Actuals.Record)]] = [:]
        if let townshipsTree = reader.tree("townships") {
            guard case .mapping(let entries) = townshipsTree.value else {
                throw ScenarioFileError(
                    townshipsTree.location, key: "actuals.townships", "expected townships by year, such as {2019: {罗桥街道: {persons: 1400}}}")
            }
            for entry in entries {
                guard let year = ScalarValue.parseYear(entry.key), case .mapping(let places) = entry.value.value else {
                    throw ScenarioFileError(
                        entry.keyLocation, key: "actuals.townships",
                        "expected a year and its townships, such as 2019: {罗桥街道: {persons: 1400}}")
                }
                for place in places {
                    townships[year, default: []].append(
                        (place.key, try recordAt(place.value, ["actuals", "townships", entry.key, place.key])))
                }
            }
        }
        return Actuals(years: years, townships: townships, reference: try reader.prose("reference"))
    }

    /// A funding rule: each level `residual`, `{share: 60%}` (or shares by year) or
    /// `{transfer: {yuan|wan_yuan: {2021: 1450}}}`; an unlisted county pays the rest when no
    /// level is marked residual.
    private func decodeFunding(_ tree: YAMLTree, at keyPath: [String]) throws(ScenarioFileError) -> FundingRule {
        let reader = try MappingReader(tree, at: keyPath, allowed: FundingLevel.allCases.map(\.rawValue), record: record)
        var sources: [FundingLevel: FundingSource] = [:]
        for entry in reader.entries {
            let level = FundingLevel(rawValue: entry.key)!
            let key = keyPath + [entry.key]
            if case .scalar(let text, _) = entry.value.value {
                guard text.trimmingCharacters(in: .whitespaces) == "residual" else {
                    throw ScenarioFileError(
                        entry.value.location, key: dotted(key),
                        "expected 'residual', {share: 60%} or {transfer: {wan_yuan: {2021: 1450}}}, not '\(text)'")
                }
                sources[level] = .residual
                continue
            }
            let source = try MappingReader(entry.value, at: key, allowed: ["share", "transfer"], record: record)
            switch (source.tree("share"), source.tree("transfer")) {
            case (let share?, nil):
                sources[level] = .share(
                    try yearly(share, at: key + ["share"]) { tree, keyPath throws(ScenarioFileError) in
                        try ScalarValue.rate(tree, keyPath)
                    })
            case (nil, let transfer?):
                sources[level] = .transfer(try transferAmounts(transfer, at: key + ["transfer"]))
            default:
                throw ScenarioFileError(
                    source.location, key: dotted(key),
                    "give the \(entry.key) level exactly one of 'share' and 'transfer' (or write '\(entry.key): residual')")
            }
        }
        return FundingRule(sources, at: keyPath).withDefaultResidual()
    }

    /// A number written once (`7`) or by year (`{2021: 7}`), each read by `read`.
    private func yearly(
        _ tree: YAMLTree, at keyPath: [String], _ read: (YAMLTree, [String]) throws(ScenarioFileError) -> Double
    ) throws(ScenarioFileError) -> YearlyNumber {
        guard case .mapping = tree.value else { return .constant(try read(tree, keyPath)) }
        return .byYear(try byYear(tree, at: keyPath, read))
    }

    /// Values by year: `{2021: …, 2022: …}`, each read by `read`.
    private func byYear(
        _ tree: YAMLTree, at keyPath: [String], _ read: (YAMLTree, [String]) throws(ScenarioFileError) -> Double
    ) throws(ScenarioFileError) -> [Int: Double] {
        guard case .mapping(let entries) = tree.value else {
            throw ScenarioFileError(tree.location, key: dotted(keyPath), "expected values by year, such as {2021: 1450}")
        }
        record.record(keyPath, tree.location)
        var values: [Int: Double] = [:]
        for entry in entries {
            guard let year = ScalarValue.parseYear(entry.key) else {
                throw ScenarioFileError(entry.keyLocation, key: dotted(keyPath), "'\(entry.key)' is not a year such as 2021")
            }
            record.record(keyPath + [entry.key], entry.keyLocation)
            values[year] = try read(entry.value, keyPath + [entry.key])
        }
        return values
    }

    /// A transfer by year in 元 (`{yuan: {2021: 14500000}}`) or 万元 (`{wan_yuan: {2021: 1450}}`); each
    /// year's line is also recorded under `transfer.<year>`, the key path the model uses.
    private func transferAmounts(_ tree: YAMLTree, at keyPath: [String]) throws(ScenarioFileError) -> [Int: Double] {
        let reader = try MappingReader(tree, at: keyPath, allowed: ["yuan", "wan_yuan"], record: record)
        defer {
            for unit in ["yuan", "wan_yuan"] {
                for entry in reader.tree(unit)?.entries ?? [] { record.record(keyPath + [entry.key], entry.keyLocation) }
            }
        }
        switch (reader.tree("yuan"), reader.tree("wan_yuan")) {
        case (let yuan?, nil):
            return try byYear(yuan, at: keyPath + ["yuan"]) { tree, keyPath throws(ScenarioFileError) in
                let amount = try ScalarValue.number(tree, keyPath)
                // A transfer of under 10 万元 is far below any county's; most likely meant in 万元.
                if amount > 0, amount < 100_000 {
                    record.warnings.append(
                        ScenarioFileError(
                            tree.location, key: dotted(keyPath),
                            "a transfer of \(writtenNumber(amount)) 元 (\(writtenNumber(amount / 10_000)) 万元) is very small; if it is in 万元, write wan_yuan instead of yuan"
                        ))
                }
                return amount
            }
        case (nil, let wan?):
            return try byYear(wan, at: keyPath + ["wan_yuan"]) { tree, keyPath throws(ScenarioFileError) in
                let text = ScalarValue.halfWidth(try ScalarValue.string(tree, keyPath).trimmingCharacters(in: .whitespaces))
                guard let value = ScalarValue.decimal(text, timesTenTo: 4) else {
                    throw ScenarioFileError(tree.location, key: dotted(keyPath), "expected an amount in 万元 such as 1450, not '\(text)'")
                }
                return value
            }
        default:
            throw ScenarioFileError(
                reader.location, key: dotted(keyPath), "give the transfer by year in 元 ('yuan') or in 万元 ('wan_yuan'), one of them")
        }
    }

    /// An amount per person given as exactly one of `yuan_per_year` and `yuan_per_month`
    /// (`preferring` is named first in messages), converted to per year.
    private func perPersonAmount(_ reader: MappingReader, preferring first: String) throws(ScenarioFileError) -> YuanPerPersonYear {
        let second = first == "yuan_per_year" ? "yuan_per_month" : "yuan_per_year"
        let key = try reader.exactlyOne(of: first, second)
        let amount = try reader.requiredNumber(key, "amount")
        return key == "yuan_per_year" ? YuanPerPersonYear(amount) : YuanPerPersonMonth(amount).perYear
    }

    /// A target, decoded from the keys its kind declares (`TargetKind.all`).
    private func decodeTarget(_ tree: YAMLTree, keyPath: [String]) throws(ScenarioFileError) -> Target {
        let valid = TargetKind.all.map(\.name)
        guard case .mapping(let entries) = tree.value, let kindEntry = entries.first(where: { $0.key == "kind" }),
            case .scalar(let name, _) = kindEntry.value.value
        else {
            throw ScenarioFileError(
                tree.location, key: dotted(keyPath), "a target needs a 'kind' (one of \(valid.sorted().joined(separator: ", ")))")
        }
        guard let kind = TargetKind.named(name) else {
            let hint =
                closestKey(to: name, among: valid).map { "did you mean '\($0)'?" }
                ?? "valid kinds: \(valid.sorted().joined(separator: ", "))"
            throw ScenarioFileError(kindEntry.value.location, key: dotted(keyPath + ["kind"]), "unknown target kind '\(name)'; \(hint)")
        }
        let yearKeys = kind.years == .single ? ["year"] : ["from", "to"]
        let reader = try MappingReader(
            tree, at: keyPath, allowed: Self.targetCommonKeys + yearKeys + kind.parameters.flatMap(\.fileKeys), record: record)
        _ = reader.tree("kind")
        let years: TargetYears =
            kind.years == .single
            ? .single(try reader.requiredYear("year", "year"))
            : .span(from: try reader.requiredYear("from", "first year"), to: try reader.requiredYear("to", "last year"))
        var arguments: [String: TargetArgument] = [:]
        for parameter in kind.parameters {
            switch parameter.type {
            case .series:
                if let text = try reader.string(parameter.key) {
                    guard let series = SeriesName(rawValue: text) else {
                        let names = SeriesName.allCases.map(\.rawValue)
                        throw ScenarioFileError(
                            reader.tree(parameter.key)!.location, key: dotted(keyPath + [parameter.key]),
                            "unknown series '\(text)'" + (closestKey(to: text, among: names).map { "; did you mean '\($0)'?" } ?? ""))
                    }
                    arguments[parameter.key] = .series(series)
                }
            case .moneyPerPerson:
                let amount = try perPersonAmount(reader, preferring: parameter.key)
                arguments[parameter.key] = .number(parameter.key == "yuan_per_month" ? amount.perMonth.yuan : amount.yuan)
            case .rate, .nonNegative:
                if let value = try reader.rate(parameter.key) { arguments[parameter.key] = .number(value) }
            case .yuan:
                if let value = try ScalarValue.yuan(reader, parameter.key) { arguments[parameter.key] = .number(value) }
            }
            if arguments[parameter.key] == nil {
                guard let fallback = parameter.defaultValue else {
                    if parameter.type == .yuan, reader.tree("wan_" + parameter.key) == nil {
                        throw ScenarioFileError(
                            reader.location, key: dotted(keyPath + ["wan_" + parameter.key]),
                            "missing the \(parameter.meaning): write it in 万元 as 'wan_\(parameter.key): 1500' (or in 元 as '\(parameter.key): 15000000')"
                        )
                    }
                    _ = try reader.required(parameter.key, parameter.meaning)
                    continue
                }
                arguments[parameter.key] = fallback
            }
        }
        var expectation = Target.Expectation.pass
        if let text = try reader.string("expect") {
            guard let parsed = Target.Expectation(rawValue: text) else {
                throw ScenarioFileError(
                    reader.tree("expect")!.location, key: dotted(keyPath + ["expect"]), "expect must be 'pass' or 'fail', not '\(text)'")
            }
            expectation = parsed
        }
        return Target(
            Target.Requirement(kind, years: years, arguments: arguments), expectation: expectation,
            reference: try reader.prose("reference"), note: try reader.prose("note"),
            probabilityAtLeast: try reader.rate("probability_at_least"))
    }
}
