# The Debian package: firmware/ci/build-deb.sh builds the amd64 .deb of
# the kiosk in its own Release build tree (prefix /usr) and
# tests/packaging/check-deb.sh checks its files, modes, Depends (against
# the binary's NEEDED libraries), maintainer scripts and `asamblea --help`.
# Skipped (77) without dpkg-deb.  The arm64 package is built and checked by
# firmware/ci/cross-arm64.sh, which is too slow for ctest.
if(ASAMBLEA_GUI AND NOT CMAKE_CROSSCOMPILING)
  add_test(NAME packaging_deb
           COMMAND ${CMAKE_SOURCE_DIR}/firmware/ci/build-deb.sh
                   ${CMAKE_BINARY_DIR}/packaging-deb)
  set_tests_properties(packaging_deb PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 1200)
endif()
