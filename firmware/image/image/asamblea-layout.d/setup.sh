#!/bin/sh
# setup.sh BOOT|ROOT: genimage's exec-pre for one partition, with the
# partition's tree at $IMAGEMOUNTPATH.  ROOT: the fstab (root and boot by
# label; the data partition is var-lib-asamblea.mount, not fstab, so that
# overlayroot leaves it alone).  BOOT: the asamblea boot fragments merged
# into config.txt and cmdline.txt, root by label, and the organizer's
# asamblea/ folder.
set -eu

firmware=$(dirname "$(readlink -f "$0")")/../../..

case $1 in
ROOT)
    cat > "$IMAGEMOUNTPATH/etc/fstab" <<FSTAB
LABEL=ROOT  /               ext4  ro,noatime,errors=remount-ro   0 1
LABEL=BOOT  /boot/firmware  vfat  ro,noatime,nofail,umask=0022   0 2
FSTAB
    ;;
BOOT)
    sed -i 's|root=[^ ]*|root=LABEL=ROOT|' "$IMAGEMOUNTPATH/cmdline.txt"
    "$firmware/image/merge-boot.sh" "$firmware/boot" "$IMAGEMOUNTPATH"
    mkdir -p "$IMAGEMOUNTPATH/asamblea"
    cp "$firmware/image/README-card.txt" "$IMAGEMOUNTPATH/asamblea/README.txt"
    ;;
esac
