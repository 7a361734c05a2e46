#!/bin/sh
# verify_no_export.sh NM ARCHIVE LINK_LIBRARIES SRC_DIR
#
# The verifier is independent of the exporter (docs/verify.md): a
# rendering bug in the export must not also be in the check meant to catch
# it.  Fails when the verifier's archive (libas_verify.a) references an
# export_ (or the exporter's xbuf_) symbol, when as_verify links as_export,
# or when a file of src/verify includes an export header.
set -u
if [ $# -ne 4 ]; then
    echo "usage: $0 NM ARCHIVE LINK_LIBRARIES SRC_DIR" >&2
    exit 2
fi
nm=$1
archive=$2
libs=$3
src=$4
fail=0

if ! syms=$("$nm" "$archive"); then
    echo "$archive: cannot be read with $nm"
    exit 1
fi
# The archive must be the verifier's, or the checks below prove nothing.
if ! printf '%s\n' "$syms" | grep -q ' T verify_bundle$'; then
    echo "$archive: defines no verify_bundle; not the verifier's archive"
    exit 1
fi
bad=$(printf '%s\n' "$syms" | grep -E ' U (export_|xbuf_)' | sort -u)
if [ -n "$bad" ]; then
    echo "$archive: references the exporter's code:"
    printf '%s\n' "$bad"
    fail=1
fi
case ";$libs;" in
*";as_export;"*)
    echo "as_verify links as_export (its link libraries: $libs)"
    fail=1
    ;;
esac
inc=$(grep -l '#include *["<]export' "$src"/*.c "$src"/*.h)
if [ -n "$inc" ]; then
    echo "these files include an export header:"
    printf '%s\n' "$inc"
    fail=1
fi
if [ "$fail" -eq 0 ]; then
    echo "as_verify: no export_ symbol, does not link as_export, no export header"
fi
exit "$fail"
