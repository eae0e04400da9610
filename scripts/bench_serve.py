#!/usr/bin/env python3
"""Latency of a what-if in the workbench, end to end over loopback HTTP (the server's run plus
its JSON, as the page sees it): the aggregate plan (budget 50 ms) and the bundled household
scenario (budget 300 ms). A benchmark, not a timed test: it prints the figures against the
budgets and always exits 0 unless a request fails.

    python3 scripts/bench_serve.py [.build/release/dibao] [--runs 100]
"""

import argparse
import http.client
import json
import os
import statistics
import time

from serve_helper import REPOSITORY, Server, scenario_copy

CASES = [
    ("shangrao-2017-plan", "series.poverty_line.growth", 0.05, 50),
    ("microsimulation-plan", "series.standard.growth", 0.10, 300),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dibao", nargs="?", default=os.path.join(REPOSITORY, ".build/release/dibao"))
    parser.add_argument("--runs", type=int, default=100)
    arguments = parser.parse_args()
    _, folder = scenario_copy()
    with Server(arguments.dibao, folder) as server:
        port = int(server.url.rsplit(":", 1)[1])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for scenario, key, base, budget in CASES:
            times = {"/api/run": [], "/api/view": []}
            for n in range(arguments.runs + 3):
                for endpoint in times:
                    # Each request a different what-if, so that nothing can be answered from a cache.
                    body = json.dumps({"scenario": scenario, "set": {key: str(round(base + 0.0001 * n, 4))}})
                    started = time.perf_counter()
                    connection.request("POST", endpoint, body, {"Content-Type": "application/json"})
                    response = connection.getresponse()
                    response.read()
                    elapsed = time.perf_counter() - started
                    if response.status != 200:
                        raise SystemExit(f"{endpoint} {scenario}: status {response.status}")
                    if n >= 3:  # the first requests read the population and warm up
                        times[endpoint].append(elapsed)
            for endpoint, values in times.items():
                values.sort()
                median = 1000 * statistics.median(values)
                p95 = 1000 * values[int(0.95 * len(values))]
                verdict = "within" if p95 < budget else "OVER"
                print(f"{scenario:22} {endpoint:10} median {median:6.1f} ms  p95 {p95:6.1f} ms  max {1000 * values[-1]:6.1f} ms  "
                      f"({verdict} the {budget} ms budget, {len(values)} runs)")


if __name__ == "__main__":
    main()
