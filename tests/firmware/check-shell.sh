#!/bin/bash
# check-shell.sh SRCDIR: shellcheck (and bash -n / sh -n) on every shell
# script of the repository: *.sh files and files whose first line names
# sh or bash, tracked by git (or, without git, found under SRCDIR outside
# build directories).  Exit 77 with a SKIP line when shellcheck is absent.
set -uo pipefail

src=${1:?usage: check-shell.sh SRCDIR}
SECONDS=0
if ! command -v shellcheck >/dev/null; then
    echo "SKIP: shellcheck not found (Debian package shellcheck)"
    exit 77
fi
cd "$src" || exit 1

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    list() { git ls-files -z --cached --others --exclude-standard; }
else
    list() { find . -path './build*' -prune -o -path ./.git -prune -o -type f -print0; }
fi

scripts=()
while IFS= read -r -d '' f; do
    f=${f#./}
    case $f in
    build*/*) continue ;;
    *.sh) scripts+=("$f"); continue ;;
    esac
    [ -f "$f" ] || continue
    if head -n 1 "$f" 2>/dev/null | grep -qE '^#![[:space:]]*(/usr)?/bin/(env[[:space:]]+)?(ba|da)?sh([[:space:]]|$)'; then
        scripts+=("$f")
    fi
done < <(list)

if [ "${#scripts[@]}" -eq 0 ]; then
    echo "no shell scripts found under $src: the search is broken"
    exit 1
fi

fail=0
for f in "${scripts[@]}"; do
    if head -n 1 "$f" | grep -q bash; then sh='bash'; else sh='sh'; fi
    if ! "$sh" -n "$f"; then
        echo "FAIL: $f: $sh -n found a syntax error"
        fail=$((fail + 1))
    fi
done
if ! shellcheck -x "${scripts[@]}"; then
    fail=$((fail + 1))
fi
echo "shellcheck: ${#scripts[@]} scripts: ${scripts[*]}"
echo "firmware_shellcheck took ${SECONDS} s"
if [ "$fail" -ne 0 ]; then
    echo "FAIL: shellcheck or a syntax check failed (see above)"
    exit 1
fi
echo "1 passed, 0 failed"
