#!/usr/bin/env python3
"""layers.py: dependencies run one way (issue 10).

  layers.py ROOT      (ROOT holds src/ and include/)

Every folder under src/ may use only the public headers of the layers
below it (LAYERS), followed through every header it includes, so an
include that sneaks a higher layer in through a lower header is caught too.
A folder's own private headers (src/X/*.h) are its business.  A public
header that no layer claims fails the check, so a new one must be placed.
Prints one line per breach (file, the header, the chain that brought it
in, what to do) and exits 1; exits 0 with a summary when all is well."""
import os
import re
import sys

# Public headers (include/*.h) by the layer that owns them.
OWNER = {
    "base": ["status.h", "diag.h", "file_read.h", "file_write.h", "text_fold.h",
             "i18n.h", "whole.h", "opts.h", "assets.h", "grow.h", "xbuf.h"],
    "meeting": ["meeting.h", "roster.h", "token.h", "domain.h", "method_list.h",
                "method_meta.h"],
    "count": ["ballot.h", "ballot_file.h", "rcv.h", "rcv_report.h", "tally.h",
              "tally_run.h", "method.h"],
    "record": ["record.h"],
    "store": ["store.h"],
    "sqlite_store": ["store_sqlite.h"],
    "snapshot": ["snapshot.h"],
    "session": ["session.h"],
    "ui": ["ui.h", "displaylist.h", "ui_fault.h", "ui_progress.h", "room.h"],
    "platform": ["platform.h", "event.h", "fonts.h"],
    "export": ["export.h"],
    "verify": ["verify.h", "verify_tally.h"],
    "print": ["print.h"],
    "scan": ["scan.h"],
    "app": ["app.h", "app_start.h"],
    "report": ["report.h"],
    "hub": ["hub.h", "hub_store.h"],
}

CORE = ["base", "meeting", "count", "record"]
# What each src/ folder may use.  count/ knows nothing of sessions, screens
# or storage; ui/ reads the snapshot, never the session or the store; the
# verifier shares only the record and the counting engine with the kiosk.
ALLOWED = {
    "base": ["base"],
    "meeting": ["base", "meeting"],
    "count": CORE,
    "record": CORE,
    "store": CORE + ["store", "sqlite_store"],
    "session": CORE + ["store", "snapshot", "session"],
    "ui": CORE + ["snapshot", "ui"],
    "export": CORE + ["store", "export"],
    "verify": CORE + ["verify"],
    "print": ["base", "meeting", "print"],
    "scan": ["base", "scan"],
    "platform": ["base", "ui", "platform"],
    "report": CORE + ["verify", "ui", "snapshot", "report"],
    "hub": CORE + ["store", "sqlite_store", "hub"],
    "app": None,  # the top: anything
    "cli": None,
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def includes(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return INCLUDE.findall(f.read())


def main():
    if len(sys.argv) != 2:
        print("usage: layers.py ROOT", file=sys.stderr)
        return 2
    root = sys.argv[1]
    inc = os.path.join(root, "include")
    owner = {h: layer for layer, hs in OWNER.items() for h in hs}
    bad = 0
    for h in sorted(os.listdir(inc)):
        if h.endswith(".h") and h not in owner:
            print(f"include/{h}: no layer owns it; add it to OWNER in "
                  "tests/tools/layers.py (the lowest layer it belongs to)")
            bad += 1
    nfiles = 0
    src = os.path.join(root, "src")
    for folder in sorted(os.listdir(src)):
        d = os.path.join(src, folder)
        if not os.path.isdir(d):
            continue
        if folder not in ALLOWED:
            print(f"src/{folder}/: a folder layers.py does not know; add it to "
                  "ALLOWED in tests/tools/layers.py")
            bad += 1
            continue
        allowed = ALLOWED[folder]
        for name in sorted(os.listdir(d)):
            if not name.endswith((".c", ".h")):
                continue
            nfiles += 1
            if allowed is None:
                continue
            # walk the include closure, remembering how each header came in
            seen = {}
            todo = [(h, name) for h in includes(os.path.join(d, name))]
            while todo:
                h, via = todo.pop()
                if h in seen:
                    continue
                seen[h] = via
                local = os.path.join(d, h)
                public = os.path.join(inc, h)
                if os.path.exists(local):
                    todo += [(x, f"{via} -> {h}") for x in includes(local)]
                    continue
                if not os.path.exists(public):
                    continue  # a generated or system header in quotes
                layer = owner.get(h)
                if layer is not None and layer not in allowed:
                    print(f"src/{folder}/{name}: uses include/{h} ({layer}) via "
                          f"{via}; src/{folder} may use only {', '.join(allowed)}: "
                          "move the shared part down a layer or the code up")
                    bad += 1
                todo += [(x, f"{via} -> {h}") for x in includes(public)]
    print(f"layers: {nfiles} files in {len(ALLOWED)} folders, {bad} breaches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
