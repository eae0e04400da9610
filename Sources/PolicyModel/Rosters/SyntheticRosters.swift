/// A synthetic pair of rosters, and the dibao roster's previous quarter, for examples and tests.
/// No real people: every identity number has the region code 3699xx (province 36, an unassigned
/// prefecture 99), names are drawn from common characters, and the same seed gives the same rows
/// on every machine.
///
/// The rosters carry the faults a reconciliation must find: numbers in full-width digits, with a
/// lower-case x or surrounding spaces (valid once normalised); wrong check digits, lengths and birth
/// dates (invalid); repeated rows; and people whose township or household differs between rosters.
public struct SyntheticRosters: Sendable {
    public var persons: Int
    public var seed: UInt64

    public init(persons: Int, seed: UInt64) {
        self.persons = persons
        self.seed = seed
    }

    public static let townships = ["城关镇", "东乡", "西乡", "南岭乡", "北山乡", "河口镇", "石溪乡", "枫林镇"]
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
    static let givenCharacters = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰春生金凤志强德华")

    /// A row as written in a roster file: the number exactly as written (possibly faulty).
    public struct Row: Sendable, Equatable {
        public var idNumber: String
        public var name: String
        public var township: String
        public var village: String
        public var householdID: String
        public var size: Int
    }

    public struct Output: Sendable {
        public var dibao: [Row]
        public var registered: [Row]
        public var dibaoPreviousQuarter: [Row]
    }

    public func generate() -> Output {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func chance(_ p: Double) -> Bool { random.nextUnit() < p }

        // People in households of 1 to 5 living in one township and village.
        var people: [Row] = []
        var household = 0
        while people.count < persons {
            household += 1
            let township = pick(Self.townships)
            let village = "\(township.prefix(1))\(Int(random.next() % 12) + 1)村"
            let size = Int(random.next() % 5) + 1
            for _ in 0..<size where people.count < persons {
                let region = "3699" + String(format2(Int(random.next() % 20) + 1))
                let year = 1930 + Int(random.next() % 86)
                let month = Int(random.next() % 12) + 1
                let day = Int(random.next() % 28) + 1
                let sequence = Int(random.next() % 1000)
                let body = region + String(year) + format2(month) + format2(day) + String(format3(sequence))
                let digits = body.compactMap { $0.wholeNumberValue.map(UInt8.init) }
                let name =
                    String(pick(Self.surnames)) + String(pick(Self.givenCharacters))
                    + (chance(0.6) ? String(pick(Self.givenCharacters)) : "")
                people.append(
                    Row(
                        idNumber: body + String(ResidentID.checkCharacter(for: digits)), name: name, township: township,
                        village: village, householdID: "H\(format5(household))", size: size))
            }
        }

        var dibao: [Row] = []
        var registered: [Row] = []
        for person in people {
            let draw = random.nextUnit()
            let inDibao = draw < 0.7
            let inRegistered = draw >= 0.3
            if inDibao {
                var row = person
                if chance(0.03) { row.idNumber = fullWidth(row.idNumber) }
                if row.idNumber.hasSuffix("X") && chance(0.5) { row.idNumber = String(row.idNumber.dropLast()) + "x" }
                if chance(0.02) { row.idNumber = " " + row.idNumber + " " }
                if chance(0.015) { row.idNumber = corrupt(row.idNumber, &random) }
                dibao.append(row)
                if chance(0.01) { dibao.append(row) }
            }
            if inRegistered {
                var row = person
                if inDibao && chance(0.04) { row.township = pick(Self.townships.filter { $0 != person.township }) }
                if inDibao && chance(0.03) { row.householdID = "H\(format5(household + 1 + Int(random.next() % 100)))" }
                if chance(0.01) { row.idNumber = corrupt(row.idNumber, &random) }
                registered.append(row)
            }
        }

        // The previous quarter: some of today's dibao recipients were not yet on it (additions),
        // some who were have left (cancellations), some records changed since (adjustments).
        var previous: [Row] = []
        for row in dibao where !chance(0.05) {
            var old = row
            if chance(0.03) { old.size = max(1, old.size + (chance(0.5) ? 1 : -1)) }
            if chance(0.01) { old.township = pick(Self.townships) }
            previous.append(old)
        }
        let onDibao = Set(dibao.map(\.idNumber))
        for person in people.prefix(max(1, persons / 30)) where !onDibao.contains(person.idNumber) {
            previous.append(person)
        }
        return Output(dibao: dibao, registered: registered, dibaoPreviousQuarter: previous)
    }

    /// Breaks a number in one of three ways: check digit, length, or birth month 13.
    private func corrupt(_ id: String, _ random: inout SplitMix64) -> String {
        var characters = Array(id.trimmingSpaces)
        guard characters.count == 18 else { return id }
        switch random.next() % 3 {
        case 0:
            let check = characters[17]
            characters[17] = check == "0" ? "1" : "0"
        case 1: characters.removeLast()
        default:
            characters[10] = "1"
            characters[11] = "3"
        }
        return String(characters)
    }

    private func fullWidth(_ id: String) -> String {
        String(
            String.UnicodeScalarView(
                id.unicodeScalars.map { scalar in
                    (0x30...0x39).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0x30 + 0xFF10)! : scalar
                }))
    }
}

private func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
private func format3(_ value: Int) -> String { String(repeating: "0", count: 3 - String(value).count) + String(value) }
private func format5(_ value: Int) -> String { String(repeating: "0", count: max(0, 5 - String(value).count)) + String(value) }
