import Foundation
import PolicyModel
import RunLayer
import ScenarioFiles
import Testing

/// The `budget.funding` section as a finance bureau writes it: levels, shares by year, fixed
/// transfers in 元 or 万元, one residual, a surplus, staff funded apart, a July rise
/// (饶县民字[2017]33号 七; docs/model.md §4). Every expected amount is worked out by hand here.
@Suite("Funding levels, transfers and the residual")
struct FundingFileTests {
    /// 10,000 recipients at 300 元/月 in 2020 and 360 元/月 in 2021, no staff: a full year at
    /// 2021's benefit needs 10,000 × 360 × 12 = 43,200,000 元.
    func scenario(budget: String, benefit2021: Int = 360) -> String {
        """
        name: funding
        years: {from: 2020, to: 2021}
        series:
          benefit: {unit: yuan/person/month, values: {2020: 300, 2021: \(benefit2021)}}
          caseload: {unit: persons, values: {2020: 10000, 2021: 10000}}
        budget:
        \(budget)

        """
    }

    func project(_ text: String) throws -> Projection {
        let folder = try ScenarioFolder(["s.yaml": text])
        return try ScenarioRun(loading: folder.file("s.yaml")).project()
    }

    func error(_ text: String) throws -> ScenarioFileError {
        let folder = try ScenarioFolder(["s.yaml": text])
        return try #require(folder.error(loading: "s.yaml"))
    }

    @Test("A fixed central transfer in 万元, provincial and city shares, the county pays the rest")
    func transferWithCountyResidual() throws {
        let projection = try project(
            scenario(
                budget: """
                      funding:
                        central: {transfer: {wan_yuan: {2020: 2000, 2021: 2500}}}
                        provincial: {share: 25%}
                        city: {share: 0.10}
                        county: residual
                    """))
        // 2021: need 43,200,000; central 25,000,000; provincial 10,800,000; city 4,320,000;
        // county 43,200,000 − 25,000,000 − 10,800,000 − 4,320,000 = 3,080,000.
        let budget = try #require(projection.figures(for: 2021)?.budget)
        #expect(budget.total == Yuan(43_200_000))
        #expect(budget.paid[.central] == Yuan(25_000_000))
        #expect(budget.paid[.provincial] == Yuan(10_800_000))
        #expect(budget.paid[.city] == Yuan(4_320_000))
        #expect(abs(budget.county.yuan - 3_080_000) < 1e-6)
        #expect(budget.surplus == Yuan(0))
        #expect(Figure.cityYuan.value(in: projection.figures(for: 2021)!) == 4_320_000)
    }

    @Test("An unlisted county pays the rest without being named")
    func implicitCountyResidual() throws {
        let projection = try project(
            scenario(
                budget: """
                      funding:
                        central: {share: 60%}
                        provincial: {share: {2020: 20%, 2021: 30%}}
                    """))
        // 2020: 36,000,000 × (1 − 0.6 − 0.2) = 7,200,000; 2021: 43,200,000 × (1 − 0.6 − 0.3) = 4,320,000.
        #expect(abs(projection.figures(for: 2020)!.budget!.county.yuan - 7_200_000) < 1e-6)
        #expect(abs(projection.figures(for: 2021)!.budget!.county.yuan - 4_320_000) < 1e-6)
        #expect(projection.figures(for: 2021)!.budget!.surplus == nil)
    }

    @Test("A transfer larger than the need leaves the county at 0 and a surplus, never a negative")
    func surplus() throws {
        let projection = try project(
            scenario(
                budget: """
                      funding:
                        central: {transfer: {yuan: {2020: 30000000, 2021: 40000000}}}
                        provincial: {share: 25%}
                    """))
        // 2021: 40,000,000 + 10,800,000 = 50,800,000 against a need of 43,200,000: surplus 7,600,000.
        let budget = try #require(projection.figures(for: 2021)?.budget)
        #expect(budget.county == Yuan(0))
        #expect(budget.surplus == Yuan(7_600_000))
        // 2020: 30,000,000 + 9,000,000 > 36,000,000 too: surplus 3,000,000.
        #expect(projection.figures(for: 2020)?.budget?.surplus == Yuan(3_000_000))
    }

