#!/usr/bin/env bash
# cross-arm64.sh [--install-only|--no-install] [BUILD_ROOT]: the arm64
# (Raspberry Pi) stage of CI.
#   --install-only  step 1 alone (.ci/run does it before the README's test
#                   command, whose ctest then runs steps 2-3 as the test
#                   appliance_arm64);
#   --no-install    steps 2-3 alone; without the cross compiler or qemu it
#                   says so and exits 77 (skipped).
#  1. enables Debian's arm64 multiarch and installs the cross compiler,
#     qemu-user-static and the :arm64 -dev packages (firmware/ci/packages-arm64);
#  2. cross-compiles the command-line build (-DASAMBLEA_GUI=OFF) with its
#     tests through cmake/toolchain-aarch64-linux-gnu.cmake and runs ctest,
#     every test under qemu-aarch64 (CMAKE_CROSSCOMPILING_EMULATOR);
#  3. cross-compiles the kiosk (SDL) Release build installed under /usr,
#     makes the arm64 .deb with CPack and checks it
#     (tests/packaging/check-deb.sh, --help run under qemu).
# BUILD_ROOT defaults to build/arm64.  Needs root and apt-get (Debian 12);
# otherwise it says so and exits 77.  Prints how long each stage took.
# Tests that start the arm64 asamblea program as a child process need the
# kernel to hand arm64 executables to qemu: binfmt_misc is mounted and
# qemu-aarch64 registered when it is not already.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
install=1 build=1
case ${1:-} in
--install-only) build=0; shift ;;
--no-install) install=0; shift ;;
esac
root=${1:-$src/build/arm64}
jobs=${JOBS:-2}
toolchain=$src/cmake/toolchain-aarch64-linux-gnu.cmake

if [ "$(id -u)" -ne 0 ]; then echo "SKIP: cross-arm64.sh needs root (apt-get, binfmt_misc)"; exit 77; fi
if [ "$install" -eq 0 ]; then
    for tool in aarch64-linux-gnu-gcc qemu-aarch64-static; do
        command -v "$tool" >/dev/null || {
            echo "SKIP: $tool not installed; run firmware/ci/cross-arm64.sh --install-only first (.ci/run does)"
            exit 77
        }
    done
fi
if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
    echo "SKIP: cross-arm64.sh needs Debian's apt-get and dpkg"; exit 77
fi

t0=$(date +%s)
last=$t0
stage() {
    local now; now=$(date +%s)
    printf '\n== arm64: %s (previous stage %ds, total %ds)\n' "$1" $((now - last)) $((now - t0))
    last=$now
}
mkdir -p "$root"

if [ "$install" -eq 1 ]; then
    stage "apt: arm64 architecture, cross compiler, qemu, :arm64 -dev packages"
    export DEBIAN_FRONTEND=noninteractive
    dpkg --add-architecture arm64
    apt-get update -q
    # --no-remove: an :arm64 -dev package that cannot co-install with its
    # amd64 twin makes this fail instead of removing the native one.
    # shellcheck disable=SC2046
    apt-get install -y -q --no-install-recommends --no-remove $(sed 's/#.*//' "$src/firmware/ci/packages-arm64")
fi
if [ "$build" -eq 0 ]; then
    stage "done (packages installed; the build runs as ctest's appliance_arm64)"
    exit 0
fi

stage "libzbar-dev:arm64 unpacked beside the build (not installed)"
# Installing it would remove libzbar-dev:amd64 (its ImageMagick -dev
# dependencies are not multiarch).  Its libzbar0:arm64 is installed; only
# the headers, libzbar.so and zbar.pc are needed to link.
zdir=$root/zbar-dev
rm -rf "$zdir" && mkdir -p "$zdir"
chown _apt "$zdir" 2>/dev/null || true   # apt downloads as _apt
(cd "$zdir" && apt-get download -q libzbar-dev:arm64)
dpkg-deb -x "$zdir"/libzbar-dev_*_arm64.deb "$zdir"
zlib=$zdir/usr/lib/aarch64-linux-gnu
# Link against the installed shared library (libzbar0:arm64, in
# packages-arm64) and nothing else: without it the symlink below would
# dangle and the linker would quietly take the unpacked static libzbar.a,
# which needs dbus, v4l and jpeg as well and fails to link.
if [ ! -e /usr/lib/aarch64-linux-gnu/libzbar.so.0 ]; then
    echo "cross-arm64.sh: /usr/lib/aarch64-linux-gnu/libzbar.so.0 is missing:" \
         "install libzbar0:arm64 (firmware/ci/packages-arm64 names it;" \
         "run firmware/ci/cross-arm64.sh --install-only as root)" >&2
    exit 1
