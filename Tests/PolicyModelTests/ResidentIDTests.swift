import Testing

@testable import PolicyModel

/// The GB 11643-1999 check character, computed here independently of the model: the weights
/// are 2^(17−i) mod 11 for positions i = 1…17, and the remainder r maps to (12 − r) mod 11 with
/// 10 written as X.
func checkCharacter(_ seventeen: String) -> String {
    var sum = 0
    for (offset, character) in seventeen.enumerated() {
        var weight = 1
        for _ in 0..<(17 - offset) { weight = weight * 2 % 11 }
        sum += character.wholeNumberValue! * weight
    }
    let value = (12 - sum % 11) % 11
    return value == 10 ? "X" : String(value)
}

/// A valid number from a region, birth date and sequence.
func residentID(_ region: String = "369901", _ birth: String = "19800101", _ sequence: String = "123") -> String {
    let body = region + birth + sequence
    return body + checkCharacter(body)
}

func parse(_ text: String) -> ResidentID.Parsed { ResidentID.parse(text) }

@Suite("Resident identity numbers (GB 11643-1999)")
struct ResidentIDTests {
    @Test("The standard's own example 11010519491231002X is valid; its check character is X")
    func standardExample() {
        #expect(checkCharacter("11010519491231002") == "X")
        guard case .valid(let id) = parse("11010519491231002X") else {
            Issue.record("expected valid")
            return
        }
        #expect(id.masked == "110105********002X")
    }

    @Test("Numbers constructed with the check character are valid; any other last character is not")
    func constructed() {
        for sequence in ["001", "123", "777", "999"] {
            let id = residentID("362321", "19750615", sequence)
            if case .invalid = parse(id) { Issue.record("\(id.prefix(6)) should be valid") }
            let wrong = String(id.dropLast()) + (id.last == "1" ? "2" : "1")
            #expect(parse(wrong) == .invalid(masked: ResidentID.maskText(wrong), reason: .checkDigit))
        }
    }

    @Test("Normalisation: spaces, full-width digits and a lower-case x are accepted")
    func normalisation() {
        let id = residentID("110105", "19491231", "002")  // ends in X
        #expect(id.hasSuffix("X"))
        let fullWidth = String(
            String.UnicodeScalarView(
                id.unicodeScalars.map { s in
                    s.properties.numericType != nil ? Unicode.Scalar(s.value - 0x30 + 0xFF10)! : s
                }))
        for variant in [" " + id + " ", "\u{3000}" + id, String(id.dropLast()) + "x", fullWidth, String(fullWidth.dropLast()) + "ｘ"] {
            #expect(parse(variant) == parse(id), "\(variant.count) characters")
        }
    }

    @Test("Invalid: wrong length, letters, province 99, a 30 February, a check digit off by one")
    func invalidReasons() {
        #expect(parse("36232119800101123").reasonCode == "length")
        #expect(parse("3623211980010112A4").reasonCode == "characters")
        #expect(parse(residentID("990101")).reasonCode == "region")
        #expect(parse(residentID("362321", "19800230")).reasonCode == "birth_date")
        #expect(parse(residentID("362321", "19001301")).reasonCode == "birth_date")
        #expect(parse(residentID("362321", "20000229")).reasonCode == nil)
        #expect(parse(residentID("362321", "19000229")).reasonCode == "birth_date")
    }

    @Test("The byte reader agrees with the text reader on valid and broken numbers")
    func byteReaderAgrees() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<3000 {
            var id = residentID(
                "36" + String(random.next() % 9000 + 1000), "19\(random.next() % 90 + 10)0\(random.next() % 9 + 1)1\(random.next() % 9)",
                "\(random.next() % 900 + 100)")
            if random.next() % 3 == 0 { id = String(id.dropLast()) + String(random.next() % 10) }
            if random.next() % 7 == 0 { id = String(id.dropLast()) + "x" }
            let viaBytes = Array(id.utf8).withUnsafeBufferPointer { ResidentID.parse(utf8: $0) }
            #expect(viaBytes == parse(id))
        }
    }

    @Test("Masks: 18 characters keep 6 and 4; shorter text keeps at most a third; names keep the first character")
    func masks() {
        #expect(ResidentID.maskText("36232119800101123X") == "362321********123X")
        #expect(ResidentID.maskText("12345") == "1****")
        #expect(!ResidentID.maskText("12").contains("12"))
        func masked(_ name: String) -> String? {
            RosterRecord(line: 2, id: .invalid(masked: "*", reason: .characters), township: "", name: name).maskedName
        }
        #expect(masked("张三") == "张*")
        #expect(masked("欧阳娜娜") == "欧***")
        #expect(masked("李") == "*")
        var record = RosterRecord(line: 2, id: parse(residentID()), township: "东乡", name: " 王小明 ")
        #expect(record.maskedName == "王**")
        record.setName("")
        #expect(record.maskedName == nil)
    }
}

