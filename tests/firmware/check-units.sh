#!/bin/bash
# check-units.sh SRCDIR BUILDDIR: the systemd units, sysusers and tmpfiles
# entries against an arm64 root staged like the appliance's
# (firmware/ci/stage-root.sh; $ASAMBLEA_STAGE names one already staged):
#   systemd-analyze verify of every unit in firmware/ (no error, no
#   warning); the units they name exist in the root; the kiosk's
#   `systemd-analyze security` exposure stays at or below 2.0;
#   systemd-sysusers and systemd-tmpfiles --root make the user, its
#   groups (asamblea-input, never input) and the 0700 data folder;
#   no stray keyboard: over every sysctl.d file of the root, in
#   systemd-sysctl's order, kernel.sysrq ends 0; ctrl-alt-del.target is
#   masked (systemctl --root); logind's merged configuration
#   (systemd-analyze cat-config) has NAutoVTs=0, ReserveVT=0 and the
#   power keys ignored; the manager's has CtrlAltDelBurstAction=none.
# The kiosk's arm64 .deb ($ASAMBLEA_DEB, else the newest
# build/asamblea_*_arm64.deb in SRCDIR or BUILDDIR) goes into the root;
# then its unit copies must equal firmware/rootfs and every library its
# program needs must be in the root.  Without a .deb that part is skipped,
# with a SKIP line, and the unit runs against a stub program.
# Exit 77 (skip) without systemd-analyze or without the Debian archive.
set -uo pipefail

src=${1:?usage: check-units.sh SRCDIR BUILDDIR}
build=${2:?usage: check-units.sh SRCDIR BUILDDIR}
fw=$src/firmware
SECONDS=0
pass=0
fail=0
skip=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

for tool in systemd-analyze systemd-sysusers systemd-tmpfiles; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not found (Debian package systemd)"; exit 77; }
done

deb=${ASAMBLEA_DEB:-}
if [ -z "$deb" ]; then
    deb=$(find "$src/build" "$build" -maxdepth 1 -name 'asamblea_*_arm64.deb' \
              -printf '%T@ %p\n' 2>/dev/null | sort -rn | head -n 1 | cut -d' ' -f2-)
fi
if [ -z "$deb" ]; then
    echo "SKIP: no arm64 .deb (build/asamblea_*_arm64.deb; firmware/ci/cross-arm64.sh makes it): the package part is not checked"
    skip=$((skip + 1))
fi

root=${ASAMBLEA_STAGE:-}
if [ -z "$root" ]; then
    root=$build/firmware-root
    "$fw/ci/stage-root.sh" "${deb:-none}" "$root"
    rc=$?
    [ "$rc" -eq 77 ] && exit 77
    [ "$rc" -eq 0 ] || { echo "FAIL: stage-root.sh failed ($rc)"; exit 1; }
fi
echo "staged root: $root (at ${SECONDS} s)"

units=()
for f in "$fw"/rootfs/usr/lib/systemd/system/* "$fw"/appliance/usr/lib/systemd/system/*; do
    [ -f "$f" ] && units+=("$(basename "$f")")
done

# verify: run outside the source tree so no relative path is picked up.
for u in "${units[@]}"; do
    out=$(cd / && systemd-analyze verify --man=no --root="$root" "$u" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ] && [ -z "$out" ]; then ok
    else bad "systemd-analyze verify $u (exit $rc):"; printf '%s\n' "$out" | sed 's/^/    /'; fi
done

# unit_exists NAME: a unit file for NAME (or its template) in the root.
unit_exists() {
    local n=$1 d
    case $n in *@?*.*) n=${n%%@*}@.${n##*.} ;; esac
    for d in usr/lib/systemd/system etc/systemd/system lib/systemd/system; do
        [ -e "$root/$d/$n" ] && return 0
    done
    return 1
}
optional=" plymouth-quit-wait.service "
for u in "${units[@]}"; do
    files=("$root/usr/lib/systemd/system/$u")
    for d in "$root/usr/lib/systemd/system/$u.d"/*.conf; do
        [ -f "$d" ] && files+=("$d")
    done
    while IFS= read -r name; do
        [ -z "$name" ] && continue
        case $optional in *" $name "*) continue ;; esac
        name=${name//\\x2d/-}
        if [[ $name == systemd-fsck@* ]]; then name=systemd-fsck@.service; fi
        if unit_exists "$name"; then ok; else bad "$u names $name, which the staged root does not have"; fi
    done < <(grep -hE '^(Requires|Wants|Requisite|BindsTo|PartOf|OnFailure|Conflicts|After|Before)=' "${files[@]}" |
             sed 's/^[^=]*=//' | tr ' ' '\n')
done

# Exposure (0 = locked down, 10 = everything allowed); the threshold is x10.
sec=$(cd / && systemd-analyze security --offline=yes --root="$root" --threshold=20 asamblea.service 2>&1)
rc=$?
printf '%s\n' "$sec" | grep -E 'Overall exposure' | sed 's/^/    /'
if [ "$rc" -eq 0 ]; then ok; else bad "asamblea.service's exposure is above 2.0"; fi

# sysusers and tmpfiles.
if systemd-sysusers --root="$root" >/dev/null 2>&1; then ok; else bad "systemd-sysusers --root failed"; fi
pw=$(grep '^asamblea:' "$root/etc/passwd")
uid=$(cut -d: -f3 <<<"$pw")
if [ -n "$pw" ] && [ "$(cut -d: -f7 <<<"$pw")" = /usr/sbin/nologin ] && [ "$uid" -lt 1000 ]; then ok
else bad "no system user asamblea without a shell in the staged /etc/passwd: '$pw'"; fi
for g in video render asamblea-input; do
    if grep -qE "^$g:[^:]*:[0-9]+:(.*,)?asamblea(,.*)?\$" "$root/etc/group"; then ok
    else bad "asamblea is not in group $g"; fi
done
# Not in input: that group reads every keyboard and mouse.
if grep -qE "^input:[^:]*:[0-9]+:(.*,)?asamblea(,.*)?\$" "$root/etc/group"; then
    bad "asamblea is in group input (every keyboard would reach the kiosk)"
else ok; fi

# kernel.sysrq as systemd-sysctl leaves it: every *.conf of /etc, /run,
# /usr/lib and /lib sysctl.d (a name in an earlier directory hides the
# same name in a later one), read in file-name order, last assignment wins.
declare -A sysctl_file=()
for d in etc/sysctl.d run/sysctl.d usr/local/lib/sysctl.d usr/lib/sysctl.d lib/sysctl.d; do
    for f in "$root/$d"/*.conf; do
        [ -e "$f" ] || continue
        n=$(basename "$f")
        [ -n "${sysctl_file[$n]:-}" ] || sysctl_file[$n]=$f
    done
done
sysrq='' from=''
while IFS= read -r n; do
    v=$(sed -nE 's/^[[:space:]]*-?kernel[./]sysrq[[:space:]]*=[[:space:]]*([^[:space:]#]+).*/\1/p' "${sysctl_file[$n]}" | tail -n 1)
    if [ -n "$v" ]; then sysrq=$v; from=$n; fi
