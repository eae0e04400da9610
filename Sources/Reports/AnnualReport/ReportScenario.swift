import PolicyModel

/// One scenario of a report: its projection and the files it came from.
public struct ReportScenario: Sendable {
    public var projection: Projection
    /// The scenario file as given, then each file it extends.
    public var files: [String]

    public init(projection: Projection, files: [String]) {
        self.projection = projection
        self.files = files
    }

    var name: String { projection.scenario.name }
    var scenario: Scenario { projection.scenario }
}
