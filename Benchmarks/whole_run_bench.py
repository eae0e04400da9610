#!/usr/bin/env python3
"""Whole processes, side by side: `dibao run` against numpy's whole script on one population.

Usage: whole_run_bench.py [--shared ../shared] [--households 1000000] [--runs 7] [--dibao PATH]

Generates the population with the shared generator (seed 42) once into .build/bench/ (as
microsim_bench.py does), writes a copy of Benchmarks/microsim-v1.yaml there that names it, and
times, interleaved, the whole process `dibao run SCENARIO --format json` (start, YAML, CSV load,
projection, output) against the whole process `python3 ../shared/bench/ref_numpy.py POP.csv`
(interpreter start, numpy import, loadtxt, compute), numpy without OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE in its environment. Prints the medians and their ratio against the target
(dibao ≥ 10x faster); exit 1 when it is missed or a process fails.
The dibao binary is .build/release/dibao (make release) unless --dibao names another.
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
SCENARIO = os.path.join(HERE, "microsim-v1.yaml")
TARGET = 10.0


def population(shared, households):
    path = os.path.join(BENCH_DIR, f"pop-{households}.csv")
    if not os.path.exists(path):
        print(f"generating {households:,} households (gen_population.py, seed 42) ...", flush=True)
        subprocess.run([sys.executable, os.path.join(shared, "bench", "gen_population.py"), str(households), "42", path],
                       check=True)
    return path


def scenario_for(path):
    """A copy of microsim-v1.yaml beside the population, naming it."""
    lines = []
    for line in open(SCENARIO, encoding="utf-8"):
        if line.strip().startswith("population:"):
            line = f"  population: {os.path.basename(path)}\n"
        lines.append(line)
    out = os.path.join(os.path.dirname(path), f"microsim-v1-{os.path.basename(path)}.yaml")
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(lines)
    return out


def timed(command, env=None):
    """Wall seconds of the whole process, and its CPU seconds (user + system, all threads)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--households", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=7, help="runs of each, interleaved (at least 5)")
    ap.add_argument("--dibao", default=os.path.join(ROOT, ".build", "release", "dibao"))
    args = ap.parse_args()
    runs = max(5, args.runs)
    os.makedirs(BENCH_DIR, exist_ok=True)
    path = population(args.shared, args.households)
    scenario = scenario_for(path)
    dibao = [args.dibao, "run", scenario, "--format", "json"]
    numpy = [sys.executable, os.path.join(args.shared, "bench", "ref_numpy.py"), path]
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}

    # One untimed run of each warms the page cache and the dynamic loader.
    timed(dibao)
    timed(numpy, env)
    ours_runs, theirs_runs = [], []
    for _ in range(runs):
        ours_runs.append(timed(dibao))
        theirs_runs.append(timed(numpy, env))
    ours, theirs = [wall for wall, _ in ours_runs], [wall for wall, _ in theirs_runs]
    ours_median, theirs_median = statistics.median(ours), statistics.median(theirs)
    ours_cpu, theirs_cpu = statistics.median(c for _, c in ours_runs), statistics.median(c for _, c in theirs_runs)
    ratio = theirs_median / ours_median
    passed = ratio >= TARGET

    size = os.path.getsize(path)
    print(f"whole process, {args.households:,} households ({size / 1e6:.1f} MB file), medians of {runs} interleaved runs")
    print(f"{'':34} {'numpy':>12} {'dibao':>12} {'ratio':>8} {'target':>8}")
    print(f"{'whole run (s)':34} {theirs_median:>12.4f} {ours_median:>12.4f} {ratio:>7.1f}x {'≥ 10x':>8}"
          f"{'' if passed else '  MISSED'}")
    print(f"{'fastest run (s)':34} {min(theirs):>12.4f} {min(ours):>12.4f}")
    print(f"{'slowest run (s)':34} {max(theirs):>12.4f} {max(ours):>12.4f}")
    # On a busy machine wall time includes waiting for a core; CPU time does not (numpy's
    # OpenBLAS threads spin, so its CPU time can exceed its wall time).
    print(f"{'CPU time, user + system (s)':34} {theirs_cpu:>12.4f} {ours_cpu:>12.4f} {theirs_cpu / ours_cpu:>7.1f}x")
    print(f"  dibao: {' '.join(dibao)}")
    print(f"  numpy: {' '.join(numpy)}")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
