#!/bin/bash
# check-boot.sh SRCDIR: the boot fragments in SRCDIR/firmware/boot.
#   cmdline.txt: exactly one line; no token or key twice (console= may
#     repeat); the required tokens; no console on tty0/tty1 (the kiosk's);
#     no sysrq_always_enabled (it would override kernel.sysrq=0).
#   config.txt: no key twice (dtoverlay=/dtparam= counted by overlay or
#     parameter name); no [section] (the merge puts them under [all]);
#     the required settings; only keys from a known list.
#   The hardware watchdog is on only together with systemd feeding it.
#   merge-boot.sh on a Raspberry Pi OS-like base keeps those properties,
#   keeps the base's root=, drops console=tty1, and a second merge
#   changes nothing.
set -uo pipefail

src=${1:?usage: check-boot.sh SRCDIR}
boot=$src/firmware/boot
SECONDS=0
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# check_cmdline FILE: one line, unique tokens and keys, required tokens.
check_cmdline() {
    local f=$1 lines tok key
    lines=$(wc -l < "$f")
    if [ "$lines" -ne 1 ] || [ -n "$(tail -c 1 "$f" | tr -d '\n')" ]; then
        bad "$f: must be exactly one line ending in a newline (has $lines newlines)"
    else ok; fi
    local -A seen_tok=() seen_key=()
    local -a toks=()
    read -ra toks < "$f"
    for tok in "${toks[@]}"; do
        key=${tok%%=*}
        if [ -n "${seen_tok[$tok]:-}" ]; then bad "$f: token $tok twice"; fi
        if [ "$key" != console ] && [ -n "${seen_key[$key]:-}" ]; then
            bad "$f: key $key set twice"
        fi
        seen_tok[$tok]=1
        seen_key[$key]=1
        case $tok in
        console=tty0 | console=tty1) bad "$f: $tok puts kernel messages on the kiosk's screen" ;;
        sysrq_always_enabled*) bad "$f: $tok lets any keyboard reboot or power off the kiosk (Alt+SysRq)" ;;
        esac
    done
    for tok in quiet loglevel=3 consoleblank=0 vt.global_cursor_default=0 \
               logo.nologo console=tty3; do
        if [ -z "${seen_tok[$tok]:-}" ]; then bad "$f: required $tok missing"; else ok; fi
    done
    if grep -qE '(^| )overlayroot=tmpfs(:[^ ]*)?( |$)' "$f"; then ok
    else bad "$f: overlayroot=tmpfs (read-only root) missing"; fi
}

# config_keys FILE: "KEY<TAB>LINE" per setting (dtoverlay:NAME, dtparam:NAME).
config_keys() {
    awk '/^[ \t]*(#|$)/ { next }
         /^[ \t]*\[/ { print "[section]\t" $0; next }
         { line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line)
           key = line; sub(/=.*/, "", key); val = line; sub(/^[^=]*=?/, "", val)
           if (key == "dtoverlay" || key == "dtparam") { n = val; sub(/[,=].*/, "", n); key = key ":" n }
           print key "\t" line }' "$1"
}

known_keys=" dtoverlay dtparam max_framebuffers display_auto_detect disable_overscan"
known_keys+=" disable_splash camera_auto_detect hdmi_force_hotplug hdmi_group hdmi_mode"
known_keys+=" hdmi_cvt hdmi_drive arm_64bit arm_boost usb_max_current_enable"
known_keys+=" boot_delay avoid_warnings "

check_config_fragment() {
    local f=$1 dups req
    if config_keys "$f" | cut -f1 | grep -qx '\[section\]'; then
        bad "$f: a [section] in the fragment (the merge adds it under [all])"
    else ok; fi
    dups=$(config_keys "$f" | cut -f1 | sort | uniq -d)
    if [ -n "$dups" ]; then bad "$f: keys set twice: $dups"; else ok; fi
    while IFS=$'\t' read -r key line; do
        base=${key%%:*}
        case $known_keys in
        *" $base "*) ;;
        *) bad "$f: unknown key in '$line' (not in check-boot.sh's list of known config.txt keys)" ;;
        esac
    done < <(config_keys "$f")
    for req in dtoverlay=vc4-kms-v3d dtparam=watchdog=on dtoverlay=disable-wifi \
               dtoverlay=disable-bt display_auto_detect=1 disable_splash=1; do
        if config_keys "$f" | cut -f2 | grep -qxF "$req"; then ok
        else bad "$f: required $req missing"; fi
    done
}

check_cmdline "$boot/cmdline.txt"
check_config_fragment "$boot/config.txt"

# Arming the hardware watchdog without systemd feeding it reboots in a loop.
wd=$src/firmware/appliance/usr/lib/systemd/system.conf.d/60-asamblea-watchdog.conf
if grep -qxF dtparam=watchdog=on "$boot/config.txt"; then
    if grep -qE '^RuntimeWatchdogSec=[1-9][0-9]*s$' "$wd" 2>/dev/null; then ok
    else bad "$wd: dtparam=watchdog=on needs RuntimeWatchdogSec= there"; fi
fi

# The merge, on a base like Raspberry Pi OS's.
tmp=$(mktemp -d /tmp/check-boot.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/config.txt" <<'BASE'
# base image
dtparam=audio=on
camera_auto_detect=1
display_auto_detect=1
auto_initramfs=1
dtoverlay=vc4-kms-v3d
max_framebuffers=2
disable_fw_kms_setup=1
arm_64bit=1
disable_overscan=1
arm_boost=1

[cm4]
otg_mode=1

[all]
BASE
echo 'console=serial0,115200 console=tty1 root=PARTUUID=12345678-02 rootfstype=ext4 fsck.repair=yes rootwait quiet splash' > "$tmp/cmdline.txt"
if sh "$src/firmware/image/merge-boot.sh" "$boot" "$tmp"; then ok
else bad "merge-boot.sh failed"; fi
cp "$tmp/cmdline.txt" "$tmp/cmdline.first"
cp "$tmp/config.txt" "$tmp/config.first"
check_cmdline "$tmp/cmdline.txt"
if grep -q 'root=PARTUUID=12345678-02' "$tmp/cmdline.txt"; then ok
else bad "merged cmdline.txt lost the base's root="; fi
dups=$(config_keys "$tmp/config.txt" | awk -F'\t' '$1 == "[section]" { s = $2; next } { print s "|" $1 }' | sort | uniq -d)
if [ -z "$dups" ]; then ok; else bad "merged config.txt sets keys twice in a section: $dups"; fi
for req in dtparam=watchdog=on dtparam=audio=off dtoverlay=disable-wifi; do
    if grep -qxF "$req" "$tmp/config.txt"; then ok; else bad "merged config.txt lacks $req"; fi
done
if grep -qxF dtparam=audio=on "$tmp/config.txt"; then bad "merged config.txt kept the base's dtparam=audio=on"; else ok; fi
if grep -qxF otg_mode=1 "$tmp/config.txt"; then ok; else bad "merged config.txt lost the base's [cm4] section"; fi
sh "$src/firmware/image/merge-boot.sh" "$boot" "$tmp"
if cmp -s "$tmp/cmdline.txt" "$tmp/cmdline.first" && cmp -s "$tmp/config.txt" "$tmp/config.first"; then ok
else bad "a second merge changed the files"; diff "$tmp/config.first" "$tmp/config.txt"; diff "$tmp/cmdline.first" "$tmp/cmdline.txt"; fi

echo "firmware_boot took ${SECONDS} s"
echo "boot: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
