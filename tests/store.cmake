# Store tests: real SQLite files under fresh /tmp directories.
as_test(test_store SOURCES test_store.c LIBS as_store)
as_test(test_store_damage SOURCES test_store_damage.c LIBS as_store)
as_test(test_store_crash SOURCES test_store_crash.c LIBS as_store)
as_test(test_store_vfs SOURCES test_store_vfs.c LIBS as_store)
as_test(test_store_events SOURCES test_store_events.c LIBS as_store)
as_test(test_store_text SOURCES test_store_text.c LIBS as_store)
