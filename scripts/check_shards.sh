#!/usr/bin/env bash
# A sharded Monte Carlo run on a real Dask cluster (a local cluster of two worker processes on
# loopback) merges into exactly what the single run prints, byte for byte; so does `dibao merge`
# of shards run by hand. Usage: scripts/check_shards.sh [DIBAO]
set -euo pipefail
cd "$(dirname "$0")/.."
DIBAO=${1:-.build/debug/dibao}
python3 -c "import distributed" 2>/dev/null || python3 -m pip install -q "dask[distributed]"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check() {
    local scenario=$1 draws=$2; shift 2
    "$DIBAO" run "$scenario" --draws "$draws" --seed 7 --format json "$@" > "$work/single.json"
    python3 deploy/dask_shards.py "$scenario" --draws "$draws" --seed 7 --workers 2 --shards 4 --dibao "$DIBAO" \
        --out "$work/dask.json" ${@:+--set "${@: -1}"} 2> "$work/timing.json"
    cmp "$work/single.json" "$work/dask.json" || { echo "check_shards: $scenario: the Dask run differs from the single run"; exit 1; }
    echo "check_shards: $scenario, $draws draws in 4 shards on 2 Dask workers = the single run ($(tail -1 "$work/timing.json"))"
}
check Benchmarks/montecarlo-bench.yaml 20000
check scenarios/uncertain-poverty-line.yaml 6000 --set series.caseload.growth=-2%
