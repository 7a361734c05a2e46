#!/bin/sh
# preimage.sh ROOTFS GENIMAGE_DIR: write genimage.cfg for the appliance's
# card from genimage.cfg.in (rpi-image-gen runs it before genimage).
set -eu

genimg_in=$2
here=$(dirname "$(readlink -f "$0")")/..

sed -e "s|<IMAGE_NAME>|${IGconf_image_name:?}|g" \
    -e "s|<IMAGE_SUFFIX>|${IGconf_image_suffix:?}|g" \
    -e "s|<BOOT_SIZE>|${IGconf_image_boot_part_size:?}|g" \
    -e "s|<ROOT_SIZE>|${IGconf_image_root_part_size:?}|g" \
    -e "s|<DATA_SIZE>|${IGconf_image_data_part_size:?}|g" \
    -e "s|<SETUP>|'$(readlink -f "$here/setup.sh")'|g" \
    "$here/genimage.cfg.in" > "$genimg_in/genimage.cfg"