fi
rm -f "$zlib"/*.a
ln -sfn /usr/lib/aarch64-linux-gnu/libzbar.so.0 "$zlib/libzbar.so"
sed -i "s|^prefix=.*|prefix=$zdir/usr|" "$zlib/pkgconfig/zbar.pc"

stage "libpq-dev:arm64 unpacked beside the build (not installed)"
# Not multiarch either: installing it would remove libpq-dev:amd64.  Only
# its headers, libpq.so and libpq.pc are needed; the .pc's private
# requirements (libssl, libcrypto) matter only to static links.
pqdir=$root/pq-dev
rm -rf "$pqdir" && mkdir -p "$pqdir"
chown _apt "$pqdir" 2>/dev/null || true
(cd "$pqdir" && apt-get download -q libpq-dev:arm64)
dpkg-deb -x "$pqdir"/libpq-dev_*_arm64.deb "$pqdir"
pqlib=$pqdir/usr/lib/aarch64-linux-gnu
if [ ! -e /usr/lib/aarch64-linux-gnu/libpq.so.5 ]; then
    echo "cross-arm64.sh: /usr/lib/aarch64-linux-gnu/libpq.so.5 is missing:" \
         "install libpq5:arm64 (firmware/ci/packages-arm64 names it;" \
         "run firmware/ci/cross-arm64.sh --install-only as root)" >&2
    exit 1
fi
rm -f "$pqlib"/*.a
ln -sfn /usr/lib/aarch64-linux-gnu/libpq.so.5 "$pqlib/libpq.so"
sed -i "s|^prefix=.*|prefix=$pqdir/usr|; /^Requires.private/d" "$pqlib/pkgconfig/libpq.pc"
export PKG_CONFIG_PATH=$zlib/pkgconfig:$pqlib/pkgconfig

stage "binfmt_misc: arm64 programs run through qemu"
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc ||
        echo "warning: cannot mount binfmt_misc; tests that start asamblea will fail"
fi
if [ -e /proc/sys/fs/binfmt_misc/register ] && [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    # The registration Debian's qemu-user-static ships for systemd-binfmt.
    grep -v '^#' /usr/lib/binfmt.d/qemu-aarch64.conf >/proc/sys/fs/binfmt_misc/register ||
        echo "warning: cannot register qemu-aarch64; tests that start asamblea will fail"
fi
if [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    head -n2 /proc/sys/fs/binfmt_misc/qemu-aarch64
fi

# check_link BUILD_DIR PROGRAM: the arm64 program was linked against
# shared libraries only (no static .a from the arm64 library folders or
# the unpacked zbar), and every library in its NEEDED list belongs to a
# package that firmware/ci/packages-arm64 names.  A library that only
# happened to be on this machine (installed by hand, or pulled in by
# chance) then fails here on any machine, not only on a fresh one.
check_link() {
    local bdir=$1 prog=$2 bad=0 lib path pkg
    if grep -rhoE '[^ ]*(aarch64-linux-gnu|zbar-dev|pq-dev)[^ ]*\.a( |$)' \
        "$bdir/CMakeFiles/asamblea.dir/link.txt" 2>/dev/null | grep -q .; then
        echo "link check: $prog was linked against a static arm64 library:" >&2
        grep -hoE '[^ ]*(aarch64-linux-gnu|zbar-dev|pq-dev)[^ ]*\.a( |$)' \
            "$bdir/CMakeFiles/asamblea.dir/link.txt" >&2
        bad=1
    fi
    for lib in $(aarch64-linux-gnu-readelf -d "$prog" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        path=
        for d in /usr/lib/aarch64-linux-gnu /lib/aarch64-linux-gnu; do
            [ -e "$d/$lib" ] && { path=$d/$lib; break; }
        done
        if [ -z "$path" ]; then
            echo "link check: $lib (needed by $prog) is not installed for arm64" >&2
            bad=1; continue
        fi
        # dpkg knows a file by the path its package ships, which on a
        # merged-/usr system may be /lib/... rather than /usr/lib/...;
        # and by its real name rather than a symlink's.
        pkg=
        for p in "/lib/aarch64-linux-gnu/$lib" "/usr/lib/aarch64-linux-gnu/$lib" \
                 "$(readlink -f "$path")" "/lib/aarch64-linux-gnu/$(basename "$(readlink -f "$path")")"; do
            pkg=$(dpkg -S "$p" 2>/dev/null | head -n1 | cut -d: -f1-2) || pkg=
            [ -n "$pkg" ] && break
        done
        if [ -z "$pkg" ] || ! sed 's/#.*//' "$src/firmware/ci/packages-arm64" | grep -qxF "$pkg"; then
            echo "link check: $lib (needed by $prog) comes from '${pkg:-no package}'," \
                 "which firmware/ci/packages-arm64 does not name: add it there" >&2
            bad=1; continue
        fi
        echo "  $lib <- $pkg"
    done
    [ "$bad" -eq 0 ] || exit 1
}

