import PolicyModel

/// What `dibao roster compare` writes and prints: counts by township, the lists for follow-up,
/// a JSON summary and the caseload model's initial states. Every identity number and name in it
/// is masked; records point back to their line in the roster file instead.
public struct RosterReport: Sendable {
    public var comparison: RosterComparison
    public var dibaoFile: String
    public var registeredFile: String

    public init(_ comparison: RosterComparison, dibaoFile: String, registeredFile: String) {
        self.comparison = comparison
        self.dibaoFile = dibaoFile
        self.registeredFile = registeredFile
    }

    /// The count columns, in order: JSON key, Chinese and English heading, value.
    static let countColumns: [(key: String, zh: String, en: String, value: @Sendable (RosterComparison.Counts) -> Int)] = [
        ("both", "两台账均有", "in both", { $0.both }),
        ("dibao_only", "仅低保", "dibao only", { $0.dibaoOnly }),
        ("registered_only", "仅建档立卡", "registered only", { $0.registeredOnly }),
        ("invalid_dibao", "低保号码无效", "invalid ids (dibao)", { $0.invalidDibao }),
        ("invalid_registered", "建档号码无效", "invalid ids (registered)", { $0.invalidRegistered }),
        ("duplicate_dibao", "低保重复", "duplicates (dibao)", { $0.duplicateDibao }),
        ("duplicate_registered", "建档重复", "duplicates (registered)", { $0.duplicateRegistered }),
        ("township_or_household_differs", "乡镇或户不一致", "township/household differs", { $0.mismatches }),
    ]

    /// Counts by township and in total, for the terminal.
    public func table(language: Language = .zh) -> TextTable {
        let rows = (comparison.countsByTownship + [comparison.totals]).map { counts in
            [counts.township.isEmpty ? language.pick("合计", "total") : counts.township]
                + Self.countColumns.map { Formatting.grouped(Double($0.value(counts)), decimals: 0) }
        }
        return TextTable(header: [language.pick("乡镇", "township")] + Self.countColumns.map { language.pick($0.zh, $0.en) }, rows: rows)
    }

    /// The YAML the transitions caseload model starts from (persons in each state).
    public var scenarioFragment: String {
        let totals = comparison.totals
        return """
            # Initial caseload states from dibao roster compare (persons with valid, distinct ids):
            #   \(dibaoFile) and \(registeredFile)
            caseload_transitions:
              states: [dibao_and_registered, dibao_only, registered_only]
              initial: {dibao_and_registered: \(totals.both), dibao_only: \(totals.dibaoOnly), registered_only: \(totals.registeredOnly)}

            """
    }

    public func json(withFragment: Bool) -> JSONValue {
        func counts(_ counts: RosterComparison.Counts) -> [(String, JSONValue)] {
            Self.countColumns.map { ($0.key, .int($0.value(counts))) }
        }
        var members: [(String, JSONValue)] = [
            ("dibao_roster", .string(dibaoFile)), ("registered_roster", .string(registeredFile)),
            ("totals", .object(counts(comparison.totals))),
            ("by_township", .array(comparison.countsByTownship.map { .object([("township", .string($0.township))] + counts($0)) })),
            (
                "invalid_reasons",
                .object(
                    [
                        ("dibao", Self.reasonCounts(comparison.invalidDibao.lazy.map { comparison.dibao[$0] })),
                        ("registered", Self.reasonCounts(comparison.invalidRegistered.lazy.map { comparison.registered[$0] })),
                    ].map { roster, counts in (roster, .object(counts.map { ($0.reason, .int($0.count)) })) })
            ),
        ]
        if withFragment {
            let totals = comparison.totals
            members.append(
                (
                    "caseload_initial_states",
                    .object([
                        ("dibao_and_registered", .int(totals.both)), ("dibao_only", .int(totals.dibaoOnly)),
                        ("registered_only", .int(totals.registeredOnly)),
                    ])
                ))
        }
        return .object(members)
    }

