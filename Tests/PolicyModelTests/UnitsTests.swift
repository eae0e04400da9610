import PolicyModel
import Testing

@Suite("Money units")
struct UnitsTests {
    @Test("4260 元 a year is 355 元 a month")
    func yearToMonth() {
        #expect(YuanPerPersonYear(4260).perMonth == YuanPerPersonMonth(4260.0 / 12))
        #expect(YuanPerPersonYear(4260).perMonth.yuan == 355)
    }

    @Test("245 元 a month is 2940 元 a year")
    func monthToYear() {
        #expect(YuanPerPersonMonth(245).perYear == YuanPerPersonYear(245 * 12))
    }

    @Test("Paying 245 元/月 to 100 people for 12 months costs 245 × 100 × 12 元")
    func paying() {
        #expect(YuanPerPersonMonth(245).paid(to: 100, forMonths: 12) == Yuan(245 * 100 * 12))
    }

    @Test("A monthly series is converted to the yearly model unit and back")
    func seriesUnits() {
        #expect(SeriesUnit.yuanPerPersonMonth.toModelUnit(355) == 355 * 12)
        #expect(SeriesUnit.yuanPerPersonMonth.fromModelUnit(4260) == 4260.0 / 12)
        #expect(SeriesUnit.yuanPerPersonYear.toModelUnit(4260) == 4260)
        #expect(SeriesUnit.persons.toModelUnit(30000) == 30000)
    }
}
