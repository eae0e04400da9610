import Foundation
import ScenarioFiles

/// Number formatting for presentation. Rounding happens here, once, and nowhere in the model.
public enum Formatting {
    /// `1234567.891` → `1,234,567.89`: fixed decimals, thousands separated by commas.
    public static func grouped(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "—" : (value > 0 ? "∞" : "-∞") }
        let fixed = CFormat.printf("%.*f", decimals, value)
        let negative = fixed.hasPrefix("-")
        let unsigned = negative ? String(fixed.dropFirst()) : fixed
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer = String(integer.dropLast(3))
        }
        groups.insert(integer, at: 0)
        var text = groups.joined(separator: ",")
        if parts.count > 1 { text += "." + parts[1] }
        let isZero = !text.contains(where: { $0 != "0" && $0 != "," && $0 != "." })
        return (negative && !isZero ? "-" : "") + text
    }

    /// A ratio as a percentage with one decimal: `0.2047` → `20.5%`.
    /// A share just below 1 (0.9996) is truncated to `99.9%`, never rounded up to 100.0%, so that
    /// "100%" always means every draw.
    public static func percent(_ ratio: Double, decimals: Int = 1) -> String {
        guard ratio.isFinite else { return "—" }
        var text = CFormat.printf("%.*f%%", decimals, ratio * 100)
        if ratio < 1, ratio > 0.99, Double(text.dropLast()).map({ $0 >= 100 }) == true {
            let scale = pow(10, Double(decimals))
            text = CFormat.printf("%.*f%%", decimals, (ratio * 100 * scale).rounded(.down) / scale)
        }
        return text.hasPrefix("-") && !text.contains(where: { "123456789".contains($0) }) ? String(text.dropFirst()) : text
    }

    /// 元 in 万元 (ten thousands) with two decimals, as finance summaries quote budgets.
    public static func wanYuan(_ yuan: Double) -> String { grouped(yuan / 10_000, decimals: 2) }

    /// A count of persons, rounded to whole persons at presentation.
    public static func persons(_ count: Double) -> String { grouped(count, decimals: 0) }

    /// Plain decimal text for CSV files: 15 significant digits (what a spreadsheet keeps, and
    /// finer than a fen for any budget below 10¹² 元), which drops binary noise such as
    /// 58091165.999999985 for 58091166; no grouping; empty for a missing figure. JSON keeps
    /// the exact value.
    public static func plain(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return CFormat.printf("%.15g", value)
    }
}
