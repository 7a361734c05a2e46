# The Debian package: firmware/ci/build-deb.sh builds the amd64 .deb of
# the kiosk in its own Release build tree (prefix /usr) and
# tests/packaging/check-deb.sh checks its files, modes, Depends (against
# the binary's NEEDED libraries), maintainer scripts and `asamblea --help`.
# Skipped (77) without dpkg-deb.
#
# appliance_arm64: the Raspberry Pi build.  firmware/ci/cross-arm64.sh
# --no-install cross-compiles the command-line build and its tests for
# arm64, runs them under qemu-aarch64, builds and checks the arm64 kiosk
# .deb, and verifies the units against an arm64 root staged with it.
# Skipped (77, with a SKIP line) until the cross compiler and qemu are
# installed: `firmware/ci/cross-arm64.sh --install-only` as root, which
# .ci/run does before the README's test command.  Several minutes.
if(ASAMBLEA_GUI AND NOT CMAKE_CROSSCOMPILING)
  add_test(NAME packaging_deb
           COMMAND ${CMAKE_SOURCE_DIR}/firmware/ci/build-deb.sh
                   ${CMAKE_BINARY_DIR}/packaging-deb)
  set_tests_properties(packaging_deb PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 1200)
  add_test(NAME appliance_arm64
           COMMAND ${CMAKE_SOURCE_DIR}/firmware/ci/cross-arm64.sh --no-install
                   ${CMAKE_BINARY_DIR}/arm64)
  set_tests_properties(appliance_arm64 PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 3600
                       LABELS appliance)
endif()
