import PolicyModel
import Simulation

/// `dibao run --format json`: the projection and every check, keys in a fixed order.
public enum ProjectionJSON {
    /// The projection, and a Monte Carlo run of it when given (under `uncertainty`).
    public static func document(_ projection: Projection, uncertainty: MonteCarloResult? = nil) -> JSONValue {
        .object(
            [
                ("scenario", .string(projection.scenario.name)),
                ("title", projection.scenario.title.map(JSONValue.string) ?? .null),
                ("what_ifs", .array(projection.scenario.whatIfs.map(JSONValue.string))),
                ("years", .array(projection.years.map(year))),
                ("checks", .array(projection.checks.map(check))),
                ("as_expected", .bool(projection.isAsExpected)),
            ]
                + (projection.microsimulation.map {
                    [("microsimulation", MicrosimulationOutput.json($0, source: projection.scenario.microsimulation?.source))]
                } ?? [])
                + (projection.caseloadStates.map { [("caseload_states", states($0))] } ?? [])
                + (uncertainty.map { [("uncertainty", UncertaintyOutput.json($0, checks: projection.checks))] } ?? []))
    }

    /// Persons by state and year, and the long-run shares.
    static func states(_ states: CaseloadStates) -> JSONValue {
        .object([
            ("states", .array(states.states.map(JSONValue.string))),
            (
                "years",
                .array(
                    states.years.map { year in
                        .object([("year", .int(year.year))] + zip(states.states, year.counts).map { ($0, .number($1)) })
                    })
            ),
            (
                "long_run_shares",
                states.longRunShares.map { shares in .object(zip(states.states, shares).map { ($0, .number($1)) }) } ?? .null
            ),
        ])
    }

    static func year(_ figures: YearFigures) -> JSONValue {
        .object([("year", .int(figures.year))] + YearColumn.all.map { ($0.key, .number($0.value(figures))) })
    }

    /// A target's kind and years: `{"kind", "year"}` or `{"kind", "from", "to"}`.
    static func targetIdentity(_ target: Target) -> [(String, JSONValue)] {
        switch target.years {
        case .single(let year): [("kind", .string(target.kind.name)), ("year", .int(year))]
        case .span(let from, let to): [("kind", .string(target.kind.name)), ("from", .int(from)), ("to", .int(to))]
        }
    }

    /// One check, with `year` or `from`/`to`, its parameters other than the requirement, and
    /// the figures in the unit named by `unit`.
    public static func check(_ check: TargetCheck) -> JSONValue {
        let description = CheckDescription(check, language: .en)
        var members = targetIdentity(check.target)
        for parameter in check.target.kind.parameters where !parameter.isThreshold {
            switch check.target.requirement.arguments[parameter.key] {
            case .number(let value): members.append((parameter.key, .number(value)))
            case .series(let name): members.append((parameter.key, .string(name.rawValue)))
            case nil: break
            }
        }
        members += [
            ("passed", .bool(check.passed)),
            ("expected", .string(check.target.expectation.rawValue)),
            ("as_expected", .bool(check.isAsExpected)),
            ("actual", .number(check.actual)),
            ("required", .number(check.required)),
            ("unit", .string(description.unit)),
            ("message", .string(description.message)),
        ]
        if let year = check.decidingYear { members.append(("deciding_year", .int(year))) }
        if !check.yearByYear.isEmpty {
            members.append(
                (
                    "years",
                    .array(
                        check.yearByYear.map {
                            .object([
                                ("year", .int($0.year)), ("actual", .number($0.actual)), ("required", .number($0.required)),
                                ("passed", .bool($0.passed)),
                            ])
                        })
                ))
        }
        if let reference = check.target.reference { members.append(("reference", .string(reference))) }
        if let note = check.target.note { members.append(("note", .string(note))) }
        return .object(members)
    }
}
