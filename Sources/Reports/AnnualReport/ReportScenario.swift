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
    var scenario: Scenario { projection.scenario }
}
