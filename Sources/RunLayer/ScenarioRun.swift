import PolicyModel
import ScenarioFiles
import Simulation

/// A scenario ready to run: loaded and validated, with its household population read once.
/// The one way from files to projections: the deterministic run, Monte Carlo, solve, sweep,
/// reports and every front end project through it, so that none of them forgets the
/// population or the transition states (load → population → transition states → projection).
public struct ScenarioRun: Sendable {
    /// The scenario as loaded, with its files and where each key was written.
    public var loaded: LoadedScenario
    /// The households of its microsimulation, if it has one.
    public let population: HouseholdPopulation?
    /// Threads for reading the population and running the microsimulation; never changes results.
    public let threads: Int

    /// The scenario the run projects.
    public var scenario: Scenario { loaded.scenario }

    /// Loads the scenario in `path`, with `overrides` (`--set`) applied, and reads its population.
    public init(loading path: String, overrides: [ScenarioOverride] = [], threads: Int = 1) throws(ScenarioFileErrors) {
        try self.init(try ScenarioLoader.load(path, overrides: overrides), threads: threads)
    }

    /// Reads the population of a loaded scenario; a problem of the population file is reported
    /// with the scenario line that names the file.
    public init(_ loaded: LoadedScenario, threads: Int = 1) throws(ScenarioFileErrors) {
        try self.init(loaded, threads: threads) { path, threads throws(ScenarioFileError) in try PopulationCSV.load(path, threads: threads)
        }
    }

    /// Reads the population of a loaded scenario with `read` (the workbench keeps populations
    /// it has read), its problems reported as `init(_:threads:)` reports them.
    public init(
        _ loaded: LoadedScenario, threads: Int = 1, readingPopulation read: (String, Int) throws(ScenarioFileError) -> HouseholdPopulation
    ) throws(ScenarioFileErrors) {
        self.loaded = loaded
        self.threads = max(1, threads)
        do {
            population = try loaded.populationPath.map { path throws(ScenarioFileError) in try read(path, max(1, threads)) }
        } catch {
            let key = ["microsimulation", "population"]
            let naming = ScenarioFileError(
                loaded.location(of: key), key: ScenarioProblem.dotted(key),
                "the population file named here cannot be used: see the error in \(error.location.file)")
            throw ScenarioFileErrors([error, naming])
        }
    }

    /// A run of a scenario built in memory (no file; problems are placed at `name`).
    public init(_ scenario: Scenario, population: HouseholdPopulation? = nil, name: String = "(scenario)", threads: Int = 1) {
        loaded = LoadedScenario(scenario: scenario, files: [name])
        self.population = population
        self.threads = max(1, threads)
    }

    /// Projects the loaded scenario; a problem is placed at the file and line of its key.
    public func project(byTownship: Bool = false) throws(ScenarioFileError) -> Projection {
        do {
            return try projection(of: scenario, byTownship: byTownship)
        } catch {
            throw loaded.fileError(error)
        }
    }

    /// Projects `variant`, the loaded scenario with some inputs changed (solve, sweep), or with
    /// some series' values replaced (a Monte Carlo draw): its transition states are projected
    /// again, and its microsimulation runs on the run's population.
    public func projection(
        of variant: Scenario, byTownship: Bool = false, replacing paths: [DrawnValues] = [], threads: Int? = nil
    ) throws(ScenarioProblem) -> Projection {
        let states = try variant.caseloadTransitions.map { model throws(ScenarioProblem) in
            try Transitions.project(model, span: variant.span)
        }
        return try Projection(
            variant, population: population, byTownship: byTownship, threads: threads ?? self.threads, caseloadStates: states,
            replacing: paths)
    }
}
