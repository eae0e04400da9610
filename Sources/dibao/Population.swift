import ArgumentParser
import PolicyModel
import Reports
import ScenarioFiles

/// `dibao population`: writes a documented synthetic household population (no real people).
struct Population: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population",
        abstract: "Write a synthetic household population CSV, the same on every machine for the same options and seed.",
        discussion: "Income is lognormal (median, sigma); sizes 1-6 persons; townships uniform; see docs/model.md §6.1.\n\n"
            + ExitStatus.tableWithoutTargets)

    @Option(help: "Number of households.")
    var households: Int

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "The CSV file to write.")
    var out: String

    @Option(help: "Median per-capita income, 元 per person per year.")
    var medianIncome: Double = 9000

    @Option(help: "Standard deviation of log income.")
    var sigma: Double = 0.8

    @Option(help: "Number of townships.")
    var townships: Int = 20

    @Option(help: "Share of households that are registered poor (drawn below the median income).")
    var registeredPoorShare: Double = 0.1

    @Option(help: "A survey weight to write for every household (how many households each stands for).")
    var weight: Double?

    @OptionGroup var language: LanguageOption

    func run() throws {
        var population = SyntheticPopulation(households: households, seed: seed)
        population.weight = weight
        population.medianIncome = medianIncome
        population.sigma = sigma
        population.townships = townships
        population.registeredPoorShare = registeredPoorShare
        do {
            try population.validate()
        } catch {
            throw ValidationError("--\(error.keyPath.joined().replacingOccurrences(of: "_", with: "-")): \(error.message)")
        }
        try PopulationCSV.write(population, to: out)
        print(
            language.lang == .zh
                ? "已写入 \(out)：\(households) 户，随机种子 \(seed)" : "wrote \(out): \(households) households, seed \(seed)")
    }
}
