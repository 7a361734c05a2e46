# The bundle verifier (`asamblea verify`): tamper tests on bundles made by
# hand and by the export, the standard-tools path, the command line.
as_test(test_verify_tamper SOURCES test_verify_tamper.c test_verify_util.c
        LIBS as_verify as_export as_core as_record)
