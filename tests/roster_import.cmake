# Importing membership lists (src/meeting/roster_import.c, `asamblea roster
# import`) and `asamblea attendance` (src/cli/cmd_attendance.c).
as_test(test_roster_import SOURCES test_roster_import.c LIBS as_core)
add_dependencies(test_roster_import asamblea)
as_test(test_attendance SOURCES test_attendance.c LIBS as_export as_core as_store)
add_dependencies(test_attendance asamblea)
