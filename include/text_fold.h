/* text_fold.h: the one accent folding of the program, for matching and
 * sorting people's names and making file names from them.  Plain C, core.
 *
 * Covers ASCII and the Latin-1 Supplement and Latin Extended-A letters
 * (U+00C0..U+017F): the names of the assemblies this is for.  Other
 * scripts are left to the caller (they cannot be typed on the desk's A-Z
 * keyboard, and a file name drops them). */
#ifndef AS_TEXT_FOLD_H
#define AS_TEXT_FOLD_H

/* text_fold_next: reads the UTF-8 character at *p (which must not be at
 * the terminating NUL), moves *p past it and returns:
 *   - its base letter in lower case ('a'..'z') for a letter of ASCII,
 *     the Latin-1 Supplement or Latin Extended-A ("É" and "é" give 'e',
 *     "Ł" gives 'l', "ß" 's', "Æ" 'a', "Þ" 't'), or the digit itself;
 *   - 0 for any other character of those blocks (space, punctuation, the
 *     multiplication and division signs);
 *   - -1 for a character of any other block, or a byte that does not
 *     start a well-formed sequence (*p then moves past one whole
 *     sequence, or one stray byte).
 * Never fails; never reads past the sequence's NUL. */
int text_fold_next(const unsigned char **p);

#endif
