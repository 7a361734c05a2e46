# The bundle verifier (`asamblea verify`): tamper tests on bundles made by
# hand and by the export, the standard-tools path, the command line.
as_test(test_verify_tamper SOURCES test_verify_tamper.c test_verify_util.c
        LIBS as_verify as_export as_core as_record)

as_test(test_verify_tools SOURCES test_verify_tools.c test_verify_util.c
        LIBS as_verify as_export as_core as_record)

as_test(test_verify_export SOURCES test_verify_export.c test_verify_util.c
        LIBS as_verify as_export as_core as_store as_record)
add_dependencies(test_verify_export asamblea)

# Every voting method exported and verified; tampered ranked and approval
# ballots caught after resealing.
as_test(test_verify_methods SOURCES test_verify_methods.c test_verify_util.c
        LIBS as_verify as_export as_core as_store as_record)

# Link level: the verifier shares only as_record and as_core with the
# kiosk.  Its archive has no undefined export_ symbol, as_verify does not
# link as_export, and no file of src/verify includes an export header.
add_test(NAME verify_no_export
         COMMAND sh ${CMAKE_SOURCE_DIR}/tests/tools/verify_no_export.sh ${CMAKE_NM}
                 $<TARGET_FILE:as_verify> "$<TARGET_PROPERTY:as_verify,LINK_LIBRARIES>"
                 ${CMAKE_SOURCE_DIR}/src/verify)

# Several kiosks (docs/export-format.md §9): each kiosk's signed list in
# the bundle, checked by kiosk-lists; hand-made tampering, export_write on
# a store that hands out kiosk lists, the command's exit status.
as_test(test_verify_kiosks SOURCES test_verify_kiosks.c test_verify_util.c
        LIBS as_verify as_export as_core as_store as_record)
add_dependencies(test_verify_kiosks asamblea)

# The same on a real PostgreSQL hub (hub_util.c's throwaway cluster):
# three kiosks, votes at two, export_write at either kiosk verifies.
as_test(test_hub_export SOURCES test_hub_export.c hub_util.c test_verify_util.c
        LIBS as_hub as_verify as_export as_core as_store as_record)
set_tests_properties(test_hub_export PROPERTIES LABELS hub TIMEOUT 300)
