/* main.c: dispatches `asamblea COMMAND ...` to the subcommands. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "commands.h"

static void usage(FILE *f)
{
    fputs("usage: asamblea COMMAND [options]\n"
          "  check MEETING.yaml             validate a meeting file and its roster\n"
          "  roster issue ROSTER.csv        give every roster row without a token one\n"
          "  roster import LIST.csv -o ROSTER.csv   make a roster from a membership list\n"
          "  kiosk --meeting F --data DIR   run the voting kiosk\n"
          "  demo [--tokens] [--data DIR]   run the kiosk on a built-in demo meeting\n"
          "  export --data DIR --out DIR    write the results and ballots to a folder\n"
          "  verify BUNDLE [--root P=CODE] [--key FPR] [--previous OLD]\n"
          "                                 check an export bundle (exit 0 only if all pass)\n"
          "  badges ROSTER.csv -o F.pdf     print badges (--paper, --title, --png DIR)\n"
          "  cards N -o F.pdf --meeting F --data DIR   print anonymous voting cards\n"
          "  attendance --data DIR [--names]   checked in, roster size and quorum\n"
          "  scan-image FILE.png...         say whether an image holds a badge's QR code\n"
          "  report BUNDLE -o F.pdf [--lang CODE]   the meeting's minutes as a PDF\n"
          "  tally FILE|BUNDLE [options]    count ballots round by round (.blt .toi .csv)\n"
          "  hub init|start|stop|add-kiosk  the hub of a meeting served by several kiosks\n"
          "Run `asamblea COMMAND --help` for a command's options.\n",
          f);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {
        {"check", cmd_check},   {"roster", cmd_roster}, {"kiosk", cmd_kiosk},
        {"demo", cmd_demo},     {"export", cmd_export}, {"verify", cmd_verify},
        {"badges", cmd_badges}, {"cards", cmd_cards},
        {"attendance", cmd_attendance},
        {"scan-image", cmd_scan_image}, {"tally", cmd_tally},
        {"report", cmd_report}, {"hub", cmd_hub},
    };

    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return 0;
    }
    if (sodium_init() < 0) {
        fputs("asamblea: libsodium failed to initialise; reinstall libsodium23\n",
              stderr);
        return 2;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (!strcmp(argv[1], cmds[i].name))
            return cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "asamblea: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
