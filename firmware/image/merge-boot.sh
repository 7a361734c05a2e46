#!/bin/sh
# merge-boot.sh FRAGMENTS BOOTDIR: merge the asamblea boot fragments
# (FRAGMENTS/config.txt, FRAGMENTS/cmdline.txt) into the base image's
# BOOTDIR/config.txt and BOOTDIR/cmdline.txt, in place.
#
# config.txt: every base line setting a key the fragment sets is dropped
# (for dtoverlay= the key is the overlay's name, for dtparam= the
# parameter's), then the fragment's settings are appended under [all].
# cmdline.txt: stays one line; base tokens whose key the fragment sets
# are dropped, and so is console=tty0/tty1 (the kiosk owns tty1), then
# the fragment's tokens are appended.  Running it twice changes nothing
# more.  Used by the image build (image/asamblea-layout.d/setup.sh) and
# by the CI check (tests/firmware/check-boot.sh).
set -eu

frag=${1:?usage: merge-boot.sh FRAGMENTS BOOTDIR}
boot=${2:?usage: merge-boot.sh FRAGMENTS BOOTDIR}

# config_keys: "KEY<TAB>LINE" for each setting of a config.txt on stdin.
config_keys() {
    awk '
        /^[ \t]*(#|$)/ { next }
        /^[ \t]*\[/    { next }
        {
            line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line)
            key = line; sub(/=.*/, "", key)
            val = line; sub(/^[^=]*=?/, "", val)
            if (key == "dtoverlay" || key == "dtparam") {
                name = val; sub(/[,=].*/, "", name); key = key ":" name
            }
            print key "\t" line
        }'
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# config.txt
config_keys < "$frag/config.txt" > "$tmp/frag.cfg"
cut -f1 "$tmp/frag.cfg" > "$tmp/frag.keys"
touch "$boot/config.txt"
awk -v keys="$tmp/frag.keys" '
    BEGIN { while ((getline k < keys) > 0) drop[k] = 1 }
    /^# asamblea \(firmware\/boot\/config.txt\)$/ { exit }
    /^[ \t]*$/ { blank++; next }
    {
        for (; blank > 0; blank--) print ""
        line = $0; sub(/^[ \t]+/, "", line)
        if (line !~ /^(#|\[|$)/) {
            key = line; sub(/=.*/, "", key)
            val = line; sub(/^[^=]*=?/, "", val)
            if (key == "dtoverlay" || key == "dtparam") {
                name = val; sub(/[,=].*/, "", name); key = key ":" name
            }
            if (key in drop) next
        }
        print
    }' "$boot/config.txt" > "$tmp/config.txt"
{
    printf '\n# asamblea (firmware/boot/config.txt)\n[all]\n'
    cut -f2- "$tmp/frag.cfg"
} >> "$tmp/config.txt"
cat "$tmp/config.txt" > "$boot/config.txt"

# cmdline.txt
touch "$boot/cmdline.txt"
base=$(tr '\n' ' ' < "$boot/cmdline.txt")
add=$(tr '\n' ' ' < "$frag/cmdline.txt")
printf '%s\n' "$base" "$add" | awk '
    NR == 1 { nb = split($0, b, /[ \t]+/) }
    NR == 2 {
        na = split($0, a, /[ \t]+/)
        for (i = 1; i <= na; i++) if (a[i] != "") {
            tok[a[i]] = 1; k = a[i]; sub(/=.*/, "", k); set[k] = 1
        }
        out = ""
        for (i = 1; i <= nb; i++) {
            if (b[i] == "") continue
            k = b[i]; sub(/=.*/, "", k)
            if (b[i] == "console=tty0" || b[i] == "console=tty1") continue
            if ((b[i] in tok) || (k != "console" && (k in set))) continue
            out = out (out == "" ? "" : " ") b[i]
        }
        for (i = 1; i <= na; i++) {
            if (a[i] == "") continue
            if (index(" " out " ", " " a[i] " ")) continue
            out = out (out == "" ? "" : " ") a[i]
        }
        print out
    }' > "$tmp/cmdline.txt"
cat "$tmp/cmdline.txt" > "$boot/cmdline.txt"
