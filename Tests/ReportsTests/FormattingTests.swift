import Testing

@testable import Reports

@Suite("Formatting")
struct FormattingTests {
    @Test(
        "Money has thousands separators and two decimals",
        arguments: [
            (1234567.891, "1,234,567.89"), (0, "0.00"), (999.995, "1,000.00"), (-4260, "-4,260.00"), (12.5, "12.50"), (-0.001, "0.00"),
        ])
    func grouped(value: Double, text: String) {
        #expect(Formatting.grouped(value) == text)
    }

    @Test("Ratios are percentages with one decimal: 4260 / 3550 − 1 is 20.0%")
    func percent() {
        #expect(Formatting.percent(4260.0 / 3550 - 1) == "20.0%")
        #expect(Formatting.percent(0.2051) == "20.5%")
        #expect(Formatting.percent(-0.0001) == "0.0%")
        #expect(Formatting.percent(.nan) == "—")
    }

    @Test("A share below 1 never prints as 100%: 0.9996 is 99.9%, 1 is 100.0%; 0.99951 with two decimals is 99.95%")
    func percentBelowOne() {
        #expect(Formatting.percent(0.9996) == "99.9%")
        #expect(Formatting.percent(0.99999999) == "99.9%")
        #expect(Formatting.percent(1) == "100.0%")
        #expect(Formatting.percent(0.9994) == "99.9%")
        #expect(Formatting.percent(0.99951, decimals: 2) == "99.95%")
        #expect(Formatting.percent(0.999999, decimals: 0) == "99%")
    }

    @Test("万元 divides by 10000: 8,983,674.90 元 is 898.37 万元")
    func wan() {
        #expect(Formatting.wanYuan(8_983_674.90) == "898.37")
    }

    @Test("Machine-readable numbers: whole numbers without decimals, others round-trip, missing empty")
    func plain() {
        #expect(Formatting.plain(4260) == "4260")
        #expect(Formatting.plain(0.1) == "0.1")
        #expect(Formatting.plain(nil) == "")
        #expect(Formatting.plain(.nan) == "")
    }

    @Test("Table columns count a Chinese character as two columns")
    func displayWidth() {
        let table = TextTable(header: ["年份", "x"], rows: [["2016", "1"]]).rendered()
        let lines = table.split(separator: "\n")
        #expect(lines[0] == "年份  x")
        #expect(lines[2] == "2016  1")
    }
}

@Suite("Sentence templates")
struct TemplateFillTests {
    @Test("Each {name} is replaced once; an unknown name and a lone brace stay; a value is not a template")
    func fill() {
        let values = ["year": "2020", "actual": "{year}", "required": "40.0%"]
        #expect(CheckDescription.fill("{year}年（{actual} vs {required}）", values) == "2020年（{year} vs 40.0%）")
        #expect(CheckDescription.fill("{unknown} {year} {", values) == "{unknown} 2020 {")
        #expect(CheckDescription.fill("{{year}}", values) == "{2020}")
        #expect(CheckDescription.fill("", values) == "")
        #expect(CheckDescription.fill("no names", [:]) == "no names")
    }
}
