#!/bin/bash
# check-static.sh SRCDIR [ASAMBLEA]: the firmware files' own rules, no
# staged root needed.
#   asamblea.service: the directives the appliance depends on (notify +
#     watchdog, restart, the user and groups, tty1, hardening, offline,
#     the data partition) are there with the right values;
#   its ExecStart's options are all known to `ASAMBLEA kiosk --help` (the
#     built program; skipped, visibly, without one);
#   udev rules: every line is KEY[{attr}] OP "value" pairs with known
#     keys, and every GOTO has its LABEL;
#   scripts the units run exist and are executable;
#   the rpi-image-gen files: metadata blocks, layer names that match
#     between config and layers, YAML that parses (python3-yaml), and the
#     files their hooks use exist.
set -uo pipefail

src=${1:?usage: check-static.sh SRCDIR [ASAMBLEA]}
bin=${2:-}
fw=$src/firmware
SECONDS=0
pass=0
fail=0
skip=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

unit=$fw/rootfs/usr/lib/systemd/system/asamblea.service
# want REGEX: a line of the unit matches REGEX (anchored).
want() {
    if grep -qE "^$1\$" "$unit"; then ok; else bad "asamblea.service: no line matching '$1'"; fi
}
want 'Type=notify'
want 'NotifyAccess=main'
want 'WatchdogSec=[1-9][0-9]*s'
want 'Restart=on-failure'
want 'RestartPreventExitStatus=2'
want 'RestartSec=[1-9][0-9]*s'
want 'StartLimitBurst=[1-9][0-9]*'
want 'StartLimitIntervalSec=[1-9][0-9]*'
want 'User=asamblea'
want 'SupplementaryGroups=video input render'
want 'TTYPath=/dev/tty1'
want 'StandardInput=tty'
want 'Conflicts=getty@tty1.service'
want 'After=systemd-user-sessions.service.*'
want 'RequiresMountsFor=/var/lib/asamblea'
want 'NoNewPrivileges=yes'
want 'ProtectSystem=strict'
want 'ProtectHome=yes'
want 'PrivateTmp=yes'
want 'ReadWritePaths=/var/lib/asamblea/data'
want 'ReadWritePaths=-/media/usb'
want 'RestrictAddressFamilies=AF_UNIX AF_NETLINK'
want 'IPAddressDeny=any'
want 'DevicePolicy=closed'
want 'DeviceAllow=char-drm rw'
want 'DeviceAllow=char-input r'
want 'DeviceAllow=/dev/tty1 rw'
want 'Environment=SDL_VIDEODRIVER=kmsdrm SDL_VIDEO_DRIVER=kmsdrm'
want 'ExecStart=/usr/bin/asamblea kiosk --meeting \$\{ASAMBLEA_MEETING\} --data \$\{ASAMBLEA_DATA\} .*'
want 'WantedBy=multi-user.target'
if grep -E '^RestrictAddressFamilies=' "$unit" | grep -qE 'AF_INET|AF_PACKET'; then
    bad "asamblea.service: network address families allowed"
else ok; fi

# The options ExecStart passes exist in the program.
opts=$(grep -E '^ExecStart=' "$unit" | grep -oE -- '--[a-z-]+' | sort -u)
if [ -n "$bin" ] && [ -x "$bin" ]; then
    help=$("$bin" kiosk --help 2>&1)
    for o in $opts; do
        if grep -qF -- "$o" <<<"$help"; then ok
        else bad "asamblea.service passes $o, which '$bin kiosk --help' does not know"; fi
    done
else
    echo "SKIP: no built asamblea program given: ExecStart's options ($(echo "$opts" | tr '\n' ' ')) not checked against it"
    skip=$((skip + 1))
fi

