# The one accent folding (include/text_fold.h) against Unicode's
# decompositions, and its users (desk search, badge file names).
as_test(test_text_fold SOURCES test_text_fold.c LIBS as_print as_core)
