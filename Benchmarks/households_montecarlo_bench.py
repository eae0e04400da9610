#!/usr/bin/env python3
"""Monte Carlo over households: 1,000,000 households × 1,000 draws, whole `dibao run`, target ≤ 10 s.

Usage: households_montecarlo_bench.py [--shared ../shared] [--dibao PATH] [--households 1000000]
                                      [--draws 1000] [--runs 3]

The population comes from the shared generator (seed 42, cached in .build/bench/); the scenario is
microsim v1's rules on that population with incomes growing with rural income, whose growth is
uncertain (σ 1.5 points, which moves every household's income), driving the caseload and the
benefit level: every draw reruns every household. Prints the median wall time, the CPU time and
the households × years × draws per second; exit 1 when the target is missed.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BENCH_DIR = os.path.join(ROOT, ".build", "bench")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--dibao", default=os.path.join(ROOT, ".build", "release", "dibao"))
    ap.add_argument("--households", type=int, default=1_000_000)
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--target-seconds", type=float, default=10.0)
    args = ap.parse_args()
    os.makedirs(BENCH_DIR, exist_ok=True)
    population = os.path.join(BENCH_DIR, f"pop-{args.households}.csv")
    if not os.path.exists(population):
        print(f"generating {args.households:,} households (gen_population.py, seed 42) ...", flush=True)
        subprocess.run([sys.executable, os.path.join(args.shared, "bench", "gen_population.py"),
                        str(args.households), "42", population], check=True)
    scenario = os.path.join(BENCH_DIR, f"households-montecarlo-{args.households}.yaml")
    with open(scenario, "w") as handle:
        handle.write(f"""# Written by Benchmarks/households_montecarlo_bench.py: microsim v1's rules
# (../shared/bench/README.md) on {args.households:,} households, incomes growing with an uncertain
# rural income, driving the caseload and the benefit level of the 2017 plan.
name: households-montecarlo
title: households Monte Carlo benchmark
years: {{from: 2016, to: 2020}}
series:
  standard:
    unit: yuan/person/year
    values: {{2016: 3240, 2017: 3660, 2018: 4260, 2019: 4860, 2020: 5640}}
    reference: 饶县民字[2017]33号 一
  poverty_line: {{unit: yuan/person/year, values: {{2014: 2800}}, growth: 0.06, reference: as scenarios/shangrao-2017-plan.yaml}}
  rural_income: {{unit: yuan/person/year, values: {{2016: 12138}}, growth: 0.09, reference: as scenarios/shangrao-2017-plan.yaml}}
microsimulation:
  population: {os.path.basename(population)}
  income_unit: yuan/person/year
  income_base_year: 2016
  income_growth: rural_income
  payment: {{rule: gap, floor_share_of_standard: 0.10}}
  drives: [caseload, benefit]
  reference: ../shared/bench/README.md (microsim v1)
budget:
  months: 12
  funding_shares: {{central: 0.60, provincial: 0.25, county: 0.15}}
  assumption: illustrative
uncertainty:
  growth_sd: {{rural_income: 0.015}}
  assumption: benchmark spread
targets:
  - {{kind: margin_above_poverty_line, year: 2020, at_least: 0.40}}
  - {{kind: county_budget_at_most, year: 2020, yuan: 1.0e+9}}
""")
    command = [args.dibao, "run", scenario, "--draws", str(args.draws), "--seed", "1", "--format", "json"]
    walls, cpus = [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
        walls.append(wall)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    wall = statistics.median(walls)
    cpu = statistics.median(cpus)
    rate = args.households * 5 * args.draws / wall
    ok = wall <= args.target_seconds
    print(f"Monte Carlo over households: {args.households:,} households × {args.draws:,} draws × 5 years")
    print(f"  whole dibao run, median of {args.runs}: {wall:.2f} s wall, {cpu:.2f} s CPU ({cpu / wall:.2f} cores)"
          f"  target ≤ {args.target_seconds:.0f} s {'' if ok else '  MISSED'}")
    print(f"  {rate:.3g} household-years per second")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
