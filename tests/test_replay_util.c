/* test_replay_util.c: see test_replay_util.h. */
#include "test_replay_util.h"
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define REPLAY AS_TEST_DATA "/../replay"

int rp_run(char *const argv[])
{
    pid_t pid = fork();
    int status;
    if (pid == 0) {
        execv(AS_BINARY, argv);
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        return -1;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

int rp_replay(const rp_kiosk *k, const char *script)
{
    char path[512];
    char *argv[24];
    int n = 0;
    snprintf(path, sizeof path, "%s/%s.replay", REPLAY, script);
    argv[n++] = "asamblea";
    argv[n++] = "kiosk";
    argv[n++] = "--meeting";
    argv[n++] = (char *)k->meeting;
    argv[n++] = "--data";
    argv[n++] = (char *)k->data;
    if (k->mode) {
        argv[n++] = "--mode";
        argv[n++] = (char *)k->mode;
    }
    if (k->hub) {
        argv[n++] = "--hub";
        argv[n++] = (char *)k->hub;
    }
    argv[n++] = "--window";
    argv[n++] = "800x480";
    argv[n++] = "--dpi";
    argv[n++] = "133";
    argv[n++] = "--replay";
    argv[n++] = path;
    argv[n++] = "--shots";
    argv[n++] = (char *)k->shots;
    if (k->export_dir) {
        argv[n++] = "--export-dir";
        argv[n++] = (char *)k->export_dir;
    }
    argv[n] = NULL;
    return rp_run(argv);
}

size_t rp_replay_steps(const rp_kiosk *k, const rp_step *steps, size_t n,
                       int *rc)
{
    for (size_t i = 0; i < n; i++) {
        *rc = rp_replay(k, steps[i].script);
        if (*rc != steps[i].rc)
            return i;
    }
    return n;
}

void rp_export_dir(const char *out, char *buf, size_t size)
{
    DIR *d = opendir(out);
    struct dirent *e;
    buf[0] = '\0';
    while (d && (e = readdir(d)))
        if (!strncmp(e->d_name, "asamblea-", 9))
            snprintf(buf, size, "%s/%s", out, e->d_name);
    if (d)
        closedir(d);
}

void rp_rm_rf(const char *dir)
{
    char *argv[] = {"/bin/rm", "-rf", (char *)dir, NULL};
    pid_t pid = fork();
    if (pid == 0) {
        execv(argv[0], argv);
        _exit(127);
    }
    if (pid > 0)
        waitpid(pid, NULL, 0);
}
