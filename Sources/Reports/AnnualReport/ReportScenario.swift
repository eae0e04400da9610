import PolicyModel
import Simulation

/// One scenario of a report: its projection and the files it came from.
public struct ReportScenario: Sendable {
    public var projection: Projection
    /// The scenario file as given, then each file it extends.
    public var files: [String]
    /// Monte Carlo results, for a scenario with an uncertainty section.
    public var uncertainty: MonteCarloResult?
    /// The budget at a confidence level, for a scenario with a budget and uncertainty.
    public var confidenceBudget: ConfidenceBudget?

    public init(
        projection: Projection, files: [String], uncertainty: MonteCarloResult? = nil, confidenceBudget: ConfidenceBudget? = nil
    ) {
        self.projection = projection
        self.files = files
        self.uncertainty = uncertainty
        self.confidenceBudget = confidenceBudget
    }

    var name: String { projection.scenario.name }
    /// What people read: the scenario's title, its name only when it has none.
    func displayName(_ l: Language) -> String {
        projection.scenario.title.map { projection.scenario.text($0, english: l == .en) } ?? projection.scenario.name
    }

    /// Text from the scenario in `l`: its English when the file gives one in both languages.
    func say(_ text: String?, _ l: Language) -> String? { text.map { projection.scenario.text($0, english: l == .en) } }
    var scenario: Scenario { projection.scenario }
}
