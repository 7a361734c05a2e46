#!/usr/bin/env bash
# check-deb.sh DEB ARCH: checks an asamblea .deb built by CPack.
#  - dpkg-deb -c lists exactly the files expected from the source tree
#    (binary, translations, docs, assets, firmware/rootfs) with sane modes;
#  - the control fields: name, Architecture = ARCH, Depends printed, and
#    every library the binary needs (readelf NEEDED) comes from a package
#    named in Depends;
#  - the maintainer scripts parse and never enable or start the unit;
#  - the packaged binary runs `asamblea --help` (natively, or through
#    qemu-aarch64(-static) for arm64), carries /usr/share/locale and
#    /usr/share/asamblea, and loads the demo meeting from the packaged
#    assets (`asamblea demo --tokens`);
#  - lintian's findings are printed when lintian exists (not a failure).
# Exit 0 when all checks pass, 1 otherwise (each failure on one line).
set -euo pipefail

deb=${1:?usage: check-deb.sh DEB ARCH}
arch=${2:?usage: check-deb.sh DEB ARCH}
src=$(cd "$(dirname "$0")/../.." && pwd)
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

[ -f "$deb" ] || { echo "FAIL: $deb not found; build it with firmware/ci/build-deb.sh" >&2; exit 1; }
work=$(mktemp -d /tmp/asamblea-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT

# --- contents: exactly the expected files --------------------------------
{
    echo /usr/bin/asamblea
    for po in "$src"/po/*.po; do
        [ -e "$po" ] || continue
        echo "/usr/share/locale/$(basename "$po" .po)/LC_MESSAGES/asamblea.mo"
    done
    echo /usr/share/doc/asamblea/README.md
    (cd "$src/docs" && find . -type f -o -type l) | sed 's|^\./|/usr/share/doc/asamblea/|'
    [ -f "$src/firmware/README.md" ] && echo /usr/share/doc/asamblea/firmware.md
    (cd "$src/assets" && find . -type f -o -type l) | sed 's|^\./|/usr/share/asamblea/|'
    if [ -d "$src/firmware/rootfs" ]; then
        (cd "$src/firmware/rootfs" && find . -type f -o -type l) | sed 's|^\./|/|'
    fi
} | sort -u >"$work/expected"

dpkg-deb -c "$deb" >"$work/listing"
# tar-style listing: mode owner size date time ./path [-> target]
awk '$1 !~ /^d/ { p = $6; sub(/^\./, "", p); print p }' "$work/listing" | sort -u >"$work/actual"
missing=$(comm -23 "$work/expected" "$work/actual")
extra=$(comm -13 "$work/expected" "$work/actual")
[ -z "$missing" ] || fail "missing from $deb: $(echo "$missing" | tr '\n' ' ')"
[ -z "$extra" ] || fail "unexpected in $deb: $(echo "$extra" | tr '\n' ' ')"
[ -z "$missing$extra" ] && ok "contents: exactly the $(wc -l <"$work/expected") expected files"

awk '$2 != "root/root" { bad = bad " " $6 } END { if (bad) { print bad; exit 1 } }' "$work/listing" \
    >/dev/null || fail "files not owned by root/root in $deb"
mode_of() { awk -v p=".$1" '$6 == p { print $1 }' "$work/listing"; }
[ "$(mode_of /usr/bin/asamblea)" = "-rwxr-xr-x" ] || fail "/usr/bin/asamblea mode is $(mode_of /usr/bin/asamblea), want -rwxr-xr-x"
while read -r f; do
    case $f in
        /usr/lib/systemd/*|/usr/lib/udev/rules.d/*|/usr/lib/sysusers.d/*|/usr/lib/tmpfiles.d/*|/usr/share/*|/etc/*)
            m=$(mode_of "$f")
            [ "$m" = "-rw-r--r--" ] || fail "$f mode is $m, want -rw-r--r--" ;;
    esac
done <"$work/actual"

# --- control fields ------------------------------------------------------
dpkg-deb -I "$deb" >/dev/null || fail "dpkg-deb -I cannot read $deb"
[ "$(dpkg-deb -f "$deb" Package)" = asamblea ] || fail "Package is not asamblea"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || fail "Architecture is $(dpkg-deb -f "$deb" Architecture), want $arch"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
[ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "no Maintainer"
[ -n "$(dpkg-deb -f "$deb" Description)" ] || fail "no Description"
# Every alternative named in Depends is a real Debian package.
# (one apt-cache call: each one reads every architecture's index)
dep_list=$(echo "$depends" | tr ',|' '\n' | sed 's/(.*)//; s/[[:space:]]//g' | grep -v '^$' | sort -u)
# shellcheck disable=SC2086
known=$(apt-cache show --no-all-versions $dep_list 2>/dev/null | sed -n 's/^Package: //p' | sort -u)
for p in $(comm -23 <(echo "$dep_list") <(echo "$known")); do
    fail "Depends names $p, which apt-cache does not know"
done

dpkg-deb -x "$deb" "$work/root"
bin="$work/root/usr/bin/asamblea"
dep_names=" $(echo "$depends" | tr ',|' '\n' | sed 's/(.*)//; s/[[:space:]]//g' | tr '\n' ' ') "
triplet=$(dpkg-architecture -A "$arch" -qDEB_HOST_MULTIARCH 2>/dev/null ||
          case $arch in amd64) echo x86_64-linux-gnu ;; arm64) echo aarch64-linux-gnu ;; esac)
before=$fails
if command -v readelf >/dev/null; then
    for lib in $(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        # Which installed package of the target architecture ships it?
        owner=$(dpkg -S "*/$triplet/$lib" 2>/dev/null | sed -n 's/^\([^:,]*\).*/\1/p' | head -n1 || true)
        if [ -z "$owner" ]; then
            fail "$lib (NEEDED by asamblea) is not installed for $arch; cannot tell its package"
        elif [[ $dep_names != *" $owner "* ]]; then
            fail "$lib comes from $owner, which Depends does not name"
        fi
    done
    [ "$fails" -eq "$before" ] && ok "every NEEDED library's package is in Depends"
else
    fail "readelf not found (binutils)"
fi

# --- maintainer scripts --------------------------------------------------
dpkg-deb -e "$deb" "$work/control"
before=$fails
for s in preinst postinst prerm postrm; do
    [ -f "$work/control/$s" ] || continue
    sh -n "$work/control/$s" || fail "$s does not parse"
    if grep -Eq 'systemctl[^#]*(enable|start|restart)|deb-systemd-helper|invoke-rc.d' "$work/control/$s"; then
        fail "$s enables or starts a unit"
    fi
done
[ -f "$work/control/postinst" ] || fail "no postinst"
# Run postinst with stand-ins for the systemd tools that only log their
# arguments: it must create the users and directories of every sysusers.d
# and tmpfiles.d file the package ships and never enable or start a unit.
mkdir -p "$work/stubs"
for t in systemd-sysusers systemd-tmpfiles systemctl udevadm deb-systemd-helper; do
    printf '#!/bin/sh
echo "%s $*" >>"%s"
' "$t" "$work/calls" >"$work/stubs/$t"
    chmod 755 "$work/stubs/$t"
done
: >"$work/calls"
if [ -f "$work/control/postinst" ]; then
    PATH=$work/stubs:$PATH sh "$work/control/postinst" configure "" ||
        fail "postinst configure exited non-zero"
fi
for f in "$work"/root/usr/lib/sysusers.d/*.conf; do
    [ -e "$f" ] || continue
    grep -qx "systemd-sysusers $(basename "$f")" "$work/calls" ||
        fail "postinst does not run systemd-sysusers $(basename "$f")"
done
for f in "$work"/root/usr/lib/tmpfiles.d/*.conf; do
    [ -e "$f" ] || continue
    grep -qx "systemd-tmpfiles --create $(basename "$f")" "$work/calls" ||
        fail "postinst does not run systemd-tmpfiles --create $(basename "$f")"
done
if grep -Eq '^(systemctl|deb-systemd-helper) .*(enable|start|restart)' "$work/calls"; then
    fail "postinst enabled or started a unit: $(grep -E 'enable|start' "$work/calls" | head -n1)"
fi
[ "$fails" -eq "$before" ] && ok "maintainer scripts parse and do not enable or start the unit"

# --- the binary runs -----------------------------------------------------
run=("$bin")
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
    if [ "$arch" = arm64 ] && qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64); then
        run=("$qemu" "$bin")
    else
        run=()
        echo "SKIP: cannot run an $arch binary here (no emulator)"
    fi
fi
if [ ${#run[@]} -gt 0 ]; then
    if "${run[@]}" --help >"$work/help" 2>&1 && grep -q 'asamblea' "$work/help"; then
        ok "packaged asamblea --help runs ($arch)"
    else
        fail "packaged asamblea --help failed: $(head -n3 "$work/help")"
    fi
    # The demo meeting from the package's own assets (the unpacked tree
    # stands in for /usr/share/asamblea).
    if ASAMBLEA_ASSETSDIR="$work/root/usr/share/asamblea" "${run[@]}" demo --tokens \
            >"$work/tokens" 2>&1 && grep -q 'facilitator' "$work/tokens"; then
        ok "packaged asamblea demo --tokens reads /usr/share/asamblea/demo ($arch)"
    else
        fail "packaged asamblea demo --tokens failed: $(head -n3 "$work/tokens")"
    fi
fi
grep -qa '/usr/share/locale' "$bin" || fail "binary does not look in /usr/share/locale (configure with -DCMAKE_INSTALL_PREFIX=/usr)"
grep -qa '/usr/share/asamblea' "$bin" || fail "binary does not look in /usr/share/asamblea for its assets (configure with -DCMAKE_INSTALL_PREFIX=/usr)"

# --- lintian (optional) ----------------------------------------------------
if command -v lintian >/dev/null; then
    echo "lintian findings (informational):"
    lintian --no-tag-display-limit "$deb" || true
fi

if [ "$fails" -ne 0 ]; then
    echo "$deb: $fails check(s) failed" >&2
    exit 1
fi
echo "$deb: all checks passed"
