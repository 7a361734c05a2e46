#!/bin/bash
# check-static.sh SRCDIR [ASAMBLEA]: the firmware files' own rules, no
# staged root needed.
#   asamblea.service: the directives the appliance depends on (notify +
#     watchdog, restart, the user and groups, tty1, hardening, offline,
#     the data partition) are there with the right values;
#   kiosk-start, its ExecStart: the options it passes are all known to
#     `ASAMBLEA kiosk --help` (the built program; skipped, visibly,
#     without one); kiosk.env is read with a whitelist (mode, rotate,
#     dpi; CRLF, BOM, quotes, comments; the card's file wins) and every
#     other key (ASAMBLEA_DATA, ASAMBLEA_EXTRA_ARGS...) or bad value stops
#     it with status 2 and one line naming file and line, before the
#     program runs; its command line with the documented settings starts
#     the real program;
#   after-exit powers off only after exit status 10 (the facilitator's
#     Shut down), never after 0 (SIGTERM/SIGINT), a failure, or a stop
#     systemd is making (stub systemctl);
#   no stray keyboard: kernel.sysrq=0, ctrl-alt-del.target masked,
#     CtrlAltDelBurstAction=none, logind NAutoVTs=0 / ReserveVT=0 and the
#     power keys ignored, the kiosk in asamblea-input and not in input,
#     and udev-sim.py: the rules give the kiosk the touchscreen, the
#     listed scanners and a keypad, and no keyboard, mouse or gamepad;
#   the data partition is mounted data=ordered, with the reason beside it;
#   udev rules: every line is KEY[{attr}] OP "value" pairs with known
#     keys, and every GOTO has its LABEL; `udevadm verify` where it exists
#     (systemd 254 and later);
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
want 'Restart=always'
want 'RestartPreventExitStatus=2 10'
want 'SuccessExitStatus=10'
want 'RestartSec=[1-9][0-9]*s'
want 'StartLimitBurst=[1-9][0-9]*'
want 'StartLimitIntervalSec=[1-9][0-9]*'
want 'User=asamblea'
want 'SupplementaryGroups=video render asamblea-input'
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
want 'ExecStart=/usr/lib/asamblea/kiosk-start'
want 'Environment=ASAMBLEA_MEETING=/boot/firmware/asamblea/meeting.yaml'
want 'Environment=ASAMBLEA_DATA=/var/lib/asamblea/data'
want 'Environment=ASAMBLEA_EXPORT=/media/usb'
want 'WantedBy=multi-user.target'
if grep -E '^RestrictAddressFamilies=' "$unit" | grep -qE 'AF_INET|AF_PACKET'; then
    bad "asamblea.service: network address families allowed"
else ok; fi
# The card's kiosk.env is no EnvironmentFile= (it could set any variable),
# and the kiosk reads no input device through the blanket input group.
if grep -qE '^EnvironmentFile=' "$unit"; then
    bad "asamblea.service: EnvironmentFile= lets a kiosk.env set any variable; kiosk-start reads them"
else ok; fi
if sed -n 's/^SupplementaryGroups=//p' "$unit" | tr ' ' '\n' | grep -qx input; then
    bad "asamblea.service: in group input, which reads every keyboard and mouse"
else ok; fi
if grep -q 'ASAMBLEA_EXTRA_ARGS' "$unit"; then
    bad "asamblea.service still passes ASAMBLEA_EXTRA_ARGS"
else ok; fi
users=$fw/rootfs/usr/lib/sysusers.d/asamblea.conf
if grep -qE '^m[[:space:]]+asamblea[[:space:]]+input([[:space:]]|$)' "$users"; then
    bad "sysusers.d/asamblea.conf puts the kiosk in group input"
elif grep -qE '^g[[:space:]]+asamblea-input[[:space:]]' "$users" &&
     grep -qE '^m[[:space:]]+asamblea[[:space:]]+asamblea-input([[:space:]]|$)' "$users"; then ok
