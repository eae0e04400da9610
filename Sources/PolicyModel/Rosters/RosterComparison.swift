/// The comparison of the civil-affairs dibao roster with the poverty office's registered-poor
/// (建档立卡) roster that clause 二 of 饶县民字[2017]33号 requires (台账比对): who is in both, in one
/// only, whose number is invalid, who is listed twice, and whose township or household differs.
/// Groups hold positions in the rosters (in file order), not copies of the records.
public struct RosterComparison: Sendable {
    public let dibao: [RosterRecord]
    public let registered: [RosterRecord]

    /// A person in both rosters: the positions of the dibao and the registered-poor record.
    public struct Pair: Sendable, Equatable {
        public var dibao: Int
        public var registered: Int
    }

    public private(set) var both: [Pair] = []
    public private(set) var dibaoOnly: [Int] = []
    public private(set) var registeredOnly: [Int] = []
    /// Records whose number fails a check, by roster.
    public private(set) var invalidDibao: [Int] = []
    public private(set) var invalidRegistered: [Int] = []
    /// Second and later records of a number already listed in the same roster.
    public private(set) var duplicateDibao: [Int] = []
    public private(set) var duplicateRegistered: [Int] = []
    /// Pairs whose township or household id differs between the rosters.
    public private(set) var mismatches: [Pair] = []
    /// Counts by township (in name order); see `totals` for the whole county.
    public private(set) var countsByTownship: [Counts] = []

    /// Compares the rosters. A number listed twice in one roster is compared once (its first
    /// record) and its later records are listed as duplicates. Persons are counted under the dibao
    /// roster's township when they are on it, else under the registered-poor roster's.
    ///
    /// A hash join, every group in file order without sorting: the registered-poor roster's first
    /// records go into a dictionary by number while the dibao roster's repeats are found (one core
    /// each); then one pass over the dibao roster sorts every record into its group.
    public init(dibao: [RosterRecord], registered: [RosterRecord]) {
        self.dibao = dibao
        self.registered = registered
        var registeredFirst = NumberTable(capacity: 0)
        var dibaoFirst: [Bool] = []
        let scans = concurrentMap(2) { Self.scan($0 == 0 ? dibao : registered, keepIndex: $0 == 1) }
        (duplicateDibao, invalidDibao, dibaoFirst) = (scans[0].duplicates, scans[0].invalid, scans[0].isFirst)
        (duplicateRegistered, invalidRegistered, registeredFirst) = (scans[1].duplicates, scans[1].invalid, scans[1].firstIndex)
        let registeredIsFirst = scans[1].isFirst
        var matched = [Bool](repeating: false, count: registered.count)
        for (index, record) in dibao.enumerated() where dibaoFirst[index] {
            guard let id = record.validID else { continue }
            if let other = registeredFirst.position(of: id.key) {
                matched[other] = true
                let pair = Pair(dibao: index, registered: other)
                both.append(pair)
                let registeredRecord = registered[other]
                if !sameText(record.township, registeredRecord.township)
                    || (record.householdID != nil && registeredRecord.householdID != nil
                        && !sameText(record.householdID!, registeredRecord.householdID!))
                {
                    mismatches.append(pair)
                }
            } else {
                dibaoOnly.append(index)
            }
        }
        for index in registered.indices where registeredIsFirst[index] && !matched[index] { registeredOnly.append(index) }
        countsByTownship = countTownships()
    }

    /// One roster's invalid records, repeats of an earlier number, and which records come first.
    struct Scan: Sendable {
        var invalid: [Int] = []
        var duplicates: [Int] = []
        var isFirst: [Bool] = []
        var firstIndex = NumberTable(capacity: 0)
    }

    private static func scan(_ records: [RosterRecord], keepIndex: Bool) -> Scan {
        var scan = Scan()
        scan.isFirst = [Bool](repeating: false, count: records.count)
        var seen = NumberTable(capacity: records.count)
        for (index, record) in records.enumerated() {
            guard let id = record.validID else {
                scan.invalid.append(index)
                continue
            }
            if seen.insert(id.key, position: index) == nil {
                scan.isFirst[index] = true
            } else {
                scan.duplicates.append(index)
            }
        }
        if keepIndex { scan.firstIndex = seen }
        return scan
    }

    /// Counts of one township, or of the whole county (`township` empty).
    public struct Counts: Sendable, Equatable {
        public var township: String
        public var both = 0, dibaoOnly = 0, registeredOnly = 0
        public var invalidDibao = 0, invalidRegistered = 0
        public var duplicateDibao = 0, duplicateRegistered = 0
        public var mismatches = 0
    }

    private func countTownships() -> [Counts] {
        // Townships are few and records come in runs: the last township hit, then a short list.
        var counts: [Counts] = []
        var last = -1
        func add(_ township: String, _ update: (inout Counts) -> Void) {
            if last < 0 || !sameText(counts[last].township, township) {
                if let found = counts.firstIndex(where: { sameText($0.township, township) }) {
                    last = found
                } else {
                    counts.append(Counts(township: township))
                    last = counts.count - 1
                }
            }
            update(&counts[last])
        }
        for pair in both { add(dibao[pair.dibao].township) { $0.both += 1 } }
        for index in dibaoOnly { add(dibao[index].township) { $0.dibaoOnly += 1 } }
        for index in registeredOnly { add(registered[index].township) { $0.registeredOnly += 1 } }
        for index in invalidDibao { add(dibao[index].township) { $0.invalidDibao += 1 } }
        for index in invalidRegistered { add(registered[index].township) { $0.invalidRegistered += 1 } }
        for index in duplicateDibao { add(dibao[index].township) { $0.duplicateDibao += 1 } }
        for index in duplicateRegistered { add(registered[index].township) { $0.duplicateRegistered += 1 } }
        for pair in mismatches { add(dibao[pair.dibao].township) { $0.mismatches += 1 } }
        return counts.sorted { $0.township < $1.township }
    }

    public var totals: Counts {
        Counts(
            township: "", both: both.count, dibaoOnly: dibaoOnly.count, registeredOnly: registeredOnly.count,
            invalidDibao: invalidDibao.count, invalidRegistered: invalidRegistered.count, duplicateDibao: duplicateDibao.count,
            duplicateRegistered: duplicateRegistered.count, mismatches: mismatches.count)
    }
}

/// Fields compared as written, byte for byte (after the reader's trimming): what reconciliation
/// means by "the same township", and much faster than String's Unicode-equivalence comparison.
@inline(__always)
func sameText(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
}
