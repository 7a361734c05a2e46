# `method: condorcet` (the Schulze method): published worked examples,
# the Burlington 2009 ballots read in place, the draw, the meeting file.
as_test(test_condorcet SOURCES test_condorcet.c LIBS as_core)