stage "configure command-line build with tests (-DASAMBLEA_GUI=OFF)"
# A fresh cache every time: pkg-config's library paths are cached at
# configure time, so a path found while a library was missing (libzbar.a
# instead of libzbar.so) would otherwise outlive the fix.
rm -f "$root/test/CMakeCache.txt"
# -O2 for speed under qemu; warnings as errors are the native builds' job
# (the test sources are checked with -Werror in Debug there).
cmake -S "$src" -B "$root/test" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=Release \
    -DASAMBLEA_GUI=OFF -DBUILD_TESTING=ON -DWERROR=OFF >"$root/test.configure.log" 2>&1 ||
    { cat "$root/test.configure.log"; exit 1; }
grep -q '^AS_QEMU_AARCH64:FILEPATH=/' "$root/test/CMakeCache.txt" ||
    { echo "no qemu-aarch64 emulator in $root/test: install qemu-user-static" >&2; exit 1; }

stage "build (aarch64-linux-gnu-gcc, -j$jobs)"
cmake --build "$root/test" -j"$jobs" >"$root/test.build.log" 2>&1 || { tail -n 60 "$root/test.build.log"; exit 1; }
file "$root/test/asamblea"
file "$root/test/asamblea" | grep -q 'ARM aarch64' || { echo "asamblea is not an arm64 program" >&2; exit 1; }
echo "arm64 libraries $root/test/asamblea is linked against, and their packages:"
check_link "$root/test" "$root/test/asamblea"

stage "ctest under qemu-aarch64 (non-graphical tests)"
# The firmware checks (label firmware) look at firmware/ files and the
# kiosk's options, not at arm64 code: they run in the native suite, and the
# units are checked against the arm64 .deb at the end of this script.
# (test_secrecy skips its kiosk part itself in this build: no SDL kiosk.)
echo "not run here: label firmware (native suite; units checked below against the arm64 .deb)"
ctest_rc=0
ctest --test-dir "$root/test" --output-on-failure -j"$jobs" --timeout 900 \
    -LE '^firmware$' || ctest_rc=$?

stage "configure kiosk package build (GUI, Release, prefix /usr)"
rm -f "$root/deb/CMakeCache.txt"
cmake -S "$src" -B "$root/deb" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX=/usr -DASAMBLEA_GUI=ON -DBUILD_TESTING=OFF -DWERROR=ON \
    >"$root/deb.configure.log" 2>&1 || { cat "$root/deb.configure.log"; exit 1; }

stage "build kiosk"
cmake --build "$root/deb" -j"$jobs" --target asamblea translations >"$root/deb.build.log" 2>&1 ||
    { tail -n 60 "$root/deb.build.log"; exit 1; }

echo "arm64 libraries the kiosk is linked against, and their packages:"
check_link "$root/deb" "$root/deb/asamblea"

stage "cpack -G DEB (arm64)"
rm -f "$root"/deb/asamblea_*.deb
(cd "$root/deb" && cpack -G DEB >"$root/deb.cpack.log" 2>&1) || { cat "$root/deb.cpack.log"; exit 1; }
deb=$(ls "$root"/deb/asamblea_*_arm64.deb)

stage "check $deb"
"$src/tests/packaging/check-deb.sh" "$deb" arm64

if [ -x "$src/tests/firmware/check-units.sh" ]; then
    stage "units against an arm64 root staged with $(basename "$deb") (tests/firmware/check-units.sh)"
    ASAMBLEA_DEB=$deb "$src/tests/firmware/check-units.sh" "$src" "$root/deb"
fi

stage "done"
echo "arm64 package: $deb"
if [ "$ctest_rc" -ne 0 ]; then
    echo "FAIL: arm64 tests under qemu failed (ctest exit $ctest_rc; see above)" >&2
    exit 1
fi
