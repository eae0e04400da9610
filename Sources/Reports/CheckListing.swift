import PolicyModel

/// `dibao check`: one line per target with ✓ or ✗, the figure and the requirement.
public enum CheckListing {
    /// The lines for one scenario's checks, indented under its heading.
    public static func lines(for projection: Projection, language: Language = .en) -> [String] {
        if projection.checks.isEmpty { return ["  " + language.pick("（无目标）", "(no targets)")] }
        return projection.checks.map { line(for: $0, language: language, scenario: projection.scenario) }
    }

    /// `  ✓ margin above poverty line 2018: 20.5% (≥ 20.0%)`, with a remark for an expected
    /// failure or an unexpected pass.
    public static func line(for check: TargetCheck, language: Language = .en, scenario: Scenario? = nil) -> String {
        let description = CheckDescription(check, language: language)
        var text = "  \(check.passed ? "✓" : "✗") \(description.title): \(description.actual) (\(description.requirement))"
        switch check.outcome {
        case .failedAsExpected: text += language.pick(" — 预期未达标", " — expected to fail")
        case .passedUnexpectedly: text += language.pick(" — 预期未达标却已达标：请更新 expect", " — expected to fail but passes: update 'expect'")
        case .failed: text += language.pick(" — 未达标", " — FAILED")
        case .met: break
        }
        if !check.passed, let note = check.target.note {
            text += " (\(scenario?.text(note, english: language == .en) ?? note))"
        }
        return text
    }

    /// The outcome in a few words, with its mark: `✓ 达标`, `✗ 预期未达标`, `✓ 意外达标`, `✗ 未达标`.
    public static func outcomeWord(_ check: TargetCheck, language: Language = .en) -> String {
        switch check.outcome {
        case .met: language.pick("✓ 达标", "✓ met")
        case .failedAsExpected: language.pick("✗ 预期未达标", "✗ failed as expected")
        case .passedUnexpectedly: language.pick("✓ 意外达标", "✓ passed unexpectedly")
        case .failed: language.pick("✗ 未达标", "✗ failed")
        }
    }

    /// One line for a scenario: `shangrao-2017-plan: 8/10 targets met, 2 failed as expected`.
    public static func scenarioLine(_ projection: Projection, language: Language = .en) -> String {
        let checks = projection.checks
        let met = checks.filter(\.passed).count
        let expected = checks.count { $0.outcome == .failedAsExpected }
        let unexpected = checks.count { !$0.isAsExpected }
        var text = language.pick(
            "\(projection.scenario.name)：\(met)/\(checks.count) 项目标达标，\(expected) 项按预期未达标",
            "\(projection.scenario.name): \(met)/\(checks.count) targets met, \(expected) failed as expected")
        if unexpected > 0 { text += language.pick("，\(unexpected) 项与预期不符", ", \(unexpected) unexpected") }
        return text
    }

    /// Totals over many scenarios: `3 scenarios, 21 targets: 18 met, 3 failed as expected, 0 unexpected`.
    public static func summary(_ projections: [Projection], language: Language = .en) -> String {
        let checks = projections.flatMap(\.checks)
        let met = checks.count { $0.outcome == .met }
        let expectedFailures = checks.count { $0.outcome == .failedAsExpected }
        let unexpected = checks.count { !$0.isAsExpected }
        let passedUnexpectedly = checks.count { $0.outcome == .passedUnexpectedly }
        var text = language.pick(
            "\(projections.count) 个方案，\(checks.count) 项目标：\(met) 项达标，\(expectedFailures) 项按预期未达标，\(unexpected) 项与预期不符",
            "\(projections.count) scenarios, \(checks.count) targets: \(met) met, \(expectedFailures) failed as expected, \(unexpected) unexpected"
        )
        if unexpected > 0 {
            text += language.pick(
                "（\(unexpected - passedUnexpectedly) 项意外未达标，\(passedUnexpectedly) 项意外达标）",
                " (\(unexpected - passedUnexpectedly) failed, \(passedUnexpectedly) passed although expected to fail)")
        }
        return text
    }
}
