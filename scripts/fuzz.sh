#!/usr/bin/env bash
# Fuzzes every reader and the report writers with libFuzzer (the Swift toolchain's own), seeded
# with the bundled scenarios, population, rosters and history.
#   scripts/fuzz.sh SECONDS       fuzz for SECONDS on every core (make fuzz)
#   scripts/fuzz.sh --runs N      a deterministic slice: N inputs from seed 1 on one core (CI)
# A crash, a hang over 10 s or 4 GiB of memory stops the run; the input is saved under
# .build-fuzz/findings/ and the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

build="$PWD/.build-fuzz"
swift build -c release --product dibao-fuzz --scratch-path "$build" \
    -Xswiftc -sanitize=fuzzer -Xswiftc -DDIBAO_FUZZ -Xswiftc -enable-testing -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >/dev/null
fuzzer="$build/release/dibao-fuzz"

# Seeds: each input's first byte says what it is (0 scenario, 1 population, 2 roster, 3 history).
seeds="$build/seeds"
rm -rf "$seeds" && mkdir -p "$seeds" "$build/corpus" "$build/findings"
seed() { { printf "\\x$(printf %02x "$1")"; head -c 200000 "$2"; } > "$seeds/$3"; }
for file in scenarios/*.yaml; do seed 0 "$file" "scenario-$(basename "$file")"; done
seed 1 Tests/ScenarioFilesTests/Fixtures/microsim-v1-2000.csv population-microsim-v1
seed 1 data/synthetic-households.csv population-synthetic
for file in data/rosters/*.csv; do seed 2 "$file" "roster-$(basename "$file")"; done
for file in data/history/*.csv; do seed 3 "$file" "history-$(basename "$file")"; done
for file in data/ledger/*.csv; do seed 4 "$file" "ledger-$(basename "$file")"; done
seed 5 Fuzz/part-seed.json part

options=(-max_len=65536 -timeout=10 -rss_limit_mb=4096 "-artifact_prefix=$build/findings/" -print_final_stats=1)
if [ "${1:-}" = "--runs" ]; then
    "$fuzzer" "${options[@]}" -seed=1 "-runs=${2:?--runs needs a count}" "$seeds"
else
    seconds="${1:-600}"
    workers=$(nproc)
    # Each worker logs to .build-fuzz/fuzz-N.log; the totals are summed at the end.
    rm -f "$build"/fuzz-*.log
    (cd "$build" && "$fuzzer" "${options[@]}" "-max_total_time=$seconds" "-jobs=$workers" "-workers=$workers" corpus seeds) || status=$?
    total=$(cat "$build"/fuzz-*.log | awk '/^stat::number_of_executed_units:/ { sum += $2 } END { print sum + 0 }')
    echo "inputs run: ${total:-0}; findings: $(ls "$build/findings" | wc -l)"
    exit "${status:-0}"
fi
