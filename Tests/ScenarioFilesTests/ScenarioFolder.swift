import Foundation
import RunLayer
import ScenarioFiles
import TestFolders

/// A temporary folder of scenario files for one test.
struct ScenarioFolder {
    let path: String

    init(_ files: [String: String]) throws {
        path = try TestFolders.make("scenario")
        for (name, text) in files {
            try text.write(toFile: file(name), atomically: true, encoding: .utf8)
        }
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Loads and projects `name`; returns the first error, or nil when it succeeds.
    func error(loading name: String) -> ScenarioFileError? { errors(loading: name)?.errors.first }

    /// Loads and projects `name`; returns every error, or nil when it succeeds.
    func errors(loading name: String) -> ScenarioFileErrors? {
        do {
            _ = try ScenarioRun(loading: file(name)).project()
            return nil
        } catch let errors as ScenarioFileErrors {
            return errors
        } catch let error as ScenarioFileError {
            return ScenarioFileErrors(error)
        } catch {
            return nil
        }
    }
}

/// A valid minimal scenario; tests splice their mistakes into it.
let minimalScenario = """
    name: minimal
    years: {from: 2016, to: 2018}
    series:
      standard:
        unit: yuan/person/year
        values: {2016: 3240, 2017: 3660, 2018: 4260}
      poverty_line: {unit: yuan/person/year, values: {2014: 2800}, growth: 0.06}
      benefit: {unit: yuan/person/month, values: {2018: 245}, proportional_to: standard}
      caseload: {unit: persons, values: {2016: 30000}, growth: -0.03}
    budget:
      months: 12
      funding_shares: {central: 0.5, provincial: 0.3, county: 0.2}
    targets:
      - {kind: margin_above_poverty_line, year: 2018, at_least: 0.20}

    """

/// The repository's `scenarios/` folder.
let bundledScenarios = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios").path
