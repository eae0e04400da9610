/// A performance target of the plan (饶县民字[2017]33号 八: 列入县民生工作年度目标管理), checked
/// against every projection.
public struct Target: Sendable {
    /// What must be true.
    public var requirement: Requirement
    /// Whether the scenario expects the target to be met; an expected failure keeps CI green
    /// while staying visible, and an unexpected pass is reported so the expectation gets updated.
    public var expectation: Expectation
    /// The clause or source the target comes from.
    public var reference: String?
    /// Free text, e.g. why a failure is expected.
    public var note: String?
    /// When set, the target is met when its requirement holds in at least this share of Monte
    /// Carlo draws (0 < p ≤ 1); without draws it is judged on the deterministic projection.
    public var probabilityAtLeast: Double?

    public init(
        _ requirement: Requirement, expectation: Expectation = .pass, reference: String? = nil,
        note: String? = nil, probabilityAtLeast: Double? = nil
    ) {
        self.requirement = requirement
        self.expectation = expectation
        self.reference = reference
        self.note = note
        self.probabilityAtLeast = probabilityAtLeast
    }

    public enum Expectation: String, Sendable {
        case pass, fail
    }

    /// The kind of target, its years and its parameters (the kinds are declared in
    /// `TargetKind.all`; each kind's file also gives a constructor such as
    /// `.marginAbovePovertyLine(year:atLeast:)`).
    public struct Requirement: Sendable, Equatable {
        public var kind: TargetKind
        /// The years the target is about: one year, or a span.
        public var years: TargetYears
        /// The values of the kind's parameters, by key; every parameter has one.
        public var arguments: [String: TargetArgument]

        public init(_ kind: TargetKind, years: TargetYears, arguments: [String: TargetArgument]) {
            self.kind = kind
            self.years = years
            self.arguments = arguments
        }
    }

    /// The kind of target.
    public var kind: TargetKind { requirement.kind }
    /// The years the target is about.
    public var years: TargetYears { requirement.years }

    /// The number given for `key` (0 when the kind has no such number: a kind's own code asks
    /// only for its declared parameters).
    public func number(_ key: String) -> Double {
        if case .number(let value) = requirement.arguments[key] { return value }
        return 0
    }

    /// The series given for `key`.
    public func series(_ key: String) -> SeriesName {
        if case .series(let name) = requirement.arguments[key] { return name }
        return .standard
    }

    /// The single year of a one-year target, or the last year of a span.
    public var year: Int {
        switch years {
        case .single(let year): year
        case .span(_, let to): to
        }
    }
}

/// The years a target concerns.
public enum TargetYears: Sendable, Equatable {
    case single(Int)
    case span(from: Int, to: Int)
}
