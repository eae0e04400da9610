#!/usr/bin/env python3
"""A sharded Monte Carlo run of dibao on a Dask cluster, merged into exactly the single run.

Each task runs `dibao run SCENARIO --draws N --seed S --shard K/M --out part-K.json` on a worker
and returns the part file's bytes; the client writes the parts beside each other and runs
`dibao merge`, whose output is byte for byte what `dibao run SCENARIO --draws N --seed S` prints.
The draws of shard K are positions floor((K-1)N/M) .. floor(KN/M)-1 of the whole run, each from
its own counter-based random stream, so the merge does not depend on how many workers ran them.

Usage:
  deploy/dask_shards.py SCENARIO --draws N [--seed S] [--shards M] [--workers W]
                        [--scheduler tcp://HOST:8786] [--dibao PATH] [--out FILE] [--format json|table|csv]
                        [--set KEY=VALUE ...] [--percentiles 5,50,95]

Without --scheduler a local cluster of W worker processes (one thread each) is started on this
machine (loopback only) and stopped at the end. With --scheduler the shards go to that cluster;
every worker needs the dibao executable at --dibao and the scenario (and the files it reads) at
the same path, as a container image or a shared folder gives them. Timings go to stderr as JSON.
"""
import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_shard(dibao, scenario, draws, seed, shard, shards, extra):
    """Runs one shard on a worker; returns (K, the part file's bytes, seconds)."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dibao-shard-") as folder:
        part = os.path.join(folder, f"part-{shard}.json")
        command = [dibao, "run", scenario, "--draws", str(draws), "--seed", str(seed),
                   "--shard", f"{shard}/{shards}", "--out", part, "--threads", "1"] + extra
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"shard {shard}/{shards} failed (exit {done.returncode}): {done.stderr.strip()}")
        with open(part, "rb") as handle:
            return shard, handle.read(), time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("--draws", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shards", type=int, default=0, help="default: 2 per worker")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--dibao", default=os.path.join(ROOT, ".build", "release", "dibao"))
    ap.add_argument("--out", help="write the merged output here instead of stdout")
    ap.add_argument("--format", default="json", choices=["json", "table", "csv"])
    ap.add_argument("--set", action="append", default=[], help="KEY=VALUE, as dibao run --set")
    ap.add_argument("--percentiles")
    args = ap.parse_args()

    from dask.distributed import Client, LocalCluster

    scenario = os.path.abspath(args.scenario)
    dibao = os.path.abspath(args.dibao)
    shards = args.shards or 2 * args.workers
    extra = [x for value in args.set for x in ("--set", value)]
    if args.percentiles:
        extra += ["--percentiles", args.percentiles]

    started = time.perf_counter()
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        workers = len(client.scheduler_info()["workers"])
        ready = time.perf_counter()
        futures = [client.submit(run_shard, dibao, scenario, args.draws, args.seed, k, shards, extra,
                                 key=f"dibao-shard-{k}-of-{shards}", pure=False)
                   for k in range(1, shards + 1)]
        results = client.gather(futures)
        drawn = time.perf_counter()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    with tempfile.TemporaryDirectory(prefix="dibao-merge-") as folder:
        paths = []
        for shard, data, _ in sorted(results):
            path = os.path.join(folder, f"part-{shard}.json")
            with open(path, "wb") as handle:
                handle.write(data)
            paths.append(path)
        merged = subprocess.run([dibao, "merge", *paths, "--format", args.format], capture_output=True)
    finished = time.perf_counter()
    if merged.returncode not in (0, 1):
        sys.stderr.write(merged.stderr.decode())
        sys.exit(merged.returncode)
    if args.out:
        with open(args.out, "wb") as handle:
            handle.write(merged.stdout)
    else:
        sys.stdout.buffer.write(merged.stdout)
    timing = {
        "workers": workers, "shards": shards, "draws": args.draws,
        "cluster_start_s": round(ready - started, 3), "draw_s": round(drawn - ready, 3),
        "merge_s": round(finished - drawn, 3), "total_s": round(finished - started, 3),
        "shard_s": [round(seconds, 3) for _, _, seconds in sorted(results)],
    }
    sys.stderr.write(json.dumps(timing) + "\n")
    sys.exit(merged.returncode)


if __name__ == "__main__":
    main()
