#!/usr/bin/env python3
"""Monte Carlo (issue 12): the whole `dibao run --draws` process against the numpy reference,
side by side in one session.

Usage: montecarlo_bench.py [--dibao PATH] [--draws 100000,1000000] [--runs 5] [--seed 2017]
                           [--scenario Benchmarks/montecarlo-bench.yaml] [--percentiles 5,50,95]
                           [--no-target]

For each number of draws N it runs, interleaved (the order alternating run by run), `--runs` times
each, the whole processes

    dibao run SCENARIO --draws N --seed S --format json [--percentiles …]
    python3 Benchmarks/montecarlo_numpy.py SCENARIO --draws N --seed S [--percentiles …]

(numpy with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment), and reports the
median wall times, the ratio numpy / dibao against the target of at least 10×, and dibao's use of
the cores ((user + sys CPU) / wall). It then checks that both agree within Monte Carlo error, for
every figure and year and every target:
- a figure that does not vary in numpy's draws: dibao's mean and percentiles equal numpy's exactly;
- means: |dibao − numpy| ≤ 5 sd √(1/n_dibao + 1/n_numpy), sd from numpy's own draws;
- percentile p: |dibao − numpy| ≤ 5 √(p(1 − p)(1/n_dibao + 1/n_numpy)) / f(q), the density f at the
  quantile estimated from numpy's draws as 2h / (Q(p + h) − Q(p − h)), h = min(0.01, p/2, (1 − p)/2)
  (for a figure on a few values, such as workers, where that has no density: dibao's percentile
  within numpy's quantiles at p ∓ 5 √(p(1 − p)(1/n_dibao + 1/n_numpy)));
- target probabilities: |dibao − numpy| ≤ 5 √(2 p(1 − p)/n), p the pooled probability.
numpy's draws for sd and density are the reference's own (same seed and N, recomputed in this
process by importing montecarlo_numpy, outside the timings). dibao's outputs must also be the same
in every run (same seed). Exit 1 on any disagreement or missed target (`--no-target`: agreement
only).
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import montecarlo_numpy as ref  # noqa: E402

TARGET_RATIO = 10.0
Z = 5.0


def default_dibao():
    for path in (os.path.join(ROOT, ".build", "release", "dibao"), os.path.join(ROOT, ".build-mcref", "release", "dibao")):
        if os.path.exists(path):
            return path
    return os.path.join(ROOT, ".build", "release", "dibao")


def timed(command, env=None):
    """Runs `command` to the end: (stdout, stderr, wall s, user + sys CPU s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return done.stdout, done.stderr, wall, cpu


def numpy_draws(scenario_path, draws, seed):
    """The reference's own draws (same seed and N as its run): every figure, years × draws."""
    scenario = ref.Scenario(scenario_path)
    rng = ref.np.random.default_rng(seed)
    figures, _ = ref.project(scenario, ref.correlated_shocks(scenario, draws, rng), "year")
    return scenario, figures


def agreement(dibao_doc, numpy_doc, scenario, samples, n_d, n_n):
    """Every comparison: (what, dibao, numpy, tolerance, ok, kind)."""
    rows = []
    du, nu = dibao_doc["uncertainty"], numpy_doc["uncertainty"]
    if du["draws"] != n_d or nu["draws"] != n_n:
        rows.append(("draws", du["draws"], nu["draws"], 0, False, "meta"))
    d_levels = [round(p, 9) for p in du["percentiles"]]
    n_levels = [round(p, 9) for p in nu["percentiles"]]
    if d_levels != n_levels:
        rows.append(("percentile levels", d_levels, n_levels, 0, False, "meta"))
    levels = [p / 100 for p in n_levels]
    d_years = {y["year"]: y for y in du["years"]}
    for j, n_year in enumerate(nu["years"]):
        year = n_year["year"]
        d_year = d_years.get(year, {})
        names = [k for k in n_year if k != "year"]
        for extra in sorted(set(d_year) - set(names) - {"year"}):
            rows.append((f"{year} {extra}", "present", "absent", 0, False, "meta"))
        for name in names:
            n_fig = n_year[name]
            d_fig = d_year.get(name)
            if d_fig is None:
                rows.append((f"{year} {name}", "absent", "present", 0, False, "meta"))
                continue
            column = samples[name]
            constant = column.shape[1] == 1
            x = None if constant else column[j]
            if constant or x.min() == x.max():
                for key in ["mean"] + ["p%g" % (100 * p) for p in levels]:
                    rows.append((f"{year} {name} {key}", d_fig[key], n_fig[key], 0.0, d_fig[key] == n_fig[key], "exact"))
                continue
            sd = float(x.std(ddof=1))
            tol = Z * sd * np.sqrt(1 / n_d + 1 / n_n)
            rows.append((f"{year} {name} mean", d_fig["mean"], n_fig["mean"], tol,
                         abs(d_fig["mean"] - n_fig["mean"]) <= tol, "mean"))
            for p in levels:
                key = "p%g" % (100 * p)
                h = min(0.01, p / 2, (1 - p) / 2)
                lo, hi = np.percentile(x, [100 * (p - h), 100 * (p + h)])
                if hi > lo:
                    density = 2 * h / (hi - lo)
                    tol = Z * np.sqrt(p * (1 - p) * (1 / n_d + 1 / n_n)) / density
                else:
                    tol = 0.0
                passed = abs(d_fig[key] - n_fig[key]) <= tol
                kind = "percentile"
                if not passed:
                    kind = "percentile (quantile band)"
                    # The same 5 standard errors without a density (figures on a few values,
                    # such as workers): dibao's percentile within numpy's quantiles at p ∓ 5 se(p).
                    delta = Z * np.sqrt(p * (1 - p) * (1 / n_d + 1 / n_n))
                    band = np.percentile(x, [100 * max(0.0, p - delta), 100 * min(1.0, p + delta)])
                    passed = band[0] <= d_fig[key] <= band[1]
                rows.append((f"{year} {name} {key}", d_fig[key], n_fig[key], tol, passed, kind))
    if len(du["targets"]) != len(nu["targets"]):
        rows.append(("targets", len(du["targets"]), len(nu["targets"]), 0, False, "meta"))
    for i, (dt, nt) in enumerate(zip(du["targets"], nu["targets"])):
        label = f"target [{i}] {nt['kind']} " + (str(nt["year"]) if "year" in nt else f"{nt['from']}-{nt['to']}")
        same = all(dt.get(k) == nt.get(k) for k in ("kind", "year", "from", "to"))
        if not same:
            rows.append((label + " identity", dt, nt, 0, False, "meta"))
        if dt.get("met_without_uncertainty") != nt.get("met_without_uncertainty"):
            rows.append((label + " met_without_uncertainty", dt.get("met_without_uncertainty"),
                         nt.get("met_without_uncertainty"), 0, False, "meta"))
        pd, pn = dt["probability_met"], nt["probability_met"]
        pooled = (pd * n_d + pn * n_n) / (n_d + n_n)
        tol = Z * np.sqrt(pooled * (1 - pooled) * (1 / n_d + 1 / n_n))  # = 5 √(2p(1−p)/n) when n_d = n_n
        rows.append((label + " probability", pd, pn, tol, abs(pd - pn) <= tol, "probability"))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dibao", default=default_dibao())
    ap.add_argument("--draws", default="100000,1000000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=2017)
    ap.add_argument("--scenario", default=os.path.join(HERE, "montecarlo-bench.yaml"))
    ap.add_argument("--percentiles", default=None, help="passed to both, e.g. 5,50,95")
    ap.add_argument("--no-target", action="store_true", help="check agreement only, not the ≥ 10× target")
    ap.add_argument("--verbose", action="store_true", help="print every comparison, not only failures and a summary")
    args = ap.parse_args()
    if not os.path.exists(args.dibao):
        sys.exit(f"no dibao at {args.dibao}: build it (make release, or swift build -c release --static-swift-stdlib --product dibao) or give --dibao PATH")
    counts = [int(n.replace("_", "")) for n in args.draws.split(",")]
    extra = ["--percentiles", args.percentiles] if args.percentiles else []
    numpy_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    scenario_arg = os.path.relpath(args.scenario, ROOT)
    ok = True
    summary = []
    print(f"dibao: {args.dibao}\nscenario: {scenario_arg}, seed {args.seed}, {args.runs} runs each, interleaved; "
          f"{os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.2f}")
    for n in counts:
        dibao_cmd = [args.dibao, "run", scenario_arg, "--draws", str(n), "--seed", str(args.seed), "--format", "json"] + extra
        numpy_cmd = [sys.executable, os.path.join("Benchmarks", "montecarlo_numpy.py"), scenario_arg,
                     "--draws", str(n), "--seed", str(args.seed)] + extra
        walls = {"dibao": [], "numpy": []}
        cpu_s = {"dibao": [], "numpy": []}
        cpus = []
        outputs = {"dibao": [], "numpy": []}
        numpy_timings = []
        print(f"\n{n:,} draws:", flush=True)
        for run in range(args.runs):
            order = ("dibao", "numpy") if run % 2 == 0 else ("numpy", "dibao")
            for tool in order:
                if tool == "dibao":
                    out, _, wall, cpu = timed(dibao_cmd)
                    cpus.append(cpu / wall)
                else:
                    out, err, wall, cpu = timed(numpy_cmd, env=numpy_env)
                    numpy_timings.append(json.loads(err.strip().splitlines()[-1]))
                walls[tool].append(wall)
                cpu_s[tool].append(cpu)
                outputs[tool].append(out)
            print(f"  run {run + 1}: dibao {walls['dibao'][-1]:.3f} s (cores {cpus[-1]:.2f}), "
                  f"numpy {walls['numpy'][-1]:.3f} s, load {os.getloadavg()[0]:.2f}", flush=True)
        d_med, n_med = statistics.median(walls["dibao"]), statistics.median(walls["numpy"])
        ratio = n_med / d_med
        cores = statistics.median(cpus)
        compute = statistics.median(t["compute_s"] for t in numpy_timings)
        d_cpu, n_cpu = statistics.median(cpu_s["dibao"]), statistics.median(cpu_s["numpy"])
        print(f"  median wall: dibao {d_med:.3f} s, numpy {n_med:.3f} s (of which numpy's draws and summaries "
              f"{compute:.3f} s); ratio numpy/dibao {ratio:.2f}x (target ≥ {TARGET_RATIO:g}x"
              f"{'' if ratio >= TARGET_RATIO else ': MISSED'}); dibao's cores (user+sys)/wall {cores:.2f} of {os.cpu_count()}")
        print(f"  median user+sys CPU: dibao {d_cpu:.3f} s, numpy {n_cpu:.3f} s (numpy's cores "
              f"{statistics.median(c / w for c, w in zip(cpu_s['numpy'], walls['numpy'])):.2f}); "
              f"CPU ratio numpy/dibao {n_cpu / d_cpu:.2f}x (for information: less sensitive to other load)")
        if not args.no_target and ratio < TARGET_RATIO:
            ok = False

        # Agreement.
        dibao_doc = json.loads(outputs["dibao"][0])
        numpy_doc = json.loads(outputs["numpy"][0])
        stable = all(json.loads(o)["uncertainty"] == dibao_doc["uncertainty"] for o in outputs["dibao"])
        if not stable:
            print("  DISAGREE: dibao's results differ between runs with the same seed")
            ok = False
        scenario, samples = numpy_draws(args.scenario, n, args.seed)
        rows = agreement(dibao_doc, numpy_doc, scenario, samples, n, n)
        bad = [r for r in rows if not r[4]]
        kinds = {}
        for r in rows:
            kinds.setdefault(r[5], [0, 0])[0 if r[4] else 1] += 1
        worst = max((abs(r[1] - r[2]) / r[3] for r in rows if r[5] in ("mean", "percentile", "probability") and r[3] > 0),
                    default=0.0)
        print(f"  agreement: {len(rows) - len(bad)}/{len(rows)} comparisons within Monte Carlo error "
              + ", ".join(f"{k} {v[0]}/{v[0] + v[1]}" for k, v in kinds.items())
              + f"; largest |dibao − numpy| = {worst * Z:.2f} standard errors (allowed {Z:g})")
        width = max(len(r[0]) for r in rows)
        for r in rows if args.verbose else bad:
            dv, nv, tol = r[1], r[2], r[3]
            fmt = (lambda v: f"{v:.10g}" if isinstance(v, float) else str(v))
            print(f"  {'ok  ' if r[4] else 'DIFF'} {r[0]:<{width}} dibao {fmt(dv):>16} numpy {fmt(nv):>16} "
                  f"tolerance {fmt(tol):>12}")
        print("  targets: " + "; ".join(
            f"[{i}] {t['kind']} dibao {t['probability_met']:.4f} numpy {u['probability_met']:.4f}"
            for i, (t, u) in enumerate(zip(dibao_doc["uncertainty"]["targets"], numpy_doc["uncertainty"]["targets"]))))
        ok &= not bad
        summary.append((n, d_med, n_med, ratio, cores, len(rows) - len(bad), len(rows), n_cpu / d_cpu))

    print(f"\n{'draws':>10} {'dibao s':>9} {'numpy s':>9} {'numpy/dibao':>12} {'target':>7} {'dibao cores':>12} "
          f"{'CPU ratio':>10} {'agree':>10}")
    for n, d_med, n_med, ratio, cores, good, total, cpu_ratio in summary:
        mark = "" if ratio >= TARGET_RATIO else "  MISSED"
        print(f"{n:>10,} {d_med:>9.3f} {n_med:>9.3f} {ratio:>11.2f}x {'≥ 10x':>7} {cores:>12.2f} {cpu_ratio:>9.2f}x "
              f"{good:>4}/{total:<5}{mark}")
    print(f"load average at end {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (wall times are only comparable on an idle machine)")
    print("AGREE" if all(s[5] == s[6] for s in summary) else "DISAGREE")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
