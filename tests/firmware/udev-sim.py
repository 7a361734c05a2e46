#!/usr/bin/env python3
"""udev-sim.py FIRMWARE_DIR: runs the appliance's own udev rules
(firmware/rootfs and firmware/appliance, */usr/lib/udev/rules.d/*.rules,
in udev's order: by file name) over typical input devices and checks which
of them the kiosk can read.

udevadm cannot test rules without the device, so this evaluates the
subset of the rule language our files use (ACTION, SUBSYSTEM, KERNEL,
ENV{}, TAG matches with == and != and shell globs joined by |; ENV{}=,
GROUP=, MODE=, SYMLINK+=, TAG+=, TAG-=, RUN{}+=, GOTO, LABEL).  A key or
operator outside that subset is an error, so a new rule cannot slip past
unevaluated.  Each device starts as udev's own rules leave it
(50-udev-default.rules: group "input", mode 0660; 70-uaccess.rules: the
"uaccess" tag on joysticks).

The kiosk reads a device only if the device's group is one of the
kiosk's (asamblea.service's Group= and SupplementaryGroups=, and the
user's memberships in sysusers.d/asamblea.conf) with group read access,
or if it keeps the uaccess tag (logind's ACL for the kiosk's seat0
session).  Exit 0 when every device
ends as expected; 1 with one line per difference."""
import fnmatch
import glob
import os
import re
import sys

TOKEN = re.compile(r'([A-Z_]+)(?:\{([^}]*)\})?(==|!=|\+=|-=|:=|=)"((?:[^"\\]|\\.)*)"(?:,\s*|\s*$)')
MATCH_KEYS = {"ACTION", "SUBSYSTEM", "KERNEL", "ENV", "TAG"}
ASSIGN_KEYS = {"ENV", "GROUP", "MODE", "SYMLINK", "TAG", "RUN", "GOTO", "LABEL"}


def parse(path):
    """The rules of a file: a list of (lineno, [(key, attr, op, value)])."""
    rules = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            toks, rest = [], line
            while rest:
                m = TOKEN.match(rest)
                if not m:
                    raise SystemExit(f"{path}:{n}: cannot parse '{rest}'")
                toks.append(m.groups())
                rest = rest[m.end():]
            rules.append((n, toks))
    return rules


def glob_match(value, pattern):
    return any(fnmatch.fnmatchcase(value, p) for p in pattern.split("|"))


def run(files, dev):
    """Applies the rules of files (in order) to dev, a dict with ACTION,
    SUBSYSTEM, KERNEL, ENV (dict), GROUP, MODE, TAGS (set), SYMLINKS."""
    for path, rules in files:
        i = 0
        while i < len(rules):
            n, toks = rules[i]
            i += 1
            matched = True
            for key, attr, op, value in toks:
                if op not in ("==", "!="):
                    continue
                if key not in MATCH_KEYS:
                    raise SystemExit(f"{path}:{n}: udev-sim cannot match {key}")
                if key == "ENV":
                    have = [dev["ENV"].get(attr, "")]
                elif key == "TAG":
                    have = sorted(dev["TAGS"]) or [""]
                else:
                    have = [dev[key]]
                hit = any(glob_match(h, value) for h in have)
                if hit != (op == "=="):
                    matched = False
                    break
            if not matched:
                continue
            for key, attr, op, value in toks:
                if op in ("==", "!="):
                    continue
                if key not in ASSIGN_KEYS or op == ":=":
                    raise SystemExit(f"{path}:{n}: udev-sim cannot assign {key}{op}")
                if key == "ENV":
                    dev["ENV"][attr] = value
                elif key in ("GROUP", "MODE"):
                    dev[key] = value
                elif key == "SYMLINK":
                    dev["SYMLINKS"].add(value)
                elif key == "TAG":
                    if op == "-=":
                        dev["TAGS"].discard(value)
                    elif op == "+=":
                        dev["TAGS"].add(value)
                    else:
                        dev["TAGS"] = {value}
                elif key == "GOTO":
                    labels = [j for j, (_, t) in enumerate(rules)
                              if any(k == "LABEL" and v == value for k, _, _, v in t)]
                    if not labels:
                        raise SystemExit(f"{path}:{n}: no LABEL {value}")
                    i = labels[0]
                    break
                # RUN and LABEL: nothing to do for the question asked here.
    return dev


def device(env, kernel="event5", action="add", subsystem="input"):
    tags = {"uaccess"} if env.get("ID_INPUT_JOYSTICK") else set()
    return {"ACTION": action, "SUBSYSTEM": subsystem, "KERNEL": kernel,
            "ENV": dict(env, ID_INPUT="1"), "GROUP": "input", "MODE": "0660",
            "TAGS": tags, "SYMLINKS": set()}