else bad "sysusers.d/asamblea.conf: no group asamblea-input with the kiosk in it"; fi

# kiosk-start: the whitelist reader of the kiosk.env files, run with a
# recording stand-in for the program (which prints its arguments, one a
# line) and then with the real one.
start=$fw/rootfs/usr/lib/asamblea/kiosk-start
kt=$(mktemp -d /tmp/check-static.XXXXXX)
trap 'rm -rf "$kt"' EXIT
# shellcheck disable=SC2016 # the stand-in's own script
printf '#!/bin/sh\nfor a in "$@"; do printf "%%s\\n" "$a"; done\n' > "$kt/record"
chmod 755 "$kt/record"
# The unit's Environment= (the paths), as systemd gives them to the script.
declare -A env=()
while IFS= read -r line; do
    for kv in ${line#Environment=}; do env[${kv%%=*}]=${kv#*=}; done
done < <(grep -E '^Environment=' "$unit")
# start_with SITE CARD [ARGS...]: runs kiosk-start on those files, with
# the recorder; output in $kt/out, stderr in $kt/err; returns its status.
start_with() {
    local site=$1 card=$2
    shift 2
    env -i PATH=/usr/bin:/bin ASAMBLEA_MEETING="${env[ASAMBLEA_MEETING]:-}" \
        ASAMBLEA_DATA="${env[ASAMBLEA_DATA]:-}" ASAMBLEA_EXPORT="${env[ASAMBLEA_EXPORT]:-}" \
        "$start" --program "$kt/record" --site "$site" --card "$card" "$@" >"$kt/out" 2>"$kt/err"
}
# accepts NAME SITE-TEXT CARD-TEXT WANT: WANT (words) appears, in order,
# among the arguments the program got.
accepts() {
    local name=$1 want=$4 got
    printf '%b' "$2" > "$kt/site.env"
    printf '%b' "$3" > "$kt/card.env"
    if start_with "$kt/site.env" "$kt/card.env"; then
        got=$(tr '\n' ' ' < "$kt/out")
        if [[ " $got" == *" $want "* ]]; then ok
        else bad "kiosk-start ($name): the program got '$got', expected '$want' in it"; fi
    else
        bad "kiosk-start ($name) refused: $(cat "$kt/err")"
    fi
}
# refuses NAME WHICH TEXT WORDS: a kiosk.env with TEXT (as the site's or
# the card's file) stops the start: status 2, the program never ran, one
# line on stderr naming the file, its line 2 (line 1 is a comment) and
# WORDS.
refuses() {
    local name=$1 which=$2 words=$4 f rc
    printf '# a comment\n%b\n' "$3" > "$kt/bad.env"
    : > "$kt/none.env"
    if [ "$which" = site ]; then start_with "$kt/bad.env" "$kt/none.env"; else start_with "$kt/none.env" "$kt/bad.env"; fi
    rc=$?
    f=$(cat "$kt/err")
    if [ "$rc" -eq 2 ] && [ ! -s "$kt/out" ] && [ "$(wc -l < "$kt/err")" -eq 1 ] &&
       [[ $f == *"$kt/bad.env line 2: "*"$words"* ]]; then ok
    else bad "kiosk-start ($name in the $which's kiosk.env): status $rc, program output '$(cat "$kt/out")', stderr '$f'"; fi
}
base="--meeting ${env[ASAMBLEA_MEETING]:-} --data ${env[ASAMBLEA_DATA]:-} "
accepts "no files" "" "" "kiosk ${base}--mode vote --rotate 0 --export-dir ${env[ASAMBLEA_EXPORT]:-}"
accepts "the card's settings" "" 'ASAMBLEA_ROTATE=90\nASAMBLEA_MODE=desk\n' "--mode desk --rotate 90"
accepts "the card wins over the site" 'ASAMBLEA_ROTATE=180\nASAMBLEA_DPI=120\n' 'ASAMBLEA_ROTATE=270\n' "--rotate 270 --export-dir ${env[ASAMBLEA_EXPORT]:-} --dpi 120"
accepts "Windows Notepad: BOM, CRLF, quotes, spaces, no final newline" "" \
    '\357\273\277# set by the organizer\r\n\r\n  ASAMBLEA_MODE = "desk"\r\nASAMBLEA_DPI='"'160'"'\r\nASAMBLEA_ROTATE=90' \
    "--mode desk --rotate 90 --export-dir ${env[ASAMBLEA_EXPORT]:-} --dpi 160"
accepts "empty values: the defaults" 'ASAMBLEA_MODE=desk\n' 'ASAMBLEA_MODE=\nASAMBLEA_ROTATE=\nASAMBLEA_DPI=\n' "--mode vote --rotate 0"
refuses "votes in RAM" card 'ASAMBLEA_DATA=/tmp' "ASAMBLEA_DATA cannot be set"
refuses "votes in RAM" site 'ASAMBLEA_DATA=/dev/shm/votes' "ASAMBLEA_DATA cannot be set"
refuses "another meeting file" card 'ASAMBLEA_MEETING=/boot/firmware/other.yaml' "ASAMBLEA_MEETING cannot be set"
refuses "exports elsewhere" card 'ASAMBLEA_EXPORT=/boot/firmware' "ASAMBLEA_EXPORT cannot be set"
refuses "free-form options" card 'ASAMBLEA_EXTRA_ARGS=--data /tmp/x' "ASAMBLEA_EXTRA_ARGS is no longer read"
refuses "free-form options" site 'ASAMBLEA_EXTRA_ARGS=--dpi 160' "ASAMBLEA_EXTRA_ARGS is no longer read"
refuses "another variable" card 'LD_PRELOAD=/boot/firmware/x.so' "unknown setting 'LD_PRELOAD'"
refuses "SDL's driver" card 'SDL_VIDEODRIVER=x11' "unknown setting 'SDL_VIDEODRIVER'"
refuses "a shell line" card 'export ASAMBLEA_MODE=desk' "unknown setting"
refuses "not KEY=value" card 'rotate 90' "is not KEY=value"
refuses "a bad mode" card 'ASAMBLEA_MODE=door' "ASAMBLEA_MODE takes vote or desk"
refuses "a bad rotation" card 'ASAMBLEA_ROTATE=45' "ASAMBLEA_ROTATE takes 0, 90, 180 or 270"
# shellcheck disable=SC2016 # a literal $(...) the reader must refuse
refuses "a command in a value" card 'ASAMBLEA_ROTATE=$(poweroff)' "ASAMBLEA_ROTATE takes"
refuses "an option in a value" card 'ASAMBLEA_MODE=vote --data /tmp' "ASAMBLEA_MODE takes vote or desk"
refuses "dpi too low" card 'ASAMBLEA_DPI=49' "ASAMBLEA_DPI takes a whole number from 50 to 1000"
refuses "dpi too high" card 'ASAMBLEA_DPI=1001' "ASAMBLEA_DPI takes"
refuses "dpi with an option" card 'ASAMBLEA_DPI=160 --data /tmp' "ASAMBLEA_DPI takes"
head -c 70000 /dev/zero | tr '\0' '#' > "$kt/huge.env"
if start_with "$kt/none.env" "$kt/huge.env"; then bad "kiosk-start read a 70 KB kiosk.env"
elif [ ! -s "$kt/out" ] && grep -q 'larger than 64 KB' "$kt/err"; then ok
else bad "kiosk-start on a 70 KB kiosk.env: $(cat "$kt/err")"; fi
# Without the unit's paths it does not guess them.
if env -i PATH=/usr/bin:/bin "$start" --program "$kt/record" --site "$kt/none.env" --card "$kt/none.env" \
        >"$kt/out" 2>"$kt/err"; then bad "kiosk-start ran without ASAMBLEA_DATA"
elif [ ! -s "$kt/out" ]; then ok; else bad "kiosk-start without the paths ran the program"; fi

# The options kiosk-start passes (every setting given) exist in the program.
printf 'ASAMBLEA_MODE=desk\nASAMBLEA_ROTATE=90\nASAMBLEA_DPI=160\n' > "$kt/all.env"
start_with "$kt/none.env" "$kt/all.env"
opts=$(grep -oE -- '^--[a-z-]+$' "$kt/out" | sort -u)
if [ -z "$opts" ]; then bad "kiosk-start passed no options: $(cat "$kt/err")"; fi
if [ -n "$bin" ] && [ -x "$bin" ]; then
    help=$("$bin" kiosk --help 2>&1)
    for o in $opts; do
        if grep -qF -- "$o" <<<"$help"; then ok
        else bad "kiosk-start passes $o, which '$bin kiosk --help' does not know"; fi
    done
else
    echo "SKIP: no built asamblea program given: kiosk-start's options ($(echo "$opts" | tr '\n' ' ')) not checked against it"
    skip=$((skip + 1))
fi

# The unit's command line, with its default settings (and the documented
# kiosk.env choices), starts the real program: a replay of no input on
# the offscreen driver, with the test meeting and temporary folders in
# place of the card's paths, exits 0 and leaves the stores in the data
# folder.
if [ -n "$bin" ] && [ -x "$bin" ]; then
    : > "$kt/empty.replay"
    mkdir -p "$kt/usb" "$kt/shots"
    i=0
    for variant in "" "ASAMBLEA_ROTATE=90" "ASAMBLEA_ROTATE=270\nASAMBLEA_MODE=desk" "ASAMBLEA_DPI=160"; do
        i=$((i + 1))
        printf '%b\n' "$variant" > "$kt/card.env"
        out=$(env -i PATH=/usr/bin:/bin SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy \
              LSAN_OPTIONS="suppressions=$src/tests/lsan.supp:print_suppressions=0" \
              ASAMBLEA_MEETING="$src/tests/data/flow/meeting.yaml" ASAMBLEA_DATA="$kt/data-$i" \
              ASAMBLEA_EXPORT="$kt/usb" \
              "$start" --program "$bin" --site "$kt/none.env" --card "$kt/card.env" \
              -- --replay "$kt/empty.replay" --shots "$kt/shots" 2>&1)
        rc=$?
        if [ "$rc" -eq 0 ] && [ -f "$kt/data-$i/ballots.db" ]; then ok
        else bad "kiosk-start with kiosk.env '${variant//\\n/ }' exited $rc:"; printf '%s\n' "$out" | tail -n 5 | sed 's/^/    /'; fi
    done
fi

# after-exit (the appliance's ExecStopPost) with a stand-in systemctl that
# logs its calls and answers is-system-running and list-jobs as told.
after=$fw/appliance/usr/lib/asamblea/after-exit
mkdir -p "$kt/bin"
cat > "$kt/bin/systemctl" <<'STUB'
#!/bin/sh
echo "systemctl $*" >> "$CALLS"
case $1 in
is-system-running) echo "${STATE:-running}" ;;
list-jobs) [ -n "${JOBS:-}" ] && printf '%s\n' "$JOBS" ;;
esac
exit 0
STUB
chmod 755 "$kt/bin/systemctl"
# after_exit WANT CODE STATUS [STATE [JOBS]]: WANT is poweroff or nothing.
after_exit() {
    local want=$1 got=nothing
    : > "$kt/calls"
    CALLS=$kt/calls STATE=${4:-running} JOBS=${5:-} EXIT_CODE=$2 EXIT_STATUS=$3 \
        PATH="$kt/bin:/usr/bin:/bin" sh "$after" >/dev/null 2>&1
    grep -q 'poweroff' "$kt/calls" && got=poweroff
    if [ "$got" = "$want" ]; then ok
    else bad "after-exit with EXIT_CODE=$2 EXIT_STATUS=$3${4:+ system $4}${5:+ jobs \"$5\"}: $got, expected $want"; fi
}
after_exit poweroff exited 10
after_exit nothing exited 0
after_exit nothing killed TERM
after_exit nothing killed INT
after_exit nothing exited 2
after_exit nothing exited 1
after_exit nothing dumped ABRT
after_exit nothing exited 10 stopping
after_exit nothing exited 10 running '42 asamblea.service stop running'
after_exit poweroff exited 10 running '43 foo.service start waiting'

