#!/usr/bin/env python3
"""Loopback load test of `dibao serve`: CLIENTS concurrent clients each send REQUESTS
`POST /api/run` what-ifs on the aggregate plan (keep-alive connections). Prints the
throughput and p50/p90/p99/max latency; exits 1 on any error or wrong answer.

    python3 scripts/load_test.py [DIBAO] [--clients 50] [--requests 200]
"""

import argparse
import http.client
import json
import os
import statistics
import threading
import time

from serve_helper import REPOSITORY, Server, scenario_copy


def client(port, index, count, latencies, failures, deadline):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for n in range(count):
        if time.time() > deadline:
            failures.append("time limit reached")
            return
        growth = round(0.02 + 0.001 * ((index * count + n) % 80), 3)
        body = json.dumps({"scenario": "shangrao-2017-plan", "set": {"series.poverty_line.growth": str(growth)}})
        started = time.perf_counter()
        try:
            connection.request("POST", "/api/run", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            data = response.read()
        except Exception as error:  # a dropped connection is a failure, reported
            failures.append(repr(error))
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        latencies.append(time.perf_counter() - started)
        if response.status != 200:
            failures.append(f"status {response.status}")
            continue
        document = json.loads(data)
        if document.get("what_ifs") != [f"--set series.poverty_line.growth={growth}"]:
            failures.append("an answer for another request")


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dibao", nargs="?", default=os.path.join(REPOSITORY, ".build/release/dibao"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--time-limit", type=float, default=600, help="seconds before the test stops and fails")
    arguments = parser.parse_args()
    _, folder = scenario_copy()
    latencies, failures = [], []
    with Server(arguments.dibao, folder) as server:
        port = int(server.url.rsplit(":", 1)[1])
        deadline = time.time() + arguments.time_limit
        threads = [
            threading.Thread(target=client, args=(port, i, arguments.requests, latencies, failures, deadline))
            for i in range(arguments.clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    total = arguments.clients * arguments.requests
    ms = lambda s: f"{1000 * s:.1f} ms"
    print(f"load test: {arguments.clients} clients × {arguments.requests} requests = {total} POST /api/run in {elapsed:.1f} s "
          f"({len(latencies) / elapsed:.0f} requests/s)")
    if latencies:
        print(f"  latency p50 {ms(statistics.median(latencies))}, p90 {ms(percentile(latencies, 0.9))}, "
              f"p99 {ms(percentile(latencies, 0.99))}, max {ms(max(latencies))}")
    print(f"  errors: {len(failures)}" + (f" (first: {failures[0]})" if failures else ""))
    raise SystemExit(1 if failures or len(latencies) != total else 0)


if __name__ == "__main__":
    main()
