# CMake toolchain file: cross-compile asamblea for 64-bit Raspberry Pi OS /
# Debian arm64 with Debian's cross compiler (crossbuild-essential-arm64)
# and Debian's multiarch libraries (the :arm64 -dev packages, installed
# after `dpkg --add-architecture arm64`; see firmware/ci/cross-arm64.sh).
# Tests and other target programs run through qemu-aarch64.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Multiarch: the target's headers and libraries live in the build
# machine's own /usr (/usr/lib/aarch64-linux-gnu), which Debian's cross gcc
# already searches; programs (msgfmt, ...) are the build machine's.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# pkg-config reads only the arm64 .pc files (PKG_CONFIG_PATH, searched
# first, may add more: cross-arm64.sh adds an unpacked libzbar-dev:arm64).
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# Run target programs (ctest, try_run) under user-mode qemu.  The arm64
# dynamic loader and libraries are in / thanks to multiarch, so qemu needs
# no -L.
find_program(AS_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(AS_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${AS_QEMU_AARCH64})
endif()
