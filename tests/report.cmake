# The minutes (`asamblea report`): a real export bundle (bilingual, every
# method but condorcet, rounds), made into a PDF by the real program and
# read back by poppler (pdftoppm, pdftotext) and zbarimg; deterministic
# bytes; a tampered bundle and bad arguments refused.
as_test(test_report SOURCES test_report.c test_report_bundle.c
        LIBS as_export as_store as_core as_record PkgConfig::CAIRO)
add_dependencies(test_report asamblea)
set_tests_properties(test_report PROPERTIES TIMEOUT 600)
