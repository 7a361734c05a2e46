#!/bin/sh
# run_bench.sh: runs every benchmark and prints one markdown table.
# usage: run_bench.sh BENCH_BIN_DIR ASAMBLEA BUILD_DIR
# Progress goes to stderr as it happens; the table comes at the end.
# Scratch files live under BUILD_DIR (a real disk, not tmpfs: fsync
# costs must be real) and are removed afterwards.
# Exit status: 0 when every benchmark ran (even if a target was missed),
# 1 when one could not run.
set -u

if [ $# -ne 3 ]; then
    echo "usage: run_bench.sh BENCH_BIN_DIR ASAMBLEA BUILD_DIR" >&2
    exit 2
fi
bin=$1
asamblea=$2
build=$3

scratch=$(mktemp -d "$build/bench-scratch-XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM

load0=$(cut -d' ' -f1-3 /proc/loadavg)
rows="$scratch/rows.md"
: > "$rows"
failed=0

# run NAME CMD...: appends CMD's table rows to $rows.
run() {
    name=$1
    shift
    echo "bench: $name..." >&2
    if ! "$@" >> "$rows"; then
        echo "bench: $name FAILED (see the messages above)" >&2
        echo "| $name | did not run | - | FAILED |" >> "$rows"
        failed=1
    fi
}

if [ "${AS_BENCH_GUI:-1}" = 1 ]; then
    run "idle" "$bin/bench_kiosk" idle "$asamblea" "$scratch"
    run "frames" "$bin/bench_frames" "$scratch" 200
    run "start-up" "$bin/bench_kiosk" start "$asamblea" "$scratch" 11
    run "scan" "$bin/bench_scan" "$scratch" 200
    run "room display" "$bin/bench_room" "$scratch" 100
else
    for b in idle frames start-up scan "room display"; do
        echo "| $b | not measured: built without the kiosk screen (ASAMBLEA_GUI=OFF) | - | - |" >> "$rows"
    done
fi
run "cast" "$bin/bench_cast" "$scratch" 500
run "close" "$bin/bench_close" "$scratch" 2000 5
run "verify" "$bin/bench_verify" "$asamblea" "$scratch" 800000 5
run "roster import" "$bin/bench_roster" import "$asamblea" "$scratch" 10000 5
run "badges" "$bin/bench_roster" badges "$asamblea" "$scratch" 2000 3
run "tally" "$bin/bench_tally" "$asamblea" "$scratch" 1000000 5
run "hub" "$bin/bench_hub" "$scratch" 50

cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
fs=$(stat -f -c %T "$scratch" 2>/dev/null || echo unknown)

echo
echo "asamblea benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "- machine: $(nproc) cores, ${cpu:-unknown CPU}, $mem RAM, $(uname -sr)"
echo "- build: ${AS_BENCH_BUILD:-unknown}; scratch files on $fs"
if [ -n "${AS_BENCH_WARN:-}" ]; then
    echo "- WARNING: $AS_BENCH_WARN"
fi
echo "- load average (1, 5, 15 min) before the run: $load0; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| benchmark | figure | target | verdict |"
echo "| --- | --- | --- | --- |"
cat "$rows"
echo
missed=$(grep -c '| MISSED |$' "$rows")
echo "targets missed: $missed"
exit "$failed"
