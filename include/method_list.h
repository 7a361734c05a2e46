/* method_list.h: THE REGISTRY of voting methods, one line each.  Adding a
 * method is one line here and one file src/count/method_<name>.c that
 * defines `const method_def method_<name>` (include/method.h).
 *
 * METHOD_ENTRY(ENUM, name): ENUM gives vote_method's METHOD_<ENUM>
 * (meeting.h), name the method_def's symbol.  The order is the enum's
 * and the order messages list the methods in; append new methods at the
 * end.  Included several times on purpose: no include guard. */
METHOD_ENTRY(YES_NO_ABSTAIN, yes_no_abstain)
METHOD_ENTRY(CONSENSUS, consensus)
METHOD_ENTRY(APPROVAL, approval)
METHOD_ENTRY(IRV, ranked_choice)
METHOD_ENTRY(STV, stv)
METHOD_ENTRY(RECALL, recall)
METHOD_ENTRY(CONDORCET, condorcet)
