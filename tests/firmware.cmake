# The appliance's firmware/ files, checked without a Raspberry Pi (scripts
# in tests/firmware; each prints how long it took; exit 77 = skipped, with
# a SKIP line saying what is missing).
#   firmware_shellcheck  shellcheck + sh -n on every shell script of the repo
#   firmware_boot        config.txt / cmdline.txt fragments and their merge
#   firmware_static      the unit's required directives; its command line, with
#                        its defaults, run through the built program
#                        (offscreen, empty replay); udev rule syntax; the
#                        rpi-image-gen recipe's consistency
#   firmware_units       systemd-analyze verify / security, sysusers and
#                        tmpfiles against an arm64 root staged from Debian's
#                        archive (+ the arm64 .deb when one has been built)
set(AS_FW_TESTS ${CMAKE_CURRENT_SOURCE_DIR}/firmware)
add_test(NAME firmware_shellcheck
         COMMAND ${AS_FW_TESTS}/check-shell.sh ${CMAKE_SOURCE_DIR})
add_test(NAME firmware_boot
         COMMAND ${AS_FW_TESTS}/check-boot.sh ${CMAKE_SOURCE_DIR})
if(TARGET asamblea)
  add_test(NAME firmware_static
           COMMAND ${AS_FW_TESTS}/check-static.sh ${CMAKE_SOURCE_DIR} $<TARGET_FILE:asamblea>)
else()
  add_test(NAME firmware_static
           COMMAND ${AS_FW_TESTS}/check-static.sh ${CMAKE_SOURCE_DIR})
endif()
add_test(NAME firmware_units
         COMMAND ${AS_FW_TESTS}/check-units.sh ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR})
set_tests_properties(firmware_shellcheck firmware_boot firmware_static firmware_units
                     PROPERTIES SKIP_RETURN_CODE 77 LABELS firmware)
# Staging downloads arm64 packages from the Debian archive (cached in the
# build directory for a day).
set_tests_properties(firmware_units PROPERTIES TIMEOUT 900)
