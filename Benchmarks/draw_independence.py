#!/usr/bin/env python3
"""Are Monte Carlo draws independent? The spread of a target's probability across seeds.

Usage: draw_independence.py [--dibao .build/release/dibao] [--scenario scenarios/uncertain-poverty-line.yaml]
                            [--seeds 30] [--draws 20000] [--first-seed 1] [--alpha 0.001]

Runs `dibao run SCENARIO --draws N --seed S --format json` for seeds S = first, first + 1, ...,
reads each target's `uncertainty.targets[i].probability_met`, and for every target whose pooled
probability p̄ lies in (0.05, 0.95) prints

    chi2  = Σ_s (p̂_s − p̄)² / (p̄ (1 − p̄) / N)    with S − 1 degrees of freedom,
    ratio = chi2 / (S − 1), the observed variance of p̂ over the binomial variance p̄ (1 − p̄) / N,

and the (1 − alpha) quantile of χ²(S − 1) by Wilson-Hilferty: k (1 − 2/(9k) + z √(2/(9k)))³.
With independent draws p̂_s is binomial / N, so chi2 follows χ²(S − 1) and the ratio is about 1;
draws that share numbers inflate it. Exit 1 when some target's chi2 exceeds the quantile.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def probabilities(dibao, scenario, draws, seed):
    command = [dibao, "run", scenario, "--draws", str(draws), "--seed", str(seed), "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    targets = json.loads(done.stdout)["uncertainty"]["targets"]
    names = [f"{t['kind']} {t['year']}" if "year" in t else f"{t['kind']} {t['from']}-{t['to']}" for t in targets]
    return names, [t["probability_met"] for t in targets]


def chi_square_quantile(k, alpha):
    z = statistics.NormalDist().inv_cdf(1 - alpha)
    v = 2 / (9 * k)
    return k * (1 - v + z * math.sqrt(v)) ** 3


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dibao", default=os.path.join(ROOT, ".build", "release", "dibao"))
    ap.add_argument("--scenario", default=os.path.join(ROOT, "scenarios", "uncertain-poverty-line.yaml"))
    ap.add_argument("--seeds", type=int, default=30)
    ap.add_argument("--draws", type=int, default=20_000)
    ap.add_argument("--first-seed", type=int, default=1)
    ap.add_argument("--alpha", type=float, default=0.001)
    args = ap.parse_args()
    if args.seeds < 2:
        sys.exit("--seeds must be at least 2")

    runs = [probabilities(args.dibao, args.scenario, args.draws, seed)
            for seed in range(args.first_seed, args.first_seed + args.seeds)]
    names = runs[0][0]
    degrees = args.seeds - 1
    critical = chi_square_quantile(degrees, args.alpha)
    print(f"{args.dibao}: {os.path.basename(args.scenario)}, {args.seeds} seeds from {args.first_seed} × {args.draws:,} draws")
    print(f"χ²({degrees}) quantile at {1 - args.alpha:g} (Wilson-Hilferty): {critical:.2f}")
    print(f"{'target':<42} {'p̄':>8} {'chi2':>9} {'df':>4} {'var/binomial':>13}")
    exceeded = False
    for t, name in enumerate(names):
        p = [run[1][t] for run in runs]
        pooled = sum(p) / len(p)
        if not 0.05 < pooled < 0.95:
            continue
        binomial = pooled * (1 - pooled) / args.draws
        chi2 = sum((x - pooled) ** 2 for x in p) / binomial
        exceeded = exceeded or chi2 > critical
        flag = "  exceeds" if chi2 > critical else ""
        print(f"{name:<42} {pooled:8.4f} {chi2:9.2f} {degrees:4d} {chi2 / degrees:13.3f}{flag}")
    sys.exit(1 if exceeded else 0)


if __name__ == "__main__":
    main()
