import Foundation
import PolicyModel
import Reports
import ScenarioFiles

extension Workbench {
    /// One input the page offers: the key path `set` changes, its value as written, and how the
    /// page shows it (`factor` times the value, in `unit`, with a slider from `min` to `max`).
    struct Input {
        var key: String
        var value: Double
        var group: Words
        var label: Words
        var unit: Words
        var factor = 1.0
        var range: ClosedRange<Double>
        var step: Double

        var json: JSONValue {
            let words = { (w: Words) in JSONValue.object([("zh", .string(w.zh)), ("en", .string(w.en))]) }
            return .object([
                ("key", .string(key)), ("value", .number(value)), ("group", words(group)), ("label", words(label)),
                ("unit", words(unit)), ("factor", .number(factor)), ("min", .number(range.lowerBound)),
                ("max", .number(range.upperBound)), ("step", .number(step)),
            ])
        }
    }

    static let percent = Words(zh: "%", en: "%")
    static let wanYuan = Words(zh: "万元", en: "万元 (10,000 元)")

    /// `GET /api/scenarios/{name}/inputs`: the inputs people change, with their values as the
    /// file writes them; each series' written path (to vary by a growth rate on the page); and
    /// the figures of the year table with their labels and units.
    func inputs(of name: String) throws(WorkbenchError) -> JSONValue {
        let entry = try entry(named: name)
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(entry.path)
        } catch {
            throw WorkbenchError(error)
        }
        // In the order of the files: the scenario's own lines, then those of the files it extends.
        let order = { (key: String) -> [Int] in
            let location = loaded.locations[key]
            return [loaded.files.firstIndex(of: location?.file ?? "") ?? 0, location?.line ?? 0, location?.column ?? 0]
        }
        let keys = loaded.locations.keys.sorted { order($0).lexicographicallyPrecedes(order($1)) }
        var inputs: [Input] = []
        var paths: [JSONValue] = []
        for series in SeriesName.allCases where series != .households {
            let prefix = "series.\(series.rawValue)."
            let unit = Self.unitWords(loaded.text(at: ["series", series.rawValue, "unit"]))
            var written: [(year: Int, key: String, value: Double)] = []
            for key in keys where key.hasPrefix(prefix + "values.") {
                guard let year = Int(key.dropFirst(prefix.count + 7)),
                    let value = try? loaded.number(at: key.split(separator: ".").map(String.init))
                else { continue }
                written.append((year, key, value))
            }
            written.sort { $0.year < $1.year }
            let group = series.words
            for point in written {
                inputs.append(
                    Input(
                        key: point.key, value: point.value, group: group,
                        label: Words(zh: "\(group.zh) \(point.year)年", en: "\(group.en) \(point.year)"), unit: unit,
                        range: Self.range(around: point.value), step: Self.step(for: point.value)))
            }
            if let growth = try? loaded.number(at: ["series", series.rawValue, "growth"]) {
                inputs.append(
                    Input(
                        key: prefix + "growth", value: growth, group: group,
                        label: Words(zh: "\(group.zh)年增长率", en: "\(group.en) growth a year"), unit: Self.percent, factor: 100,
                        range: -0.2...max(0.3, 2 * growth), step: 0.001))
            } else if written.count >= 2 {
                paths.append(
                    .object([
                        ("series", .string(series.rawValue)), ("label", .object([("zh", .string(group.zh)), ("en", .string(group.en))])),
                        ("keys", .array(written.map { .string($0.key) })), ("years", .array(written.map { .int($0.year) })),
                        ("values", .array(written.map { .number($0.value) })),
                    ]))
            }
        }
        inputs += budgetInputs(loaded, keys: keys) + targetCaps(loaded) + otherInputs(loaded)
        return .object([
            ("scenario", .string(loaded.scenario.name)), ("file", .string(entry.file)), ("inputs", .array(inputs.map(\.json))),
            ("paths", .array(paths)), ("uncertain", .bool(loaded.scenario.uncertainty != nil)),
            ("household", .bool(loaded.scenario.microsimulation != nil)),
            (
                "columns",
                .array(
                    YearColumn.all.map {
                        .object([("key", .string($0.key)), ("zh", .string($0.zh)), ("en", .string($0.en)), ("unit", .string($0.unit))])
                    })
            ),
        ])
    }

    /// Funding shares (in %), transfers (in 万元), months and staffing.
    private func budgetInputs(_ loaded: LoadedScenario, keys: [String]) -> [Input] {
        let group = Words(zh: "资金分担", en: "funding")
        var inputs: [Input] = []
        for key in keys where key.hasPrefix("budget.") {
            let path = key.split(separator: ".").map(String.init)
            guard let value = try? loaded.number(at: path) else { continue }
            let level = path.count > 2 ? FundingLevel(rawValue: path[2]).map(Self.levelWords) : nil
            if path.count == 3, path[1] == "funding_shares", let level {
                inputs.append(
                    Input(
                        key: key, value: value, group: group, label: Words(zh: "\(level.zh)分担比例", en: "\(level.en) share"),
                        unit: Self.percent, factor: 100, range: 0...1, step: 0.01))
            } else if path.count == 4, path[1] == "funding", path[3] == "share", let level {
                inputs.append(
                    Input(
                        key: key, value: value, group: group, label: Words(zh: "\(level.zh)分担比例", en: "\(level.en) share"),
                        unit: Self.percent, factor: 100, range: 0...1, step: 0.01))
            } else if path.count == 6, path[1] == "funding", path[3] == "transfer", let level, let year = Int(path[5]) {
                let factor = path[4] == "yuan" ? 1.0 / 10_000 : 1
                inputs.append(
                    Input(
                        key: key, value: value, group: group,
                        label: Words(zh: "\(level.zh)转移支付 \(year)年", en: "\(level.en) transfer \(year)"), unit: Self.wanYuan,
                        factor: factor, range: Self.range(around: value), step: Self.step(for: value)))
            } else if path == ["budget", "months"] {
                inputs.append(
                    Input(
                        key: key, value: value, group: group, label: Words(zh: "发放月数", en: "months paid"),
                        unit: Words(zh: "月", en: "months"), range: 1...12, step: 1))
            } else if path == ["budget", "staff", "recipients_per_worker"] {
                inputs.append(
                    Input(
                        key: key, value: value, group: group, label: Words(zh: "每名工作人员服务对象数", en: "recipients per worker"),
                        unit: Words(zh: "人", en: "persons"), range: 50...2000, step: 10))
            } else if path == ["budget", "staff", "yuan_per_worker_year"] {
                inputs.append(
                    Input(
                        key: key, value: value, group: group, label: Words(zh: "工作人员年经费", en: "cost per worker a year"),
                        unit: Self.wanYuan, factor: 1.0 / 10_000, range: Self.range(around: value), step: 1000))
            }
        }
        return inputs
    }

    /// Budget caps of the targets (`… at_most` on money), in 万元.
    private func targetCaps(_ loaded: LoadedScenario) -> [Input] {
        let group = Words(zh: "资金上限", en: "caps")
        var inputs: [Input] = []
        for (index, target) in loaded.scenario.targets.enumerated() where target.kind.comparison == .atMost {
            for (unitKey, factor) in [("wan_yuan", 1.0), ("yuan", 1.0 / 10_000)] {
                guard let value = try? loaded.number(at: ["targets", "[\(index)]", unitKey]) else { continue }
                let years =
                    switch target.years {
                    case .single(let year): (zh: "\(year)年", en: "\(year)")
                    case .span(let from, let to): (zh: "\(from)–\(to)年", en: "\(from)–\(to)")
                    }
                inputs.append(
                    Input(
                        key: "targets[\(index)].\(unitKey)", value: value, group: group,
                        label: Words(
                            zh: "\(Self.filled(target.kind.label.zh, target, english: false)) \(years.zh)",
                            en: "\(Self.filled(target.kind.label.en, target, english: true)) \(years.en)"),
                        unit: Self.wanYuan, factor: factor, range: Self.range(around: value), step: Self.step(for: value)))
            }
        }
        return inputs
    }

    /// Take-up of the household scenario and the uncertainty of growth rates.
    private func otherInputs(_ loaded: LoadedScenario) -> [Input] {
        var inputs: [Input] = []
        if let takeUp = try? loaded.number(at: ["microsimulation", "take_up"]) {
            inputs.append(
                Input(
                    key: "microsimulation.take_up", value: takeUp, group: Words(zh: "家庭测算", en: "households"),
                    label: Words(zh: "申请率（应保尽保程度）", en: "take-up"), unit: Self.percent, factor: 100, range: 0...1, step: 0.01))
        }
        for series in SeriesName.allCases {
            guard let sd = try? loaded.number(at: ["uncertainty", "growth_sd", series.rawValue]) else { continue }
            inputs.append(
                Input(
                    key: "uncertainty.growth_sd.\(series.rawValue)", value: sd, group: Words(zh: "不确定性", en: "uncertainty"),
                    label: Words(zh: "\(series.words.zh)年增长率标准差", en: "\(series.words.en) growth sd"), unit: Self.percent,
                    factor: 100, range: 0...max(0.2, 2 * sd), step: 0.001))
        }
        return inputs
    }

    /// A target kind's label with the series it concerns.
    static func filled(_ label: String, _ target: Target, english: Bool) -> String {
        guard let parameter = target.kind.parameters.first(where: { $0.type == .series }) else { return label }
        let words = target.series(parameter.key).words
        return label.replacingOccurrences(of: "{series}", with: english ? words.en : words.zh)
    }

    static func levelWords(_ level: FundingLevel) -> Words {
        switch level {
        case .central: Words(zh: "中央", en: "central")
        case .provincial: Words(zh: "省级", en: "provincial")
        case .city: Words(zh: "市级", en: "city")
        case .county: Words(zh: "县级", en: "county")
        }
    }

    /// The unit of a series as people read it.
    static func unitWords(_ unit: String?) -> Words {
        switch unit?.replacingOccurrences(of: " ", with: "") {
        case "yuan/person/year", "元/人/年", "元/年": Words(zh: "元/人·年", en: "元 per person a year")
        case "yuan/person/month", "元/人/月", "元/月": Words(zh: "元/人·月", en: "元 per person a month")
        case "persons", "人": Words(zh: "人", en: "persons")
        case "户", "households": Words(zh: "户", en: "households")
        default: Words(zh: unit ?? "", en: unit ?? "")
        }
    }

    /// A slider's span around a value: half to one and a half times it.
    static func range(around value: Double) -> ClosedRange<Double> {
        value > 0 ? (0.5 * value)...(1.5 * value) : value < 0 ? (1.5 * value)...(0.5 * value) : 0...1
    }

    /// A slider's step: about a thousandth of the value, rounded to a power of ten.
    static func step(for value: Double) -> Double {
        guard abs(value) >= 1 else { return 0.001 }
        return max(1, pow(10, (log10(abs(value)) - 3).rounded(.down)))
    }
}
