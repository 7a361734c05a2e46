#!/bin/sh
# tests/fuzz/run.sh [SECONDS]: builds the verifier's parser fuzzer with
# clang + libFuzzer (Debian 12: packages clang and libclang-rt-14-dev) in a
# separate build directory and runs it for a bounded time over a copy of
# the seed corpus (tests/fuzz/corpus: the files of a real bundle, first
# byte = which parser).  Exits non-zero on any crash, leak, hang or
# sanitizer report; the crashing input is left in the build directory.
set -eu
SECONDS_MAX=${1:-60}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${FUZZ_BUILD_DIR:-$SRC/build-fuzz}
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
if ! command -v clang >/dev/null 2>&1; then
    echo "fuzz: clang not found; install clang and libclang-rt-14-dev" >&2
    exit 2
fi
CC=clang cmake -S "$SRC" -B "$BUILD" -DFUZZ=ON -DASAMBLEA_GUI=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" --target fuzz_verify_parsers -j2
WORK="$BUILD/fuzz-corpus"
mkdir -p "$WORK"
cp "$SRC"/tests/fuzz/corpus/* "$WORK"/
cd "$BUILD"
exec ./tests/fuzz_verify_parsers -max_total_time="$SECONDS_MAX" -rss_limit_mb=2048 \
    -timeout=10 -max_len=65536 -print_final_stats=1 "$WORK"