# No keyboard may reboot, power off or reach a console.
app=$fw/appliance
# setting FILE KEY VALUE: FILE sets KEY to VALUE (last assignment wins).
setting() {
    local v
    v=$(sed -nE "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*([^[:space:]#]*).*/\\1/p" "$1" 2>/dev/null | tail -n 1)
    if [ "$v" = "$3" ]; then ok; else bad "${1#"$fw"/}: $2 is '$v', expected '$3'"; fi
}
sysctl_files=("$app"/usr/lib/sysctl.d/*.conf)
setting "${sysctl_files[0]}" 'kernel\.sysrq' 0
setting "$app/usr/lib/systemd/system.conf.d/60-asamblea-keys.conf" CtrlAltDelBurstAction none
if [ "$(readlink "$app/etc/systemd/system/ctrl-alt-del.target")" = /dev/null ]; then ok
else bad "ctrl-alt-del.target is not masked (appliance/etc/systemd/system/ctrl-alt-del.target -> /dev/null)"; fi
logind=$app/usr/lib/systemd/logind.conf.d/60-asamblea.conf
setting "$logind" NAutoVTs 0
setting "$logind" ReserveVT 0
for k in HandlePowerKey HandlePowerKeyLongPress HandleRebootKey HandleRebootKeyLongPress \
         HandleSuspendKey HandleSuspendKeyLongPress HandleHibernateKey HandleHibernateKeyLongPress; do
    setting "$logind" "$k" ignore
done
if out=$(python3 "$src/tests/firmware/udev-sim.py" "$fw" 2>&1); then ok; echo "$out"
else bad "the udev rules give the kiosk the wrong input devices:"; printf '%s\n' "$out" | sed 's/^/    /'; fi

# The data partition: data=ordered, never data=journal, with the reason.
mnt=$app/usr/lib/systemd/system/var-lib-asamblea.mount
opts=$(sed -n 's/^Options=//p' "$mnt")
if [[ ,$opts, == *,data=ordered,* ]] && [[ ,$opts, != *,data=journal,* ]]; then ok
else bad "var-lib-asamblea.mount: Options=$opts; want data=ordered (ballot secrecy: data=journal copies every ballots page into the journal)"; fi
if awk '/^Options=/ { exit } /^#/ { c = c $0 "\n" } !/^#/ { c = "" } END { exit !(c ~ /data=ordered/ && c ~ /data=journal/ && c ~ /secrecy/ && c ~ /fsync/) }' "$mnt"; then ok
else bad "var-lib-asamblea.mount: the comment right above Options= must give the reason for data=ordered (secrecy vs data=journal, SQLite's own fsync)"; fi

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
# udevadm verify (systemd 254 and later) knows the whole rule language.
# --resolve-names=never: the groups exist on the appliance, not here.
if command -v udevadm >/dev/null && udevadm verify --help >/dev/null 2>&1; then
    mapfile -d '' all_rules < <(find "$fw" -name '*.rules' -print0)
    if out=$(udevadm verify --resolve-names=never "${all_rules[@]}" 2>&1); then ok
    else bad "udevadm verify:"; printf '%s\n' "$out" | sed 's/^/    /'; fi
else
    echo "SKIP: no udevadm verify here (udev of systemd 254 or later): rules checked by the syntax check above and udev-sim.py only"
    skip=$((skip + 1))
fi

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
