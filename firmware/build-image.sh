#!/bin/bash
# build-image.sh DEB [WORKDIR]: build the asamblea appliance's SD-card
# image with Raspberry Pi's rpi-image-gen.  A release step, not CI: it
# needs Raspberry Pi's own package archive, root, and an arm64 machine (a
# Raspberry Pi 5 with 64-bit Raspberry Pi OS is the easy one) or an x86
# one with qemu-user-static and binfmt-support.
#
#   DEB      the kiosk's arm64 package (firmware/ci/cross-arm64.sh makes
#            build/asamblea_VERSION_arm64.deb)
#   WORKDIR  where the copy of firmware/ and the build go (default
#            ./build/image); the image ends up in WORKDIR/work/.../*.img
#
# ASAMBLEA_DEVICE=rpi4 builds for a Raspberry Pi 4 (default rpi5: Pi 5).
# rpi-image-gen is found through $RPI_IMAGE_GEN (its checkout) or PATH;
# get it with `git clone https://github.com/raspberrypi/rpi-image-gen` and
# run its install_deps.sh once.  Then flash the .img with Raspberry Pi
# Imager ("Use custom") or dd; see firmware/README.md.
set -euo pipefail

deb=${1:?usage: build-image.sh DEB [WORKDIR]}
work=${2:-build/image}
here=$(cd "$(dirname "$0")" && pwd)
t0=$(date +%s)

[ -f "$deb" ] || { echo "build-image.sh: $deb: no such package" >&2; exit 1; }
case $(dpkg-deb -f "$deb" Architecture) in
arm64) ;;
*) echo "build-image.sh: $deb is not an arm64 package" >&2; exit 1 ;;
esac
if [ -n "${RPI_IMAGE_GEN:-}" ]; then
    rig=$RPI_IMAGE_GEN/rpi-image-gen
else
    rig=$(command -v rpi-image-gen || true)
fi
if [ -z "$rig" ] || [ ! -x "$rig" ]; then
    echo "build-image.sh: rpi-image-gen not found: set RPI_IMAGE_GEN to its checkout" >&2
    exit 1
fi

# A private copy of firmware/ with the package's path filled in, so the
# recipe in the repository stays as it is.
rm -rf "$work/firmware"
mkdir -p "$work"
cp -a "$here" "$work/firmware"
deb_abs=$(readlink -f "$deb")
device=${ASAMBLEA_DEVICE:-rpi5}
case $device in
rpi4 | rpi5) ;;
*) echo "build-image.sh: ASAMBLEA_DEVICE must be rpi4 or rpi5, not $device" >&2; exit 1 ;;
esac
sed -i -e "s|^  deb: \"\"|  deb: \"$deb_abs\"|" -e "s|^  layer: rpi5\$|  layer: $device|" \
    "$work/firmware/image/config/asamblea.yaml"
grep -qF "$deb_abs" "$work/firmware/image/config/asamblea.yaml" ||
    { echo "build-image.sh: could not set the package in the config" >&2; exit 1; }

cd "$work"
"$rig" build -S "$PWD/firmware/image" -c asamblea.yaml
echo "build-image.sh: done in $(( $(date +%s) - t0 )) s; image(s):"
find "$PWD" -name '*.img' -newer "$PWD/firmware/image/config/asamblea.yaml" -print
