/* test_report_bundle.h: a real export bundle for the minutes' tests: a
 * bilingual meeting (English, Spanish) with a proposal of every method but
 * condorcet (yes-no-abstain, consensus, approval, ranked choice with two
 * rounds, stv with several, recall) and one never voted on; 30 of 40
 * present; ballots cast through the SQLite store, closed and exported
 * with export_write. */
#ifndef AS_TEST_REPORT_BUNDLE_H
#define AS_TEST_REPORT_BUNDLE_H

/* The meeting file. */
extern const char trb_yaml[];

/* trb_make: makes the store under dir/data and exports it under
 * dir/usb; returns the bundle's malloc'd path, or NULL (a CHECK failed). */
char *trb_make(const char *dir);

#endif
