import Foundation
import ScenarioFiles
import Testing

@Suite("Numbers through the C library")
struct CFormatTests {
    @Test("printf writes what C's printf writes, values derived by hand")
    func handDerived() {
        #expect(CFormat.printf("%.2f", 2.675) == "2.67")  // 2.675 is 2.67499999… in binary
        #expect(CFormat.printf("%.*f", 1, 0.25) == "0.2")  // a tie, to even
        #expect(CFormat.printf("%.*f%%", 1, 20.05) == "20.1%")  // 20.05 is 20.050000000000000711 in binary
        #expect(CFormat.printf("%.15g", 58_091_165.999999985) == "58091166")
        #expect(CFormat.printf("%g", 97.5) == "97.5")
        #expect(CFormat.printf("%g", 99.9) == "99.9")
        #expect(CFormat.printf("%.7g", -0.0) == "-0")
        #expect(CFormat.printf("%.2f", .infinity) == "inf")
    }

    @Test("A %f text longer than the first buffer is written whole")
    func long() {
        let text = CFormat.printf("%.2f", 1e300)
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
            let formats: [StaticString] = ["%.2f", "%.4f", "%.3f", "%.15g", "%.6g", "%.7g", "%g"]
            for format in formats {
                #expect(CFormat.printf(format, value) == String(format: "\(format)", value), "\(format) of \(value)")
            }
            for decimals in 0...3 {
                #expect(CFormat.printf("%.*f%%", decimals, value) == String(format: "%.\(decimals)f%%", value), "\(value)")
            }
        }
    }
}
