# Tally (core) and export (module and `asamblea export`) tests.
as_test(test_tally SOURCES test_tally.c LIBS as_core)
as_test(test_export SOURCES test_export.c LIBS as_export as_core as_store)
# Canonical ballot texts of every method (core).
as_test(test_ballot SOURCES test_ballot.c LIBS as_core)
as_test(test_tally_methods SOURCES test_tally_methods.c LIBS as_core)