    static func reasonCounts(_ records: some Sequence<RosterRecord>) -> [(reason: String, count: Int)] {
        var counts: [String: Int] = [:]
        for record in records { if case .invalid(_, let reason) = record.id { counts[reason.code, default: 0] += 1 } }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static let recordHeader = ["乡镇 [township]", "身份证号(脱敏) [id_number_masked]", "姓名(脱敏) [name_masked]", "户编号 [household_id]", "村 [village]"]

    /// Appends township, masked number, masked name, household and village, each followed by a comma.
    static func appendRecordFields(_ record: RosterRecord, to out: inout String) {
        CSVTable.append(record.township, to: &out)
        out += ","
        CSVTable.append(record.maskedID, to: &out)
        out += ","
        if let name = record.maskedName { CSVTable.append(name, to: &out) }
        out += ","
        if let household = record.householdID { CSVTable.append(household, to: &out) }
        out += ","
        if let village = record.village { CSVTable.append(village, to: &out) }
        out += ","
    }

    static func reasonText(_ record: RosterRecord) -> String {
        guard case .invalid(_, let reason) = record.id else { return "" }
        switch reason {
        case .length(let count): return "长度为\(count)位，应为18位 (length \(count), not 18)"
        case .characters: return "含非数字字符 (characters other than digits and a final X)"
        case .region: return "地区码无效 (region code)"
        case .birthDate: return "出生日期无效 (birth date)"
        case .checkDigit: return "校验码错误 (check digit)"
        }
    }

    /// Every file of `--out`, by name: CSV lists with a byte-order mark, `summary.json`, and with
    /// `withFragment` the scenario fragment.
    public func files(withFragment: Bool) -> [(name: String, contents: String)] {
        let c = comparison
        /// A list straight into text: the lists can hold a million rows.
        @Sendable func list(_ indices: [Int], in roster: [RosterRecord], lineHeader: String, reasons: Bool = false) -> String {
            var out = CSVTable(header: Self.recordHeader + [lineHeader] + (reasons ? ["问题 [reason]"] : [])).rendered(byteOrderMark: true)
            out.reserveCapacity(out.utf8.count + indices.count * 64)
            for index in indices {
                let record = roster[index]
                Self.appendRecordFields(record, to: &out)
                out += String(record.line)
                if reasons {
                    out += ","
                    CSVTable.append(Self.reasonText(record), to: &out)
                }
                out += "\n"
            }
            return out
        }
        let dibaoLine = "低保台账行号 [dibao_line]"
        let registeredLine = "建档立卡台账行号 [registered_line]"
        @Sendable func bothList() -> String {
            var out = CSVTable(header: Self.recordHeader + [dibaoLine, registeredLine]).rendered(byteOrderMark: true)
            out.reserveCapacity(out.utf8.count + c.both.count * 72)
            for pair in c.both {
                Self.appendRecordFields(c.dibao[pair.dibao], to: &out)
                out += String(c.dibao[pair.dibao].line) + "," + String(c.registered[pair.registered].line) + "\n"
            }
            return out
        }
        var mismatches = CSVTable(
            header: [
                "身份证号(脱敏) [id_number_masked]", "姓名(脱敏) [name_masked]", "低保乡镇 [dibao_township]", "建档乡镇 [registered_township]",
                "低保户编号 [dibao_household_id]", "建档户编号 [registered_household_id]", dibaoLine, registeredLine,
            ])
        mismatches.rows = c.mismatches.map { indices in
            let pair = (dibao: c.dibao[indices.dibao], registered: c.registered[indices.registered])
            return [
                pair.dibao.maskedID, pair.dibao.maskedName ?? "", pair.dibao.township, pair.registered.township,
                pair.dibao.householdID ?? "",
                pair.registered.householdID ?? "", String(pair.dibao.line), String(pair.registered.line),
            ]
        }
        var summary = CSVTable(header: ["乡镇 [township]"] + Self.countColumns.map { "\($0.zh) [\($0.key)]" })
        summary.rows = (c.countsByTownship + [c.totals]).map { counts in
            [counts.township.isEmpty ? "合计" : counts.township] + Self.countColumns.map { String($0.value(counts)) }
        }
        let (summaryTable, mismatchTable) = (summary, mismatches)
        let makers: [(String, @Sendable () -> String)] = [
            ("summary.json", { json(withFragment: withFragment).rendered() + "\n" }),
            ("summary.csv", { summaryTable.rendered(byteOrderMark: true) }),
            ("both.csv", bothList),
            ("dibao-only.csv", { list(c.dibaoOnly, in: c.dibao, lineHeader: dibaoLine) }),
            ("registered-only.csv", { list(c.registeredOnly, in: c.registered, lineHeader: registeredLine) }),
            ("invalid-ids-dibao.csv", { list(c.invalidDibao, in: c.dibao, lineHeader: dibaoLine, reasons: true) }),
            ("invalid-ids-registered.csv", { list(c.invalidRegistered, in: c.registered, lineHeader: registeredLine, reasons: true) }),
            ("duplicates-dibao.csv", { list(c.duplicateDibao, in: c.dibao, lineHeader: dibaoLine) }),
            ("duplicates-registered.csv", { list(c.duplicateRegistered, in: c.registered, lineHeader: registeredLine) }),
            ("township-or-household-differs.csv", { mismatchTable.rendered(byteOrderMark: true) }),
        ]
        // The lists are independent: render them on every core.
        let contents = concurrentMap(makers.count) { makers[$0].1() }
        var files = zip(makers, contents).map { ($0.0, $1) }
        if withFragment { files.append(("scenario-fragment.yaml", scenarioFragment)) }
        return files
    }

    /// `dibao roster changes`: one row per addition, cancellation and adjustment (with the
    /// fields that changed), masked, with the lines in both files.
    public static func changes(_ changes: RosterChanges) -> CSVTable {
        var table = CSVTable(
            header: [
                "变动 [change]", "身份证号(脱敏) [id_number_masked]", "姓名(脱敏) [name_masked]", "乡镇 [township]", "变动项目 [changed_fields]",
                "原台账行号 [old_line]", "新台账行号 [new_line]",
            ])
        for record in changes.additions {
            table.rows.append(["新增 [addition]", record.maskedID, record.maskedName ?? "", record.township, "", "", String(record.line)])
        }
        for record in changes.cancellations {
            table.rows.append(["取消 [cancellation]", record.maskedID, record.maskedName ?? "", record.township, "", String(record.line), ""])
        }
        for adjustment in changes.adjustments {
            let (old, new, fields) = (adjustment.old, adjustment.new, adjustment.fields)
            let described = fields.map { field -> String in
                switch field {
                case .township: "township: \(old.township) → \(new.township)"
                case .householdID: "household_id: \(old.householdID ?? "") → \(new.householdID ?? "")"
                case .village: "village: \(old.village ?? "") → \(new.village ?? "")"
                case .size: "size: \(old.size.map(String.init) ?? "") → \(new.size.map(String.init) ?? "")"
                case .name: "name"
                }
            }
            table.rows.append(
                [
                    "调整 [adjustment]", new.maskedID, new.maskedName ?? "", new.township, described.joined(separator: "; "),
                    String(old.line), String(new.line),
                ])
        }
        return table
    }
}
