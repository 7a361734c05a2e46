#!/bin/sh
# tests/fuzz/run.sh [SECONDS [TARGET...]]: builds the libFuzzer harnesses
# (tests/fuzz.cmake; Debian 12: packages clang and libclang-rt-14-dev) in a
# separate build directory and runs each for its share of SECONDS (default
# 150: 30 s for each of the five) over a copy of its seed corpus,
# tests/fuzz/corpus-NAME for fuzz_NAME.  With TARGET names, only those run.
#
# Limits: the issue's bound on every input is 256 MB and 10 s, so an input
# that makes the process grow past 256 MB (-rss_limit_mb), asks for more
# than that in one allocation (-malloc_limit_mb) or takes over 10 s
# (-timeout) is a failure like a crash, a leak or a sanitizer report.
# ASan's quarantine of freed memory is kept small so that the RSS limit
# measures the program, not the sanitizer.
#
# Every target runs even when one fails; the exit status is non-zero if
# any did, and the failing input is left in the build directory as
# TARGET-crash-<sha1> (or -leak-, -timeout-, -oom-, -slow-unit-).
set -eu
SECONDS_MAX=${1:-150}
[ $# -gt 0 ] && shift
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${FUZZ_BUILD_DIR:-$SRC/build-fuzz}
ALL="fuzz_verify_parsers fuzz_meeting fuzz_roster fuzz_ballot_files fuzz_scanner"
TARGETS=${*:-$ALL}
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
if ! command -v clang >/dev/null 2>&1; then
    echo "fuzz: clang not found; install clang and libclang-rt-14-dev" >&2
    exit 2
fi
CC=clang cmake -S "$SRC" -B "$BUILD" -DFUZZ=ON -DASAMBLEA_GUI=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# shellcheck disable=SC2086 # TARGETS is a list of names
cmake --build "$BUILD" -j2 --target $TARGETS

n=0
for t in $TARGETS; do n=$((n + 1)); done
EACH=$((SECONDS_MAX / n))
[ "$EACH" -ge 5 ] || EACH=5

ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16
export ASAN_OPTIONS
failed=""
for t in $TARGETS; do
    case $t in
        fuzz_scanner) max_len=4096 ;;
        *) max_len=65536 ;;
    esac
    work="$BUILD/fuzz-corpus/$t"
    rm -rf "$work"
    mkdir -p "$work"
    cp "$SRC/tests/fuzz/corpus-${t#fuzz_}"/* "$work"/
    # A dictionary of the format's words and syntax, when there is one.
    set --
    dict="$SRC/tests/fuzz/${t#fuzz_}.dict"
    [ -f "$dict" ] && set -- -dict="$dict"
    echo "== $t: ${EACH} s"
    if ! (cd "$BUILD" && "./tests/$t" -max_total_time="$EACH" -rss_limit_mb=256 \
            -malloc_limit_mb=256 -timeout=10 -max_len="$max_len" \
            -print_final_stats=1 -artifact_prefix="$BUILD/$t-" "$@" "$work"); then
        failed="$failed $t"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: failed:$failed (inputs left in $BUILD)" >&2
    exit 1
fi
echo "fuzz: all targets ran ${EACH} s each without a finding"
