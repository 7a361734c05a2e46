# `method: condorcet` (the Schulze method): published worked examples,
# the Burlington 2009 ballots read in place, the draw, the meeting file.
as_test(test_condorcet SOURCES test_condorcet.c LIBS as_core)

# End to end: a condorcet proposal voted through the session, closed,
# exported and verified (and a changed pairwise count caught).
as_test(test_condorcet_flow SOURCES test_condorcet_flow.c
        LIBS as_verify as_export as_core as_store as_record)
