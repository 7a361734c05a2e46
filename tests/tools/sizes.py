#!/usr/bin/env python3
"""sizes.py: the product's size rules (issue 10), checked on the source tree.

  sizes.py SRC_DIR [--report]

Fails (exit 1, one line per breach: file, line, what to do) when a .c file
under SRC_DIR is over 20 KB or a function is over 100 lines.  A function is
what the project's style makes it: a line that is just "{" at column 0 opens
the body, the next line that is just "}" at column 0 closes it.  Data tables
(initialisers, closed by "};") are not functions and are not counted.
--report prints every function over 60 lines too, longest first."""
import os
import sys

MAX_FILE = 20 * 1024
MAX_FUNC = 100


def functions(path):
    """(name line, length) for every function body in path."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    start = None
    for i, line in enumerate(lines):
        if line == "{" and start is None:
            start = i
        elif line == "}" and start is not None:
            # the signature is the last line before "{" that starts at col 0
            j = start - 1
            while j > 0 and (not lines[j] or lines[j][0] in " \t"):
                j -= 1
            out.append((j + 1, lines[j].strip(), i - start + 1))
            start = None
    return out


def main():
    if len(sys.argv) < 2:
        print("usage: sizes.py SRC_DIR [--report]", file=sys.stderr)
        return 2
    root = sys.argv[1]
    report = "--report" in sys.argv[2:]
    bad = 0
    longish = []
    nfiles = nfuncs = 0
    for d, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if not name.endswith(".c"):
                continue
            path = os.path.join(d, name)
            rel = os.path.relpath(path, os.path.dirname(os.path.abspath(root)))
            size = os.path.getsize(path)
            nfiles += 1
            if size > MAX_FILE:
                print(f"{rel}: {size} bytes, over {MAX_FILE}: split it by concern")
                bad += 1
            for line, sig, n in functions(path):
                nfuncs += 1
                if n > MAX_FUNC:
                    print(f"{rel}:{line}: {sig[:60]}: {n} lines, over {MAX_FUNC}: "
                          "split it into named steps")
                    bad += 1
                elif n > 60:
                    longish.append((n, rel, line, sig))
    if report:
        for n, rel, line, sig in sorted(longish, reverse=True):
            print(f"  {n:4d}  {rel}:{line}: {sig[:60]}")
    print(f"sizes: {nfiles} files, {nfuncs} functions, {bad} over the limits")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
