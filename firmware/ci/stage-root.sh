#!/bin/bash
# stage-root.sh DEB OUTDIR: assemble, in OUTDIR, an arm64 root tree like
# the appliance's, for checks that need one but no Raspberry Pi
# (systemd-analyze verify --root, systemd-sysusers/tmpfiles --root):
#
#   1. systemd, udev, openssh-server and their dependencies for arm64,
#      plus the runtime dependencies of DEB, downloaded from the Debian
#      archive this machine uses, with a private apt state (the machine's
#      own apt configuration and dpkg database are not touched);
#   2. each package unpacked with dpkg-deb -x (no maintainer scripts, so
#      nothing arm64 has to run);
#   3. DEB itself (the kiosk's arm64 .deb, which carries firmware/rootfs),
#      or, when DEB is "" or "none", a stub /usr/bin/asamblea and
#      firmware/rootfs, said with a SKIP line;
#   4. the appliance overlay, firmware/appliance (what only the image adds).
#
# Downloads are cached in OUTDIR.cache, so a second run is quick.
# Exit status: 0 staged; 77 no network/apt or tool missing (skip); 1 error.
set -euo pipefail

deb=${1?usage: stage-root.sh DEB|none OUTDIR}
out=${2:?usage: stage-root.sh DEB|none OUTDIR}
here=$(cd "$(dirname "$0")/.." && pwd)
t0=$(date +%s)

for tool in apt-get dpkg-deb; do
    command -v "$tool" >/dev/null || { echo "SKIP: stage-root: $tool not found"; exit 77; }
done
if [ "$deb" = none ]; then deb=; fi
if [ -n "$deb" ] && [ ! -f "$deb" ]; then
    echo "stage-root: $deb: no such package; build it with firmware/ci/cross-arm64.sh or pass none" >&2
    exit 1
fi

cache=$out.cache
mkdir -p "$cache/lists/partial" "$cache/archives/partial"
: > "$cache/status"
apt_opts=(
    -o APT::Architecture=arm64 -o APT::Architectures::=arm64
    -o Dir::State::Lists="$cache/lists" -o Dir::State::status="$cache/status"
    -o Dir::Cache="$cache" -o Dir::Cache::archives="$cache/archives"
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
    -o Debug::NoLocking=1 -o APT::Sandbox::User=root
    -o Acquire::Languages=none -q=2
)

# The lists are refreshed at most once a day.
if [ -z "$(find "$cache/lists" -maxdepth 1 -name '*Packages*' -mtime -1 -print -quit)" ]; then
    if ! apt-get "${apt_opts[@]}" update >"$cache/update.log" 2>&1; then
        echo "SKIP: stage-root: apt-get update for arm64 failed (no archive reachable?); see $cache/update.log"
        exit 77
    fi
fi

pkgs=(systemd udev openssh-server util-linux e2fsprogs base-passwd)
if [ -n "$deb" ]; then
    # The package's Depends, first of each alternative, without versions.
    while IFS= read -r d; do
        [ -n "$d" ] && pkgs+=("$d")
    done < <(dpkg-deb -f "$deb" Depends | tr ',' '\n' |
             sed 's/|.*//; s/(.*)//; s/:any//; s/[[:space:]]//g')
fi
if ! apt-get "${apt_opts[@]}" install -y --download-only --no-install-recommends \
        "${pkgs[@]}" >"$cache/download.log" 2>&1; then
    echo "stage-root: could not download the arm64 packages; see $cache/download.log" >&2
    tail -n 5 "$cache/download.log" >&2
    exit 1
fi

rm -rf "$out"
mkdir -p "$out"
n=0
for p in "$cache"/archives/*.deb; do
    dpkg-deb -x "$p" "$out"
    n=$((n + 1))
done
# Debian 12 is merged-/usr: /bin, /sbin and /lib are links into /usr.
for d in bin sbin lib; do
    if [ ! -e "$out/$d" ]; then ln -s "usr/$d" "$out/$d"; fi
done
# The passwd and group files a fresh system starts from (base-passwd),
# so that systemd-sysusers --root can add the kiosk's user.
install -d "$out/etc"
[ -f "$out/etc/passwd" ] || cp "$out/usr/share/base-passwd/passwd.master" "$out/etc/passwd"
[ -f "$out/etc/group" ] || cp "$out/usr/share/base-passwd/group.master" "$out/etc/group"

if [ -n "$deb" ]; then
    # The package carries firmware/rootfs itself: stage its copies, so
    # that the checks see what the package really installs.
    dpkg-deb -x "$deb" "$out"
    echo "stage-root: $(basename "$deb") unpacked"
else
    cp -a "$here/rootfs/." "$out/"
    echo "SKIP: stage-root: no .deb given: /usr/bin/asamblea is a stub, the package's own files are not checked"
    install -d "$out/usr/bin"
    printf '#!/bin/sh\necho "stub asamblea (stage-root.sh without a .deb)" >&2\nexit 1\n' \
        > "$out/usr/bin/asamblea"
    chmod 755 "$out/usr/bin/asamblea"
fi
cp -a "$here/appliance/." "$out/"
echo "stage-root: $n arm64 packages + overlays in $out ($(( $(date +%s) - t0 )) s)"
