#!/usr/bin/env python3
"""A vectorised numpy reference of dibao's Monte Carlo (docs/model.md §2-5 and §8), for aggregate
scenarios (series, budget, targets and an `uncertainty` section; no microsimulation, transitions
or ledger).

Usage: montecarlo_numpy.py SCENARIO.yaml --draws N --seed S [--percentiles 5,50,95] [--align year|step]

Prints on stdout JSON shaped like the `uncertainty` part of `dibao run FILE --draws N --seed S
--format json` ({"scenario": …, "uncertainty": {draws, seed, percentiles, years, targets}}), and
one JSON line of timings on stderr.

The model, as dibao computes it:
- each uncertain series s with growth g and last explicit year a draws, for t = a+1 … the last
  year, value(t) = value(a) × Π (1 + g + σ e), each year's factor floored at 0.01; e = L z with z
  independent standard normals (numpy's default_rng(seed)) and L the lower Cholesky factor of the
  correlation matrix. Its own draws, not dibao's Philox stream: agreement is statistical;
- every other series resolves as in SeriesResolver (explicit, proportional_to, growth by repeated
  multiplication), the budget as BudgetRules/FundingRule, the targets as Targets/Kinds/*.swift;
- every figure a float64 array years × draws (each year's draws contiguous); for every figure and
  year the mean and np.percentile (linear, numpy's default) over the draws,
  and for every target the share of draws meeting it.

`--align year` (default) correlates the shocks of the same calendar year across series, as
docs/model.md §8 writes it (e_t = L z_t) and dibao does. `--align step` correlates the shocks of the
same *step* after each series' own last explicit year instead, as dibao did before that was fixed
(they differ when the series' last explicit years differ). Marginal distributions are the same
either way; only joint statements across series differ.
"""
import argparse
import json
import math
import os
import sys
import time

T0 = time.perf_counter()

import numpy as np  # noqa: E402
import yaml  # noqa: E402

REL_TOL = 1e-9

# Figure.allCases, in order.
FIGURES = [
    "standard_yuan_per_year", "standard_yuan_per_month", "poverty_line_yuan_per_year", "margin_above_poverty_line",
    "benefit_yuan_per_month", "rural_income_yuan_per_year", "caseload_persons", "caseload_households",
    "benefit_spending_yuan", "workers", "admin_yuan", "total_budget_yuan", "central_yuan", "provincial_yuan",
    "city_yuan", "county_yuan", "surplus_yuan",
]
LEVELS = ["central", "provincial", "city", "county"]
MONTHLY_UNITS = {"yuan/person/month", "元/人·月", "元/人/月", "元/月"}


def fail(message):
    sys.exit(f"montecarlo_numpy.py: {message}")


# ---------------------------------------------------------------- scenario file

def merge(parent, child):
    """`extends`: mappings merge key by key, a null in the child removes, anything else replaces."""
    if not isinstance(parent, dict) or not isinstance(child, dict):
        return child
    out = {}
    for key, value in parent.items():
        if key in child:
            if child[key] is None:
                continue
            out[key] = merge(value, child[key])
        else:
            out[key] = value
    for key, value in child.items():
        if key not in parent and value is not None:
            out[key] = value
    return out


def load(path, chain=()):
    with open(path, encoding="utf-8") as f:
        tree = yaml.safe_load(f)
    if not isinstance(tree, dict):
        fail(f"{path} is not a scenario (a mapping)")
    parent = tree.pop("extends", None)
    if parent is None:
        return tree
    parent_path = parent if os.path.isabs(parent) else os.path.join(os.path.dirname(path), parent)
    if os.path.realpath(parent_path) in chain:
        fail(f"extends forms a cycle at {parent_path}")
    merged = merge(load(parent_path, chain + (os.path.realpath(path),)), tree)
    if "name" not in tree:
        merged.pop("name", None)
    return merged


