#!/usr/bin/env bash
# build-deb.sh [BUILD_DIR]: builds the amd64 (native) asamblea .deb with
# CPack and checks it (tests/packaging/check-deb.sh).  A Release build of
# the kiosk with SDL, installed under /usr; BUILD_DIR defaults to
# build/deb.  Needs the packages of .ci/packages (dpkg-dev, file and
# binutils among them); lintian is used when present.  Prints each stage's time.
# Exits 77 (skipped) when dpkg-deb is missing.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build/deb}
jobs=${JOBS:-2}

command -v dpkg-deb >/dev/null || { echo "SKIP: dpkg-deb not found (not a Debian system)"; exit 77; }
command -v cpack >/dev/null || { echo "SKIP: cpack not found"; exit 77; }

t0=$(date +%s)
last=$t0
stage() {
    local now; now=$(date +%s)
    printf '== %s (previous stage %ds, total %ds)\n' "$1" $((now - last)) $((now - t0))
    last=$now
}

stage "configure $build (Release, GUI, prefix /usr)"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DASAMBLEA_GUI=ON -DBUILD_TESTING=OFF -DWERROR=ON >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log"; exit 1; }

stage "build asamblea"
cmake --build "$build" -j"$jobs" --target asamblea translations >"$build.build.log" 2>&1 ||
    { tail -n 40 "$build.build.log"; exit 1; }

stage "cpack -G DEB"
rm -f "$build"/asamblea_*.deb
(cd "$build" && cpack -G DEB >"$build.cpack.log" 2>&1) || { cat "$build.cpack.log"; exit 1; }
arch=$(dpkg --print-architecture)
deb=$(ls "$build"/asamblea_*_"$arch".deb)
echo "built $deb"

stage "check $deb"
"$src/tests/packaging/check-deb.sh" "$deb" "$arch"

stage "done"
