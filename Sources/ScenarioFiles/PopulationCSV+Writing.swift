import Foundation
import PolicyModel

extension PopulationCSV {
    /// Writes a synthetic population as CSV (`household_id,township,size,income_per_capita,
    /// registered_poor,category`, then `weight` if it has one; LF line ends, incomes with two
    /// decimals), atomically.
    public static func write(_ population: SyntheticPopulation, to path: String) throws(ScenarioFileError) {
        try OutputFile.stream(to: path) { write in
            let weight = population.weight.map { ",\($0 == $0.rounded() ? String(Int($0)) : String($0))" } ?? ""
            write("household_id,township,size,income_per_capita,registered_poor,category\(weight.isEmpty ? "" : ",weight")\n")
            var lines = ""
            population.generate { household in
                lines += "\(household.id),\(household.township),\(household.size),"
                lines += CFormat.printf("%.2f", household.incomePerCapita)
                lines += household.registeredPoor ? ",1," : ",0,"
                lines += household.category + weight + "\n"
                if lines.utf8.count >= 1 << 16 {
                    write(lines)
                    lines = ""
                }
            }
            write(lines)
        }
    }
}
