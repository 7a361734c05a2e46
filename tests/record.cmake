# Record (canonical bytes of the verifiable record): known-answer vectors.
as_test(test_record SOURCES test_record.c LIBS as_record)
