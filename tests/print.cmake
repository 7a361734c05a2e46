# Printed credentials: badge sheets and voting-card decks, decoded by an
# independent decoder (pdftoppm + zbarimg; skipped visibly when missing).
as_test(test_print SOURCES test_print.c test_print_util.c LIBS as_print as_core)
add_dependencies(test_print asamblea)
set_tests_properties(test_print PROPERTIES TIMEOUT 600)
as_test(test_print_cards SOURCES test_print_cards.c test_print_util.c
        LIBS as_print as_core as_store)
add_dependencies(test_print_cards asamblea)
set_tests_properties(test_print_cards PROPERTIES TIMEOUT 300)