KBD = {"ID_INPUT_KEY": "1", "ID_INPUT_KEYBOARD": "1", "ID_BUS": "usb"}
# (name, device, kiosk can read it, /dev/asamblea-scanner)
CASES = [
    ("USB keyboard", device(dict(KBD, ID_VENDOR_ID="046d")), False, False),
    ("USB mouse", device({"ID_INPUT_MOUSE": "1", "ID_BUS": "usb", "ID_VENDOR_ID": "046d"}), False, False),
    ("gamepad (logind's uaccess tag)", device({"ID_INPUT_JOYSTICK": "1", "ID_INPUT_KEY": "1", "ID_BUS": "usb"}), False, False),
    ("keyboard with a power key", device(dict(KBD, ID_VENDOR_ID="413c", ID_INPUT_SWITCH="1")), False, False),
    ("unlisted cheap scanner (generic keyboard ID)", device(dict(KBD, ID_VENDOR_ID="1a86")), False, False),
    ("Honeywell scanner 0c2e", device(dict(KBD, ID_VENDOR_ID="0c2e")), True, True),
    ("Zebra scanner 05e0", device(dict(KBD, ID_VENDOR_ID="05e0")), True, True),
    ("Newland scanner 1eab", device(dict(KBD, ID_VENDOR_ID="1eab")), True, True),
    ("scanner vendor, not a keyboard node", device({"ID_BUS": "usb", "ID_VENDOR_ID": "0c2e", "ID_INPUT_MOUSE": "1"}), False, False),
    ("scanner vendor over Bluetooth", device(dict(KBD, ID_BUS="bluetooth", ID_VENDOR_ID="0c2e")), False, False),
    ("USB touch panel", device({"ID_INPUT_TOUCHSCREEN": "1", "ID_BUS": "usb", "ID_VENDOR_ID": "0eef"}), True, False),
    ("DSI touch display", device({"ID_INPUT_TOUCHSCREEN": "1"}), True, False),
    ("touch panel's legacy mouse node", device({"ID_INPUT_TOUCHSCREEN": "1"}, kernel="mouse1"), False, False),
    ("voting keypad (ASAMBLEA_KEYPAD)", device(dict(KBD, ID_VENDOR_ID="2341", ASAMBLEA_KEYPAD="1")), True, False),
    ("a touchpad", device({"ID_INPUT_TOUCHPAD": "1", "ID_INPUT_MOUSE": "1", "ID_BUS": "usb"}), False, False),
]


def kiosk_groups(fw):
    """The kiosk's groups: the unit's Group= and SupplementaryGroups=, and
    the sysusers memberships of the user asamblea."""
    groups = set()
    with open(os.path.join(fw, "rootfs/usr/lib/systemd/system/asamblea.service")) as f:
        for line in f:
            m = re.match(r"(?:Group|SupplementaryGroups)=(.*)", line.strip())
            if m:
                groups.update(m.group(1).split())
    with open(os.path.join(fw, "rootfs/usr/lib/sysusers.d/asamblea.conf")) as f:
        for line in f:
            w = line.split()
            if len(w) >= 3 and w[0] == "m" and w[1] == "asamblea":
                groups.add(w[2])
    return groups


def main():
    fw = sys.argv[1]
    groups = kiosk_groups(fw)
    paths = glob.glob(os.path.join(fw, "rootfs/usr/lib/udev/rules.d/*.rules")) + \
        glob.glob(os.path.join(fw, "appliance/usr/lib/udev/rules.d/*.rules"))
    files = [(p, parse(p)) for p in sorted(paths, key=os.path.basename)]
    bad = 0
    for name, dev, readable, named in CASES:
        d = run(files, dev)
        can = (d["GROUP"] in groups and d["MODE"][-2] in "4567") or "uaccess" in d["TAGS"]
        has_name = "asamblea-scanner" in d["SYMLINKS"]
        if can != readable:
            print(f"FAIL: udev: {name}: the kiosk {'can' if can else 'cannot'} read it "
                  f"(group {d['GROUP']}, mode {d['MODE']}, tags {sorted(d['TAGS'])}), "
                  f"expected {'can' if readable else 'cannot'}")
            bad += 1
        elif can and d["MODE"] != "0640":
            print(f"FAIL: udev: {name}: mode {d['MODE']}, expected 0640 (read-only for the kiosk)")
            bad += 1
        if has_name != named:
            print(f"FAIL: udev: {name}: /dev/asamblea-scanner {'given' if has_name else 'missing'}")
            bad += 1
    # A removal changes nothing (the rules skip remove events).
    d = run(files, device({"ID_INPUT_TOUCHSCREEN": "1"}, action="remove"))
    if d["GROUP"] != "input":
        print("FAIL: udev: a remove event was given group", d["GROUP"])
        bad += 1
    print(f"udev-sim: {len(files)} rule files, kiosk groups {' '.join(sorted(groups))}, "
          f"{len(CASES) + 1} devices, {bad} wrong")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