# The unit's command line, with its default settings (and the documented
# kiosk.env choices), starts the real program: a replay of no input on
# the offscreen driver, with the test meeting and temporary folders in
# place of the card's paths, exits 0 and leaves the stores in the data
# folder.
if [ -n "$bin" ] && [ -x "$bin" ]; then
    declare -A env=()
    while IFS= read -r line; do
        for kv in ${line#Environment=}; do env[${kv%%=*}]=${kv#*=}; done
    done < <(grep -E '^Environment=' "$unit")
    exec_line=$(grep -E '^ExecStart=' "$unit")
    read -ra words <<<"${exec_line#ExecStart=}"
    kt=$(mktemp -d /tmp/check-static.XXXXXX)
    : > "$kt/empty.replay"
    mkdir -p "$kt/usb" "$kt/shots"
    for variant in "" "ASAMBLEA_ROTATE=90" "ASAMBLEA_ROTATE=270 ASAMBLEA_MODE=desk"; do
        declare -A e=()
        for k in "${!env[@]}"; do e[$k]=${env[$k]}; done
        for kv in $variant; do e[${kv%%=*}]=${kv#*=}; done
        e[ASAMBLEA_MEETING]=$src/tests/data/flow/meeting.yaml
        e[ASAMBLEA_DATA]=$kt/data-${#variant}
        e[ASAMBLEA_EXPORT]=$kt/usb
        argv=()
        for w in "${words[@]:1}"; do
            # shellcheck disable=SC2016 # the unit's literal ${NAME}
            case $w in
            '${'*'}') v=${w#\$\{}; argv+=("${e[${v%\}}]:-}") ;;
            '$'*) v=${w#\$}; [ -n "${e[$v]:-}" ] && argv+=("${e[$v]}") ;;
            *) argv+=("$w") ;;
            esac
        done
        out=$(SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy \
              LSAN_OPTIONS=suppressions=$src/tests/lsan.supp:print_suppressions=0 \
              "$bin" "${argv[@]}" --replay "$kt/empty.replay" --shots "$kt/shots" 2>&1)
        rc=$?
        if [ "$rc" -eq 0 ] && [ -f "$kt/data-${#variant}/ballots.db" ]; then ok
        else bad "the unit's command line${variant:+ with $variant} (asamblea ${argv[*]}) exited $rc:"; printf '%s\n' "$out" | tail -n 5 | sed 's/^/    /'; fi
    done
    rm -rf "$kt"
fi

# Scripts the units run.
while IFS= read -r line; do
    exe=${line#*=}
    exe=${exe##[-+@:!]}
    exe=${exe##[-+@:!]}
    exe=${exe%% *}
    case $exe in
    /usr/lib/asamblea/*)
        f=
        for d in rootfs appliance; do
            [ -e "$fw/$d$exe" ] && f=$fw/$d$exe
        done
        if [ -n "$f" ] && [ -x "$f" ]; then ok
        else bad "a unit runs $exe, which is not an executable file under firmware/rootfs or firmware/appliance"; fi
        ;;
    esac
done < <(find "$fw"/rootfs/usr/lib/systemd/system "$fw"/appliance/usr/lib/systemd/system \
              -type f -exec grep -hE '^Exec[A-Za-z]*=' {} +)

# udev rules.
udev_keys=" ACTION DEVPATH KERNEL KERNELS NAME SYMLINK SUBSYSTEM SUBSYSTEMS DRIVER
 DRIVERS ATTR ATTRS SYSCTL ENV CONST TAG TAGS TEST PROGRAM RESULT OWNER GROUP MODE
 SECLABEL RUN LABEL GOTO IMPORT OPTIONS "
udev_keys=${udev_keys//$'\n'/ }
while IFS= read -r -d '' rules; do
    labels=$(grep -oE 'LABEL="[^"]+"' "$rules" | sort -u)
    gotos=$(grep -oE 'GOTO="[^"]+"' "$rules" | sed 's/GOTO/LABEL/' | sort -u)
    missing=$(comm -13 <(printf '%s\n' "$labels") <(printf '%s\n' "$gotos"))
    if [ -n "$missing" ]; then bad "$rules: GOTO without its label: $missing"; else ok; fi
    n=0
    while IFS= read -r l; do
        n=$((n + 1))
        case $l in '' | '#'*) continue ;; esac
        rest=$l
        while [ -n "$rest" ]; do
            if [[ $rest =~ ^([A-Z_]+)(\{[^}]*\})?(==|!=|\+=|-=|:=|=)\"([^\"\\]|\\.)*\"(,[[:space:]]*|[[:space:]]*$) ]]; then
                key=${BASH_REMATCH[1]}
                case $udev_keys in
                *" $key "*) ;;
                *) bad "$rules:$n: unknown key $key" ;;
                esac
                rest=${rest:${#BASH_REMATCH[0]}}
            else
                bad "$rules:$n: cannot read '$rest' as KEY OP \"value\""
                break
            fi
        done
    done < "$rules"
    ok
done < <(find "$fw" -name '*.rules' -print0)

# rpi-image-gen: metadata, names, YAML, files used.
img=$fw/image
for y in "$img"/layer/*.yaml "$img"/image/*.yaml; do
    if grep -q '^# METABEGIN' "$y" && grep -q '^# METAEND' "$y" &&
       grep -q '^# X-Env-Layer-Name: ' "$y"; then ok
    else bad "$y: no METABEGIN/METAEND block with X-Env-Layer-Name"; fi
done
app=$(sed -n 's/^# X-Env-Layer-Name: //p' "$img/layer/asamblea.yaml")
lay=$(sed -n 's/^# X-Env-Layer-Name: //p' "$img/image/asamblea-layout.yaml")
if grep -qE "^  app: $app\$" "$img/config/asamblea.yaml"; then ok
else bad "config/asamblea.yaml does not select the app layer '$app'"; fi
if grep -qE "^  layer: $lay\$" "$img/config/asamblea.yaml"; then ok
else bad "config/asamblea.yaml does not select the image layer '$lay'"; fi
if python3 -c 'import yaml' 2>/dev/null; then
    for y in "$img"/config/*.yaml "$img"/layer/*.yaml "$img"/image/*.yaml; do
        if python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$y" 2>/dev/null; then ok
        else bad "$y: not valid YAML"; fi
    done
else
    echo "SKIP: python3-yaml not installed: the image recipe's YAML is not parsed"
    skip=$((skip + 1))
fi
for f in "$img/merge-boot.sh" "$img/README-card.txt" "$img/image/asamblea-layout.d/setup.sh" \
         "$img/image/asamblea-layout.d/genimage.cfg.in" "$img/image/asamblea-layout.d/hooks/preimage.sh" \
         "$fw/boot/config.txt" "$fw/boot/cmdline.txt" "$fw/build-image.sh"; do
    if [ -e "$f" ]; then ok; else bad "$f missing (the image recipe uses it)"; fi
done
if grep -q 'label = "ASAMBLEA-DATA"' "$img/image/asamblea-layout.d/genimage.cfg.in" &&
   grep -q '^What=/dev/disk/by-label/ASAMBLEA-DATA$' "$fw/appliance/usr/lib/systemd/system/var-lib-asamblea.mount"; then ok
else bad "the data partition's label differs between genimage.cfg.in and var-lib-asamblea.mount"; fi

echo "firmware_static took ${SECONDS} s"
echo "static: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