extension ResidentID.Parsed {
    var reasonCode: String? {
        if case .invalid(_, let reason) = self { return reason.code }
        return nil
    }
}

@Suite("Roster comparison (台账比对)")
struct RosterComparisonTests {
    let a = residentID("369901", "19500101", "011"), b = residentID("369901", "19600101", "022"),
        c = residentID("369902", "19700101", "033")
    let d = residentID("369902", "19800101", "044"), e = residentID("369903", "19900101", "055")

    func record(_ line: Int, _ id: String, _ township: String, household: String? = nil) -> RosterRecord {
        RosterRecord(line: line, id: parse(id), township: township, householdID: household)
    }

    @Test("Every group on a hand-made pair: both, dibao only, registered only, invalid, duplicates, differences")
    func groups() {
        let dibao = [
            record(2, a, "东乡", household: "H1"), record(3, b, "东乡", household: "H1"), record(4, c, "西乡"),
            record(5, "123", "西乡"), record(6, a, "东乡", household: "H1"),
        ]
        let registered = [
            record(2, b, "东乡", household: "H9"), record(3, c, "南乡"), record(4, d, "南乡"), record(5, d, "南乡"), record(6, e, "西乡"),
            record(7, String(a.dropLast()) + (a.last == "0" ? "1" : "0"), "东乡"),
        ]
        let comparison = RosterComparison(dibao: dibao, registered: registered)
        #expect(comparison.both.map { [dibao[$0.dibao].line, registered[$0.registered].line] } == [[3, 2], [4, 3]])
        #expect(comparison.dibaoOnly.map { dibao[$0].line } == [2])
        #expect(comparison.registeredOnly.map { registered[$0].line } == [4, 6])
        #expect(comparison.invalidDibao.map { dibao[$0].line } == [5])
        #expect(comparison.invalidRegistered.map { registered[$0].line } == [7])
        #expect(comparison.duplicateDibao.map { dibao[$0].line } == [6])
        #expect(comparison.duplicateRegistered.map { registered[$0].line } == [5])
        // b: household H1 vs H9; c: 西乡 vs 南乡.
        #expect(comparison.mismatches.map { dibao[$0.dibao].line } == [3, 4])
        let east = comparison.countsByTownship.first { $0.township == "东乡" }
        #expect(east?.both == 1 && east?.dibaoOnly == 1 && east?.duplicateDibao == 1 && east?.invalidRegistered == 1)
        #expect(comparison.totals.both == 2 && comparison.totals.registeredOnly == 2)
    }

    @Test("A number listed twice is compared at its first record")
    func firstRecordCompared() {
        let dibao = [record(2, a, "东乡")]
        let registered = [record(2, a, "东乡"), record(3, a, "西乡")]
        let comparison = RosterComparison(dibao: dibao, registered: registered)
        #expect(comparison.both.map(\.registered) == [0])
        #expect(comparison.mismatches.isEmpty)
        #expect(comparison.duplicateRegistered == [1])
    }

    @Test("The quarterly change set: additions, cancellations, and adjustments with the changed fields")
    func changes() {
        var old = [record(2, a, "东乡"), record(3, b, "东乡"), record(4, c, "西乡")]
        old[1].size = 3
        var new = [record(2, a, "东乡"), record(3, b, "南乡"), record(4, d, "西乡")]
        new[1].size = 4
        let changes = RosterChanges(old: old, new: new)
        #expect(changes.additions.map(\.line) == [4])
        #expect(changes.cancellations.map(\.line) == [4])
        #expect(changes.adjustments.map(\.fields) == [[.township, .size]])
    }
}

@Suite("Names from bytes")
struct NameBytesTests {
    @Test(
        "A name read from its UTF-8 bytes keeps its first character and one * per other character",
        arguments: ["张三", "欧阳娜娜", "Li", "X", "阿依古丽·买买提", "𠀋太郎", "Zoë"])
    func mask(name: String) {
        var record = RosterRecord(line: 1, id: .invalid(masked: "*", reason: .characters), township: "")
        Array(name.utf8).withUnsafeBufferPointer { record.setName(utf8: $0) }
        let scalars = Array(name.unicodeScalars)
        let expected = scalars.count == 1 ? "*" : String(scalars[0]) + String(repeating: "*", count: scalars.count - 1)
        #expect(record.maskedName == expected)
        #expect(record.nameLength == scalars.count)
    }
}
