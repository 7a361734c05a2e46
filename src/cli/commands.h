/* commands.h: the subcommands of the asamblea program.  Each takes the
 * arguments after its own name (argv[0] is the subcommand) and returns the
 * process exit status: 0 success, 1 a check or verification failed, 2 bad
 * input or usage (with a one-line message on stderr naming the file, line
 * and what to do). */
#ifndef AS_COMMANDS_H
#define AS_COMMANDS_H

int cmd_check(int argc, char **argv);  /* asamblea check MEETING.yaml */
int cmd_roster(int argc, char **argv); /* asamblea roster issue ROSTER.csv */
int cmd_export(int argc, char **argv); /* asamblea export --data DIR --out DIR */
int cmd_kiosk(int argc, char **argv);  /* asamblea kiosk --meeting F --data D */
int cmd_demo(int argc, char **argv);   /* asamblea demo [--tokens] [...] */
int cmd_verify(int argc, char **argv); /* asamblea verify BUNDLE [...] */
int cmd_badges(int argc, char **argv); /* asamblea badges ROSTER -o PDF [...] */
int cmd_cards(int argc, char **argv);  /* asamblea cards N -o PDF --meeting F --data D */
int cmd_attendance(int argc, char **argv); /* asamblea attendance --data D [--names] */
int cmd_scan_image(int argc, char **argv); /* asamblea scan-image FILE.png... */
int cmd_tally(int argc, char **argv); /* asamblea tally FILE [options] */
int cmd_report(int argc, char **argv); /* asamblea report BUNDLE -o PDF */
int cmd_hub(int argc, char **argv);    /* asamblea hub init|start|stop|add-kiosk */

#endif
