import Foundation
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

@Suite("Formatting through the C library")
struct PrintfFormattingTests {
    @Test("printf writes what C's printf writes, values derived by hand")
    func handDerived() {
        #expect(Formatting.printf("%.2f", 2.675) == "2.67")  // 2.675 is 2.67499999… in binary
        #expect(Formatting.printf("%.*f", 1, 0.25) == "0.2")  // a tie, to even
        #expect(Formatting.printf("%.*f%%", 1, 20.05) == "20.1%")  // 20.05 is 20.050000000000000711 in binary
        #expect(Formatting.printf("%.15g", 58_091_165.999999985) == "58091166")
        #expect(Formatting.printf("%g", 97.5) == "97.5")
        #expect(Formatting.printf("%g", 99.9) == "99.9")
        #expect(Formatting.printf("%.7g", -0.0) == "-0")
        #expect(Formatting.printf("%.2f", .infinity) == "inf")
    }

    @Test("A %f text longer than the first buffer is written whole")
    func long() {
        let text = Formatting.printf("%.2f", 1e300)
        #expect(text.count == 304)
        // Python's exact %-formatting of 1e300 (10³⁰⁰ is not a double; this is the nearest one).
        #expect(
            text
                == "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.00"
        )
    }

    @Test("Every format the reports use gives Foundation's String(format:) text, on 20,000 values")
    func sameAsFoundation() {
        var random = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 1e-7, 123_456_789.125, 0.999_95, 99.95, .nan, .infinity, -.infinity]
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -12...12, using: &random)
            values.append((Bool.random(using: &random) ? -1 : 1) * Foundation.pow(10, magnitude))
        }
        for value in values {
            for format in ["%.2f", "%.4f", "%.3f", "%.15g", "%.6g", "%.7g", "%g"] {
                #expect(Formatting.printf(format, value) == String(format: format, value), "\(format) of \(value)")
            }
            for decimals in 0...3 {
                #expect(Formatting.printf("%.*f%%", decimals, value) == String(format: "%.\(decimals)f%%", value), "\(value)")
            }
        }
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