    @Test("A July rise pays half a year at each year's benefit")
    func julyRise() throws {
        let projection = try project(
            scenario(
                budget: """
                      effective_month: {2021: 7}
                      funding: {county: residual}
                    """))
        // 2020 is paid in full at 300: 36,000,000. 2021: 10,000 × 300 × 6 + 10,000 × 360 × 6 = 39,600,000.
        #expect(projection.figures(for: 2020)?.budget?.benefitSpending == Yuan(36_000_000))
        #expect(projection.figures(for: 2021)?.budget?.benefitSpending == Yuan(39_600_000))
        let explained = try #require(projection.derivation(of: .benefitSpendingYuan, in: 2021))
        #expect(explained.rule == .blendedSpending(fromMonth: 7))
        #expect(explained.inputs.contains { $0.subject == .input(keyPath: ["budget", "effective_month", "2021"]) })
    }

    @Test("Staff have their own rule: benefits 80% central, staff all county")
    func staffFundedApart() throws {
        let projection = try project(
            scenario(
                budget: """
                      funding: {central: {share: 80%}, county: residual}
                      staff:
                        recipients_per_worker: 400
                        yuan_per_worker_year: 36000
                        funding: {county: residual}
                    """))
        // 2021: 25 workers × 36,000 = 900,000 admin; central 0.8 × 43,200,000 = 34,560,000;
        // county 8,640,000 + 900,000 = 9,540,000.
        let budget = try #require(projection.figures(for: 2021)?.budget)
        #expect(budget.admin == Yuan(900_000))
        #expect(budget.paid[.central] == Yuan(34_560_000))
        #expect(abs(budget.county.yuan - 9_540_000) < 1e-6)
        let county = try #require(projection.derivation(of: .countyYuan, in: 2021))
        #expect(county.rule == .sum)
        #expect(county.inputs.map(\.subject) == [.fundingPart(.county, staff: false), .fundingPart(.county, staff: true)])
    }

    @Test("The county's residual explains itself down to the transfer")
    func residualDerivation() throws {
        let projection = try project(
            scenario(
                budget: """
                      funding:
                        central: {transfer: {wan_yuan: {2020: 2000, 2021: 2500}}}
                        county: residual
                    """))
        let county = try #require(projection.derivation(of: .countyYuan, in: 2021))
        #expect(county.rule == .residual && county.value == 43_200_000 - 25_000_000)
        let central = try #require(county.inputs.first { $0.subject == .figure(.centralYuan) })
        #expect(central.rule == .transfer)
        #expect(central.inputs.first?.subject == .input(keyPath: ["budget", "funding", "central", "transfer", "2021"]))
        #expect(central.inputs.first?.value == 25_000_000)
    }

    @Test(
        "Funding mistakes are refused at their line, naming the key and, where it is one, the year",
        arguments: [
            ("  funding: {central: {share: 110%}}", "budget.funding.central.share", "from 0% to 100%, not 110%", nil),
            ("  funding: {central: {share: 60%}, provincial: {share: 50%}}", "budget.funding.provincial", "more than 100%", nil),
            ("  funding: {central: {share: 60%}, county: {share: 30%}}", "budget.funding.county", "no level pays the rest", nil),
            ("  funding: {central: residual, county: residual}", "budget.funding.county", "central and county", nil),
            ("  funding: {centrl: {share: 60%}}", "budget.funding.centrl", "did you mean 'central'", nil),
            (
                "  funding: {central: {transfer: {wan_yuan: {2020: 100, 2021: -1900}}}}", "budget.funding.central.transfer.2021",
                "not -19000000 元 (-1900 万元)", 2021
            ),
            ("  funding: {central: {transfer: {wan_yuan: {2020: 100}}}}", "budget.funding.central.transfer", "no amount for 2021", 2021),
            ("  funding: {central: {share: 60%, transfer: {yuan: {2020: 1}}}}", "budget.funding.central", "exactly one", nil),
            ("  funding: {central: all}", "budget.funding.central", "residual", nil),
            (
                "  effective_month: 13\n  funding: {county: residual}", "budget.effective_month",
                "whole month from 1 to 12 (7 for July), not 13", nil
            ),
            (
                "  funding: {central: {share: {2020: 60%, 2021: 50%}}, provincial: {share: {2020: 50%, 2021: 40%}}}",
                "budget.funding.provincial", "more than 100% in 2020", 2020
            ),
            (
                "  funding: {central: {share: 60%}}\n  funding_shares: {central: 0.5, provincial: 0.3, county: 0.2}", "budget", "not both",
                nil
            ),
        ] as [(String, String, String, Int?)])
    func mistakes(budget: String, key: String, message: String, year: Int?) throws {
        let error = try error(scenario(budget: budget))
        #expect(error.key == key, "\(error)")
        #expect(error.message.contains(message), "\(error)")
        #expect(error.year == year, "\(error)")
        #expect(error.location.line != nil, "\(error)")
    }
}