done < <(printf '%s\n' "${!sysctl_file[@]}" | LC_ALL=C sort)
if [ "$sysrq" = 0 ]; then ok
else bad "kernel.sysrq ends as '${sysrq:-the kernel default}'${from:+ (from $from)}, expected 0"; fi
st=$(systemctl --root="$root" is-enabled ctrl-alt-del.target 2>&1)
if [ "$st" = masked ]; then ok; else bad "ctrl-alt-del.target is '$st', expected masked"; fi
# merged NAME KEY WANT: KEY's last value in systemd-analyze cat-config NAME.
merged() {
    local v
    v=$(cd / && systemd-analyze cat-config --root="$root" "$1" 2>/dev/null |
        sed -nE "s/^[[:space:]]*$2=([^[:space:]#]*).*/\\1/p" | tail -n 1)
    if [ "$v" = "$3" ]; then ok; else bad "$1: $2 is '$v', expected '$3'"; fi
}
merged systemd/logind.conf NAutoVTs 0
merged systemd/logind.conf ReserveVT 0
for k in HandlePowerKey HandleRebootKey HandleSuspendKey HandleHibernateKey \
         HandlePowerKeyLongPress HandleRebootKeyLongPress HandleSuspendKeyLongPress \
         HandleHibernateKeyLongPress; do
    merged systemd/logind.conf "$k" ignore
done
merged systemd/system.conf CtrlAltDelBurstAction none
# Only ours: other packages' entries need groups their maintainer scripts
# make (kvm...), which an unpacked root does not run.
tmpf=()
for f in "$fw"/rootfs/usr/lib/tmpfiles.d/*.conf "$fw"/appliance/usr/lib/tmpfiles.d/*.conf; do
    tmpf+=("$(basename "$f")")
done
if out=$(systemd-tmpfiles --root="$root" --create "${tmpf[@]}" 2>&1); then ok
else bad "systemd-tmpfiles --root --create ${tmpf[*]} failed:"; printf '%s\n' "$out" | sed 's/^/    /'; fi
st=$(stat -c '%a %u' "$root/var/lib/asamblea/data" 2>/dev/null)
if [ "$st" = "700 $uid" ]; then ok; else bad "/var/lib/asamblea/data is '$st', want '700 $uid'"; fi
if [ -d "$root/media/usb" ]; then ok; else bad "/media/usb (the export mount point) not made"; fi

if [ -n "$deb" ]; then
    arch=$(dpkg-deb -f "$deb" Architecture 2>/dev/null)
    if [ "$arch" = arm64 ]; then ok; else bad "$deb is for '$arch', not arm64 (the Pi)"; fi
    # The package installs the unit files of firmware/rootfs, unchanged.
    while IFS= read -r -d '' f; do
        rel=${f#"$fw/rootfs/"}
        if cmp -s "$f" "$root/$rel"; then ok
        else bad "$(basename "$deb") does not carry firmware/rootfs/$rel as it is"; fi
    done < <(find "$fw/rootfs" -type f -print0)
    # Every library the program needs is in the root.
    if command -v readelf >/dev/null; then
        libs=$(readelf -d "$root/usr/bin/asamblea" 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
        [ -n "$libs" ] || bad "readelf found no NEEDED libraries in the packaged /usr/bin/asamblea"
        for l in $libs; do
            found=
            for d in usr/lib/aarch64-linux-gnu lib/aarch64-linux-gnu usr/lib lib; do
                [ -e "$root/$d/$l" ] && found=$d
            done
            if [ -n "$found" ]; then ok
            else bad "the packaged program needs $l, which no Depends brings into the root"; fi
        done
    else
        echo "SKIP: readelf not found: the program's libraries are not checked"
        skip=$((skip + 1))
    fi
fi

echo "firmware_units took ${SECONDS} s"
echo "units: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