def number(value):
    """A number as dibao reads one: 0.08, 8%, 1450."""
    if isinstance(value, bool) or value is None:
        fail(f"expected a number, not {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace("％", "%").replace(",", "")
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def amount(mapping, key):
    """`yuan: x` or `wan_yuan: x` (× 10⁴)."""
    if key in mapping:
        return number(mapping[key])
    if "wan_" + key in mapping:
        return number(mapping["wan_" + key]) * 1e4
    return None


def yearly(value):
    """A number written once or by year: a function of the year."""
    if isinstance(value, dict):
        values = {int(y): number(v) for y, v in value.items()}
        return lambda year: values.get(year)
    constant = number(value)
    return lambda year: constant


class Funding:
    """FundingRule: shares, fixed transfers and a residual level, in budget order."""

    def __init__(self, tree, legacy=False):
        self.sources = {}
        if legacy:  # funding_shares: {central, provincial, county}
            for level in ("central", "provincial", "county"):
                self.sources[level] = ("share", yearly(tree[level]))
        else:
            for level, source in tree.items():
                if isinstance(source, str) and source.strip() == "residual":
                    self.sources[level] = ("residual", None)
                elif "share" in source:
                    self.sources[level] = ("share", yearly(source["share"]))
                else:
                    transfer = source["transfer"]
                    scale = 1.0 if "yuan" in transfer else 1e4
                    amounts = {int(y): number(v) * scale for y, v in (transfer.get("yuan") or transfer["wan_yuan"]).items()}
                    self.sources[level] = ("transfer", amounts)
            if not any(kind == "residual" for kind, _ in self.sources.values()) and "county" not in self.sources:
                self.sources["county"] = ("residual", None)
        self.levels = [level for level in LEVELS if level in self.sources]
        self.residual = next((level for level in self.levels if self.sources[level][0] == "residual"), None)
        self.has_transfers = any(kind == "transfer" for kind, _ in self.sources.values())

    def split(self, need, year):
        """What each level pays of `need` (an array) in `year`, and the surplus."""
        paid = {}
        covered = 0.0
        for level in self.levels:
            kind, rule = self.sources[level]
            if kind == "share":
                paid[level] = need * (rule(year) or 0.0)
            elif kind == "transfer":
                paid[level] = np.full_like(need, rule.get(year, 0.0))
            else:
                continue
            covered = covered + paid[level]
        rest = need - covered
        if self.residual is not None:
            paid[self.residual] = np.maximum(0.0, rest)
            return paid, np.maximum(0.0, -rest)
        return paid, np.zeros_like(need)


class Scenario:
    def __init__(self, path):
        tree = load(path)
        self.name = tree.get("name", os.path.splitext(os.path.basename(path))[0])
        self.first, self.last = int(tree["years"]["from"]), int(tree["years"]["to"])
        self.span = list(range(self.first, self.last + 1))
        for key in ("microsimulation", "caseload_transitions", "actuals"):
            if tree.get(key) is not None:
                fail(f"the reference handles aggregate scenarios only; this one has '{key}'")
        self.series = {}
        for name, d in (tree.get("series") or {}).items():
            unit = d.get("unit", "persons")
            scale = 12.0 if unit in MONTHLY_UNITS else 1.0
            values = {int(y): number(v) * scale for y, v in (d.get("values") or {}).items() if v is not None}
            years = sorted(values)
            self.series[name] = {
                "years": years, "values": [values[y] for y in years],
                "growth": number(d["growth"]) if d.get("growth") is not None else None,
                "proportional_to": d.get("proportional_to"),
            }
        b = tree.get("budget")
        self.budget = None
        if b is not None:
            staff = b.get("staff")
            self.budget = {
                "months": number(b.get("months", 12)),
                "effective_month": yearly(b["effective_month"]) if b.get("effective_month") is not None else None,
                "funding": Funding(b["funding"]) if "funding" in b else Funding(b["funding_shares"], legacy=True),
                "staff": None if staff is None else {
                    "per_worker": number(staff["recipients_per_worker"]),
                    "cost": amount(staff, "yuan_per_worker_year"),
                    "funding": Funding(staff["funding"]) if staff.get("funding") is not None else None,
                },
            }
        u = tree.get("uncertainty")
        if u is None:
            fail("the scenario has no uncertainty section to draw from")
        if u.get("take_up_sd") is not None:
            fail("take_up_sd needs a microsimulation")
        self.uncertain = [(name, number(sd)) for name, sd in (u.get("growth_sd") or {}).items()]
        k = len(self.uncertain)
        corr = u.get("correlation")
        self.correlation = np.eye(k) if corr is None else np.array([[number(x) for x in row] for row in corr], dtype=float)
        self.targets = tree.get("targets") or []


# ---------------------------------------------------------------- series (SeriesResolver)

class Resolver:
    """Every series' value in any year: a float, or an array over the draws for drawn series and
    those that follow them."""

    def __init__(self, scenario, drawn):
        self.defs = dict(scenario.series)
        for name, (years, values) in drawn.items():
            self.defs[name] = {"years": years, "values": values, "growth": None, "proportional_to": None}
        self.cache = {}

    def defines(self, name):
        return name in self.defs

    def value(self, name, year):
        key = (name, year)
        if key in self.cache:
            return self.cache[key]
        s = self.defs.get(name)
        if s is None:
            fail(f"series '{name}' is not defined but is needed for {year}")
        years, values = s["years"], s["values"]
        latest = None
        for i, y in enumerate(years):
            if y <= year:
                latest = i
            else:
                break
        if latest is not None and years[latest] == year:
            result = values[latest]
        elif s["proportional_to"] is not None:
            anchor = latest if latest is not None else 0
            base = s["proportional_to"]
            result = values[anchor] * self.value(base, year) / self.value(base, years[anchor])
        else:
            if latest is None or s["growth"] is None:
                fail(f"series '{name}' has no value for {year}")
            factor = 1.0
            for _ in range(year - years[latest]):
                factor *= 1 + s["growth"]
            result = values[latest] * factor
        self.cache[key] = result
        return result

    def matrix(self, name, span):
        """The series over `span` as an array years × draws (years × 1 when it does not vary)."""
        rows = [self.value(name, year) for year in span]
        draws = max((c.shape[0] for c in rows if isinstance(c, np.ndarray)), default=1)
        out = np.empty((len(span), draws))
        for j, c in enumerate(rows):
            out[j] = c
        return out


def drawn_paths(scenario, shocks, align):
    """The uncertain series' values (explicit years, then every drawn year to the last): shocks is
    series × steps × draws, already correlated."""
    steps = shocks.shape[1]
    drawn = {}
    for s, (name, sd) in enumerate(scenario.uncertain):
        d = scenario.series[name]
        if d["growth"] is None:
            fail(f"series '{name}' has no growth rate for the draws to vary")
        anchor_year = d["years"][-1]
        years = list(range(anchor_year + 1, scenario.last + 1))
        if not years:
            drawn[name] = (d["years"], list(d["values"]))
            continue
        n = len(years)
        e = shocks[s, steps - n:] if align == "year" else shocks[s, :n]
        factors = np.maximum(0.01, 1 + d["growth"] + sd * e)
        path = d["values"][-1] * np.cumprod(factors, axis=0)
        drawn[name] = (d["years"] + years, list(d["values"]) + list(path))
    return drawn


def steps_of(scenario):
    counts = [max(0, scenario.last - scenario.series[name]["years"][-1]) for name, _ in scenario.uncertain]
    return max([1] + counts)


# ---------------------------------------------------------------- figures (YearFigures, BudgetRules)

def figures(scenario, r):
    """Every figure the scenario defines, each an array years × draws (years × 1 when it does not
    vary): each year's draws are contiguous, for the arithmetic and for np.percentile."""
    span = scenario.span
    f = {}
    have = r.defines
    if have("standard"):
        f["standard_yuan_per_year"] = r.matrix("standard", span)
        f["standard_yuan_per_month"] = f["standard_yuan_per_year"] / 12
    if have("poverty_line"):
        f["poverty_line_yuan_per_year"] = r.matrix("poverty_line", span)
    if have("standard") and have("poverty_line"):
        f["margin_above_poverty_line"] = f["standard_yuan_per_year"] / f["poverty_line_yuan_per_year"] - 1
    if have("benefit"):
        f["benefit_yuan_per_month"] = r.matrix("benefit", span) / 12
    if have("rural_income"):
        f["rural_income_yuan_per_year"] = r.matrix("rural_income", span)
    if have("caseload"):
        f["caseload_persons"] = r.matrix("caseload", span)
    if have("households"):
        f["caseload_households"] = r.matrix("households", span)
    budget = scenario.budget
    if budget is None or not (have("caseload") and have("benefit")):
        return f
    n, b = np.broadcast_arrays(f["caseload_persons"], f["benefit_yuan_per_month"])
    months = budget["months"]
    spending = np.empty(n.shape)
    for j, year in enumerate(span):
        month = int(budget["effective_month"](year)) if budget["effective_month"] is not None else 1
        before = min(float(month - 1), months) if j > 0 else 0.0
        spending[j] = b[j] * n[j] * (months - before)
        if before > 0:
            spending[j] = spending[j] + b[j - 1] * n[j - 1] * before
    f["benefit_spending_yuan"] = spending
    staff = budget["staff"]
    admin = None
    if staff is not None:
        workers = np.ceil(n / staff["per_worker"] * (1 - REL_TOL))
        admin = workers * staff["cost"]
        f["workers"] = workers
        f["admin_yuan"] = admin
    total = spending if admin is None else spending + admin
    f["total_budget_yuan"] = total
    paid = {level: np.empty(total.shape) for level in LEVELS}
    surplus = np.empty(total.shape)
    present = set()
    for j, year in enumerate(span):
        if staff is not None and staff["funding"] is not None:
            p1, s1 = budget["funding"].split(spending[j], year)
            p2, s2 = staff["funding"].split(admin[j], year)
            p = {level: p1.get(level, 0.0) + p2.get(level, 0.0) for level in set(p1) | set(p2)}
            s = s1 + s2
        else:
            p, s = budget["funding"].split(total[j], year)
        for level, value in p.items():
            paid[level][j] = value
            present.add(level)
        surplus[j] = s
    for level in LEVELS:
        if level in present:
            f[level + "_yuan"] = paid[level]
    if budget["funding"].has_transfers or (staff is not None and staff["funding"] is not None and staff["funding"].has_transfers):
        f["surplus_yuan"] = surplus
    return {name: f[name] for name in FIGURES if name in f}


# ---------------------------------------------------------------- targets (Targets/Kinds)

def at_least(actual, required):
    return actual >= required - REL_TOL * np.maximum(np.abs(actual), abs(required))


def at_most(actual, limit):
    return actual <= limit + REL_TOL * np.maximum(np.abs(actual), abs(limit))


def greater(actual, other):
    return actual > other + REL_TOL * np.maximum(np.abs(actual), np.abs(other))


def target_passes(target, r, f, span):
    """Whether each draw meets `target` (an array, or a bool when nothing it reads varies)."""
    kind = target["kind"]
    v = r.value
    year = target.get("year")
    if kind == "margin_above_poverty_line":
        return at_least(v("standard", year) / v("poverty_line", year) - 1, number(target["at_least"]))
    if kind == "standard_at_least":
        floor = number(target["yuan_per_year"]) if "yuan_per_year" in target else number(target["yuan_per_month"]) * 12
        return at_least(v("standard", year), floor)
    if kind == "benefit_at_least":
        floor = number(target["yuan_per_month"]) if "yuan_per_month" in target else number(target["yuan_per_year"]) / 12
        return at_least(v("benefit", year) / 12, floor)
    if kind == "benefit_share_of_standard_at_least":
        return at_least(v("benefit", year) / v("standard", year), number(target["at_least"]))
    if kind == "average_growth":
        series = target.get("series", "standard")
        start, end = int(target["from"]), int(target["to"])
        compound = np.power(v(series, end) / v(series, start), 1 / (end - start)) - 1
        rate = number(target["rate"])
        tolerance = number(target.get("tolerance", 0.0005))
        return np.abs(compound - rate) <= tolerance + REL_TOL * np.maximum(np.abs(compound), abs(rate))
    if kind == "standard_growth_above_rural_income":
        passed = True
        for t in range(int(target["from"]), int(target["to"]) + 1):
            standard = v("standard", t) / v("standard", t - 1) - 1
            income = v("rural_income", t) / v("rural_income", t - 1) - 1
            passed = passed & greater(standard, income)
        return passed
    if kind in ("county_budget_at_most", "total_budget_at_most"):
        figure = "county_yuan" if kind == "county_budget_at_most" else "total_budget_yuan"
        limit = amount(target, "yuan")
        if figure not in f and kind == "county_budget_at_most":
            return at_most(0.0, limit)
        return at_most(f[figure][span.index(year)], limit)
    fail(f"target kind '{kind}' is not in the reference")


def identity(target):
    out = {"kind": target["kind"]}
    if "year" in target:
        out["year"] = int(target["year"])
    else:
        out["from"], out["to"] = int(target["from"]), int(target["to"])
    return out


# ---------------------------------------------------------------- Monte Carlo

def correlated_shocks(scenario, draws, rng):
    """series × steps × draws standard normals, correlated across series by the lower Cholesky
    factor L (e = L z: one matrix product)."""
    k = len(scenario.uncertain)
    steps = steps_of(scenario)
    z = rng.standard_normal((k, steps * draws))
    factor = np.linalg.cholesky(scenario.correlation)
    return (factor @ z).reshape(k, steps, draws)


def project(scenario, shocks, align):
    r = Resolver(scenario, drawn_paths(scenario, shocks, align))
    f = figures(scenario, r)
    passes = [target_passes(t, r, f, scenario.span) for t in scenario.targets]
    return f, passes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--draws", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--percentiles", default="5,50,95")
    ap.add_argument("--align", choices=["year", "step"], default="year")
    args = ap.parse_args()
    levels = sorted({float(p) for p in args.percentiles.split(",")})
    if args.draws < 1 or any(not 0 < p < 100 for p in levels):
        fail("at least one draw, and percentiles between 0 and 100")

    t_start = time.perf_counter()
    scenario = Scenario(args.scenario)
    k = len(scenario.uncertain)
    base_figures, base_passes = project(scenario, np.zeros((k, steps_of(scenario), 1)), args.align)
    t_loaded = time.perf_counter()

    rng = np.random.default_rng(args.seed)
    shocks = correlated_shocks(scenario, args.draws, rng)
    t_drawn = time.perf_counter()
    figs, passes = project(scenario, shocks, args.align)
    t_projected = time.perf_counter()

    summaries = {}
    for name, values in figs.items():
        if values.shape[1] == 1:  # the same in every draw
            summaries[name] = (values[:, 0], np.repeat(values.T, len(levels), axis=0))
        else:
            # The mean as dibao defines it (docs/model.md §8): x₀ + Σ(xᵢ − x₀)/n, exact for a
            # year where the figure does not vary.
            first = values[:, :1]
            summaries[name] = (first[:, 0] + (values - first).mean(axis=1), np.percentile(values, levels, axis=1))
    probabilities = [float(np.count_nonzero(np.broadcast_to(p, (args.draws,)))) / args.draws for p in passes]
    t_summarised = time.perf_counter()

    years = []
    for j, year in enumerate(scenario.span):
        entry = {"year": year}
        for name, (mean, pct) in summaries.items():
            if not np.isfinite(base_figures[name][j, 0]):
                continue
            item = {"mean": float(mean[j])}
            for q, level in enumerate(levels):
                item["p%g" % level] = float(pct[q, j])
            entry[name] = item
        years.append(entry)
    targets = []
    for target, p, base in zip(scenario.targets, probabilities, base_passes):
        met = bool(np.all(base))
        if target.get("probability_at_least") is not None:
            met = p >= number(target["probability_at_least"]) - REL_TOL
        targets.append({**identity(target), "probability_met": p, "met_without_uncertainty": met})
    document = {
        "scenario": scenario.name,
        "uncertainty": {
            "draws": args.draws, "seed": str(args.seed), "percentiles": levels, "years": years, "targets": targets,
        },
    }
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    t_end = time.perf_counter()
    timing = {
        "draws": args.draws, "import_s": t_start - T0, "load_s": t_loaded - t_start, "draw_s": t_drawn - t_loaded,
        "project_s": t_projected - t_drawn, "summarise_s": t_summarised - t_projected, "write_s": t_end - t_summarised,
        "compute_s": t_summarised - t_loaded, "total_s": t_end - T0,
    }
    sys.stderr.write(json.dumps(timing) + "\n")


if __name__ == "__main__":
    main()