@Suite("probability_at_least in a scenario file")
struct ProbabilityTargetFileTests {
    func error(_ target: String, uncertainty: Bool) throws -> ScenarioFileError {
        let text = """
            name: p
            years: {from: 2020, to: 2021}
            series:
              benefit: {unit: 元/人·月, values: {2020: 100}, growth: 0}
              caseload: {unit: 人, values: {2020: 10000}, growth: 0}
            budget: {funding: {county: residual}}
            \(uncertainty ? "uncertainty: {growth_sd: {caseload: 10%}}" : "")
            targets:
              - \(target)

            """
        let folder = try ScenarioFolder(["p.yaml": text])
        return try #require(folder.error(loading: "p.yaml"))
    }

    @Test("probability_at_least needs an uncertainty section, and lies in (0, 1]")
    func refused() throws {
        let missing = try error("{kind: county_budget_at_most, year: 2021, wan_yuan: 1300, probability_at_least: 90%}", uncertainty: false)
        #expect(missing.key == "targets[0].probability_at_least" && missing.message.contains("uncertainty section"))
        #expect(missing.location.line == 9)
        let tooHigh = try error("{kind: county_budget_at_most, year: 2021, wan_yuan: 1300, probability_at_least: 150%}", uncertainty: true)
        #expect(tooHigh.key == "targets[0].probability_at_least" && tooHigh.message.contains("at most 1"))
    }
}

@Suite("Households (户) beside persons")
struct HouseholdSeriesTests {
    @Test("A households series in 户, proportional to the caseload: 9,300 households of 18,600 persons keep two persons each")
    func proportional() throws {
        let text = """
            name: h
            years: {from: 2020, to: 2021}
            series:
              caseload: {unit: 人, values: {2020: 18600}, growth: -2%}
              households: {unit: 户, values: {2020: 9300}, proportional_to: caseload}
            """
        let folder = try ScenarioFolder(["h.yaml": text])
        let projection = try ScenarioRun(loading: folder.file("h.yaml")).project()
        // 2021: 18,600 × 0.98 = 18,228 persons; 9,300 × 18,228 / 18,600 = 9,114 households.
        #expect(abs(projection.figures(for: 2021)!.households! - 9_114) < 1e-9)
        #expect(Figure.caseloadHouseholds.value(in: projection.figures(for: 2021)!) == projection.figures(for: 2021)!.households)
    }

    @Test("Households in a money unit, or persons in 户, are refused at the series")
    func wrongUnit() throws {
        let text = """
            name: h
            years: {from: 2020, to: 2021}
            series:
              households: {unit: 元/人·月, values: {2020: 9300}, growth: 0}
            """
        let folder = try ScenarioFolder(["h.yaml": text])
        let error = try #require(folder.error(loading: "h.yaml"))
        #expect(error.key?.hasPrefix("series.households") == true && error.message.contains("households"), "\(error)")
    }
}

@Suite("Every budget mistake in one run")
struct AllBudgetProblemsTests {
    @Test("Month 13, a negative transfer and a 120% share are all reported, each at its own line")
    func all() throws {
        let text = """
            name: many
            years: {from: 2020, to: 2021}
            series:
              benefit: {unit: 元/人·月, values: {2020: 300}, growth: 0}
              caseload: {unit: 人, values: {2020: 10000}, growth: 0}
            budget:
              effective_month: 13
              funding:
                central: {transfer: {wan_yuan: {2020: 100, 2021: -5}}}
                city: {share: 120%}
                county: residual

            """
        let folder = try ScenarioFolder(["m.yaml": text])
        let errors = try #require(folder.errors(loading: "m.yaml")).errors
        #expect(
            errors.map(\.key) == ["budget.effective_month", "budget.funding.central.transfer.2021", "budget.funding.city.share"],
            "\(errors)")
        #expect(errors.map(\.location.line) == [7, 9, 10], "\(errors)")
    }
}
